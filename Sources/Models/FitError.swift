import NumericCore

/// Why a fit produced no model. Every case names what the user can change.
public enum FitError: Error, Sendable, CustomStringConvertible {
  /// The optimiser stopped before meeting its convergence criterion.
  case notConverged(OptimizationReport)
  /// The classes are (quasi-)separated: the maximum-likelihood estimate does
  /// not exist, coefficients diverge along the named columns.
  case separation(columns: [String], detail: String)
  /// The design matrix does not have full column rank: `column` is a linear
  /// combination of the intercept and/or `of`.
  case rankDeficient(column: String, of: [String])
  /// The data cannot identify the model at all (one class, no weight, …).
  case notIdentified(String)

  public var description: String {
    switch self {
    case .notConverged(let r):
      return "the fit did not converge after \(r.iterations) iterations (\(r.message); gradient norm \(r.gradientNorm)); "
        + "for logistic models raise --max-iterations or add --penalty l2; for customer models add --penalizer"
    case .separation(_, let detail):
      return detail
    case .rankDeficient(let column, let others):
      if others.isEmpty {
        return "column '\(column)' is constant: it is collinear with the intercept; leave it out of the features"
      }
      let list = others.map { "'\($0)'" }.joined(separator: ", ")
      return "column '\(column)' is an exact linear function of \(list): the design is rank deficient; "
        + "leave it out of the features or use --penalty l2"
    case .notIdentified(let why):
      return why
    }
  }
}
