import Tabular

/// Customers scored (`RFMScores`), placed in segments (`RFMSegment`) and
/// summed per segment (`GroupSummary`), revenue being the repeat-purchase
/// revenue of the summary period:
///
///     revenueᵢ = frequencyᵢ × monetary_valueᵢ
///
/// (the summary's monetary value is the mean spend of the repeat purchases,
/// so the first purchase, which the summary leaves out, is not counted).
public struct RFMSegmentation: Sendable {
  public let scores: RFMScores
  /// Each customer's segment.
  public let segments: [RFMSegment]
  /// frequency × monetary value per customer.
  public let revenue: [Double]
  /// Customers and revenue per segment, in `RFMSegment.allCases` order.
  public let summary: GroupSummary

  /// - Precondition: one frequency and monetary value per scored customer.
  public init(scores: RFMScores, frequency: [Double], monetaryValue: [Double]) {
    precondition(frequency.count == scores.count && monetaryValue.count == scores.count, "one value per customer")
    self.scores = scores
    let segments = (0..<scores.count).map { scores.segment($0) }
    self.segments = segments
    revenue = RFMSegmentation.revenue(frequency: frequency, monetaryValue: monetaryValue)
    summary = GroupSummary(groups: segments.map(\.index), groupCount: RFMSegment.allCases.count, value: revenue)
  }

  /// Scores and segments from a table of summaries (checked as
  /// `RFMScores.init(table:…)` checks them).
  ///
  /// - Throws: `DataError` as `RFMScores.init(table:…)`, and when a
  ///   customer's revenue or the total revenue overflows (`checkedRevenue`).
  public init(table: Table, frequency: String = "frequency", recency: String = "recency", age: String = "T",
              monetaryValue: String = "monetary_value") throws(DataError) {
    let scores = try RFMScores(table: table, frequency: frequency, recency: recency, age: age, monetaryValue: monetaryValue)
    let x = try table.numeric(frequency), m = try table.numeric(monetaryValue)
    _ = try RFMSegmentation.checkedRevenue(table: table, frequency: frequency, monetaryValue: monetaryValue)
    self.init(scores: scores, frequency: x, monetaryValue: m)
  }

  /// frequency × monetary value per customer: the revenue of the repeat
  /// purchases of the summary period.
  public static func revenue(frequency: [Double], monetaryValue: [Double]) -> [Double] {
    zip(frequency, monetaryValue).map { $0 * $1 }
  }

  /// The revenue frequency × monetary value of each row of `table`, with
  /// every cell ≥ 0 and every product and the total finite.
  ///
  /// - Throws: `DataError` at a negative cell, at the first row whose
  ///   product overflows (exceeds the largest double, ≈ 1.8·10³⁰⁸), or
  ///   naming the column when the total overflows.
  public static func checkedRevenue(table: Table, frequency: String, monetaryValue: String) throws(DataError) -> [Double] {
    let x = try table.numeric(frequency), m = try table.numeric(monetaryValue)
    func fault(_ row: Int, _ column: String, _ message: String) -> DataError {
      DataError(file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
                columnName: column, message: message)
    }
    for (column, values) in [(frequency, x), (monetaryValue, m)] {
      if let bad = values.firstIndex(where: { !($0 >= 0) }) {
        throw fault(bad, column, "expected a value ≥ 0, found \(formatDouble(values[bad]))")
      }
    }
    let revenue = RFMSegmentation.revenue(frequency: x, monetaryValue: m)
    if let bad = revenue.firstIndex(where: { !$0.isFinite }) {
      throw fault(bad, monetaryValue, "the revenue \(frequency) × \(monetaryValue) = \(formatDouble(x[bad])) × "
        + "\(formatDouble(m[bad])) overflows (exceeds ≈ 1.8e308)")
    }
    guard revenue.reduce(0, +).isFinite else {
      throw DataError(file: table.source, columnName: monetaryValue,
                      message: "the total revenue \(frequency) × \(monetaryValue) overflows (exceeds ≈ 1.8e308): "
                        + "the values are too large to add up")
    }
    return revenue
  }

  /// Mean R, F and M scores per segment (nil for an empty segment).
  public var meanScores: (recency: [Double?], frequency: [Double?], monetary: [Double?]) {
    func mean(_ score: QuantileScore) -> [Double?] { summary.means(of: score.scores.map { Double($0) }) }
    return (mean(scores.recency), mean(scores.frequency), mean(scores.monetary))
  }
}
