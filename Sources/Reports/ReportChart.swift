/// The charts `cvw report` draws and `cvw plot` writes one at a time, by name.
public enum ReportChart: String, CaseIterable, Sendable {
  // Logistic models.
  case roc
  case pr
  case calibration
  case gains
  case lift
  case coefficients
  case scoreHistogram = "score-histogram"
  // BG/NBD, MBG/NBD, Pareto/NBD.
  case periodTransactions = "period-transactions"
  case holdout
  case frequencyRecency = "frequency-recency"
  case alive
  case cumulativeTransactions = "cumulative-transactions"
  // Customer lifetime value (a spend model or a CLV column).
  case clvDistribution = "clv-distribution"
  case pareto

  /// The charts of a logistic model.
  public static let logistic: [ReportChart] = [.roc, .pr, .calibration, .gains, .lift, .coefficients, .scoreHistogram]
  /// The charts of a purchase model (some need extra inputs: `holdout` the
  /// summary's holdout columns, `cumulative-transactions` the transaction log).
  public static let purchase: [ReportChart] = [.periodTransactions, .holdout, .frequencyRecency, .alive, .cumulativeTransactions]
  /// The charts of customer values (CLV).
  public static let value: [ReportChart] = [.clvDistribution, .pareto]
}

/// A chart asked for that the inputs cannot give (`cvw plot holdout` on a
/// summary without holdout columns): says what is missing.
public struct ChartUnavailable: Error, Sendable, CustomStringConvertible {
  /// The chart asked for.
  public var chart: ReportChart
  /// What it needs.
  public var reason: String

  /// The chart and what it needs.
  public init(_ chart: ReportChart, _ reason: String) {
    self.chart = chart
    self.reason = reason
  }

  public var description: String { "chart '\(chart.rawValue)' \(reason)" }
}
