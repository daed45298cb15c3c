import ArgumentParser
import Models
import Tabular

/// How customers are valued (`CustomerLifetimeValue`): the horizon and its
/// period, the summaries' time unit, discounting and margin. One group for
/// every command that values customers — `cvw clv`, `cvw segment rfm|abc`,
/// `cvw kpi`, `cvw report`, `cvw plot` — so that the names, help, defaults
/// and values are the same everywhere; the model files stay with each
/// command (`LifetimeValueOptions`, `ReportOptions`).
struct ValuationOptions: ParsableArguments {
  @Option(help: "H: the number of periods of --unit to value customers over (required with --spend).")
  var horizon: Int?

  @Option(help: "The period of --horizon and --discount: day, week, month, quarter or year.")
  var unit: Period = .month

  @Option(help: """
    The time unit of the summaries and purchase models, as written by cvw summarize --unit (summaries in another \
    unit: give --units-per-period).
    """)
  var timeUnit: TimeUnit = .week

  @Option(help: "Time units per period, overriding --unit/--time-unit (lifetimes uses 4.345 weeks a month).")
  var unitsPerPeriod: Double?

  @Option(help: "Discount rate per period (0.01 = 1% a month).")
  var discount: Double = 0

  @Flag(help: "Discount continuously, e^(−rate·periods), instead of at the end of each period.")
  var continuous = false

  @Option(help: "Profit margin: the share of spend counted as value, > 0.")
  var margin: Double = 1

  /// A calendar period, in days (month = 365.25/12, year = 365.25).
  enum Period: String, ExpressibleByArgument, CaseIterable {
    case day, week, month, quarter, year
    var days: Double {
      switch self {
      case .day: 1
      case .week: 7
      case .month: 365.25 / 12
      case .quarter: 365.25 / 4
      case .year: 365.25
      }
    }
  }

  func validate() throws {
    if let horizon, horizon < 1 { throw ValidationError("--horizon must be at least 1 period") }
    guard discount >= 0, discount.isFinite else { throw ValidationError("--discount must be ≥ 0") }
    // A margin ≤ 0 would make every value ≤ 0, which segments and reports would otherwise blame on a data line.
    guard margin.isFinite, margin > 0 else {
      throw ValidationError("--margin must be a share of spend > 0 (e.g. 0.3 for 30%), got \(formatDouble(margin))")
    }
    if let u = unitsPerPeriod, !(u > 0 && u.isFinite) { throw ValidationError("--units-per-period must be positive") }
  }

  /// The valuation these settings define: H = --horizon periods of
  /// u = --units-per-period (default --unit / --time-unit in days) time
  /// units each; nil without --horizon.
  var lifetimeValue: CustomerLifetimeValue? {
    horizon.map { horizon in
      CustomerLifetimeValue(
        periods: horizon, unitsPerPeriod: unitsPerPeriod ?? unit.days / timeUnit.days,
        discounting: continuous ? .continuous(rate: discount) : .discrete(rate: discount), margin: margin)
    }
  }
}
