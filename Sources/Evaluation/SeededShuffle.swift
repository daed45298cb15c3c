import NumericCore

/// The seeded generator of the splitters, defined in NumericCore (which the
/// simulators share); named here so that `import Evaluation` keeps offering it.
public typealias SeededGenerator = NumericCore.SeededGenerator

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
