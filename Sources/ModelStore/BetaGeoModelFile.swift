import Models
import NumericCore

// The BG/NBD part of a model file: the members after the envelope and
// before `validation`.
extension BetaGeoModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    let o = report.optimization
    return [
      ("columns", .object([
        ("frequency", .string(columns.frequency)), ("recency", .string(columns.recency)), ("T", .string(columns.age)),
      ])),
      ("configuration", .object([("penalizer", .number(configuration.penalizer))])),
      ("parameters", .object([("r", .number(r)), ("alpha", .number(alpha)), ("a", .number(a)), ("b", .number(b))])),
      ("covariance", covarianceJSON(covariance)),
      ("training", .object([
        ("source", .string(training.source)),
        ("rows", .number(Double(training.rows))),
        ("sha256", .string(training.sha256)),
        ("distinctRows", .number(Double(report.distinctRows))),
        ("customers", .number(report.customers)),
        ("solver", .string(o.solver)),
        ("iterations", .number(Double(o.iterations))),
        ("evaluations", .number(Double(o.evaluations))),
        ("converged", .bool(o.converged)),
        ("gradientNorm", .number(o.gradientNorm)),
        ("message", .string(o.message)),
        ("objective", .number(o.value)),
        ("logLikelihood", .number(report.logLikelihood)),
      ])),
    ]
  }

  init(file root: Fields) throws(ModelFileError) {
    let columns = try root.object("columns")
    let configuration = try root.object("configuration")
    let parameters = try root.object("parameters")
    let training = try root.object("training")
    let values = try ["r", "alpha", "a", "b"].map { name throws(ModelFileError) in try parameters.double(name) }
    guard values.allSatisfy({ $0 > 0 }) else {
      throw .invalidField(path: root.path, field: "parameters", expected: "r, alpha, a, b all positive")
    }
    self.init(
      r: values[0], alpha: values[1], a: values[2], b: values[3],
      covariance: try covarianceMatrix(root, order: 4),
      columns: SummaryColumns(
        frequency: try columns.string("frequency"), recency: try columns.string("recency"), age: try columns.string("T")),
      configuration: BetaGeo(penalizer: try configuration.double("penalizer")),
      report: BetaGeoFitReport(
        optimization: try optimizationReport(training), rows: try training.integer("rows"),
        distinctRows: try training.integer("distinctRows"), customers: try training.double("customers"),
        logLikelihood: try training.double("logLikelihood")))
  }
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
