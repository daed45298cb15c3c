import Foundation
import Models
import Tabular

/// Files under Tests/ModelsTests/Fixtures and notebooks-data, found from this source file.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// notebooks-data/purchase_intent.csv: the CDNOW calibration summary with
  /// the label "bought again in the 39-week holdout".
  static func purchaseIntent() throws -> Table {
    try CSVReader.read(repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path)
  }

  /// One case of logistic_reference.json, written by make_logistic_fixtures.py
  /// (statsmodels 0.15.0 and scikit-learn 1.9.1; see that script).
  struct Case: Decodable {
    var name: String
    var C: Double?
    var intercept: Double
    var coefficients: [Double]
    var standardErrors: [Double]?
    var z: [Double]?
    var pValues: [Double]?
    var ci95Lower: [Double]?
    var ci95Upper: [Double]?
    var covariance: [Double]?
    var logLikelihood: Double?
    var llnull: Double?
    var pseudoR2: Double?
    var aic: Double?
    var bic: Double?
    var objective: Double?
    var center: [Double]?
    var scale: [Double]?
  }

  /// clv_reference.json's parameters, written by make_clv_fixtures.py (lifetimes 0.11.3).
  static func lifetimesParameters(_ model: String) throws -> [String: Double] {
    let data = try Data(contentsOf: directory.appendingPathComponent("clv_reference.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    guard let params = (root?[model] as? [String: Any])?["params"] as? [String: Double] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return params
  }

  /// A BG/NBD model at lifetimes' fitted parameters (no fit report).
  static func lifetimesBetaGeo() throws -> BetaGeoModel {
    let p = try lifetimesParameters("bgnbd")
    return BetaGeoModel(
      r: p["r"]!, alpha: p["alpha"]!, a: p["a"]!, b: p["b"]!, covariance: nil, configuration: BetaGeo(),
      report: BetaGeoFitReport(
        optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
        rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0))
  }

  static func reference(_ name: String) throws -> Case {
    struct File: Decodable { var cases: [Case] }
    let data = try Data(contentsOf: directory.appendingPathComponent("logistic_reference.json"))
    let file = try JSONDecoder().decode(File.self, from: data)
    guard let found = file.cases.first(where: { $0.name == name }) else { throw CocoaError(.fileReadCorruptFile) }
    return found
  }
}
