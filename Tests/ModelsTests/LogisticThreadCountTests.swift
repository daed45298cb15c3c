import Foundation
import NumericCore
import Testing

@testable import Models

/// Fits on 9 000 rows (five chunks of 2 048-row blocks, the last one short)
/// with 1, 2 and 3 threads: the chunked passes add their partial sums in
/// chunk order, so every solver's coefficients must agree to the bit.
@Suite("Logistic regression is independent of the thread count", .serialized)
struct LogisticThreadCountTests {
  static func training() -> LogisticRegression.Training {
    var generator = SeededGenerator(seed: 2026)
    let n = 9_000, d = 4
    let truth = [-0.4, 1.0, -0.5, 0.25, 0.0]
    var features = Matrix(rows: n, columns: d)
    var outcomes = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var eta = truth[0]
      for j in 0..<d {
        features[i, j] = Double.random(in: -2...2, using: &generator)
        eta += truth[j + 1] * features[i, j]
      }
      outcomes[i] = Double.random(in: 0..<1, using: &generator) < sigmoid(eta) ? 1 : 0
    }
    return LogisticRegression.Training(features: features, featureNames: ["a", "b", "c", "d"], outcomes: outcomes)
  }

  static func coefficientBits(_ estimator: LogisticRegression, _ data: LogisticRegression.Training) throws -> [[UInt64]] {
    defer { ParallelChunks.setThreadCount(nil) }
    return try [1, 2, 3].map { threads in
      ParallelChunks.setThreadCount(threads)
      let model = try estimator.fit(data)
      return ([model.intercept] + model.coefficients).map(\.bitPattern)
    }
  }

  @Test("Newton, L-BFGS and proximal Newton give bit-identical coefficients with 1, 2 and 3 threads", arguments: [
    LogisticRegression(penalty: .none, solver: .newton),
    LogisticRegression(penalty: .l2(C: 0.5), solver: .newton),
    LogisticRegression(penalty: .l2(C: 0.5), standardize: true, solver: .lbfgs),
    LogisticRegression(penalty: .elasticNet(C: 0.05, l1Ratio: 0.5)),
  ])
  func solvers(_ estimator: LogisticRegression) throws {
    let data = Self.training()
    let bits = try Self.coefficientBits(estimator, data)
    #expect(bits[0] == bits[1] && bits[1] == bits[2])
  }

  @Test("the chunked objective equals a one-block pass to rounding")
  func chunkedObjectiveMatchesOneBlock() {
    let data = Self.training()
    let beta = [0.1, 0.8, -0.3, 0.2, 0.05]
    let lambda = [0, 1.0, 1, 1, 1]
    let chunked = LogisticObjective(design: data.design, outcomes: data.outcomes, weights: nil, penalty: lambda)
    let whole = LogisticObjective(
      design: data.design, outcomes: data.outcomes, weights: nil, penalty: lambda, blockSize: data.rowCount)
    let (a, b) = (chunked.evaluate(beta), whole.evaluate(beta))
    #expect(abs(a.value - b.value) <= 1e-12 * abs(b.value))
    for j in 0..<5 { #expect(abs(a.gradient[j] - b.gradient[j]) <= 1e-10 * (1 + abs(b.gradient[j]))) }
    for k in a.hessian.elements.indices {
      #expect(abs(a.hessian.elements[k] - b.hessian.elements[k]) <= 1e-12 * abs(b.hessian.elements[k]) + 1e-12)
    }
    #expect(abs(chunked.value(beta) - a.value) <= 1e-12 * abs(a.value))
  }
}

/// From 200 000 rows a Newton fit starts at a pilot fit on every 16th row:
/// the pilot only moves the starting point, not the optimum.
@Suite("Logistic regression's pilot start")
struct LogisticPilotStartTests {
  static func training(rows n: Int) -> LogisticRegression.Training {
    var generator = SeededGenerator(seed: 77)
    let truth = [-1.0, 0.8, -0.6, 0.3]
    var features = Matrix(rows: n, columns: 3)
    var outcomes = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var eta = truth[0]
      for j in 0..<3 {
        features[i, j] = Double.random(in: -2...2, using: &generator)
        eta += truth[j + 1] * features[i, j]
      }
      outcomes[i] = Double.random(in: 0..<1, using: &generator) < sigmoid(eta) ? 1 : 0
    }
    return LogisticRegression.Training(features: features, featureNames: ["a", "b", "c"], outcomes: outcomes)
  }

  @Test("the pilot-started fit equals the fit from the intercept-only start", arguments: [
    LogisticRegression(penalty: .none, solver: .newton),
    LogisticRegression(penalty: .l2(C: 0.001), solver: .newton),
  ])
  func pilotKeepsTheOptimum(_ estimator: LogisticRegression) throws {
    let data = Self.training(rows: LogisticRegression.pilotMinimumRows)
    let pilot = try estimator.fit(data)
    let base = data.outcomes.reduce(0, +) / Double(data.rowCount)
    var interceptOnly = pilot
    interceptOnly.intercept = log(base / (1 - base))
    interceptOnly.coefficients = [0, 0, 0]
    let plain = try estimator.fit(data, warmStart: interceptOnly)
    #expect(pilot.report.optimization.iterations < plain.report.optimization.iterations)
    for (a, b) in zip([pilot.intercept] + pilot.coefficients, [plain.intercept] + plain.coefficients) {
      #expect(abs(a - b) <= 1e-9 * max(1, abs(b)))
    }
  }
}
