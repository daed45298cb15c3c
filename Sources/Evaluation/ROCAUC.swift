/// Area under the ROC curve (scikit-learn's `roc_auc_score` for binary
/// labels): with TP_t, FP_t the weighted cumulative counts at each distinct
/// score t (descending), P and N their totals, the curve through (0, 0) and
/// the points (FP_t/N, TP_t/P) is integrated by the trapezoid rule:
///
///     AUC = Σ_t (FP_t − FP_{t−1})/N · (TP_t + TP_{t−1})/(2P)
///
/// Tied scores form one threshold, so a tie between a positive and a negative
/// counts ½ (the Mann–Whitney U statistic / (P·N)). Rows of zero weight are
/// ignored; ties are broken nowhere.
///
/// - Parameters:
///   - labels: outcomes, 0 or 1.
///   - scores: any real scores (higher = more likely positive).
///   - weights: optional non-negative sample weights.
/// - Throws: ``MetricError/singleClass(present:)`` when the rows of positive
///   weight hold only one class (AUC is undefined), as scikit-learn does.
public func rocAUC(labels: [Double], scores: [Double], weights: [Double]? = nil) throws(MetricError) -> Double {
  try validateBinary(labels: labels, scores: scores, weights: weights)
  let curve = ScoreCurve(labels: labels, scores: scores, weights: weights)
  let positives = curve.truePositives.last!, negatives = curve.falsePositives.last!
  guard positives > 0, negatives > 0 else { throw .singleClass(present: positives > 0 ? 1 : 0) }
  var area = 0.0, previousTP = 0.0, previousFP = 0.0
  for (tp, fp) in zip(curve.truePositives, curve.falsePositives) {
    area += (fp / negatives - previousFP / negatives) * (tp / positives + previousTP / positives) / 2
    previousTP = tp
    previousFP = fp
  }
  return area
}
