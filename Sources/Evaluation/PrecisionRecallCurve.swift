/// The precision–recall curve (scikit-learn's `precision_recall_curve` for
/// binary labels). With TP_t, FP_t the weighted cumulative counts of
/// positives and negatives among the rows scoring ≥ t, for each distinct
/// score t (rows of zero weight ignored, tied scores one threshold), and P
/// the total positive weight:
///
///     precision_t = TP_t / (TP_t + FP_t),    recall_t = TP_t / P
///
/// In scikit-learn's order: thresholds increasing, so recall decreases, and
/// a last point (precision 1, recall 0) with no threshold appended, so the
/// curve reaches the precision axis: `precision` and `recall` have one more
/// element than `thresholds`. The first point (lowest threshold, every row
/// predicted positive) has recall 1 and precision the weighted prevalence.
///
/// With `dropIntermediate` (scikit-learn's default is false), a threshold is
/// dropped when TP is the same at it and at both its neighbours (a vertical
/// run of equal recall keeps only its two ends); the first and last
/// thresholds are always kept.
///
/// Davis, J. & Goadrich, M. (2006). The relationship between precision-recall
/// and ROC curves. ICML, 233–240.
public struct PrecisionRecallCurve: Sendable, Hashable, Codable {
  /// TP_t / (TP_t + FP_t) at each threshold, then 1.
  public var precision: [Double]
  /// TP_t / P at each threshold (decreasing from 1), then 0.
  public var recall: [Double]
  /// The distinct scores, increasing.
  public var thresholds: [Double]

  /// - Parameters:
  ///   - labels: outcomes, 0 or 1.
  ///   - scores: any real scores (higher = more likely positive).
  ///   - weights: optional non-negative sample weights.
  ///   - dropIntermediate: drop thresholds inside runs of equal recall
  ///     (false, scikit-learn's default).
  /// - Throws: ``MetricError/singleClass(present:)`` when no row of positive
  ///   weight is positive (recall is 0/0; scikit-learn warns and sets it to 1).
  public init(
    labels: [Double], scores: [Double], weights: [Double]? = nil, dropIntermediate: Bool = false
  ) throws(MetricError) {
    try validateBinary(labels: labels, scores: scores, weights: weights)
    let curve = ScoreCurve(labels: labels, scores: scores, weights: weights)
    let positives = curve.truePositives.last!
    guard positives > 0 else { throw .singleClass(present: 0) }
    let tp = curve.truePositives, fp = curve.falsePositives
    let count = tp.count
    precision = []
    recall = []
    thresholds = []
    for i in (0..<count).reversed() {
      if dropIntermediate && i > 0 && i < count - 1 && tp[i] == tp[i - 1] && tp[i + 1] == tp[i] { continue }
      precision.append(tp[i] / (tp[i] + fp[i]))
      recall.append(tp[i] / positives)
      thresholds.append(curve.thresholds[i])
    }
    precision.append(1)
    recall.append(0)
  }
}
