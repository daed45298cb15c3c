/// Average precision (scikit-learn's `average_precision_score`): the
/// precision–recall curve summarised as a step function, not a trapezoid.
/// With TP_t, FP_t the weighted cumulative counts at each distinct score t
/// (descending), P = Σ w·y, precision_t = TP_t/(TP_t + FP_t) and recall_t =
/// TP_t/P:
///
///     AP = Σ_t (recall_t − recall_{t−1}) · precision_t,   recall_0 = 0
///
/// A constant score gives the (weighted) prevalence; rows of zero weight are
/// ignored.
///
/// - Throws: ``MetricError/singleClass(present:)`` when no row of positive
///   weight is positive (recall is undefined; scikit-learn warns and returns
///   a meaningless value there).
public func averagePrecision(labels: [Double], scores: [Double], weights: [Double]? = nil) throws(MetricError) -> Double {
  try validateBinary(labels: labels, scores: scores, weights: weights)
  let curve = ScoreCurve(labels: labels, scores: scores, weights: weights)
  let positives = curve.truePositives.last!
  guard positives > 0 else { throw .singleClass(present: 0) }
  var sum = 0.0, previousRecall = 0.0
  for (tp, fp) in zip(curve.truePositives, curve.falsePositives) {
    let recall = tp / positives
    sum += (recall - previousRecall) * (tp / (tp + fp))
    previousRecall = recall
  }
  return max(0, sum)
}
