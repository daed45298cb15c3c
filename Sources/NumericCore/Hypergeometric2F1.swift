import Foundation

/// Raised when a series does not converge within its term budget.
public struct SeriesDidNotConverge: Error, Sendable, CustomStringConvertible {
  public let function: String
  public let terms: Int
  public var description: String { "\(function) did not converge in \(terms) terms" }
}

/// ln ₂F₁(a, b; c; z), the Gauss hypergeometric function, for a, b, c > 0 and
/// 0 ≤ z < 1, where every term of the series
///
///     ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ·n!) · zⁿ
///
/// is positive: the terms are carried as logarithms (ln tₙ₊₁ = ln tₙ +
/// ln[(a + n)(b + n)z / ((c + n)(n + 1))]) and summed relative to the
/// largest, so that parameters of order 10⁴ — a customer with 10⁴ purchases
/// in BG/NBD — neither overflow nor lose accuracy, where a direct sum does
/// (scipy's hyp2f1 returns inf there: lifetimes #25, #302). The sum stops
/// once the terms decrease and the next is below 2⁻⁵³ of the total.
///
/// - Throws: `SeriesDidNotConverge` past `maxTerms` terms (z very close to 1).
public func logHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int = 10_000_000)
  throws -> Double
{
  precondition(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1, "logHypergeometric2F1 needs a, b, c > 0 and 0 ≤ z < 1")
  if z == 0 { return 0 }
  let logZ = log(z)
  // Σ exp(ln tₙ − m) with m the largest ln tₙ so far, rescaled when it grows.
  var logTerm = 0.0, largest = 0.0, scaled = 1.0
  for n in 0..<maxTerms {
    let k = Double(n)
    let step = log((a + k) * (b + k) / ((c + k) * (k + 1))) + logZ
    logTerm += step
    if logTerm > largest {
      scaled = scaled * exp(largest - logTerm) + 1
      largest = logTerm
    } else {
      scaled += exp(logTerm - largest)
    }
    if step < 0 && logTerm - largest < log(scaled) - 37.5 { return largest + log(scaled) }
  }
  throw SeriesDidNotConverge(function: "2F1(\(a), \(b); \(c); \(z))", terms: maxTerms)
}
