import ArgumentParser
import Models
import ModelStore
import Tabular

/// The models and valuation settings of a customer lifetime value
/// (`CustomerLifetimeValue`): `cvw clv` requires them, `cvw segment` takes
/// them as an alternative to a file of values.
struct LifetimeValueOptions: ParsableArguments {
  @Option(help: "A bg-nbd model file (cvw fit bg-nbd).")
  var purchases: String?

  @Option(help: "A gamma-gamma model file (cvw fit gamma-gamma).")
  var spend: String?

  @Option(help: "H: the number of periods.")
  var horizon: Int?

  @Option(help: "The period of --horizon and --discount: day, week, month, quarter or year.")
  var unit: CLV.Period = .month

  @Option(help: "The time unit of the summaries (as written by cvw summarize --unit).")
  var timeUnit: CLV.Period = .week

  @Option(help: "Time units per period, overriding --unit/--time-unit (lifetimes uses 4.345 weeks a month).")
  var unitsPerPeriod: Double?

  @Option(help: "Discount rate per period (0.01 = 1% a month).")
  var discount: Double = 0

  @Flag(help: "Discount continuously, e^(−rate·periods), instead of at the end of each period.")
  var continuous = false

  @Option(help: "Profit margin: the share of spend counted as value.")
  var margin: Double = 1

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
    if let horizon, horizon < 1 { throw ValidationError("--horizon must be at least 1 period") }
    guard discount >= 0, discount.isFinite else { throw ValidationError("--discount must be ≥ 0") }
    guard margin.isFinite else { throw ValidationError("--margin must be a number") }
    if let u = unitsPerPeriod, !(u > 0 && u.isFinite) { throw ValidationError("--units-per-period must be positive") }
    if isGiven {
      guard purchases != nil, spend != nil, horizon != nil else {
        throw ValidationError("a lifetime value needs --purchases, --spend and --horizon together")
      }
    }
  }

  /// Loads the models (nil when none was named).
  func load() throws -> Models? {
    guard let purchases, let spend, let horizon else { return nil }
    guard case .betaGeo(let purchaseModel) = try ModelFile.load(purchases).model else {
      throw ValidationError("--purchases needs a bg-nbd model file")
    }
    guard case .gammaGamma(let spendModel) = try ModelFile.load(spend).model else {
      throw ValidationError("--spend needs a gamma-gamma model file")
    }
    let valuation = CustomerLifetimeValue(
      periods: horizon, unitsPerPeriod: unitsPerPeriod ?? unit.days / timeUnit.days,
      discounting: continuous ? .continuous(rate: discount) : .discrete(rate: discount), margin: margin)
    return Models(valuation: valuation, purchases: purchaseModel, spend: spendModel)
  }
}
