/// Lift (decile) table of a binary classifier: rows sorted by score
/// descending (ties in row order) and split into `groups` (10) near-equal
/// groups as `pd.qcut(score.rank(method="first", ascending=False), 10)` does
/// (see the rule in `rankGroups`), so group 1 holds the highest scores.
/// With p̄ the overall positive rate and P the number of positives:
///
///     rate_g = positives_g / count_g,   lift_g = rate_g / p̄,
///     cumulativeGain_g = (positives_1 + … + positives_g) / P
///
/// Unweighted: every row counts once. Empty groups (only when n < groups)
/// are left out.
public struct LiftTable: Sendable, Hashable, Codable {
  /// One group of the table.
  public struct Row: Sendable, Hashable, Codable {
    /// 1-based group number; 1 = highest scores.
    public var group: Int
    /// Rows in the group.
    public var count: Int
    /// Positive rows in the group.
    public var positives: Int
    /// positives / count.
    public var rate: Double
    /// rate / overall rate.
    public var lift: Double
    /// Share of all positives in groups 1…group.
    public var cumulativeGain: Double
    /// Lowest score in the group.
    public var minScore: Double
    /// Highest score in the group.
    public var maxScore: Double
  }

  /// The groups, highest scores first.
  public var rows: [Row]
  /// Positive rate over all rows.
  public var overallRate: Double

  /// Builds the table.
  /// - Throws: when the labels hold no positive (lift and gains are undefined).
  public init(labels: [Double], scores: [Double], groups: Int = 10) throws(MetricError) {
    try validateBinary(labels: labels, scores: scores, weights: nil)
    let totalPositives = labels.reduce(0, +)
    guard totalPositives > 0 else { throw .singleClass(present: 0) }
    overallRate = totalPositives / Double(labels.count)
    var cumulative = 0.0
    rows = []
    for (g, members) in rankGroups(scores: scores, groups: groups, descending: true).enumerated() where !members.isEmpty {
      var positives = 0.0, low = Double.infinity, high = -Double.infinity
      for row in members {
        positives += labels[row]
        low = min(low, scores[row])
        high = max(high, scores[row])
      }
      cumulative += positives
      let rate = positives / Double(members.count)
      rows.append(Row(
        group: g + 1, count: members.count, positives: Int(positives), rate: rate, lift: rate / overallRate,
        cumulativeGain: cumulative / totalPositives, minScore: low, maxScore: high))
    }
  }
}
