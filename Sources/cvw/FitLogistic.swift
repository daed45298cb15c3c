import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw fit logistic`: a binary logistic regression (purchase intent, churn).
struct FitLogistic: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logistic",
    abstract: "Fit a binary logistic regression (scikit-learn's and statsmodels' conventions).",
    discussion: """
      Features default to every numeric column except the target, the weight and --exclude. \
      Without a penalty the model card has standard errors, z, p-values and 95% intervals \
      (as statsmodels' Logit); --penalty l2 minimises ½‖w‖² + C·Σ loss (as scikit-learn), \
      with the intercept never penalised.
      """)

  @Argument(help: "Training data: CSV with a header, or - for stdin.")
  var data: String

  @Option(help: "The binary target column.")
  var target: String

  @Option(help: "The label of the positive class (default: the larger number, or the last label in sort order).")
  var positive: String?

  @Option(help: "Feature columns, comma-separated (default: every numeric column but target, weight, --exclude).")
  var features: String?

  @Option(help: "Columns not to use as features, comma-separated.")
  var exclude: String?

  @Option(help: "Penalty on the coefficients: none or l2.")
  var penalty: PenaltyName = .none

  @Option(name: .customLong("C"), help: "Inverse penalty strength for --penalty l2 (scikit-learn's C; default 1).")
  var inverseStrength: Double?

  @Flag(help: "Standardise features before penalising (coefficients are still reported on the original scale).")
  var standardize = false

  @Option(help: "Class weights: none or balanced (S / (2·S_class)).")
  var classWeight: LogisticRegression.ClassWeight = .none

  @Option(help: "A column of non-negative sample weights (frequency weights).")
  var weight: String?

  @Option(help: "Solver: auto (Newton up to 500 features, L-BFGS beyond), newton or lbfgs.")
  var solver: LogisticRegression.Solver = .auto

  @Option(help: "Iteration limit (default: 100 for Newton, 10000 for L-BFGS).")
  var maxIterations: Int?

  @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
  var output: String

  enum PenaltyName: String, ExpressibleByArgument, CaseIterable {
    case none
    case l2
  }

  func validate() throws {
    if features != nil && exclude != nil {
      throw ValidationError("--features and --exclude cannot be combined: list the features, or the columns to leave out")
    }
    if let c = inverseStrength {
      guard penalty == .l2 else { throw ValidationError("--C sets the strength of --penalty l2; add --penalty l2") }
      guard c > 0, c.isFinite else { throw ValidationError("--C must be a positive number, got \(c)") }
    }
    if standardize && penalty != .l2 {
      throw ValidationError("--standardize only changes what --penalty l2 penalises; an unpenalised fit is the same without it")
    }
    if let n = maxIterations, n < 1 { throw ValidationError("--max-iterations must be at least 1") }
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }

  func run() throws {
    let (table, provenance) = try readTrainingTable(data)
    let training = try LogisticRegression.Training(
      table: table, target: target, positive: positive, features: features.map(splitList),
      exclude: exclude.map(splitList) ?? [], weight: weight)
    let estimator = LogisticRegression(
      penalty: penalty == .l2 ? .l2(C: inverseStrength ?? 1) : .none, standardize: standardize,
      classWeight: classWeight, solver: solver, maxIterations: maxIterations)
    let model = try estimator.fit(training)
    let file = ModelFile(
      logistic: model, data: training,
      training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: output)
    let o = model.report.optimization
    let features = model.featureNames
    let listed = features.count <= 8 ? features.joined(separator: ", ") : features.prefix(6).joined(separator: ", ") + ", …"
    note("cvw: fitted logistic-regression on \(training.rowCount) rows, \(features.count) feature\(features.count == 1 ? "" : "s") "
      + "(\(listed)): \(o.solver), \(o.iterations) iterations, converged "
      + "(gradient norm \(String(format: "%.2g", o.gradientNorm))); wrote \(output)")
  }
}

extension LogisticRegression.ClassWeight: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}

/// "a, b,c" → ["a", "b", "c"].
func splitList(_ text: String) -> [String] {
  text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
