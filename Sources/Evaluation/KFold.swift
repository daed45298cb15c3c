/// K-fold cross-validation (scikit-learn's `KFold`): the rows, in order or
/// shuffled, are cut into k consecutive blocks, the first n mod k of size
/// ⌊n/k⌋ + 1 and the rest of size ⌊n/k⌋; block f is the test set of fold f.
///
/// Without shuffling the folds are exactly scikit-learn's. With shuffling the
/// rows are permuted by a Fisher–Yates shuffle on ``SeededGenerator`` (not
/// numpy's Mersenne Twister), so the folds depend only on `seed`.
public struct KFold: Sendable, Hashable, Codable {
  /// Number of folds, k ≥ 2.
  public var folds: Int
  /// Whether to shuffle the rows before cutting them into blocks.
  public var shuffle: Bool
  /// Seed of the shuffle (ignored without shuffling).
  public var seed: UInt64

  public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
    self.folds = folds
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The k folds of `count` rows.
  public func split(count n: Int) throws(SplitError) -> [Fold] {
    guard folds >= 2 else { throw .tooFewFolds(folds) }
    guard folds <= n else { throw .tooManyFolds(folds: folds, available: n, of: "rows") }
    var order = Array(0..<n)
    if shuffle {
      var generator = SeededGenerator(seed: seed)
      order.seededShuffle(using: &generator)
    }
    var assignment = [Int](repeating: 0, count: n)
    var start = 0
    for f in 0..<folds {
      let size = n / folds + (f < n % folds ? 1 : 0)
      for position in start..<(start + size) { assignment[order[position]] = f }
      start += size
    }
    return Fold.from(assignment: assignment, folds: folds)
  }
}
