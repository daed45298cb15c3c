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

  /// chart_reference.json, written by make_chart_fixtures.py (lifetimes
  /// 0.11.3 and scipy quadrature; see that script): one entry per model.
  struct ChartReference: Decodable {
    struct Model: Decodable {
      struct Period: Decodable { var actual, expected: [Double] }
      struct Grid: Decodable {
        var maxFrequency, maxRecency: Int
        var horizon: Double
        var expectedPurchases, probabilityAlive: [[Double]]
      }
      struct Cumulative: Decodable { var actual, expected: [Double] }
      var params: [String: Double]
      /// P(X(t) = k) for t in `times`, k = 0…12.
      var probabilities: [[Double]]
      var periodTransactions: Period
      var grid: Grid
      /// lifetimes' expected_cumulative_transactions, freq "D", freq_multiplier 7, t = 546.
      var cumulative: Cumulative
      /// The same definition with periods of 365.25/12 days, computed in the script.
      var ownMonthly: Cumulative
    }
    var times: [Double]
    var maxFrequency: Int
    var bgnbd, mbgnbd, pnbd: Model

    static func load() throws -> ChartReference {
      try JSONDecoder().decode(
        ChartReference.self, from: try Data(contentsOf: directory.appendingPathComponent("chart_reference.json")))
    }
  }

  /// A fit report for models built from given parameters.
  static let noReport = BetaGeoFitReport(
    optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
    rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0)

  /// The three purchase models at the parameters lifetimes fitted in chart_reference.json.
  static func chartModels(_ reference: ChartReference) -> [(name: String, model: any PurchaseModel, expected: ChartReference.Model)] {
    let bg = reference.bgnbd.params, mbg = reference.mbgnbd.params, pnbd = reference.pnbd.params
    return [
      ("bgnbd", BetaGeoModel(r: bg["r"]!, alpha: bg["alpha"]!, a: bg["a"]!, b: bg["b"]!, covariance: nil,
                             configuration: BetaGeo(), report: noReport), reference.bgnbd),
      ("mbgnbd", ModifiedBetaGeoModel(r: mbg["r"]!, alpha: mbg["alpha"]!, a: mbg["a"]!, b: mbg["b"]!, covariance: nil,
                                      configuration: ModifiedBetaGeo(), report: noReport), reference.mbgnbd),
      ("pnbd", ParetoNBDModel(r: pnbd["r"]!, alpha: pnbd["alpha"]!, s: pnbd["s"]!, beta: pnbd["beta"]!, covariance: nil,
                              configuration: ParetoNBD(), report: noReport), reference.pnbd),
    ]
  }

  /// notebooks-data/summary.csv, the CDNOW calibration summary (weeks).
  static func cdnowSummary() throws -> BetaGeo.Training {
    try BetaGeo.Training(table: try CSVReader.read(repository.appendingPathComponent("notebooks-data/summary.csv").path))
  }

  /// notebooks-data/transactions.csv read as `cvw summarize` reads it.
  static func cdnowTransactions() throws -> (customers: KeyColumn, days: [Int32]) {
    let path = repository.appendingPathComponent("notebooks-data/transactions.csv").path
    let table = try CSVReader.read(path, requests: [.key("customer_id"), .date("date")])
    return (try table.keys("customer_id"), try table.days("date"))
  }

  static func reference(_ name: String) throws -> Case {
    struct File: Decodable { var cases: [Case] }
    let data = try Data(contentsOf: directory.appendingPathComponent("logistic_reference.json"))
    let file = try JSONDecoder().decode(File.self, from: data)
    guard let found = file.cases.first(where: { $0.name == name }) else { throw CocoaError(.fileReadCorruptFile) }
    return found
  }
}
