import Evaluation
import Models
import NumericCore
import Testing

/// Cross-validation on 9 000 rows (each fold's 7 200 training rows span four
/// 2 048-row blocks) with 1, 2 and 3 threads: every out-of-fold probability
/// must agree to the bit.
@Suite("Logistic cross-validation is independent of the thread count", .serialized)
struct LogisticCrossValidationThreadTests {
  @Test func outOfFoldProbabilitiesAreBitIdentical() throws {
    var generator = SeededGenerator(seed: 7)
    let n = 9_000
    var features = Matrix(rows: n, columns: 3)
    var outcomes = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<3 { features[i, j] = Double.random(in: -2...2, using: &generator) }
      let eta = 0.3 + features[i, 0] - 0.7 * features[i, 1]
      outcomes[i] = Double.random(in: 0..<1, using: &generator) < sigmoid(eta) ? 1 : 0
    }
    let data = LogisticRegression.Training(features: features, featureNames: ["a", "b", "c"], outcomes: outcomes)
    let folds = try KFold(folds: 5, shuffle: true, seed: 3).split(count: n)
    let grid = [0.01, 1].map { LogisticRegression(penalty: .l2(C: $0)) }
    defer { ParallelChunks.setThreadCount(nil) }
    let runs = try [1, 2, 3].map { threads in
      ParallelChunks.setThreadCount(threads)
      return try LogisticCrossValidation(folds: folds, grid: grid).run(data).flatMap { $0.outOfFold.map(\.bitPattern) }
    }
    #expect(runs[0] == runs[1] && runs[1] == runs[2])
  }
}
