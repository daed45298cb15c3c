/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
/// number generators"), the seeded generator behind every shuffling splitter
/// and every simulation.
///
/// Each call advances the state by the golden-ratio increment γ =
/// 0x9E3779B97F4A7C15 and returns the state passed through the MurmurHash3
/// finaliser variant "Mix13":
///
///     s ← s + γ;  z ← (s ⊕ s≫30)·0xBF58476D1CE4E5B9;
///     z ← (z ⊕ z≫27)·0x94D049BB133111EB;  return z ⊕ z≫31
///
/// The sequence depends only on the seed, never on the platform or on the
/// number of threads, so folds and simulated data are reproducible everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public var state: UInt64

  /// A generator whose first output is Mix13(seed + γ).
  public init(seed: UInt64) { state = seed }

  static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// The next 64 random bits.
  @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= SeededGenerator.increment
    return SeededGenerator.mix(state)
  }

  /// Mix13, the output function.
  @inline(__always)
  static func mix(_ s: UInt64) -> UInt64 {
    var z = s
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in 0..<bound by Lemire's multiply-and-reject method
  /// (Lemire 2019, "Fast random integer generation in an interval"): the high
  /// word of x·bound for a 64-bit x, redrawn while the low word falls below
  /// 2⁶⁴ mod bound, so that every value is exactly equally likely.
  /// Written out here (rather than `Int.random(in:using:)`) so that the
  /// draws cannot change with the standard library's implementation.
  public mutating func uniform(below bound: UInt64) -> UInt64 {
    precondition(bound > 0, "uniform(below:) needs a positive bound")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return product.high
  }

  /// The seed of repetition `index` derived from `seed`: the `index`-th
  /// output of a SplitMix64 generator seeded with Mix13(seed + γ), so that
  /// neighbouring seeds and repetitions give unrelated streams. Computed in
  /// O(1): the k-th output of a generator seeded s is Mix13(s + (k+1)·γ).
  public static func derivedSeed(_ seed: UInt64, index: Int) -> UInt64 {
    precondition(index >= 0, "derivedSeed needs a non-negative index")
    let root = mix(seed &+ increment)
    return mix(root &+ UInt64(index + 1) &* increment)
  }
}
