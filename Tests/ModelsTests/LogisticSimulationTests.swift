import Models
import NumericCore
import Testing

@Suite("LogisticSimulation")
struct LogisticSimulationTests {
  /// The documented coefficients: β₀ = −1, signs alternating, sizes falling
  /// linearly, Σ βⱼ² = 4.
  @Test("the coefficients are the documented ones")
  func coefficients() {
    for d in [1, 2, 5, 50] {
      let s = LogisticSimulation(features: d, seed: 0)
      #expect(s.intercept == -1)
      #expect(abs(s.coefficients.map { $0 * $0 }.reduce(0, +) - 4) < 1e-12)
      for j in 1...d {
        let expected = (j % 2 == 1 ? 1.0 : -1.0) * s.coefficients[0] * Double(d + 1 - j) / Double(d)
        #expect(abs(s.coefficients[j - 1] - expected) < 1e-14)
      }
    }
    #expect(LogisticSimulation(features: 1, seed: 0).coefficients == [2])
  }

  /// 100 000 rows, 5 features, unpenalised maximum likelihood: each
  /// coefficient within 4 standard errors of the truth (standard errors
  /// about 0.01 here) and within 0.05 absolutely, which is 20 % of the
  /// smallest coefficient (|β₅| = 0.27) and 5 standard errors' worth.
  @Test("logistic regression on 100 000 simulated rows recovers the coefficients")
  func recoversTheCoefficients() throws {
    let simulation = LogisticSimulation(features: 5, seed: 99)
    let n = 100_000, d = 5
    var features = Matrix(rows: n, columns: d)
    var outcomes = [Double](repeating: 0, count: n)
    var x = [Double](repeating: 0, count: d)
    for i in 0..<n {
      outcomes[i] = x.withUnsafeMutableBufferPointer { simulation.row(i, into: $0) }
      for j in 0..<d {
        features[i, j] = x[j]
        #expect((x[j] * 1e6).rounded() / 1e6 == x[j])
      }
    }
    let model = try LogisticRegression().fit(
      LogisticRegression.Training(features: features, featureNames: (1...d).map { "x\($0)" }, outcomes: outcomes))
    let truth = [simulation.intercept] + simulation.coefficients
    for (k, estimate) in model.parameters.enumerated() {
      let se = estimate.standardError ?? .nan
      let error = abs(estimate.estimate - truth[k])
      #expect(error < 4 * se, "\(estimate.name) = \(estimate.estimate) ± \(se), truth \(truth[k])")
      #expect(error < 0.05, "\(estimate.name) = \(estimate.estimate), truth \(truth[k])")
    }
  }
}
