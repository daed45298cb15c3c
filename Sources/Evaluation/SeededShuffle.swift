/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
/// number generators"), the seeded generator behind every shuffling splitter.
///
/// Each call advances the state by the golden-ratio increment γ =
/// 0x9E3779B97F4A7C15 and returns the state passed through the MurmurHash3
/// finaliser variant "Mix13":
///
///     s ← s + γ;  z ← (s ⊕ s≫30)·0xBF58476D1CE4E5B9;
///     z ← (z ⊕ z≫27)·0x94D049BB133111EB;  return z ⊕ z≫31
///
/// The sequence depends only on the seed, never on the platform or on the
/// number of threads, so folds are reproducible everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public var state: UInt64

  /// A generator whose first output is Mix13(seed + γ).
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
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
  /// output of a SplitMix64 generator seeded with Mix13(seed), so that
  /// neighbouring seeds and repetitions give unrelated streams.
  public static func derivedSeed(_ seed: UInt64, index: Int) -> UInt64 {
    var root = SeededGenerator(seed: seed)
    var generator = SeededGenerator(seed: root.next())
    var value: UInt64 = 0
    for _ in 0...index { value = generator.next() }
    return value
  }
}

extension Array {
  /// Fisher–Yates shuffle (Durstenfeld's in-place form): for i = n−1 down to
  /// 1, swap element i with element j drawn uniformly from 0...i. Every
  /// permutation is equally likely, and the result depends only on the
  /// generator's state.
  public mutating func seededShuffle(using generator: inout SeededGenerator) {
    guard count > 1 else { return }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = Int(generator.uniform(below: UInt64(i + 1)))
      if i != j { swapAt(i, j) }
    }
  }
}
