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
  public init(table: Table, frequency: String = "frequency", recency: String = "recency", age: String = "T",
              monetaryValue: String = "monetary_value") throws(DataError) {
    let scores = try RFMScores(table: table, frequency: frequency, recency: recency, age: age, monetaryValue: monetaryValue)
    self.init(scores: scores, frequency: try table.numeric(frequency), monetaryValue: try table.numeric(monetaryValue))
  }

  /// frequency × monetary value per customer: the revenue of the repeat
  /// purchases of the summary period.
  public static func revenue(frequency: [Double], monetaryValue: [Double]) -> [Double] {
    zip(frequency, monetaryValue).map { $0 * $1 }
  }

  /// Mean R, F and M scores per segment (nil for an empty segment).
  public var meanScores: (recency: [Double?], frequency: [Double?], monetary: [Double?]) {
    func mean(_ score: QuantileScore) -> [Double?] { summary.means(of: score.scores.map { Double($0) }) }
    return (mean(scores.recency), mean(scores.frequency), mean(scores.monetary))
  }
}
