/// Calibration (reliability) table of predicted probabilities: rows sorted by
/// prediction ascending (ties in row order) and split into `groups` (10)
/// near-equal groups as `pd.qcut(p.rank(method="first"), 10)` does (see the
/// rule in `rankGroups`), so group 1 holds the lowest predictions. For a
/// calibrated model the mean prediction of each group is close to its
/// observed rate:
///
///     meanPredicted_g = Σ_{i∈g} pᵢ / count_g,   observedRate_g = Σ_{i∈g} yᵢ / count_g
///
/// Unlike scikit-learn's `calibration_curve(strategy="quantile")`, whose
/// groups are cut at score quantiles (so tied scores stay together and groups
/// can be very unequal), every group here has ⌊n/10⌋ or ⌈n/10⌉ rows.
/// Unweighted; empty groups (only when n < groups) are left out.
public struct CalibrationTable: Sendable, Hashable, Codable {
  /// One group of the table.
  public struct Row: Sendable, Hashable, Codable {
    /// 1-based group number; 1 = lowest predictions.
    public var group: Int
    /// Rows in the group.
    public var count: Int
    /// Mean predicted probability in the group.
    public var meanPredicted: Double
    /// Share of positive rows in the group.
    public var observedRate: Double
  }

  /// The groups, lowest predictions first.
  public var rows: [Row]

  /// Builds the table from outcomes (0/1) and predicted probabilities in [0, 1].
  public init(labels: [Double], probabilities: [Double], groups: Int = 10) throws(MetricError) {
    try validateProbabilities(labels: labels, probabilities: probabilities, weights: nil)
    rows = []
    for (g, members) in rankGroups(scores: probabilities, groups: groups, descending: false).enumerated()
    where !members.isEmpty {
      var predicted = 0.0, observed = 0.0
      for row in members {
        predicted += probabilities[row]
        observed += labels[row]
      }
      let n = Double(members.count)
      rows.append(Row(group: g + 1, count: members.count, meanPredicted: predicted / n, observedRate: observed / n))
    }
  }
}
