import Tabular

/// Consecutive reporting periods for `CustomerKPIs`, each preceded by a
/// period of the same kind: the *baseline* whose active customers are the
/// customers at the start of the next one.
///
/// Boundaries b₀ < b₁ < … < b_m (day numbers, see `CalendarDate`) make the
/// periods Pᵢ = [bᵢ, bᵢ₊₁ − 1], both ends included. P₀ is only a baseline;
/// P₁ … P_{m−1} are reported, and each Pᵢ's baseline is Pᵢ₋₁.
///
/// - `calendar(.quarter, …)`: whole calendar quarters (months, years),
///   every one that overlaps the requested range, the one before the first
///   as its baseline;
/// - `span(from:through:)`: one period of L = to − from + 1 days, its
///   baseline the L days before it.
public struct ReportingPeriods: Sendable, Equatable {
  /// A calendar period.
  public enum Calendar: String, Sendable, CaseIterable {
    case month, quarter, year

    /// Months per period.
    var months: Int {
      switch self {
      case .month: 1
      case .quarter: 3
      case .year: 12
      }
    }
  }

  /// b₀ … b_m: Pᵢ = [bᵢ, bᵢ₊₁ − 1]; P₀ is the first period's baseline.
  public let boundaries: [Int32]
  /// A name for each reported period: `1997-03` (month), `1997-Q1`,
  /// `1997`, or `1997-01-01..1997-03-31` (a span).
  public let labels: [String]
  /// What one period is, for labels in tables: "month", "quarter", "year",
  /// or "period of L days".
  public let unitName: String

  /// The calendar periods of kind `kind` that overlap [from, to], whole,
  /// with the period before the first as its baseline.
  ///
  /// - Precondition: from ≤ to.
  public static func calendar(_ kind: Calendar, from: Int32, through to: Int32) -> ReportingPeriods {
    precondition(from <= to, "the range must not be empty")
    let first = CalendarDate.civil(Int(from)), last = CalendarDate.civil(Int(to))
    // Months counted from year 0, January = 0, rounded down to a period start.
    let firstMonth = (first.year * 12 + first.month - 1) / kind.months * kind.months
    let lastMonth = (last.year * 12 + last.month - 1) / kind.months * kind.months
    var boundaries = [Int32]()
    var labels = [String]()
    var month = firstMonth - kind.months
    while month <= lastMonth + kind.months {
      // Floor division: the baseline of year 0's first period is in year −1.
      let year = month >= 0 ? month / 12 : (month - 11) / 12, monthOfYear = month - 12 * year + 1
      boundaries.append(Int32(CalendarDate.dayNumber(year: year, month: monthOfYear, day: 1)))
      if month >= firstMonth && month <= lastMonth {
        let yearText = CalendarDate.format(boundaries.last!).prefix(4)
        switch kind {
        case .month: labels.append(String(CalendarDate.format(boundaries.last!).prefix(7)))
        case .quarter: labels.append("\(yearText)-Q\((monthOfYear - 1) / 3 + 1)")
        case .year: labels.append(String(yearText))
        }
      }
      month += kind.months
    }
    return ReportingPeriods(boundaries: boundaries, labels: labels, unitName: kind.rawValue)
  }

  /// One period [from, to] of L = to − from + 1 days, with the L days
  /// before it as its baseline.
  ///
  /// - Precondition: from ≤ to.
  public static func span(from: Int32, through to: Int32) -> ReportingPeriods {
    precondition(from <= to, "the range must not be empty")
    let length = to - from + 1
    return ReportingPeriods(
      boundaries: [from - length, from, to + 1],
      labels: ["\(CalendarDate.format(from))..\(CalendarDate.format(to))"],
      unitName: length == 1 ? "period of 1 day" : "period of \(length) days")
  }

  /// The number of reported periods (P₁ … P_{m−1}).
  public var count: Int { labels.count }

  /// The reported period (0-based) holding `day`; nil when none does
  /// (the baseline P₀ is not reported).
  public func period(of day: Int32) -> Int? {
    let i = boundaries.withUnsafeBufferPointer { ReportingPeriods.index(of: day, boundaries: $0) } - 1
    return i >= 0 && i < count ? i : nil
  }

  /// The first day of reported period `i` (0-based: P_{i+1}).
  public func start(_ i: Int) -> Int32 { boundaries[i + 1] }

  /// The last day of reported period `i` (0-based: P_{i+1}).
  public func end(_ i: Int) -> Int32 { boundaries[i + 2] - 1 }
}
