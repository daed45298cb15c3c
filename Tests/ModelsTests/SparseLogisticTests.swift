import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

/// One case of sparse_reference.json, written by make_sparse_fixtures.py
/// (scikit-learn 1.9.1 saga on standardised features; see that script).
private struct SparseCase: Decodable {
  var name: String
  var features: [String]
  var penalty: String
  var C: Double
  var l1Ratio: Double
  var intercept: Double
  var coefficients: [Double]
  var objective: Double
  var optimumObjective: Double
  var zeros: [Int]
  var robustZeros: [Int]
  var center: [Double]
  var scale: [Double]

  var estimatorPenalty: LogisticRegression.Penalty {
    penalty == "l1" ? .l1(C: C) : .elasticNet(C: C, l1Ratio: l1Ratio)
  }
}

private func sparseCase(_ name: String) throws -> SparseCase {
  struct File: Decodable { var cases: [SparseCase] }
  let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("sparse_reference.json"))
  let file = try JSONDecoder().decode(File.self, from: data)
  guard let found = file.cases.first(where: { $0.name == name }) else { throw CocoaError(.fileReadCorruptFile) }
  return found
}

/// purchase_intent.csv with the fixtures' two noise columns (sparse_noise.csv, same row order).
private func sparseTraining(_ features: [String]) throws -> LogisticRegression.Training {
  var table = try Fixtures.purchaseIntent()
  let noise = try CSVReader.read(Fixtures.path("sparse_noise.csv"))
  #expect(try noise.numeric("customer_id") == table.numeric("customer_id"))
  for name in ["noise_a", "noise_b"] { table = try table.adding(numeric: name, values: try noise.numeric(name)) }
  return try LogisticRegression.Training(table: table, target: "bought", features: features)
}

private let sparseCases = [
  "l1_C0.01_standardized", "l1_C1_standardized", "l1_C0.05_noise_standardized",
  "elasticnet_C0.05_r0.5_standardized", "elasticnet_C0.01_r0.5_noise_standardized",
]

private func expectClose(_ a: [Double], _ b: [Double], _ tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.count == b.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a, b) {
    #expect(x.isApproximatelyEqual(to: y, relativeTolerance: tolerance), "\(x) vs \(y)", sourceLocation: sourceLocation)
  }
}

/// The subgradient conditions of f = Σ loss + ½Σλⱼβⱼ² + Σκⱼ|βⱼ| checked
/// from scratch: ∂ⱼ = −κⱼ·sign βⱼ where βⱼ ≠ 0, |∂ⱼ| ≤ κⱼ where βⱼ = 0.
private func expectOptimal(
  _ model: LogisticModel, _ data: LogisticRegression.Training, lambda: [Double], kappa: [Double],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let beta = [model.intercept] + model.coefficients
  let objective = LogisticObjective(design: data.design, outcomes: data.outcomes, weights: data.sampleWeights, penalty: lambda)
  let e = objective.evaluate(beta)
  let f = e.value + zip(kappa, beta).reduce(0) { $0 + $1.0 * abs($1.1) }
  for j in beta.indices {
    let unit = (e.hessian[j, j] * max(1, f)).squareRoot()
    let g = e.gradient[j]
    if beta[j] == 0 {
      #expect(abs(g) <= kappa[j] + 1e-8 * unit, "coordinate \(j): |\(g)| > \(kappa[j])", sourceLocation: sourceLocation)
    } else {
      let v = g + (beta[j] > 0 ? kappa[j] : -kappa[j])
      #expect(abs(v) <= 1e-8 * unit, "coordinate \(j): \(v)", sourceLocation: sourceLocation)
    }
  }
}

/// L1 and elastic-net fits (named so that `--filter 'Logistic|Elastic|Lasso'` runs them).
@Suite struct ElasticNetAndLassoLogisticTests {
  @Test(arguments: sparseCases)
  func sparseFitReachesScikitLearnsOptimum(_ name: String) throws {
    let reference = try sparseCase(name)
    let model = try LogisticRegression(penalty: reference.estimatorPenalty, standardize: true)
      .fit(try sparseTraining(reference.features))
    let o = model.report.optimization
    #expect(o.solver == "proximal-newton" && o.converged, "\(o)")
    // saga stops early: cvw must reach at least its objective (to rounding).
    let objective = model.report.penalizedObjective!
    #expect(objective <= reference.objective + 1e-6 * abs(reference.objective), "\(objective) vs \(reference.objective)")
    #expect(objective.isApproximatelyEqual(to: reference.optimumObjective, relativeTolerance: 1e-12))
    let actual = [model.intercept] + model.coefficients, expected = [reference.intercept] + reference.coefficients
    for (a, e) in zip(actual, expected) { #expect(abs(a - e) <= 1e-4, "\(a) vs \(e)") }
    // The zeros are exact and where scikit-learn has them.
    let zeros = model.coefficients.indices.filter { model.coefficients[$0] == 0 }
    #expect(zeros == reference.zeros)
    for j in reference.robustZeros { #expect(model.coefficients[j].bitPattern == 0, "+0, not −0") }
    expectClose(model.standardization!.centers, reference.center, 1e-14)
    expectClose(model.standardization!.scales, reference.scale, 1e-13)
    #expect(model.covariance == nil && model.aic == nil)
    #expect(model.parameters.allSatisfy { $0.standardError == nil && $0.pValue == nil })
  }

  @Test func lassoOnRawFeaturesMeetsTheSubgradientConditions() throws {
    // Without standardisation the raw columns (monetary_value in dollars, T in
    // weeks) are badly scaled; the intercept's elimination keeps coordinate
    // descent fast, and the conditions hold from a fresh evaluation.
    let data = try sparseTraining(["frequency", "recency", "T", "monetary_value", "noise_a", "noise_b"])
    for c in [0.001, 0.01, 1.0] {
      let model = try LogisticRegression(penalty: .l1(C: c)).fit(data)
      #expect(model.report.optimization.converged)
      let kappa = [0] + [Double](repeating: 1 / c, count: 6)
      expectOptimal(model, data, lambda: [Double](repeating: 0, count: 7), kappa: kappa)
    }
    // Small C: only the intercept survives, at the log-odds of the base rate.
    let empty = try LogisticRegression(penalty: .l1(C: 1e-5)).fit(data)
    #expect(empty.coefficients.allSatisfy { $0 == 0 })
    #expect(empty.intercept.isApproximatelyEqual(to: log(684.0 / 1673), relativeTolerance: 1e-12))
  }

  @Test func weightedElasticNetMeetsTheSubgradientConditions() throws {
    var table = try Fixtures.purchaseIntent()
    let ids = try table.numeric("customer_id")
    table = try table.adding(numeric: "w", values: ids.map { 1 + $0.truncatingRemainder(dividingBy: 3) })
    let data = try LogisticRegression.Training(
      table: table, target: "bought", features: ["frequency", "recency", "T", "monetary_value"], weight: "w")
    let (c, rho) = (0.003, 0.7)
    let model = try LogisticRegression(penalty: .elasticNet(C: c, l1Ratio: rho), standardize: true).fit(data)
    let s = model.standardization!.scales
    expectOptimal(
      model, data, lambda: [0] + s.map { (1 - rho) * $0 * $0 / c }, kappa: [0] + s.map { rho * $0 / c })
    #expect(model.coefficients.contains(0))
  }

  @Test func elasticNetEndsMatchL2AndL1() throws {
    let data = try sparseTraining(["frequency", "recency", "T", "monetary_value"])
    let l2 = try LogisticRegression(penalty: .l2(C: 0.1), standardize: true).fit(data)
    let ridge = try LogisticRegression(penalty: .elasticNet(C: 0.1, l1Ratio: 0), standardize: true).fit(data)
    #expect(ridge.report.optimization.solver == "proximal-newton")
    expectClose([ridge.intercept] + ridge.coefficients, [l2.intercept] + l2.coefficients, 1e-9)
    #expect(ridge.report.penalizedObjective!.isApproximatelyEqual(to: l2.report.penalizedObjective!, relativeTolerance: 1e-13))
    let l1 = try LogisticRegression(penalty: .l1(C: 0.01), standardize: true).fit(data)
    let lasso = try LogisticRegression(penalty: .elasticNet(C: 0.01, l1Ratio: 1), standardize: true).fit(data)
    #expect([l1.intercept] + l1.coefficients == [lasso.intercept] + lasso.coefficients)
  }

  @Test func invalidPenaltyParametersAreRefused() throws {
    let data = try sparseTraining(["frequency"])
    for penalty in [LogisticRegression.Penalty.l1(C: 0), .elasticNet(C: 1, l1Ratio: 1.5), .elasticNet(C: .infinity, l1Ratio: 0.5),
                    .elasticNet(C: 1, l1Ratio: .nan)] {
      #expect(throws: FitError.self) { try LogisticRegression(penalty: penalty).fit(data) }
    }
  }
}
