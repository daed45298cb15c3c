/// Brier score (scikit-learn's `brier_score_loss` for binary labels): the
/// weighted mean squared difference between predicted probability and
/// outcome,
///
///     B = Σ wᵢ (yᵢ − pᵢ)² / Σ wᵢ
///
/// (scikit-learn ≥ 1.7 computes it as half the two-column squared error,
/// which is the same number). 0 is perfect; a constant prediction of the
/// prevalence p̄ scores p̄(1 − p̄).
public func brierScore(labels: [Double], probabilities: [Double], weights: [Double]? = nil) throws(MetricError) -> Double {
  try validateProbabilities(labels: labels, probabilities: probabilities, weights: weights)
  var sum = 0.0, total = 0.0
  for i in labels.indices {
    let w = weights?[i] ?? 1
    let d = labels[i] - probabilities[i]
    sum += w * d * d
    total += w
  }
  return sum / total
}
