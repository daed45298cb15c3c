import ArgumentParser
import Models
import ModelStore
import Tabular

/// The models and valuation settings of a customer lifetime value
/// (`CustomerLifetimeValue`): `cvw clv` requires them, `cvw segment` and
/// `cvw kpi` take them as an alternative to a file of values.
struct LifetimeValueOptions: ParsableArguments {
  @Option(help: "A bg-nbd model file (cvw fit bg-nbd).")
  var purchases: String?

  @Option(help: "A gamma-gamma model file (cvw fit gamma-gamma).")
  var spend: String?

  /// --horizon, --unit, --time-unit, --discount and the other valuation settings.
  @OptionGroup var valuation: ValuationOptions

  /// The models, loaded, with the valuation they define.
  struct Models {
    var valuation: CustomerLifetimeValue
    var purchases: BetaGeoModel
    var spend: GammaGammaModel

    /// The summary columns both models read.
    var inputs: [String] {
      var names = purchases.columns.names
      for name in [spend.frequencyColumn, spend.monetaryValueColumn] where !names.contains(name) { names.append(name) }
      return names
    }

    /// Refuses a summary that lacks a column the models read.
    func checkColumns(_ header: [String], source: String) throws {
      let missing = inputs.filter { !header.contains($0) }
      guard missing.isEmpty else {
        throw DataError(file: source, line: 1, message: "lacks the models' input "
          + missing.map { "'\($0)'" }.joined(separator: ", ") + " (the models need \(inputs.joined(separator: ", ")))")
      }
    }
  }

  /// Whether any model was named.
  var isGiven: Bool { purchases != nil || spend != nil }

  func validate() throws {
    if isGiven {
      guard purchases != nil, spend != nil, valuation.horizon != nil else {
        throw ValidationError("a lifetime value needs --purchases, --spend and --horizon together")
      }
    }
  }

  /// Loads the models (nil when none was named).
  func load() throws -> Models? {
    guard let purchases, let spend, let valuation = valuation.lifetimeValue else { return nil }
    guard case .betaGeo(let purchaseModel) = try ModelFile.load(purchases).model else {
      throw ValidationError("--purchases needs a bg-nbd model file")
    }
    return Models(valuation: valuation, purchases: purchaseModel, spend: try Self.spendModel(spend))
  }

  /// The gamma-gamma model of the file `path` (named by --spend).
  /// - Throws: `ModelFileError`; `ValidationError` for another model kind.
  static func spendModel(_ path: String) throws -> GammaGammaModel {
    guard case .gammaGamma(let model) = try ModelFile.load(path).model else {
      throw ValidationError("--spend needs a gamma-gamma model file")
    }
    return model
  }
}
