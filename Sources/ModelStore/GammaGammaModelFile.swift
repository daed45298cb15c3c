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
    [
      ("columns", .object([("frequency", .string(frequencyColumn)), ("monetaryValue", .string(monetaryValueColumn))])),
      ("configuration", .object([("penalizer", .number(configuration.penalizer))])),
      ("parameters", .object([("p", .number(p)), ("q", .number(q)), ("v", .number(v))])),
      ("covariance", covarianceJSON(covariance)),
      ("training", trainingJSON(
        training, report.optimization,
        counts: [("customersUsed", .number(report.customersUsed)), ("customersLeftOut", .number(report.customersLeftOut))],
        results: [("logLikelihood", .number(report.logLikelihood)), ("correlation", .number(report.correlation))])),
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
    let covariance = try covarianceMatrix(root, order: 3)
    let training = try root.object("training")
    let optimization = try optimizationReport(training)
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
