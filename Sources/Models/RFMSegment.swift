/// The eleven named RFM segments (Putler's names), assigned by rules over the
/// R, F and M scores that cover all 125 cells, so no customer is left as
/// "others" (R's `rfm::rfm_segment` example rules and PyMC-Marketing's
/// default `segment_config` leave cells uncovered and call them "Others").
///
/// Rules, in precedence order; a customer gets the first rule that matches
/// (as `rfm::rfm_segment`, which never overwrites an assigned segment):
///
///     #   segment               R     F     M
///     1   champions             4–5   4–5   4–5
///     2   loyal                 3–5   4–5   1–5
///     3   potential loyalists   4–5   2–3   1–5
///     4   new                   5     1     1–5
///     5   promising             4     1     1–5
///     6   need attention        3     3     1–5
///     7   about to sleep        3     1–2   1–5
///     8   can't lose            1–2   4–5   4–5
///     9   at risk               1–2   3–5   1–5
///     10  lost                  1     1     1–5
///     11  hibernating           1–2   1–2   1–5
///
/// Only three pairs overlap, each a special case taken first: champions
/// inside loyal (frequent buyers who also spend the most), can't lose inside
/// at risk (lapsed buyers who were frequent big spenders), lost inside
/// hibernating (one-time buyers from longest ago). The R × F layout follows
/// the widely used R–F grid (champions, loyal, potential loyalists, new,
/// promising, need attention, about to sleep, at risk, can't lose,
/// hibernating), with M splitting the top spenders off and lost split off.
public enum RFMSegment: String, CaseIterable, Sendable, Codable {
  /// Bought recently, buy often, spend the most.
  case champions
  /// Buy often, recently enough, whatever they spend.
  case loyal
  /// Recent, with a few repeat purchases.
  case potentialLoyalists = "potential loyalists"
  /// The most recent, without repeat purchases.
  case new
  /// Recent, without repeat purchases.
  case promising
  /// Middling recency and frequency.
  case needAttention = "need attention"
  /// Middling recency, few purchases.
  case aboutToSleep = "about to sleep"
  /// Bought often, but long ago.
  case atRisk = "at risk"
  /// Bought often and spent the most, but long ago.
  case cantLose = "can't lose"
  /// Long ago, few purchases.
  case hibernating
  /// Longest ago, without repeat purchases.
  case lost

  /// One rule: score ranges that all must hold.
  public struct Rule: Sendable, Equatable {
    /// The segment the rule assigns.
    public let segment: RFMSegment
    /// The R scores it takes.
    public let recency: ClosedRange<Int>
    /// The F scores it takes.
    public let frequency: ClosedRange<Int>
    /// The M scores it takes.
    public let monetary: ClosedRange<Int>

    /// Whether the cell (r, f, m) lies in all three ranges.
    public func matches(recency r: Int, frequency f: Int, monetary m: Int) -> Bool {
      recency.contains(r) && frequency.contains(f) && monetary.contains(m)
    }
  }

  /// The rules in precedence order (see the type's documentation).
  public static let rules: [Rule] = [
    Rule(segment: .champions, recency: 4...5, frequency: 4...5, monetary: 4...5),
    Rule(segment: .loyal, recency: 3...5, frequency: 4...5, monetary: 1...5),
    Rule(segment: .potentialLoyalists, recency: 4...5, frequency: 2...3, monetary: 1...5),
    Rule(segment: .new, recency: 5...5, frequency: 1...1, monetary: 1...5),
    Rule(segment: .promising, recency: 4...4, frequency: 1...1, monetary: 1...5),
    Rule(segment: .needAttention, recency: 3...3, frequency: 3...3, monetary: 1...5),
    Rule(segment: .aboutToSleep, recency: 3...3, frequency: 1...2, monetary: 1...5),
    Rule(segment: .cantLose, recency: 1...2, frequency: 4...5, monetary: 4...5),
    Rule(segment: .atRisk, recency: 1...2, frequency: 3...5, monetary: 1...5),
    Rule(segment: .lost, recency: 1...1, frequency: 1...1, monetary: 1...5),
    Rule(segment: .hibernating, recency: 1...2, frequency: 1...2, monetary: 1...5),
  ]

  /// The segment of the cell (r, f, m): the first rule that matches.
  ///
  /// - Precondition: every score is in 1…5.
  public init(recency r: Int, frequency f: Int, monetary m: Int) {
    precondition((1...5).contains(r) && (1...5).contains(f) && (1...5).contains(m), "RFM scores are 1…5")
    guard let rule = RFMSegment.rules.first(where: { $0.matches(recency: r, frequency: f, monetary: m) }) else {
      preconditionFailure("the rules cover every cell")
    }
    self = rule.segment
  }

  /// The position of the segment in `allCases` (the order of summary tables).
  public var index: Int { RFMSegment.allCases.firstIndex(of: self)! }
}
