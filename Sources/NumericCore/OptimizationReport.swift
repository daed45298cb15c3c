/// How an optimisation ended: what every fit carries into its model file so
/// that a reader can judge the optimum it was given.
public struct OptimizationReport: Codable, Sendable, Equatable {
  /// The algorithm, e.g. "newton" or "lbfgs".
  public var solver: String
  /// Iterations taken (Newton steps or L-BFGS updates).
  public var iterations: Int
  /// Objective evaluations, line-search trials included.
  public var evaluations: Int
  /// Whether a convergence criterion was met.
  public var converged: Bool
  /// ‖∇f‖∞ at the returned point.
  public var gradientNorm: Double
  /// f at the returned point.
  public var value: Double
  /// Which criterion stopped the run, in words.
  public var message: String

  public init(
    solver: String, iterations: Int, evaluations: Int, converged: Bool,
    gradientNorm: Double, value: Double, message: String
  ) {
    self.solver = solver
    self.iterations = iterations
    self.evaluations = evaluations
    self.converged = converged
    self.gradientNorm = gradientNorm
    self.value = value
    self.message = message
  }
}

/// Raised when an objective is not a finite number at the starting point,
/// where no optimiser can make progress.
public struct NonFiniteObjective: Error, Sendable, CustomStringConvertible {
  public let value: Double
  public var description: String { "the objective is not finite at the starting point (\(value))" }
}
