import ArgumentParser
import Models
import Tabular

/// The data and model options of a logistic regression, shared by
/// `cvw fit logistic` and `cvw cv logistic`.
struct LogisticOptions: ParsableArguments {
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
  }

  /// The penalty the options describe, at inverse strength `c` (default --C).
  func estimatorPenalty(c: Double? = nil) -> LogisticRegression.Penalty {
    let c = c ?? inverseStrength ?? 1
    return switch penalty {
    case .none: .none
    case .l2: .l2(C: c)
    case .l1: .l1(C: c)
    case .elasticNet: .elasticNet(C: c, l1Ratio: l1Ratio ?? 0.5)
    }
  }


  /// The estimator the options describe, at inverse strength `c` (default --C).
  func estimator(c: Double? = nil) -> LogisticRegression {
    LogisticRegression(
      penalty: estimatorPenalty(c: c), standardize: standardize, classWeight: classWeight, solver: solver,
      maxIterations: maxIterations)
  }

  /// The training data the options select from a table.
  func training(_ table: Table) throws -> LogisticRegression.Training {
    try LogisticRegression.Training(
      table: table, target: target, positive: positive, features: features.map(splitList),
      exclude: exclude.map(splitList) ?? [], weight: weight)
  }
}
