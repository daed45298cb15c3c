import Foundation

/// Raised when a series does not converge within its term budget.
public struct SeriesDidNotConverge: Error, Sendable, CustomStringConvertible {
  public let function: String
  public let terms: Int
  public init(function: String, terms: Int) {
    self.function = function
    self.terms = terms
  }
  public var description: String { "\(function) did not converge in \(terms) terms" }
}

/// ln ₂F₁(a, b; c; z), the Gauss hypergeometric function, for a, b, c > 0 and
/// 0 ≤ z < 1, where every term of the series
///
///     ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ·n!) · zⁿ
///
/// is positive. The terms tₙ₊₁ = tₙ·(a + n)(b + n)z / ((c + n)(n + 1)) are
/// summed in floating point with a separate scale: whenever the sum passes
/// 2⁶⁰⁰ both it and the term are divided by 2⁶⁰⁰ and ln 2⁶⁰⁰ is added to the
/// result, so that parameters of order 10⁴ — a customer with 10⁴ purchases
/// in BG/NBD — neither overflow nor lose accuracy, where a direct sum does
/// (scipy's hyp2f1 returns inf there: lifetimes #25, #302), at the cost of a
/// multiply-add per term rather than a log and an exp. (A term ratio above
/// 2¹⁵⁰, from parameters beyond ~10²², is carried in logarithms instead.)
/// The sum stops once the terms decrease and the next is below e^−37.5
/// (~5·10⁻¹⁷) of the total.
///
/// - Throws: `SeriesDidNotConverge` past `maxTerms` terms (z very close to 1),
///   `HypergeometricDomainError` outside a, b, c > 0, 0 ≤ z < 1 (inputs come
///   from data, so they are refused, never trapped on).
public func logHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int = 10_000_000)
  throws -> Double
{
  guard a > 0, b > 0, c > 0, z >= 0, z < 1, a.isFinite, b.isFinite, c.isFinite else {
    throw HypergeometricDomainError(a: a, b: b, c: c, z: z)
  }
  if z == 0 { return 0 }
  let rescale = 0x1p600, shrink = 0x1p-600, logRescale = 600 * M_LN2
  let tail = exp(-37.5)
  var term = 1.0, sum = 1.0, logScale = 0.0
  // Two terms per step with one division: tₖ₊₁ = tₖ·nₖ/dₖ, tₖ₊₂ = tₖ₊₁·nₖ₊₁/dₖ₊₁
  // with nₖ/dₖ = nₖ·dₖ₊₁·s and nₖ₊₁/dₖ₊₁ = nₖ₊₁·dₖ·s, s = z/(dₖ·dₖ₊₁).
  var k = 0.0
  while k < Double(maxTerms) {
    let d1 = (c + k) * (k + 1), d2 = (c + k + 1) * (k + 2)
    let s = z / (d1 * d2)
    let ratio1 = (a + k) * (b + k) * d2 * s, ratio2 = (a + k + 1) * (b + k + 1) * d1 * s
    guard ratio1 < 0x1p150, ratio2 < 0x1p150 else { return try logSpaceHypergeometric2F1(a, b, c, z, maxTerms: maxTerms) }
    let first = term * ratio1
    term = first * ratio2
    sum += first
    sum += term
    if sum > rescale {
      sum *= shrink
      term *= shrink
      logScale += logRescale
    }
    if ratio2 < 1 && term < tail * sum { return logScale + log(sum) }
    k += 2
  }
  throw SeriesDidNotConverge(function: "2F1(\(a), \(b); \(c); \(z))", terms: maxTerms)
}

/// `logHypergeometric2F1` with every term carried as its logarithm, for
/// parameters so large that one term ratio overflows the scaled sum.
private func logSpaceHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int) throws -> Double {
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

/// ln ₂F₁(a, b; a + 1; z) for a, b > 0 and 0 ≤ z < 1, the form in the
/// Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the
/// Pareto/NBD model and related expressions"), by Euler's
/// transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b)·₂F₁(c − a, c − b; c; z):
///
///     ₂F₁(a, b; a+1; z) = (1 − z)^(1−b) · ₂F₁(1, a + 1 − b; a + 1; z)
///
/// The transformed series still has positive terms (when a + 1 > b), and its
/// term ratio (a + 1 − b + n)·z / (a + 1 + n) stays below z, so it converges
/// at least geometrically even where b is of order 10⁴ — a customer with 10⁴
/// purchases — while the direct series first grows through ~b·z/(1 − z) terms.
/// When b ≥ a + 1 the direct series is summed instead.
///
/// - Throws: `SeriesDidNotConverge` when z is within ~10⁻⁶ of 1.
public func logHypergeometric2F1UnitGap(_ a: Double, _ b: Double, _ z: Double) throws -> Double {
  precondition(a > 0 && b > 0 && z >= 0 && z < 1, "logHypergeometric2F1UnitGap needs a, b > 0 and 0 ≤ z < 1")
  guard a + 1 > b else { return try logHypergeometric2F1(a, b, a + 1, z) }
  return (1 - b) * log1p(-z) + (try logHypergeometric2F1(1, a + 1 - b, a + 1, z))
}

/// ln(eᵃ − eᵇ) for a ≥ b, computed as a + ln(1 − e^(b−a)) so that neither
/// exponential is formed (both may over- or underflow); −∞ when b ≥ a, where
/// the difference of two positive quantities equal to rounding is 0.
@inlinable
public func logSubExp(_ a: Double, _ b: Double) -> Double {
  guard a > b else { return -.infinity }
  guard b > -.infinity else { return a }
  let d = b - a
  // ln(1 − eᵈ): log1p for d < −ln 2, log(−expm1) above (Mächler 2012).
  return a + (d < -M_LN2 ? log1p(-exp(d)) : log(-expm1(d)))
}

/// Arguments outside the domain a function's series handles.
public struct HypergeometricDomainError: Error, Sendable, CustomStringConvertible {
  public let a: Double, b: Double, c: Double, z: Double
  public var description: String {
    z >= 1
      ? "2F1(\(a), \(b); \(c); z) at z = \(z): the horizon is too long for the model's time scale (z rounds to 1)"
      : "2F1(\(a), \(b); \(c); \(z)) is outside the domain a, b, c > 0, 0 ≤ z < 1"
  }
}

/// c·₂F₁(a, b; c; z) for a, b > 0, 0 ≤ z < 1 and c > −1, finite through c = 0
/// (where ₂F₁ itself has a pole): for c > 0 from `logHypergeometric2F1`; for
/// −1 < c ≤ 0 from Gauss's contiguous relation (DLMF 15.5.18) with c′ = c + 1,
///
///     c·F(c) = −[c′(c − (2c′ − a − b − 1)z)·F(c′) + (c′ − a)(c′ − b)z·F(c′ + 1)] / (c′(z − 1)),
///
/// whose right side has only positive-c series. BG/NBD needs it for
/// customers without repeat purchases when a + b ≤ 1.
public func scaledHypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) throws -> Double {
  if c > 0 { return c * exp(try logHypergeometric2F1(a, b, c, z)) }
  guard c > -1 else { throw HypergeometricDomainError(a: a, b: b, c: c, z: z) }
  let c1 = c + 1
  let f1 = exp(try logHypergeometric2F1(a, b, c1, z)), f2 = exp(try logHypergeometric2F1(a, b, c1 + 1, z))
  return -(c1 * (c - (2 * c1 - a - b - 1) * z) * f1 + (c1 - a) * (c1 - b) * z * f2) / (c1 * (z - 1))
}
