/// Why a metric cannot be computed from the values it was given.
public enum MetricError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The arrays have different lengths.
  case lengthMismatch(expected: Int, found: Int, what: String)
  /// There are no rows (or no rows of positive weight).
  case empty
  /// A label is not 0 or 1 (row is 0-based).
  case invalidLabel(row: Int, value: Double)
  /// A score, prediction or weight is not finite, or a weight is negative.
  case invalidValue(row: Int, value: Double, what: String)
  /// The metric needs both classes among the rows of positive weight.
  case singleClass(present: Double)

  public var description: String {
    switch self {
    case .lengthMismatch(let expected, let found, let what):
      return "expected \(expected) \(what), found \(found)"
    case .empty:
      return "no rows of positive weight to evaluate"
    case .invalidLabel(let row, let value):
      return "row \(row + 1): label \(value) is not 0 or 1"
    case .invalidValue(let row, let value, let what):
      return "row \(row + 1): \(what) \(value) is not valid"
    case .singleClass(let present):
      return "only one class (\(present == 1 ? 1 : 0)) is present: the metric needs both"
    }
  }
}

/// Checks the inputs shared by the binary metrics: equal lengths, labels in
/// {0, 1}, finite scores, finite non-negative weights with a positive total.
func validateBinary(labels: [Double], scores: [Double], weights: [Double]?) throws(MetricError) {
  guard scores.count == labels.count else {
    throw .lengthMismatch(expected: labels.count, found: scores.count, what: "scores")
  }
  for (row, y) in labels.enumerated() where y != 0 && y != 1 { throw .invalidLabel(row: row, value: y) }
  for (row, s) in scores.enumerated() where !s.isFinite { throw .invalidValue(row: row, value: s, what: "score") }
  try validateWeights(weights, count: labels.count)
}

func validateWeights(_ weights: [Double]?, count: Int) throws(MetricError) {
  guard count > 0 else { throw .empty }
  guard let weights else { return }
  guard weights.count == count else { throw .lengthMismatch(expected: count, found: weights.count, what: "weights") }
  var total = 0.0
  for (row, w) in weights.enumerated() {
    guard w.isFinite, w >= 0 else { throw .invalidValue(row: row, value: w, what: "weight") }
    total += w
  }
  guard total > 0 else { throw .empty }
}
