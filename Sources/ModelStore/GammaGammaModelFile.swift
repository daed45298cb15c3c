import Models
import NumericCore

// The Gamma-Gamma part of a model file (kind "gamma-gamma"): the members
// after the envelope (`format` … `createdAt`) and before `validation`.
//
//     "columns": {"frequency": "frequency", "monetaryValue": "monetary_value"},
//     "configuration": {"penalizer": 0},
//     "parameters": {"p": 6.2488, "q": 3.7446, "v": 15.4477},
//     "covariance": [[…], […], […]]   (null for penalised fits),
//     "training": {"source", "rows", "sha256", "customersUsed", "customersLeftOut",
//                  "solver", "iterations", "evaluations", "converged", "gradientNorm",
//                  "message", "objective", "logLikelihood", "correlation"}
extension GammaGammaModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    let covarianceJSON: JSON = covariance.map { m in
      .array((0..<3).map { i in .numbers((0..<3).map { m[i, $0] }) })
    } ?? .null
    let o = report.optimization
    return [
      ("columns", .object([("frequency", .string(frequencyColumn)), ("monetaryValue", .string(monetaryValueColumn))])),
      ("configuration", .object([("penalizer", .number(configuration.penalizer))])),
      ("parameters", .object([("p", .number(p)), ("q", .number(q)), ("v", .number(v))])),
      ("covariance", covarianceJSON),
      ("training", .object([
        ("source", .string(training.source)),
        ("rows", .number(Double(training.rows))),
        ("sha256", .string(training.sha256)),
        ("customersUsed", .number(report.customersUsed)),
        ("customersLeftOut", .number(report.customersLeftOut)),
        ("solver", .string(o.solver)),
        ("iterations", .number(Double(o.iterations))),
        ("evaluations", .number(Double(o.evaluations))),
        ("converged", .bool(o.converged)),
        ("gradientNorm", .number(o.gradientNorm)),
        ("message", .string(o.message)),
        ("objective", .number(o.value)),
        ("logLikelihood", .number(report.logLikelihood)),
        ("correlation", .number(report.correlation)),
      ])),
    ]
  }

  init(file root: Fields) throws(ModelFileError) {
    let columns = try root.object("columns")
    let configuration = try root.object("configuration")
    let penalizer = try configuration.double("penalizer")
    guard penalizer >= 0 else {
      throw .invalidField(path: root.path, field: "configuration.penalizer", expected: "a non-negative number")
    }
    let parameters = try root.object("parameters")
    var theta = [Double]()
    for name in ["p", "q", "v"] {
      let value = try parameters.double(name)
      guard value > 0 else { throw .invalidField(path: root.path, field: "parameters.\(name)", expected: "a positive number") }
      theta.append(value)
    }
    var covariance: Matrix? = nil
    if !root.isNull("covariance") {
      let rows = try root.array("covariance")
      guard rows.count == 3 else {
        throw .invalidField(path: root.path, field: "covariance", expected: "3 rows, found \(rows.count)")
      }
      var m = Matrix(rows: 3, columns: 3)
      for (i, row) in rows.enumerated() {
        guard let values = Fields.numbers(row), values.count == 3 else {
          throw .invalidField(path: root.path, field: "covariance[\(i)]", expected: "an array of 3 numbers")
        }
        for j in 0..<3 { m[i, j] = values[j] }
      }
      covariance = m
    }
    let training = try root.object("training")
    let optimization = OptimizationReport(
      solver: try training.string("solver"), iterations: try training.integer("iterations"),
      evaluations: try training.integer("evaluations"), converged: try training.bool("converged"),
      gradientNorm: try training.double("gradientNorm"), value: try training.double("objective"),
      message: try training.string("message"))
    self.init(
      frequencyColumn: try columns.string("frequency"), monetaryValueColumn: try columns.string("monetaryValue"),
      p: theta[0], q: theta[1], v: theta[2], covariance: covariance,
      configuration: GammaGamma(penalizer: penalizer),
      report: GammaGammaFitReport(
        optimization: optimization, customersUsed: try training.double("customersUsed"),
        customersLeftOut: try training.double("customersLeftOut"),
        logLikelihood: try training.double("logLikelihood"), correlation: try training.optionalDouble("correlation")))
  }
}
