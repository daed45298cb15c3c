import Foundation
import Tabular

/// Recency, frequency and monetary scores 1–5 (quintiles, `QuantileScore`)
/// of customer summaries in the lifetimes layout that `cvw summarize` writes.
///
/// - R from the time since the last purchase, T − recency (recency is the age
///   at the last purchase, T the age at the end of the period, so a customer
///   without repeat purchases last bought at her first purchase, T ago):
///   more recent scores higher. R is the quantile score of −(T − recency).
/// - F from the number of repeat purchases x, higher scores higher, ranked
///   among the customers with x > 0; x = 0 scores F = 1.
/// - M from the mean spend per repeat purchase (`monetary_value`), higher
///   scores higher, ranked among the customers with x > 0; x = 0 (no repeat
///   purchase, so no spend to average: the summary writes 0) scores M = 1.
///   The mean, not the total F × M, so that M measures the spend level apart
///   from frequency (as PyMC-Marketing's `rfm_segments`); R's `rfm` scores
///   total revenue.
///
/// Ranking F and M among repeat buyers only keeps the scale for the
/// customers it can tell apart: on CDNOW 60% have no repeat purchase, and
/// ranked with them the 946 repeat buyers would share M = 4 or 5 only.
/// Every tie group shares one score, placed by the middle of the group;
/// see `QuantileScore` for the rule, the top and bottom tie groups and
/// constant columns.
public struct RFMScores: Sendable {
  /// T − recency per customer, in the summary's time unit, rounded to 10⁻⁹
  /// (`roundedToNanoUnits`): two customers whose last purchase fell on the
  /// same day differ here by a rounding error of the subtraction (~10⁻¹⁴)
  /// when their first purchases differ, and must still tie.
  public let timeSinceLastPurchase: [Double]
  /// Scores of −(T − recency): the breakpoints are negated times.
  public let recency: QuantileScore
  /// Scores of the repeat purchases (ranked among x > 0; x = 0 scores 1).
  public let frequency: QuantileScore
  /// Scores of the mean spend per repeat purchase (ranked among x > 0).
  public let monetary: QuantileScore

  /// The number of customers.
  public var count: Int { recency.scores.count }

  /// Scores from columns of summaries.
  ///
  /// - Precondition: equal lengths; frequency ≥ 0, monetary ≥ 0,
  ///   0 ≤ recency ≤ T (checked with messages by `init(table:…)`).
  public init(frequency: [Double], recency: [Double], age: [Double], monetaryValue: [Double]) {
    precondition(frequency.count == recency.count && recency.count == age.count && age.count == monetaryValue.count,
                 "one value per customer in every column")
    let since = zip(age, recency).map { T, t in Self.roundedToNanoUnits(T - t) }
    timeSinceLastPurchase = since
    self.recency = QuantileScore(since.map { -$0 })
    let repeatBuyers = frequency.map { $0 > 0 }
    self.frequency = QuantileScore(frequency, scoring: repeatBuyers)
    self.monetary = QuantileScore(monetaryValue, scoring: repeatBuyers)
  }

  /// `d` rounded to a multiple of 10⁻⁹ where that changes anything: |d| · 10⁹
  /// below 2⁵³, the doubles that still hold fractions. Larger values are
  /// integers once scaled, so they are kept as they are, which also keeps
  /// them finite (d · 10⁹ overflows to ∞ for |d| > 1.8·10²⁹⁹) and ordered.
  static func roundedToNanoUnits(_ d: Double) -> Double {
    let scaled = d * 1e9
    return abs(scaled) < 0x1p53 ? scaled.rounded() / 1e9 : d
  }

  /// Scores from a table of summaries, every row checked.
  ///
  /// - Throws: `DataError` naming file, line and column: a missing column, a
  ///   missing or non-numeric cell, a negative frequency or monetary value,
  ///   a negative recency or one above T.
  public init(table: Table, frequency: String = "frequency", recency: String = "recency", age: String = "T",
              monetaryValue: String = "monetary_value") throws(DataError) {
    let x = try table.numeric(frequency), t = try table.numeric(recency), T = try table.numeric(age)
    let m = try table.numeric(monetaryValue)
    func fault(_ row: Int, _ column: String, _ message: String) -> DataError {
      DataError(file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
                columnName: column, message: message)
    }
    for i in 0..<table.rowCount where !(x[i] >= 0 && m[i] >= 0 && t[i] >= 0 && t[i] <= T[i]) {
      if x[i] < 0 { throw fault(i, frequency, "expected a number of repeat purchases ≥ 0, found \(formatDouble(x[i]))") }
      if m[i] < 0 { throw fault(i, monetaryValue, "expected a mean spend ≥ 0, found \(formatDouble(m[i]))") }
      if t[i] < 0 { throw fault(i, recency, "expected a recency ≥ 0, found \(formatDouble(t[i]))") }
      throw fault(i, recency, "recency \(formatDouble(t[i])) exceeds T = \(formatDouble(T[i])): the last purchase cannot come after the end of the period")
    }
    self.init(frequency: x, recency: t, age: T, monetaryValue: m)
  }

  /// The RFM cell of customer i, e.g. "545".
  public func cell(_ i: Int) -> String {
    "\(recency.scores[i])\(frequency.scores[i])\(monetary.scores[i])"
  }

  /// The segment of customer i (`RFMSegment.rules`).
  public func segment(_ i: Int) -> RFMSegment {
    RFMSegment(recency: Int(recency.scores[i]), frequency: Int(frequency.scores[i]), monetary: Int(monetary.scores[i]))
  }
}
