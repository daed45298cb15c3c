import Models
import NumericCore

// The purchase models' part of a model file (bg-nbd, mbg-nbd, pareto-nbd):
// the members after the envelope and before `validation`, laid out alike,
// only the parameter names differ:
//
//     "columns": {"frequency", "recency", "T"}, "configuration": {"penalizer"},
//     "parameters": {"r", "alpha", "a", "b"} or {"r", "alpha", "s", "beta"},
//     "covariance": 4 rows or null,
//     "training": {provenance, "distinctRows", "customers", optimiser report, "logLikelihood"}

/// The members common to every purchase model.
private func purchaseModelMembers(
  columns: SummaryColumns, penalizer: Double, parameters: [(String, Double)], covariance: Matrix?,
  report: BetaGeoFitReport, training: TrainingProvenance
) -> [(String, JSON)] {
  [
    ("columns", .object([
      ("frequency", .string(columns.frequency)), ("recency", .string(columns.recency)), ("T", .string(columns.age)),
    ])),
    ("configuration", .object([("penalizer", .number(penalizer))])),
    ("parameters", .object(parameters.map { ($0.0, .number($0.1)) })),
    ("covariance", covarianceJSON(covariance)),
    ("training", trainingJSON(
      training, report.optimization,
      counts: [("distinctRows", .number(Double(report.distinctRows))), ("customers", .number(report.customers))],
      results: [("logLikelihood", .number(report.logLikelihood))])),
  ]
}

/// What every purchase model reads back from its members.
private struct PurchaseModelFields {
  var columns: SummaryColumns
  var penalizer: Double
  /// The parameters, in the order of the names asked for, all positive.
  var values: [Double]
  var covariance: Matrix?
  var report: BetaGeoFitReport

  init(_ root: Fields, parameterNames names: [String]) throws(ModelFileError) {
    let columns = try root.object("columns")
    let configuration = try root.object("configuration")
    let parameters = try root.object("parameters")
    let training = try root.object("training")
    values = try names.map { name throws(ModelFileError) in try parameters.double(name) }
    guard values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw .invalidField(path: root.path, field: "parameters", expected: names.joined(separator: ", ") + " all positive")
    }
    penalizer = try configuration.double("penalizer")
    guard penalizer >= 0 else {
      throw .invalidField(path: root.path, field: "configuration.penalizer", expected: "a non-negative number")
    }
    self.columns = SummaryColumns(
      frequency: try columns.string("frequency"), recency: try columns.string("recency"), age: try columns.string("T"))
    covariance = try covarianceMatrix(root, order: names.count)
    report = BetaGeoFitReport(
      optimization: try optimizationReport(training), rows: try training.integer("rows"),
      distinctRows: try training.integer("distinctRows"), customers: try training.double("customers"),
      logLikelihood: try training.double("logLikelihood"))
  }
}

extension BetaGeoModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    purchaseModelMembers(
      columns: columns, penalizer: configuration.penalizer,
      parameters: [("r", r), ("alpha", alpha), ("a", a), ("b", b)], covariance: covariance, report: report, training: training)
  }

  init(file root: Fields) throws(ModelFileError) {
    let f = try PurchaseModelFields(root, parameterNames: ["r", "alpha", "a", "b"])
    self.init(
      r: f.values[0], alpha: f.values[1], a: f.values[2], b: f.values[3], covariance: f.covariance, columns: f.columns,
      configuration: BetaGeo(penalizer: f.penalizer), report: f.report)
  }
}

extension ModifiedBetaGeoModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    purchaseModelMembers(
      columns: columns, penalizer: configuration.penalizer,
      parameters: [("r", r), ("alpha", alpha), ("a", a), ("b", b)], covariance: covariance, report: report, training: training)
  }

  init(file root: Fields) throws(ModelFileError) {
    let f = try PurchaseModelFields(root, parameterNames: ["r", "alpha", "a", "b"])
    self.init(
      r: f.values[0], alpha: f.values[1], a: f.values[2], b: f.values[3], covariance: f.covariance, columns: f.columns,
      configuration: ModifiedBetaGeo(penalizer: f.penalizer), report: f.report)
  }
}

extension ParetoNBDModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    purchaseModelMembers(
      columns: columns, penalizer: configuration.penalizer,
      parameters: [("r", r), ("alpha", alpha), ("s", s), ("beta", beta)], covariance: covariance, report: report, training: training)
  }

  init(file root: Fields) throws(ModelFileError) {
    let f = try PurchaseModelFields(root, parameterNames: ["r", "alpha", "s", "beta"])
    self.init(
      r: f.values[0], alpha: f.values[1], s: f.values[2], beta: f.values[3], covariance: f.covariance, columns: f.columns,
      configuration: ParetoNBD(penalizer: f.penalizer), report: f.report)
  }
}
