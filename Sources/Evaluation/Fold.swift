/// One cross-validation split: the rows a model is fitted on and the rows it
/// is scored on, as 0-based row indices in ascending order. In every splitter
/// `train` and `test` are disjoint and together hold every row once.
public struct Fold: Sendable, Hashable, Codable {
  /// Rows to fit on, ascending.
  public var train: [Int]
  /// Rows to score, ascending.
  public var test: [Int]

  public init(train: [Int], test: [Int]) {
    self.train = train
    self.test = test
  }

  /// The folds whose test rows are the rows `r` with `assignment[r] == f`,
  /// for f = 0..<k, and whose training rows are all the others.
  static func from(assignment: [Int], folds k: Int) -> [Fold] {
    var tests = [[Int]](repeating: [], count: k)
    for (row, f) in assignment.enumerated() { tests[f].append(row) }
    return tests.map { test in
      var train = [Int]()
      train.reserveCapacity(assignment.count - test.count)
      var next = 0
      for row in test {
        while next < row { train.append(next); next += 1 }
        next = row + 1
      }
      while next < assignment.count { train.append(next); next += 1 }
      return Fold(train: train, test: test)
    }
  }
}

/// Why a splitter cannot split the rows it was given.
public enum SplitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Fewer than two folds were asked for.
  case tooFewFolds(Int)
  /// More folds than rows (or groups, or members of every class).
  case tooManyFolds(folds: Int, available: Int, of: String)
  /// Repetitions must be at least one.
  case tooFewRepetitions(Int)

  public var description: String {
    switch self {
    case .tooFewFolds(let k):
      return "cross-validation needs at least 2 folds, not \(k)"
    case .tooManyFolds(let k, let available, let what):
      return "cannot make \(k) folds from \(available) \(what)"
    case .tooFewRepetitions(let r):
      return "repetitions must be at least 1, not \(r)"
    }
  }
}
