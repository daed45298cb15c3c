/// Repeated k-fold cross-validation (scikit-learn's `RepeatedKFold`): R
/// shuffled ``KFold`` splits, repetition r seeded with
/// `SeededGenerator.derivedSeed(seed, index: r)`. Returns R·k folds,
/// repetition by repetition.
public struct RepeatedKFold: Sendable, Hashable, Codable {
  /// Folds per repetition, k ≥ 2.
  public var folds: Int
  /// Number of repetitions R ≥ 1.
  public var repetitions: Int
  /// Seed from which each repetition's seed is derived.
  public var seed: UInt64

  public init(folds: Int = 5, repetitions: Int = 10, seed: UInt64 = 0) {
    self.folds = folds
    self.repetitions = repetitions
    self.seed = seed
  }

  /// The R·k folds of `count` rows; folds r·k ..< (r+1)·k are repetition r.
  public func split(count n: Int) throws(SplitError) -> [Fold] {
    guard repetitions >= 1 else { throw .tooFewRepetitions(repetitions) }
    var all = [Fold]()
    for r in 0..<repetitions {
      let seed = SeededGenerator.derivedSeed(seed, index: r)
      all += try KFold(folds: folds, shuffle: true, seed: seed).split(count: n)
    }
    return all
  }
}

/// Repeated stratified k-fold cross-validation (scikit-learn's
/// `RepeatedStratifiedKFold`): R shuffled ``StratifiedKFold`` splits,
/// repetition r seeded with `SeededGenerator.derivedSeed(seed, index: r)`.
/// Returns R·k folds, repetition by repetition.
public struct RepeatedStratifiedKFold: Sendable, Hashable, Codable {
  /// Folds per repetition, k ≥ 2.
  public var folds: Int
  /// Number of repetitions R ≥ 1.
  public var repetitions: Int
  /// Seed from which each repetition's seed is derived.
  public var seed: UInt64

  public init(folds: Int = 5, repetitions: Int = 10, seed: UInt64 = 0) {
    self.folds = folds
    self.repetitions = repetitions
    self.seed = seed
  }

  /// The R·k folds of rows with these class labels; folds r·k ..< (r+1)·k
  /// are repetition r.
  public func split<Label: Hashable>(labels: [Label]) throws(SplitError) -> [Fold] {
    guard repetitions >= 1 else { throw .tooFewRepetitions(repetitions) }
    var all = [Fold]()
    for r in 0..<repetitions {
      let seed = SeededGenerator.derivedSeed(seed, index: r)
      all += try StratifiedKFold(folds: folds, shuffle: true, seed: seed).split(labels: labels)
    }
    return all
  }
}
