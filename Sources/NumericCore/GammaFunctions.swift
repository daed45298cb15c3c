import Foundation

/// ln Γ(x) for x > 0 (C's `lgamma_r`: thread-safe, unlike `lgamma`, which
/// writes the global `signgam`).
@inlinable
public func logGamma(_ x: Double) -> Double {
  var sign: Int32 = 0
  return lgamma_r(x, &sign)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
@inlinable
public func logBeta(_ a: Double, _ b: Double) -> Double {
  logGamma(a) + logGamma(b) - logGamma(a + b)
}

/// The digamma function ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence
/// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series
/// ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) (Abramowitz & Stegun 6.3.18),
/// seven terms: relative error below 1e-15.
public func digamma(_ x: Double) -> Double {
  precondition(x > 0, "digamma is implemented for x > 0")
  var x = x
  var shift = 0.0
  while x < 10 {
    shift -= 1 / x
    x += 1
  }
  let inverse = 1 / x, squared = inverse * inverse
  // B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
  let series = squared * (1.0 / 12 - squared * (1.0 / 120 - squared * (1.0 / 252 - squared * (1.0 / 240
    - squared * (1.0 / 132 - squared * (691.0 / 32760 - squared / 12))))))
  return shift + log(x) - 0.5 * inverse - series
}

/// The trigamma function ψ′(x) for x > 0: the recurrence
/// ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
/// ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (Abramowitz & Stegun 6.4.12).
public func trigamma(_ x: Double) -> Double {
  precondition(x > 0, "trigamma is implemented for x > 0")
  var x = x
  var shift = 0.0
  while x < 10 {
    shift += 1 / (x * x)
    x += 1
  }
  let inverse = 1 / x, squared = inverse * inverse
  // B₂ₖ: 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6
  let series = inverse * squared * (1.0 / 6 - squared * (1.0 / 30 - squared * (1.0 / 42 - squared * (1.0 / 30
    - squared * (5.0 / 66 - squared * (691.0 / 2730 - squared * 7 / 6))))))
  return shift + inverse + 0.5 * squared + series
}
