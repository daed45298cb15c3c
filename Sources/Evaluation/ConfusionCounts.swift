/// The weighted confusion matrix of a classifier that predicts 1 when
/// score ≥ threshold (scikit-learn's `FixedThresholdClassifier` convention;
/// note `LogisticRegression.predict` uses p > ½ strictly): each count is the
/// sum of the weights of its rows (1 per row without weights).
///
/// The derived metrics follow scikit-learn, with its zero-division
/// convention: a ratio whose denominator is 0 is 0.
public struct ConfusionCounts: Sendable, Hashable, Codable {
  /// Σ w over y = 1, predicted 1.
  public var truePositives: Double
  /// Σ w over y = 0, predicted 1.
  public var falsePositives: Double
  /// Σ w over y = 0, predicted 0.
  public var trueNegatives: Double
  /// Σ w over y = 1, predicted 0.
  public var falseNegatives: Double

  public init(truePositives: Double, falsePositives: Double, trueNegatives: Double, falseNegatives: Double) {
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.trueNegatives = trueNegatives
    self.falseNegatives = falseNegatives
  }

  /// Counts the rows; the threshold defaults to ½.
  public init(labels: [Double], scores: [Double], threshold: Double = 0.5, weights: [Double]? = nil) throws(MetricError) {
    try validateBinary(labels: labels, scores: scores, weights: weights)
    var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
    for i in labels.indices {
      let w = weights?[i] ?? 1
      switch (labels[i] == 1, scores[i] >= threshold) {
      case (true, true): tp += w
      case (false, true): fp += w
      case (false, false): tn += w
      case (true, false): fn += w
      }
    }
    self.init(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
  }

  private static func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }

  /// (TP + TN) / (TP + FP + TN + FN) — `accuracy_score`.
  public var accuracy: Double {
    Self.ratio(truePositives + trueNegatives, truePositives + falsePositives + trueNegatives + falseNegatives)
  }
  /// TP / (TP + FP), 0 when nothing is predicted positive — `precision_score`.
  public var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
  /// TP / (TP + FN), 0 when no row is positive — `recall_score`.
  public var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
  /// 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall, 0
  /// when TP + FP + FN = 0 — `f1_score`.
  public var f1: Double { Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
}

/// Share of rows classified correctly at `threshold` (predict 1 when
/// score ≥ threshold): ``ConfusionCounts/accuracy``.
public func accuracy(labels: [Double], scores: [Double], threshold: Double = 0.5, weights: [Double]? = nil) throws(MetricError) -> Double {
  try ConfusionCounts(labels: labels, scores: scores, threshold: threshold, weights: weights).accuracy
}

/// TP / (TP + FP) at `threshold`, 0 when nothing is predicted positive:
/// ``ConfusionCounts/precision``.
public func precision(labels: [Double], scores: [Double], threshold: Double = 0.5, weights: [Double]? = nil) throws(MetricError) -> Double {
  try ConfusionCounts(labels: labels, scores: scores, threshold: threshold, weights: weights).precision
}

/// TP / (TP + FN) at `threshold`, 0 when no row is positive:
/// ``ConfusionCounts/recall``.
public func recall(labels: [Double], scores: [Double], threshold: Double = 0.5, weights: [Double]? = nil) throws(MetricError) -> Double {
  try ConfusionCounts(labels: labels, scores: scores, threshold: threshold, weights: weights).recall
}

/// 2·TP / (2·TP + FP + FN) at `threshold`, 0 when TP + FP + FN = 0:
/// ``ConfusionCounts/f1``.
public func f1Score(labels: [Double], scores: [Double], threshold: Double = 0.5, weights: [Double]? = nil) throws(MetricError) -> Double {
  try ConfusionCounts(labels: labels, scores: scores, threshold: threshold, weights: weights).f1
}
