import Models
import NumericCore

// The logistic-regression part of a model file: the members after the
// envelope (`format` … `createdAt`) and before `validation`.
extension LogisticModel {
  func fileMembers(training: TrainingProvenance) -> [(String, JSON)] {
    let features: [JSON] = featureNames.enumerated().map { j, name in
      .object([
        ("name", .string(name)),
        ("center", .number(standardization?.centers[j])),
        ("scale", .number(standardization?.scales[j])),
      ])
    }
    let penalty = configuration.penalty
    let (penaltyName, l1Ratio): (String, Double?) =
      switch penalty {
      case .none: ("none", nil)
      case .l2: ("l2", nil)
      case .l1: ("l1", 1)
      case .elasticNet(_, let ratio): ("elastic-net", ratio)
      }
    return [
      ("features", .array(features)),
      ("target", .object([
        ("column", .string(target.column)), ("positive", .string(target.positive)), ("negative", .string(target.negative)),
      ])),
      ("configuration", .object([
        ("penalty", .string(penaltyName)),
        ("C", .number(penalty.inverseStrength)),
        ("l1Ratio", .number(l1Ratio)),
        ("standardize", .bool(configuration.standardize)),
        ("classWeight", .string(configuration.classWeight.rawValue)),
        ("solver", .string(configuration.solver.rawValue)),
        ("maxIterations", .number(configuration.maxIterations.map(Double.init))),
      ])),
      ("parameters", .object([("intercept", .number(intercept)), ("coefficients", .numbers(coefficients))])),
      ("covariance", covarianceJSON(covariance)),
      ("training", trainingJSON(
        training, report.optimization, counts: [("weightSum", .number(report.weightSum))],
        results: [
          ("logLikelihood", .number(report.logLikelihood)), ("nullLogLikelihood", .number(report.nullLogLikelihood)),
          ("penalizedObjective", .number(report.penalizedObjective)),
        ])),
    ]
  }

  init(file root: Fields) throws(ModelFileError) {
    var names = [String](), centers = [Double](), scales = [Double]()
    let features = try root.array("features")
    for (j, feature) in features.enumerated() {
      let f = Fields(feature, path: root.path, prefix: "features[\(j)]")
      names.append(try f.string("name"))
      switch (try f.optionalDouble("center"), try f.optionalDouble("scale")) {
      case (nil, nil): break
      case (let center?, let scale?):
        centers.append(center)
        scales.append(scale)
      default:
        throw .invalidField(path: root.path, field: "features[\(j)]", expected: "center and scale both numbers or both null")
      }
    }
    guard centers.isEmpty || centers.count == names.count else {
      throw .invalidField(path: root.path, field: "features", expected: "center and scale on every feature or on none")
    }
    let d = names.count
    let target = try root.object("target")
    let configuration = try root.object("configuration")
    let penalty: LogisticRegression.Penalty
    switch try configuration.string("penalty") {
    case "none": penalty = .none
    case "l2": penalty = .l2(C: try configuration.double("C"))
    case "l1":
      // l1Ratio is 1 by definition; files may also leave it null.
      guard try configuration.optionalDouble("l1Ratio") ?? 1 == 1 else {
        throw .invalidField(path: root.path, field: "configuration.l1Ratio", expected: "1 or null for penalty \"l1\"")
      }
      penalty = .l1(C: try configuration.double("C"))
    case "elastic-net":
      let ratio = try configuration.double("l1Ratio")
      guard ratio >= 0 && ratio <= 1 else {
        throw .invalidField(path: root.path, field: "configuration.l1Ratio", expected: "a number in [0, 1]")
      }
      penalty = .elasticNet(C: try configuration.double("C"), l1Ratio: ratio)
    default:
      throw .invalidField(
        path: root.path, field: "configuration.penalty", expected: "\"none\", \"l2\", \"l1\" or \"elastic-net\"")
    }
    guard let classWeight = LogisticRegression.ClassWeight(rawValue: try configuration.string("classWeight")) else {
      throw .invalidField(path: root.path, field: "configuration.classWeight", expected: "\"none\" or \"balanced\"")
    }
    guard let solver = LogisticRegression.Solver(rawValue: try configuration.string("solver")) else {
      throw .invalidField(path: root.path, field: "configuration.solver", expected: "\"auto\", \"newton\" or \"lbfgs\"")
    }
    let parameters = try root.object("parameters")
    let covariance = try covarianceMatrix(root, order: d + 1)
    let training = try root.object("training")
    let optimization = try optimizationReport(training)
    self.init(
      featureNames: names,
      target: BinaryTarget(
        column: try target.string("column"), positive: try target.string("positive"), negative: try target.string("negative")),
      intercept: try parameters.double("intercept"),
      coefficients: try parameters.doubles("coefficients", count: d),
      covariance: covariance,
      standardization: centers.isEmpty ? nil : Standardization(centers: centers, scales: scales),
      configuration: LogisticRegression(
        penalty: penalty, standardize: try configuration.bool("standardize"), classWeight: classWeight,
        solver: solver, maxIterations: try configuration.optionalInteger("maxIterations")),
      report: LogisticFitReport(
        optimization: optimization, rows: try training.integer("rows"), weightSum: try training.double("weightSum"),
        logLikelihood: try training.double("logLikelihood"),
        nullLogLikelihood: try training.double("nullLogLikelihood"),
        penalizedObjective: try training.optionalDouble("penalizedObjective")))
  }
}
