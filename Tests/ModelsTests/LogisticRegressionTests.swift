import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

private let features = ["frequency", "recency", "T", "monetary_value"]

private func training(weighted: Bool = false) throws -> LogisticRegression.Training {
  var table = try Fixtures.purchaseIntent()
  if weighted {
    // The fixtures' weights: 1 + customer_id mod 3.
    let ids = try table.numeric("customer_id")
    table = try table.adding(numeric: "w", values: ids.map { 1 + $0.truncatingRemainder(dividingBy: 3) })
  }
  return try LogisticRegression.Training(
    table: table, target: "bought", features: features, weight: weighted ? "w" : nil)
}

private func expectRelative(
  _ actual: [Double], _ expected: [Double], _ tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, sourceLocation: sourceLocation)
  for (a, e) in zip(actual, expected) {
    #expect(a.isApproximatelyEqual(to: e, relativeTolerance: tolerance), "\(a) vs \(e)", sourceLocation: sourceLocation)
  }
}

@Test func unpenalizedFitMatchesStatsmodelsLogit() throws {
  let reference = try Fixtures.reference("unpenalized")
  let model = try LogisticRegression().fit(try training())
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  let parameters = model.parameters
  expectRelative(parameters.map { $0.standardError! }, reference.standardErrors!, 1e-8)
  expectRelative(parameters.map { $0.z! }, reference.z!, 1e-8)
  expectRelative(parameters.map { $0.pValue! }, reference.pValues!, 1e-6)
  expectRelative(parameters.map { $0.lower95! }, reference.ci95Lower!, 1e-8)
  expectRelative(parameters.map { $0.upper95! }, reference.ci95Upper!, 1e-8)
  expectRelative(model.covariance!.rowMajorElements, reference.covariance!, 1e-8)
  #expect(model.report.logLikelihood.isApproximatelyEqual(to: reference.logLikelihood!, relativeTolerance: 1e-12))
  // ℓ₀ in closed form, 684·ln p̄ + 1673·ln(1 − p̄) with p̄ = 684/2357; statsmodels
  // fits ℓ₀ iteratively with its default tolerance and lands 8e-11 off it.
  #expect(model.report.nullLogLikelihood == 684 * log(684.0 / 2357) + 1673 * log1p(-684.0 / 2357))
  #expect(model.report.nullLogLikelihood.isApproximatelyEqual(to: reference.llnull!, relativeTolerance: 1e-9))
  #expect(model.report.pseudoRSquared.isApproximatelyEqual(to: reference.pseudoR2!, relativeTolerance: 1e-9))
  #expect(model.aic!.isApproximatelyEqual(to: reference.aic!, relativeTolerance: 1e-12))
  #expect(model.bic!.isApproximatelyEqual(to: reference.bic!, relativeTolerance: 1e-12))
  #expect(model.report.optimization.converged)
  #expect(model.report.optimization.gradientNorm < 1e-8)
  #expect(parameters.map(\.name) == ["intercept"] + features)
}

@Test(arguments: ["l2_C0.01", "l2_C1", "l2_C100"])
func l2FitMatchesScikitLearn(_ name: String) throws {
  let reference = try Fixtures.reference(name)
  let model = try LogisticRegression(penalty: .l2(C: reference.C!)).fit(try training())
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  #expect(model.report.penalizedObjective!.isApproximatelyEqual(to: reference.objective!, relativeTolerance: 1e-12))
  #expect(model.covariance == nil)
  #expect(model.parameters.allSatisfy { $0.standardError == nil && $0.pValue == nil })
}

@Test func standardizedL2FitMatchesAScalerPipeline() throws {
  let reference = try Fixtures.reference("l2_C0.1_standardized")
  let model = try LogisticRegression(penalty: .l2(C: 0.1), standardize: true).fit(try training())
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  expectRelative(model.standardization!.centers, reference.center!, 1e-14)
  expectRelative(model.standardization!.scales, reference.scale!, 1e-13)
}

@Test func balancedClassWeightsMatchScikitLearn() throws {
  let reference = try Fixtures.reference("l2_C1_balanced")
  let model = try LogisticRegression(penalty: .l2(C: 1), classWeight: .balanced).fit(try training())
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  #expect(model.report.penalizedObjective!.isApproximatelyEqual(to: reference.objective!, relativeTolerance: 1e-12))
}

@Test func sampleWeightsMatchScikitLearn() throws {
  let weighted = try training(weighted: true)
  let l2 = try Fixtures.reference("l2_C1_weighted")
  let model = try LogisticRegression(penalty: .l2(C: 1)).fit(weighted)
  expectRelative([model.intercept] + model.coefficients, [l2.intercept] + l2.coefficients, 1e-8)
  let both = try Fixtures.reference("l2_C1_balanced_weighted")
  let balanced = try LogisticRegression(penalty: .l2(C: 1), classWeight: .balanced).fit(weighted)
  expectRelative([balanced.intercept] + balanced.coefficients, [both.intercept] + both.coefficients, 1e-8)
}

@Test func weightedUnpenalizedFitMatchesFrequencyWeightedGLM() throws {
  let reference = try Fixtures.reference("unpenalized_weighted")
  let model = try LogisticRegression().fit(try training(weighted: true))
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  expectRelative(model.parameters.map { $0.standardError! }, reference.standardErrors!, 1e-8)
  #expect(model.report.logLikelihood.isApproximatelyEqual(to: reference.logLikelihood!, relativeTolerance: 1e-12))
}

@Test func lbfgsOnRawColumnsMatchesStatsmodels() throws {
  // L-BFGS runs in the standardised parameterisation, so badly scaled raw
  // columns (monetary_value in dollars, T in weeks) do not stop it early.
  let reference = try Fixtures.reference("unpenalized")
  let model = try LogisticRegression(solver: .lbfgs).fit(try training())
  #expect(model.report.optimization.solver == "lbfgs" && model.report.optimization.converged)
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
  expectRelative(model.parameters.map { $0.standardError! }, reference.standardErrors!, 1e-8)
}

@Test func lbfgsReachesTheSameOptimumAsNewton() throws {
  let reference = try Fixtures.reference("l2_C0.1_standardized")
  let model = try LogisticRegression(penalty: .l2(C: 0.1), standardize: true, solver: .lbfgs).fit(try training())
  #expect(model.report.optimization.solver == "lbfgs")
  expectRelative([model.intercept] + model.coefficients, [reference.intercept] + reference.coefficients, 1e-8)
}

@Test func scoringATableEqualsScoringRowByRow() throws {
  let table = try Fixtures.purchaseIntent()
  let model = try LogisticRegression().fit(try training())
  let all = try model.probabilities(for: table)
  let columns = try features.map { try table.numeric($0) }
  for i in stride(from: 0, to: table.rowCount, by: 97) {
    #expect(all[i] == model.probability(columns.map { $0[i] }))
  }
}

// MARK: - Data that cannot identify the model

private func fitFixture(_ file: String, penalty: LogisticRegression.Penalty = .none) throws -> LogisticModel {
  let table = try CSVReader.read(Fixtures.path(file))
  return try LogisticRegression(penalty: penalty).fit(try LogisticRegression.Training(table: table, target: "y"))
}

@Test func completeSeparationByOneColumnIsNamed() throws {
  do {
    _ = try fitFixture("separation.csv")
    Issue.record("expected a separation error")
  } catch FitError.separation(let columns, let detail) {
    #expect(columns == ["leak"])
    #expect(detail.hasPrefix("complete separation: column 'leak'"))
  }
  // A penalty makes the optimum finite: the same data then fits.
  let penalized = try fitFixture("separation.csv", penalty: .l2(C: 1))
  #expect(penalized.coefficients.allSatisfy { $0.isFinite })
}

@Test func quasiSeparationByAFlagIsNamed() throws {
  do {
    _ = try fitFixture("quasi_separation.csv")
    Issue.record("expected a separation error")
  } catch FitError.separation(let columns, let detail) {
    #expect(columns == ["flag"])
    #expect(detail.hasPrefix("quasi-complete separation: column 'flag'"))
  }
}

@Test func separationAlongACombinationOfColumnsIsDetected() throws {
  // y = 1 exactly when x1 + x2 > 0; neither column separates alone.
  var x = [Double](), y = [Double]()
  for i in 0..<60 {
    let a = Double((i * 37) % 23) - 11, b = Double((i * 17) % 19) - 9.5
    x.append(a)
    x.append(b)
    y.append(a + b > 0 ? 1 : 0)
  }
  let features = Matrix(rows: 60, columns: 2, rowMajor: x)
  let data = LogisticRegression.Training(features: features, featureNames: ["x1", "x2"], outcomes: y)
  #expect(SeparationCheck.singleColumn(
    design: data.design, outcomes: y, weights: nil, names: ["x1", "x2"], target: data.target) == nil)
  do {
    _ = try LogisticRegression().fit(data)
    Issue.record("expected a separation error")
  } catch FitError.separation(let columns, let detail) {
    #expect(Set(columns) == ["x1", "x2"])
    #expect(detail.hasPrefix("complete separation: a combination of"))
  }
}

@Test func collinearColumnsAreNamed() throws {
  let table = try Fixtures.purchaseIntent()
  let frequency = try table.numeric("frequency"), recency = try table.numeric("recency")
  let withCopy = try table.adding(numeric: "frequency_copy", values: frequency)
  let withSum = try table.adding(numeric: "combo", values: zip(frequency, recency).map { 2 * $0 - $1 + 3 })
  let withConstant = try table.adding(numeric: "one", values: [Double](repeating: 7, count: table.rowCount))
  // 0.1 is not exact in binary: the two-pass variance of this column is 7e-17, not 0.
  let withTenth = try table.adding(numeric: "tenth", values: [Double](repeating: 0.1, count: table.rowCount))
  func failure(_ table: Table, weight: String? = nil, _ features: [String]) throws -> FitError? {
    do {
      _ = try LogisticRegression().fit(try .init(table: table, target: "bought", features: features, weight: weight))
      return nil
    } catch let error as FitError { return error }
  }
  guard case .rankDeficient("frequency_copy", ["frequency"])? = try failure(withCopy, ["frequency", "T", "frequency_copy"]) else {
    Issue.record("duplicate column not reported")
    return
  }
  guard case .rankDeficient("combo", ["frequency", "recency"])? = try failure(withSum, ["frequency", "recency", "T", "combo"]) else {
    Issue.record("linear combination not reported")
    return
  }
  guard case .rankDeficient("one", [])? = try failure(withConstant, ["frequency", "one"]) else {
    Issue.record("constant column not reported")
    return
  }
  guard case .rankDeficient("tenth", [])? = try failure(withTenth, ["frequency", "tenth"]) else {
    Issue.record("constant 0.1 column not reported")
    return
  }
  #expect(FitError.rankDeficient(column: "one", of: []).description.contains("'one' is constant"))
  // Constant where it counts: every row where it varies has weight zero.
  let recencyOrZero = zip(try table.numeric("customer_id"), recency).map { $0.0 <= 100 ? 5 : $0.1 }
  let weights = try table.numeric("customer_id").map { $0 <= 100 ? 1.0 : 0.0 }
  let zeroWeighted = try table.adding(numeric: "w", values: weights).adding(numeric: "r", values: recencyOrZero)
  guard case .rankDeficient("r", [])? = try failure(zeroWeighted, weight: "w", ["frequency", "r"]) else {
    Issue.record("column constant on the weighted rows not reported")
    return
  }
  // With a penalty the optimum exists and is unique.
  let penalized = try LogisticRegression(penalty: .l2(C: 1)).fit(
    try .init(table: withCopy, target: "bought", features: ["frequency", "frequency_copy"]))
  #expect(penalized.coefficients[0].isApproximatelyEqual(to: penalized.coefficients[1], relativeTolerance: 1e-10))
}

@Test func nonConvergenceIsReportedWithTheOptimizerReport() throws {
  do {
    _ = try LogisticRegression(maxIterations: 1).fit(try training())
    Issue.record("expected non-convergence")
  } catch FitError.notConverged(let report) {
    #expect(report.iterations == 1)
    #expect(!report.converged)
  }
}

@Test func classWeightsGiveNoWaldInference() throws {
  let model = try LogisticRegression(classWeight: .balanced).fit(try training())
  #expect(model.covariance == nil && model.aic == nil)
  #expect(model.parameters.allSatisfy { $0.standardError == nil })
}

@Test func duplicateFeaturesAreRefused() throws {
  #expect(throws: DataError.self) {
    try LogisticRegression.Training(table: try Fixtures.purchaseIntent(), target: "bought", features: ["recency", "recency"])
  }
}

@Test func invalidOutcomesAndWeightsAreRefusedNotTrapped() {
  let x = Matrix(rows: 3, columns: 1, columnMajor: [1, 2, 3])
  for (y, w) in [([0.0, 1, 2], nil), ([0, 1, .nan], nil), ([0, 1, 1], [1, -1, 1]), ([0, 1, 1], [1, .infinity, 1])] as [([Double], [Double]?)] {
    #expect(throws: FitError.self) {
      try LogisticRegression().fit(.init(features: x, featureNames: ["x"], outcomes: y, sampleWeights: w))
    }
  }
}

@Test func weightedRowsFitLikeTheExpandedData() throws {
  // Each row repeated w = 1 + id mod 3 times, against the row once with weight w.
  let weighted = try training(weighted: true)
  let n = weighted.rowCount, d = weighted.featureNames.count
  var rows = [Double](), outcomes = [Double]()
  for i in 0..<n {
    for _ in 0..<Int(weighted.sampleWeights![i]) {
      rows += (1...d).map { weighted.design[i, $0] }
      outcomes.append(weighted.outcomes[i])
    }
  }
  let expanded = LogisticRegression.Training(
    features: Matrix(rows: outcomes.count, columns: d, rowMajor: rows), featureNames: weighted.featureNames,
    outcomes: outcomes)
  for estimator in [LogisticRegression(), LogisticRegression(penalty: .l2(C: 0.05), standardize: true)] {
    let a = try estimator.fit(weighted), b = try estimator.fit(expanded)
    expectRelative([a.intercept] + a.coefficients, [b.intercept] + b.coefficients, 1e-9)
    #expect(a.report.logLikelihood.isApproximatelyEqual(to: b.report.logLikelihood, relativeTolerance: 1e-12))
    if let bic = b.bic {
      #expect(a.bic!.isApproximatelyEqual(to: bic, relativeTolerance: 1e-12))
      expectRelative(a.parameters.map { $0.standardError! }, b.parameters.map { $0.standardError! }, 1e-9)
    }
  }
}

@Test func subsetsAndWarmStartsReachTheSameOptimum() throws {
  let data = try training()
  let evens = Array(stride(from: 0, to: data.rowCount, by: 2))
  let half = data.subset(evens)
  #expect(half.rowCount == evens.count && half.design[3, 2] == data.design[6, 2] && half.outcomes[3] == data.outcomes[6])
  let cold = try LogisticRegression(penalty: .l2(C: 0.1)).fit(half)
  let previous = try LogisticRegression(penalty: .l2(C: 1)).fit(half)
  let warm = try LogisticRegression(penalty: .l2(C: 0.1)).fit(half, warmStart: previous)
  expectRelative([warm.intercept] + warm.coefficients, [cold.intercept] + cold.coefficients, 1e-9)
  #expect(warm.report.optimization.iterations <= cold.report.optimization.iterations)
}
