import Foundation

/// Random variates from the standard distributions, drawn from a seeded
/// `SeededGenerator`: the same seed gives the same draws on every platform
/// and for every thread count (each stream belongs to one task).
///
/// - uniform: the top 53 bits of a 64-bit output, k·2⁻⁵³ for k in 0..<2⁵³;
/// - standard normal: Marsaglia's polar method (Marsaglia & Bray 1964), two
///   normals per accepted pair, the second kept for the next call;
/// - exponential: −ln U with U uniform on (0, 1] (inversion);
/// - gamma: Marsaglia & Tsang (2000), "A simple method for generating gamma
///   variables", with the boost Gamma(k) = Gamma(k+1)·U^(1/k) for k < 1;
/// - beta: X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b) (in log space when a
///   shape is below 1, where X and Y can underflow to 0 together);
/// - Bernoulli: U < p.
///
/// Not thread-safe (a value type with a state): give each chunk or row of a
/// parallel pass its own, seeded with `SeededGenerator.derivedSeed`.
public struct RandomVariates: Sendable {
  /// The underlying bits.
  public var generator: SeededGenerator
  private var spareNormal: Double = 0
  private var hasSpareNormal = false

  /// Variates from a `SeededGenerator(seed: seed)`.
  public init(seed: UInt64) {
    generator = SeededGenerator(seed: seed)
  }

  /// U uniform on [0, 1): k·2⁻⁵³ with k the top 53 bits of the next output.
  @inline(__always)
  public mutating func uniform() -> Double {
    Double(generator.next() >> 11) * 0x1p-53
  }

  /// U uniform on (0, 1]: (k+1)·2⁻⁵³, safe to take the logarithm of.
  @inline(__always)
  public mutating func uniformPositive() -> Double {
    Double((generator.next() >> 11) + 1) * 0x1p-53
  }

  /// Z ~ N(0, 1) by Marsaglia's polar method: (u, v) uniform on the square
  /// [−1, 1)² until 0 < s = u² + v² < 1, then u·m and v·m with
  /// m = √(−2 ln s / s) are two independent normals.
  @inline(__always)
  public mutating func standardNormal() -> Double {
    if hasSpareNormal {
      hasSpareNormal = false
      return spareNormal
    }
    while true {
      let u = 2 * uniform() - 1, v = 2 * uniform() - 1
      let s = u * u + v * v
      if s < 1 && s > 0 {
        let m = (-2 * log(s) / s).squareRoot()
        spareNormal = v * m
        hasSpareNormal = true
        return u * m
      }
    }
  }

  /// E ~ Exponential(1) = −ln U, U uniform on (0, 1].
  @inline(__always)
  public mutating func exponential() -> Double {
    -log(uniformPositive())
  }

  /// B ~ Bernoulli(p): true with probability p (p ≤ 0 never, p ≥ 1 always).
  @inline(__always)
  public mutating func bernoulli(_ p: Double) -> Bool {
    uniform() < p
  }

  /// X ~ Gamma(k, 1) (density x^(k−1)·e^(−x)/Γ(k)) for shape k > 0; divide
  /// by a rate β for Gamma(k, β).
  ///
  /// Marsaglia & Tsang (2000) for k ≥ 1: d = k − 1/3, c = 1/√(9d); draw
  /// Z ~ N(0, 1) and U until v = (1 + cZ)³ > 0 and either
  /// U < 1 − 0.0331·Z⁴ (the squeeze) or ln U < Z²/2 + d·(1 − v + ln v);
  /// return d·v. For k < 1, Gamma(k) = Gamma(k+1)·U^(1/k) (the paper's
  /// section 6), which can underflow to 0 for tiny k: `gammaLogarithm(shape:)`
  /// keeps those draws.
  @inline(__always)
  public mutating func gamma(shape k: Double) -> Double {
    precondition(k > 0, "gamma needs a positive shape")
    if k < 1 {
      return marsagliaTsang(k + 1) * pow(uniformPositive(), 1 / k)
    }
    return marsagliaTsang(k)
  }

  /// ln X for X ~ Gamma(k, 1), without underflow for small k:
  /// ln Gamma(k+1) + (ln U)/k when k < 1.
  @inline(__always)
  public mutating func gammaLogarithm(shape k: Double) -> Double {
    precondition(k > 0, "gammaLogarithm needs a positive shape")
    if k < 1 {
      return log(marsagliaTsang(k + 1)) + log(uniformPositive()) / k
    }
    return log(marsagliaTsang(k))
  }

  /// P ~ Beta(a, b) = X/(X+Y) for X ~ Gamma(a), Y ~ Gamma(b), a, b > 0;
  /// computed as 1/(1 + e^(ln Y − ln X)) when a shape is below 1.
  @inline(__always)
  public mutating func beta(_ a: Double, _ b: Double) -> Double {
    if a < 1 || b < 1 {
      let lx = gammaLogarithm(shape: a), ly = gammaLogarithm(shape: b)
      return 1 / (1 + exp(ly - lx))
    }
    let x = marsagliaTsang(a), y = marsagliaTsang(b)
    return x / (x + y)
  }

  /// Marsaglia–Tsang for a shape k ≥ 1.
  @inline(__always)
  private mutating func marsagliaTsang(_ k: Double) -> Double {
    let d = k - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      let z = standardNormal()
      let t = 1 + c * z
      guard t > 0 else { continue }
      let v = t * t * t
      let u = uniformPositive()
      let z2 = z * z
      if u < 1 - 0.0331 * z2 * z2 { return d * v }
      if log(u) < 0.5 * z2 + d * (1 - v + log(v)) { return d * v }
    }
  }
}
