/// Grouped k-fold cross-validation (scikit-learn's `GroupKFold`): all rows
/// of a group (a customer, a household) fall in the same test fold, so no
/// group is ever both fitted on and scored.
///
/// Without shuffling, groups are taken in ascending key order, sorted by size
/// descending (ties: the larger key first, as scikit-learn's reversed stable
/// argsort does), and each is given to the fold with the fewest rows so far
/// (the first such fold on ties) — the greedy balancing of scikit-learn, whose
/// folds this reproduces exactly. With shuffling the distinct groups are
/// permuted by a Fisher–Yates shuffle on ``SeededGenerator`` and cut into k
/// consecutive blocks of near-equal numbers of groups (`np.array_split`), as
/// scikit-learn ≥ 1.6 does with its own generator.
public struct GroupKFold: Sendable, Hashable, Codable {
  /// Number of folds, k ≥ 2.
  public var folds: Int
  /// Whether to shuffle the groups instead of balancing fold sizes.
  public var shuffle: Bool
  /// Seed of the shuffle (ignored without shuffling).
  public var seed: UInt64

  public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
    self.folds = folds
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The k folds of rows with these group keys.
  public func split<Group: Hashable & Comparable>(groups: [Group]) throws(SplitError) -> [Fold] {
    guard folds >= 2 else { throw .tooFewFolds(folds) }
    let keys = Array(Set(groups)).sorted()
    guard folds <= keys.count else { throw .tooManyFolds(folds: folds, available: keys.count, of: "groups") }
    var index = [Group: Int](minimumCapacity: keys.count)
    for (g, key) in keys.enumerated() { index[key] = g }
    let groupOf = groups.map { index[$0]! }
    var foldOfGroup = [Int](repeating: 0, count: keys.count)
    if shuffle {
      var order = Array(keys.indices)
      var generator = SeededGenerator(seed: seed)
      order.seededShuffle(using: &generator)
      var start = 0
      for f in 0..<folds {
        let size = keys.count / folds + (f < keys.count % folds ? 1 : 0)
        for position in start..<(start + size) { foldOfGroup[order[position]] = f }
        start += size
      }
    } else {
      var sizes = [Int](repeating: 0, count: keys.count)
      for g in groupOf { sizes[g] += 1 }
      let order = keys.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 > $1 }
      var load = [Int](repeating: 0, count: folds)
      for g in order {
        var lightest = 0
        for f in 1..<folds where load[f] < load[lightest] { lightest = f }
        load[lightest] += sizes[g]
        foldOfGroup[g] = lightest
      }
    }
    return Fold.from(assignment: groupOf.map { foldOfGroup[$0] }, folds: folds)
  }
}
