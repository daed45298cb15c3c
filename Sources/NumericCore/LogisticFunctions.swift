import Foundation

/// The logistic function σ(x) = 1 / (1 + e⁻ˣ), evaluated without overflow for
/// any finite x (for x < 0 as eˣ / (1 + eˣ)).
@inlinable
public func sigmoid(_ x: Double) -> Double {
  if x >= 0 {
    return 1 / (1 + exp(-x))
  }
  let e = exp(x)
  return e / (1 + e)
}

/// ln(1 + eˣ) (the softplus), accurate for every x: for x > 36, eˣ swamps 1 and
/// the value is x + e⁻ˣ; for x < −37, it is eˣ to double precision.
@inlinable
public func log1pExp(_ x: Double) -> Double {
  if x > 36 { return x + exp(-x) }
  if x < -37 { return exp(x) }
  return log1p(exp(x))
}

/// ln Σᵢ exp(xᵢ), shifted by the maximum so that no term overflows:
/// m + ln Σᵢ exp(xᵢ − m). Returns −∞ for an empty input or all −∞.
public func logSumExp(_ xs: some Sequence<Double>) -> Double {
  var m = -Double.infinity
  for x in xs where x > m { m = x }
  guard m.isFinite else { return m }
  var s = 0.0
  for x in xs { s += exp(x - m) }
  return m + log(s)
}

/// ln(eᵃ + eᵇ), the two-term `logSumExp`.
@inlinable
public func logAddExp(_ a: Double, _ b: Double) -> Double {
  let m = max(a, b)
  guard m.isFinite else { return m }
  return m + log1p(exp(-abs(a - b)))
}
