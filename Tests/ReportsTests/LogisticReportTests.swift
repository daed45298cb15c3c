import Models
import ModelStore
import NumericCore
import Testing

@testable import Reports

@Test func validationBlockBecomesATable() throws {
  let validation = JSON.object([
    ("scheme", .string("stratified-5-fold")), ("seed", .number(42)), ("folds", .number(5)),
    ("metrics", .object([("auc", .number(0.81234)), ("logLoss", .number(0.5))])),
    ("sd", .object([("auc", .number(0.0123))])),
  ])
  let model = LogisticModel(
    featureNames: ["x"], target: BinaryTarget(column: "y", positive: "1", negative: "0"), intercept: 0, coefficients: [1],
    covariance: nil, standardization: nil, configuration: LogisticRegression(),
    report: LogisticFitReport(
      optimization: OptimizationReport(
        solver: "newton", iterations: 1, evaluations: 1, converged: true, gradientNorm: 0, value: 2, message: ""),
      rows: 4, weightSum: 4, logLikelihood: -2, nullLogLikelihood: -2.7, penalizedObjective: nil))
  let report = try LogisticReport(
    model: model, labels: [0, 1, 0, 1], probabilities: [0.2, 0.8, 0.4, 0.6], validation: validation)
  let table = try #require(report.validationTable())
  #expect(table.caption == "Cross-validation: stratified-5-fold, 5 folds, seed 42; mean and standard deviation over folds")
  #expect(table.rows == [["auc", "0.8123", "0.0123"], ["logLoss", "0.5000", "–"]])
  #expect(report.auc == 1)
  // Every logistic chart draws from these numbers; other kinds' charts are refused.
  for chart in LogisticReport.available { _ = try report.chart(chart).svg(standalone: false) }
  #expect(throws: ChartUnavailable.self) { try report.chart(.holdout) }
}
