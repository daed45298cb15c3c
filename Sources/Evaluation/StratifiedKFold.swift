/// Stratified k-fold cross-validation (scikit-learn's `StratifiedKFold`):
/// every fold keeps the class proportions of the whole data.
///
/// Classes are numbered in order of first appearance. With the rows sorted by
/// class, row j of that order is dealt to fold j mod k, which fixes how many
/// members of each class each fold gets (so every fold's count of a class
/// differs from n_c/k by less than one). Then, class by class, the fold
/// labels 0,0,…,1,1,…,k−1 (each repeated by its allocation) are given to the
/// class's rows in row order — shuffled first by a Fisher–Yates shuffle on
/// ``SeededGenerator`` when `shuffle` is set.
///
/// Without shuffling the folds are exactly scikit-learn's; with shuffling the
/// per-fold class counts are scikit-learn's, the members differ.
public struct StratifiedKFold: Sendable, Hashable, Codable {
  /// Number of folds, k ≥ 2.
  public var folds: Int
  /// Whether to shuffle each class's fold labels.
  public var shuffle: Bool
  /// Seed of the shuffle (ignored without shuffling).
  public var seed: UInt64

  public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
    self.folds = folds
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The k folds of rows with these class labels (any number of classes).
  /// Throws when k exceeds the size of every class, as scikit-learn does.
  public func split<Label: Hashable>(labels: [Label]) throws(SplitError) -> [Fold] {
    guard folds >= 2 else { throw .tooFewFolds(folds) }
    var classOf = [Label: Int]()
    var encoded = [Int](repeating: 0, count: labels.count)
    var counts = [Int]()
    for (row, label) in labels.enumerated() {
      let c: Int
      if let known = classOf[label] { c = known } else { c = counts.count; classOf[label] = c; counts.append(0) }
      encoded[row] = c
      counts[c] += 1
    }
    guard counts.contains(where: { $0 >= folds }) else {
      throw .tooManyFolds(folds: folds, available: counts.max() ?? 0, of: "members of the largest class")
    }
    // allocation[f][c]: members of class c dealt to fold f, round robin over
    // the rows sorted by class.
    var allocation = [[Int]](repeating: [Int](repeating: 0, count: counts.count), count: folds)
    var position = 0
    for (c, size) in counts.enumerated() {
      for _ in 0..<size { allocation[position % folds][c] += 1; position += 1 }
    }
    var generator = SeededGenerator(seed: seed)
    var foldsOfClass = [[Int]]()
    for c in counts.indices {
      var labelsForClass = [Int]()
      labelsForClass.reserveCapacity(counts[c])
      for f in 0..<folds { labelsForClass += repeatElement(f, count: allocation[f][c]) }
      if shuffle { labelsForClass.seededShuffle(using: &generator) }
      foldsOfClass.append(labelsForClass)
    }
    var next = [Int](repeating: 0, count: counts.count)
    var assignment = [Int](repeating: 0, count: labels.count)
    for row in labels.indices {
      let c = encoded[row]
      assignment[row] = foldsOfClass[c][next[c]]
      next[c] += 1
    }
    return Fold.from(assignment: assignment, folds: folds)
  }
}
