import Models
import NumericCore

// Members every model kind writes the same way.

/// The `training` member: provenance, then the kind's counts, then the
/// optimiser's report, then the kind's results.
func trainingJSON(
  _ provenance: TrainingProvenance, _ o: OptimizationReport, counts: [(String, JSON)], results: [(String, JSON)]
) -> JSON {
  .object(
    [("source", .string(provenance.source)), ("rows", .number(Double(provenance.rows))), ("sha256", .string(provenance.sha256))]
      + counts
      + [
        ("solver", .string(o.solver)), ("iterations", .number(Double(o.iterations))),
        ("evaluations", .number(Double(o.evaluations))), ("converged", .bool(o.converged)),
        ("gradientNorm", .number(o.gradientNorm)), ("message", .string(o.message)), ("objective", .number(o.value)),
      ]
      + results)
}

/// A covariance matrix as rows of numbers, `null` when absent.
func covarianceJSON(_ covariance: Matrix?) -> JSON {
  covariance.map { m in .array((0..<m.rows).map { i in .numbers((0..<m.columns).map { m[i, $0] }) }) } ?? .null
}

/// The `covariance` member: `order` rows of `order` numbers, or null.
func covarianceMatrix(_ root: Fields, order: Int) throws(ModelFileError) -> Matrix? {
  guard !root.isNull("covariance") else { return nil }
  let rows = try root.array("covariance")
  guard rows.count == order else {
    throw .invalidField(path: root.path, field: "covariance", expected: "\(order) rows, found \(rows.count)")
  }
  var m = Matrix(rows: order, columns: order)
  for (i, row) in rows.enumerated() {
    guard let values = Fields.numbers(row), values.count == order else {
      throw .invalidField(path: root.path, field: "covariance[\(i)]", expected: "an array of \(order) numbers")
    }
    for j in 0..<order { m[i, j] = values[j] }
  }
  return m
}

/// The optimiser's report from the `training` member.
func optimizationReport(_ training: Fields) throws(ModelFileError) -> OptimizationReport {
  OptimizationReport(
    solver: try training.string("solver"), iterations: try training.integer("iterations"),
    evaluations: try training.integer("evaluations"), converged: try training.bool("converged"),
    gradientNorm: try training.double("gradientNorm"), value: try training.double("objective"),
    message: try training.string("message"))
}
