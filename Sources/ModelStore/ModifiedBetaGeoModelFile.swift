import Models
import NumericCore

// The MBG/NBD part of a model file: the members after the envelope and
// before `validation` (laid out as BG/NBD's, with parameters r,alpha,a,b).
extension ModifiedBetaGeoModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    [
      ("columns", .object([
        ("frequency", .string(columns.frequency)), ("recency", .string(columns.recency)), ("T", .string(columns.age)),
      ])),
      ("configuration", .object([("penalizer", .number(configuration.penalizer))])),
      ("parameters", .object([("r", .number(r)), ("alpha", .number(alpha)), ("a", .number(a)), ("b", .number(b))])),
      ("covariance", covarianceJSON(covariance)),
      ("training", trainingJSON(
        training, report.optimization,
        counts: [("distinctRows", .number(Double(report.distinctRows))), ("customers", .number(report.customers))],
        results: [("logLikelihood", .number(report.logLikelihood))])),
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
      configuration: ModifiedBetaGeo(penalizer: try configuration.double("penalizer")),
      report: BetaGeoFitReport(
        optimization: try optimizationReport(training), rows: try training.integer("rows"),
        distinctRows: try training.integer("distinctRows"), customers: try training.double("customers"),
        logLikelihood: try training.double("logLikelihood")))
  }
}
