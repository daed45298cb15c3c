/// The receiver operating characteristic curve (scikit-learn's `roc_curve`
/// for binary labels). With TP_t, FP_t the weighted cumulative counts of
/// positives and negatives among the rows scoring ≥ t, for each distinct
/// score t in descending order (rows of zero weight ignored, tied scores one
/// threshold), and P, N their totals:
///
///     falsePositiveRate_t = FP_t / N,    truePositiveRate_t = TP_t / P
///
/// preceded by the point (0, 0) at threshold +∞ (predict no positive).
///
/// With `dropIntermediate` (scikit-learn's default), a point is dropped when
/// it lies on a straight segment between its neighbours, tested as
/// scikit-learn does: the second differences of FP and of TP,
/// (C_{i+1} − C_i) − (C_i − C_{i−1}), are both exactly zero. The first and
/// last points are always kept, and the test is made before (0, 0) is
/// prepended. Dropped points change neither the plotted curve nor the area.
///
/// Fawcett, T. (2006). An introduction to ROC analysis. Pattern Recognition
/// Letters 27(8), 861–874.
public struct ROCCurve: Sendable, Hashable, Codable {
  /// FP_t / N, increasing from 0 to 1.
  public var falsePositiveRate: [Double]
  /// TP_t / P, increasing from 0 to 1.
  public var truePositiveRate: [Double]
  /// The score thresholds, decreasing; the first is +∞ (so that the curve
  /// starts at (0, 0)), the others are scores that occur in the data.
  public var thresholds: [Double]

  /// - Parameters:
  ///   - labels: outcomes, 0 or 1.
  ///   - scores: any real scores (higher = more likely positive).
  ///   - weights: optional non-negative sample weights.
  ///   - dropIntermediate: drop collinear points (scikit-learn's default, true).
  /// - Throws: ``MetricError/singleClass(present:)`` when the rows of positive
  ///   weight hold only one class (one of the rates is 0/0; scikit-learn
  ///   warns and returns NaN there).
  public init(
    labels: [Double], scores: [Double], weights: [Double]? = nil, dropIntermediate: Bool = true
  ) throws(MetricError) {
    try validateBinary(labels: labels, scores: scores, weights: weights)
    let curve = ScoreCurve(labels: labels, scores: scores, weights: weights)
    let positives = curve.truePositives.last!, negatives = curve.falsePositives.last!
    guard positives > 0, negatives > 0 else { throw .singleClass(present: positives > 0 ? 1 : 0) }
    let tp = curve.truePositives, fp = curve.falsePositives
    let count = tp.count
    falsePositiveRate = [0]
    truePositiveRate = [0]
    thresholds = [.infinity]
    for i in 0..<count {
      if dropIntermediate && i > 0 && i < count - 1 {
        let fpBends = (fp[i + 1] - fp[i]) - (fp[i] - fp[i - 1]) != 0
        let tpBends = (tp[i + 1] - tp[i]) - (tp[i] - tp[i - 1]) != 0
        if !fpBends && !tpBends { continue }
      }
      falsePositiveRate.append(fp[i] / negatives)
      truePositiveRate.append(tp[i] / positives)
      thresholds.append(curve.thresholds[i])
    }
  }
}
