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
      --penalty l1 ‖w‖₁ + C·Σ loss and --penalty elastic-net \
      ρ‖w‖₁ + (1 − ρ)/2·‖w‖² + C·Σ loss with ρ = --l1-ratio (proximal Newton; coefficients \
      the penalty removes are exactly 0), with the intercept never penalised.
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

  @Option(help: "Penalty on the coefficients: none, l2, l1 or elastic-net.")
  var penalty: PenaltyName = .none

  @Option(name: .customLong("C"), help: "Inverse penalty strength (scikit-learn's C; default 1).")
  var inverseStrength: Double?

  @Option(help: "The L1 share ρ of --penalty elastic-net, 0 ≤ ρ ≤ 1 (scikit-learn's l1_ratio; default 0.5).")
  var l1Ratio: Double?

  @Flag(help: "Standardise features before penalising (coefficients are still reported on the original scale).")
  var standardize = false

  @Option(help: "Class weights: none or balanced (S / (2·S_class)).")
  var classWeight: LogisticRegression.ClassWeight = .none

  @Option(help: "A column of non-negative sample weights (frequency weights).")
  var weight: String?

  @Option(help: "Solver: auto (Newton up to 500 features, L-BFGS beyond), newton or lbfgs; l1 and elastic-net always use proximal Newton.")
  var solver: LogisticRegression.Solver = .auto

  @Option(help: "Iteration limit (default: 100 for Newton, 10000 for L-BFGS).")
  var maxIterations: Int?

  @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
  var output: String

  enum PenaltyName: String, ExpressibleByArgument, CaseIterable {
    case none
    case l2
    case l1
    case elasticNet = "elastic-net"
  }

  func validate() throws {
    if features != nil && exclude != nil {
      throw ValidationError("--features and --exclude cannot be combined: list the features, or the columns to leave out")
    }
    if let c = inverseStrength {
      guard penalty != .none else {
        throw ValidationError("--C sets the strength of a penalty; add --penalty l2, l1 or elastic-net")
      }
      guard c > 0, c.isFinite else { throw ValidationError("--C must be a positive number, got \(c)") }
    }
    if let ratio = l1Ratio {
      guard penalty == .elasticNet else {
        throw ValidationError("--l1-ratio sets the L1 share of --penalty elastic-net; add --penalty elastic-net")
      }
      guard ratio >= 0, ratio <= 1 else { throw ValidationError("--l1-ratio must lie in [0, 1], got \(ratio)") }
    }
    if standardize && penalty == .none {
      throw ValidationError("--standardize only changes what a penalty penalises; an unpenalised fit is the same without it")
    }
    if (penalty == .l1 || penalty == .elasticNet) && solver != .auto {
      throw ValidationError("--solver \(solver.rawValue) cannot minimise an L1 term: --penalty \(penalty.rawValue) always uses proximal Newton")
    }
    if let n = maxIterations, n < 1 { throw ValidationError("--max-iterations must be at least 1") }
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }

  var estimatorPenalty: LogisticRegression.Penalty {
    let c = inverseStrength ?? 1
    return switch penalty {
    case .none: .none
    case .l2: .l2(C: c)
    case .l1: .l1(C: c)
    case .elasticNet: .elasticNet(C: c, l1Ratio: l1Ratio ?? 0.5)
    }
  }

  func run() throws {
    let (table, provenance) = try readTrainingTable(data)
    let training = try LogisticRegression.Training(
      table: table, target: target, positive: positive, features: features.map(splitList),
      exclude: exclude.map(splitList) ?? [], weight: weight)
    let estimator = LogisticRegression(
      penalty: estimatorPenalty, standardize: standardize,
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
