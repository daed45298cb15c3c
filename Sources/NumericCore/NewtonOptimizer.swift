/// Newton's method with a backtracking (Armijo) line search for smooth convex
/// or locally convex objectives whose Hessian is available.
///
/// Each iteration solves H·d = −∇f by Cholesky; when H is not positive
/// definite it is shifted, H + τI, with τ growing tenfold from 10⁻¹²·max Hᵢᵢ
/// until it is (Levenberg damping, Nocedal & Wright §3.4). The step length t
/// is halved from 1 until f(x + t·d) ≤ f(x) − 10⁻⁴·t·λ², with λ² = −∇fᵀd the
/// Newton decrement.
///
/// Near the optimum — λ²/2 below 10⁻¹²·max(1, |f|), where changes of f are
/// lost in its rounding and a line search can no longer judge a step — full
/// Newton steps are taken without one: the quadratic model is exact there,
/// and on ill-conditioned problems the coefficients still move by far more
/// than f shows.
///
/// The run has converged when a full Newton step changed no coordinate by
/// more than `stepTolerance`·(1 + ‖x‖∞) (quadratic convergence: the error
/// left is of order its square), or when full steps near the optimum stop
/// shrinking (the gradient is at its rounding floor).
///
/// When the objective can also give f and ∇f without the Hessian (often far
/// cheaper: one pass over the data instead of a p×p product), steps shorter
/// than `freshHessianThreshold`·(1 + ‖x‖∞) keep the Hessian of the point
/// they started from instead of evaluating a new one. So close to the
/// optimum the Hessian changes by O(step), and the error after such a step
/// is of the order of the product of the last two errors (superlinear, as
/// the chord method) — the run ends at the same tolerance, usually with the
/// last two Hessians saved. The returned Hessian is then the one of the point
/// before the last step or two, within O(`freshHessianThreshold`) relative.
/// A kept Hessian is also kept while the steps it gives shrink at least
/// tenfold each (the chord iteration contracting fast), so a run started
/// with `initialHessian` — the Hessian of a closely related problem, such as
/// the previous cross-validation fold at the same penalty — may finish on
/// value-and-gradient passes alone; a step that fails the line search, or
/// shrinks less, evaluates a fresh Hessian. Such a run also converges when
/// the error the contraction leaves after a step, ρ/(1 − ρ)·step with ρ the
/// ratio of the last two steps, is below `stepTolerance` (the usual stopping
/// rule of a linearly convergent iteration).
public struct NewtonOptimizer: Sendable {
  /// The value, gradient and Hessian of the objective at one point.
  public struct Evaluation: Sendable {
    public var value: Double
    public var gradient: [Double]
    public var hessian: Matrix
    public init(value: Double, gradient: [Double], hessian: Matrix) {
      self.value = value
      self.gradient = gradient
      self.hessian = hessian
    }
  }

  /// The minimiser found, with the evaluation there and how the run ended.
  public struct Result: Sendable {
    public var minimizer: [Double]
    /// Value and gradient at `minimizer`, and the Hessian there — or, when
    /// the last steps kept their Hessian (`valueAndGradient`), at the point
    /// they started from.
    public var evaluation: Evaluation
    /// The last step taken (zero when none was): the direction along which a
    /// non-converged run was still moving.
    public var lastStep: [Double]
    public var report: OptimizationReport
  }

  /// Newton steps allowed before the run stops unconverged.
  public var maxIterations: Int
  /// Largest full-step change, relative to 1 + ‖x‖∞, that counts as converged.
  public var stepTolerance: Double

  /// Steps shorter than this, relative to 1 + ‖x‖∞, keep the current
  /// Hessian when `valueAndGradient` is given.
  public var freshHessianThreshold: Double

  public init(maxIterations: Int = 100, stepTolerance: Double = 1e-10, freshHessianThreshold: Double = 1e-4) {
    self.maxIterations = maxIterations
    self.stepTolerance = stepTolerance
    self.freshHessianThreshold = freshHessianThreshold
  }

  /// Minimises f from `start`.
  /// - Parameters:
  ///   - value: f alone (used by the line search).
  ///   - evaluate: f, ∇f and ∇²f together.
  ///   - valueAndGradient: f and ∇f without the Hessian, for the short steps
  ///     near the optimum (nil: always `evaluate`).
  ///   - initialHessian: a Hessian to start with in place of the one at
  ///     `start` (used only with `valueAndGradient`).
  public func minimize(
    from start: [Double],
    value: ([Double]) throws -> Double,
    evaluate: ([Double]) throws -> Evaluation,
    valueAndGradient: (([Double]) throws -> (value: Double, gradient: [Double]))? = nil,
    initialHessian: Matrix? = nil
  ) throws -> Result {
    let n = start.count
    var x = start
    var current: Evaluation
    var keptHessian = false
    if let valueAndGradient, let initialHessian {
      let (f, g) = try valueAndGradient(x)
      current = Evaluation(value: f, gradient: g, hessian: initialHessian)
      keptHessian = true
    } else {
      current = try evaluate(x)
    }
    guard current.value.isFinite else { throw NonFiniteObjective(value: current.value) }
    var evaluations = 1
    var lastStep = [Double](repeating: 0, count: n)
    var converged = false
    var message = "reached the iteration limit (\(maxIterations))"
    var iterations = 0

    var previousFinalStep = Double.infinity
    var previousStep = Double.infinity
    while iterations < maxIterations {
      let direction = try Self.newtonDirection(current)
      let decrement = -dot(current.gradient, direction)
      if decrement == 0 {
        converged = true
        message = "gradient is zero"
        break
      }
      guard decrement > 0, decrement.isFinite else {
        message = "no descent direction (Newton decrement \(decrement))"
        break
      }
      let fullStep = maxNorm(direction)
      let nearOptimum = decrement / 2 <= 1e-12 * max(1, abs(current.value))
      var t = 1.0
      var trial = x
      for i in 0..<n { trial[i] = x[i] + direction[i] }
      // The full step is nearly always taken: evaluate everything there at
      // once, and fall back to values alone while backtracking.
      var next: Evaluation
      // With a kept Hessian the steps shrink linearly, by about
      // ρ = step/previous step each (the chord method), and the error left
      // after this step is about ρ/(1 − ρ)·step.
      let contraction = keptHessian && previousStep.isFinite ? fullStep / previousStep : nil
      let chordContracts = keptHessian && (previousStep.isInfinite || fullStep <= previousStep / 10)
      if let valueAndGradient, fullStep <= freshHessianThreshold * (1 + maxNorm(x)) || chordContracts {
        let (f, g) = try valueAndGradient(trial)
        next = Evaluation(value: f, gradient: g, hessian: current.hessian)
        keptHessian = true
      } else {
        next = try evaluate(trial)
        keptHessian = false
      }
      evaluations += 1
      if !nearOptimum && !(next.value.isFinite && next.value <= current.value - 1e-4 * decrement) {
        var accepted = false
        while t >= 1e-12 {
          t *= 0.5
          for i in 0..<n { trial[i] = x[i] + t * direction[i] }
          let f = try value(trial)
          evaluations += 1
          if f.isFinite && f <= current.value - 1e-4 * t * decrement {
            accepted = true
            break
          }
        }
        if !accepted {
          message = "line search found no decrease (Newton decrement \(decrement))"
          break
        }
        next = try evaluate(trial)
        keptHessian = false
        evaluations += 1
      }
      previousStep = t * fullStep
      iterations += 1
      for i in 0..<n { lastStep[i] = trial[i] - x[i] }
      x = trial
      current = next
      guard current.value.isFinite else {
        message = "the objective is not finite after a step"
        break
      }
      if t == 1 && fullStep <= stepTolerance * (1 + maxNorm(x)) {
        converged = true
        message = "Newton step below tolerance \(stepTolerance) relative"
        break
      }
      if t == 1, let rho = contraction, rho < 0.5, fullStep * rho / (1 - rho) <= stepTolerance * (1 + maxNorm(x)) {
        converged = true
        message = "chord steps contracting (ρ = \(rho)): error below tolerance \(stepTolerance) relative"
        break
      }
      if t == 1 && decrement / 2 <= 1e-12 * max(1, abs(current.value)) {
        if fullStep > previousFinalStep / 2 {
          converged = true
          message = "at the rounding floor: Newton steps no longer shrink"
          break
        }
        previousFinalStep = fullStep
      }
    }
    let report = OptimizationReport(
      solver: "newton", iterations: iterations, evaluations: evaluations, converged: converged,
      gradientNorm: maxNorm(current.gradient), value: current.value, message: message)
    return Result(minimizer: x, evaluation: current, lastStep: lastStep, report: report)
  }

  /// d solving (H + τI)·d = −∇f for the smallest τ ≥ 0 (0 first) that makes
  /// the shifted Hessian positive definite.
  static func newtonDirection(_ e: Evaluation) throws -> [Double] {
    let negativeGradient = e.gradient.map { -$0 }
    if let factor = try? Cholesky(e.hessian) { return try factor.solve(negativeGradient) }
    let n = e.gradient.count
    var shift = 1e-12 * max(maxNorm(e.hessian.diagonal), 1e-300)
    for _ in 0..<40 {
      var shifted = e.hessian
      for i in 0..<n { shifted[i, i] += shift }
      if let factor = try? Cholesky(shifted) { return try factor.solve(negativeGradient) }
      shift *= 10
    }
    return negativeGradient
  }
}
