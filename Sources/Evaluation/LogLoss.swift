import Foundation

/// Mean log loss (cross-entropy) of predicted probabilities, scikit-learn's
/// `log_loss` for binary labels:
///
///     L = Σ wᵢ·[−yᵢ ln p̃ᵢ − (1 − yᵢ) ln(1 − p)~ᵢ] / Σ wᵢ
///
/// where p̃ = clip(p, ε, 1 − ε) and (1 − p)~ = clip(1 − p, ε, 1 − ε) with
/// ε = `Double.ulpOfOne` = 2.22·10⁻¹⁶ (machine epsilon of the probabilities'
/// type). This is scikit-learn ≥ 1.5 (checked on 1.9.1): the `eps` argument
/// is gone and the clip is the dtype's epsilon, so a confident wrong
/// prediction costs at most −ln ε ≈ 36.04. Unlike scikit-learn, labels of a
/// single class need no `labels=` argument: the loss is defined there.
///
/// - Parameters:
///   - probabilities: predicted probabilities of class 1, in [0, 1].
public func logLoss(labels: [Double], probabilities: [Double], weights: [Double]? = nil) throws(MetricError) -> Double {
  try validateProbabilities(labels: labels, probabilities: probabilities, weights: weights)
  let epsilon = Double.ulpOfOne
  var sum = 0.0, total = 0.0
  for i in labels.indices {
    let w = weights?[i] ?? 1
    let p = labels[i] == 1 ? probabilities[i] : 1 - probabilities[i]
    sum += w * -log(min(max(p, epsilon), 1 - epsilon))
    total += w
  }
  return sum / total
}

/// Checks the binary inputs and that every probability lies in [0, 1].
func validateProbabilities(labels: [Double], probabilities: [Double], weights: [Double]?) throws(MetricError) {
  try validateBinary(labels: labels, scores: probabilities, weights: weights)
  for (row, p) in probabilities.enumerated() where !(0...1).contains(p) {
    throw .invalidValue(row: row, value: p, what: "probability")
  }
}
