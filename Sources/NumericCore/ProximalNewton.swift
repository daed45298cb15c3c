import Foundation

/// Proximal Newton for a smooth convex f plus a weighted L1 term,
///
///     F(x) = f(x) + Σⱼ κⱼ·|xⱼ|,   κⱼ ≥ 0,
///
/// glmnet's approach (Friedman, Hastie & Tibshirani 2010; Lee, Sun &
/// Saunders 2014 for the convergence theory). Each iteration builds the
/// quadratic model f(x) + ∇fᵀd + ½dᵀ∇²f·d from the Hessian, minimises model
/// plus L1 term over z = x + d by cyclic coordinate descent with
/// soft-thresholding,
///
///     zⱼ ← S(Hⱼⱼ·zⱼ − rⱼ, κⱼ) / Hⱼⱼ,   r = ∇f + H·(z − x),   S(u, κ) = sign(u)·max(|u| − κ, 0),
///
/// which puts exact zeros where the model's optimum has them, and steps
/// x + t·d with t halved from 1 until F(x + t·d) ≤ F(x) + 10⁻⁴·t·Δ,
/// Δ = ∇fᵀd + Σ κⱼ(|zⱼ| − |xⱼ|) < 0 (Tseng & Yun 2009).
///
/// The unpenalised coordinates (κⱼ = 0: a regression's intercept) are
/// eliminated from the model by their Schur complement before the descent:
/// for uncentred columns the intercept is strongly coupled to every slope,
/// and coordinate descent on coupled coordinates crawls. After the
/// elimination it runs on the curvature-weighted centred problem.
///
/// The run has converged when the subgradient optimality conditions hold:
/// |∂ⱼf + κⱼ·sign xⱼ| for xⱼ ≠ 0, max(|∂ⱼf| − κⱼ, 0) for xⱼ = 0, and |∂ⱼf|
/// for unpenalised coordinates — the minimum-norm subgradient — is at most
/// `optimalityTolerance`·√(Hⱼⱼ·max(1, |F|)) in every coordinate (a
/// unit-free measure: its square over Hⱼⱼ is the objective still to gain
/// along coordinate j, relative to F). Near the optimum, where F's changes
/// are lost in rounding, full steps are taken without a line search (the
/// quadratic model is exact there), and a run whose full steps stop shrinking
/// has reached the rounding floor and counts as converged.
public struct ProximalNewton: Sendable {
  /// Outer (Newton) iterations allowed before the run stops unconverged.
  public var maxIterations: Int
  /// Largest minimum-norm subgradient component, relative to √(Hⱼⱼ·max(1, |F|)).
  public var optimalityTolerance: Double
  /// Coordinate-descent sweeps allowed per quadratic model.
  public var maxSweeps: Int

  public init(maxIterations: Int = 100, optimalityTolerance: Double = 1e-10, maxSweeps: Int = 10_000) {
    self.maxIterations = maxIterations
    self.optimalityTolerance = optimalityTolerance
    self.maxSweeps = maxSweeps
  }

  /// The minimiser found and how the run ended.
  public struct Result: Sendable {
    public var minimizer: [Double]
    /// `value` is F (smooth part plus L1 term); `gradientNorm` is the largest
    /// component of the minimum-norm subgradient.
    public var report: OptimizationReport
  }

  /// Minimises f(x) + Σ κⱼ|xⱼ| from `start`.
  /// - Parameters:
  ///   - l1Weights: κ, one non-negative weight per coordinate.
  ///   - value: f alone (used by the line search).
  ///   - evaluate: f, ∇f and ∇²f together.
  public func minimize(
    from start: [Double], l1Weights kappa: [Double],
    value: ([Double]) throws -> Double,
    evaluate: ([Double]) throws -> NewtonOptimizer.Evaluation
  ) throws -> Result {
    precondition(kappa.count == start.count && kappa.allSatisfy { $0 >= 0 })
    let n = start.count
    func l1(_ x: [Double]) -> Double {
      var s = 0.0
      for j in 0..<n where kappa[j] > 0 { s += kappa[j] * abs(x[j]) }
      return s
    }
    var x = start
    var current = try evaluate(x)
    var total = current.value + l1(x)
    guard total.isFinite else { throw NonFiniteObjective(value: total) }
    var evaluations = 1
    var iterations = 0
    var converged = false
    var message = "reached the iteration limit (\(maxIterations))"
    var previousFullStep = Double.infinity
    var violation = Self.optimality(current, at: x, kappa: kappa, scale: total, tolerance: optimalityTolerance)

    while true {
      if violation.relative <= optimalityTolerance {
        converged = true
        message = "subgradient optimality conditions hold to \(optimalityTolerance) relative"
        break
      }
      guard iterations < maxIterations else { break }
      guard let z = try? minimizeModel(current, at: x, kappa: kappa) else {
        message = "the Hessian of the unpenalised coordinates is not positive definite"
        break
      }
      var direction = [Double](repeating: 0, count: n)
      for j in 0..<n { direction[j] = z[j] - x[j] }
      let decrease = dot(current.gradient, direction) + l1(z) - l1(x)
      let fullStep = maxNorm(direction)
      guard decrease < 0, decrease.isFinite else {
        // The model sees no descent: the gradient is at its rounding floor.
        // Only counted as converged when the conditions nearly hold already.
        converged = fullStep == 0 || (decrease.isFinite && violation.relative <= 1e-6)
        message = converged ? "at the rounding floor: the model has no descent direction" : "no descent direction (model decrease \(decrease))"
        break
      }
      let nearOptimum = -decrease <= 1e-12 * max(1, abs(total))
      var next = try evaluate(z)
      evaluations += 1
      var trial = z, t = 1.0
      var nextTotal = next.value + l1(z)
      if !nearOptimum && !(nextTotal.isFinite && nextTotal <= total + 1e-4 * decrease) {
        var accepted = false
        while t >= 1e-12 {
          t *= 0.5
          for j in 0..<n { trial[j] = x[j] + t * direction[j] }
          let f = try value(trial) + l1(trial)
          evaluations += 1
          if f.isFinite && f <= total + 1e-4 * t * decrease {
            accepted = true
            break
          }
        }
        guard accepted else {
          message = "line search found no decrease (model decrease \(decrease))"
          break
        }
        next = try evaluate(trial)
        evaluations += 1
        nextTotal = next.value + l1(trial)
      }
      iterations += 1
      x = trial
      current = next
      total = nextTotal
      guard total.isFinite else {
        message = "the objective is not finite after a step"
        break
      }
      violation = Self.optimality(current, at: x, kappa: kappa, scale: total, tolerance: optimalityTolerance)
      if t == 1 && nearOptimum && violation.relative > optimalityTolerance {
        if fullStep > previousFullStep / 2 {
          converged = true
          message = "at the rounding floor: proximal Newton steps no longer shrink"
          break
        }
        previousFullStep = fullStep
      }
    }
    let report = OptimizationReport(
      solver: "proximal-newton", iterations: iterations, evaluations: evaluations, converged: converged,
      gradientNorm: violation.absolute, value: total, message: message)
    return Result(minimizer: x, report: report)
  }

  /// The minimum-norm subgradient: its largest component and the largest
  /// component relative to √(Hⱼⱼ·max(1, |F|)).
  static func optimality(
    _ e: NewtonOptimizer.Evaluation, at x: [Double], kappa: [Double], scale: Double, tolerance: Double
  ) -> (absolute: Double, relative: Double) {
    var absolute = 0.0, relative = 0.0
    for j in x.indices {
      let g = e.gradient[j]
      let v = if kappa[j] == 0 { abs(g) } else if x[j] != 0 { abs(g + (x[j] > 0 ? kappa[j] : -kappa[j])) } else {
        max(abs(g) - kappa[j], 0)
      }
      absolute = max(absolute, v)
      let unit = (max(e.hessian[j, j], 0) * max(1, abs(scale))).squareRoot()
      relative = max(relative, unit > 0 ? v / unit : (v == 0 ? 0 : .infinity))
    }
    return (absolute, relative)
  }

  /// The minimiser z of ∇fᵀ(z − x) + ½(z − x)ᵀH(z − x) + Σ κⱼ|zⱼ|: the
  /// unpenalised coordinates U eliminated (H' = H_PP − H_PU·H_UU⁻¹·H_UP,
  /// g' = g_P − H_PU·H_UU⁻¹·g_U), cyclic coordinate descent on the penalised
  /// ones P until no coordinate moves by more than 10⁻¹³ of itself, then
  /// d_U = −H_UU⁻¹·(g_U + H_UP·d_P).
  func minimizeModel(_ e: NewtonOptimizer.Evaluation, at x: [Double], kappa: [Double]) throws -> [Double] {
    let free = x.indices.filter { kappa[$0] == 0 }, penalised = x.indices.filter { kappa[$0] > 0 }
    let h = e.hessian, g = e.gradient
    let m = free.count, q = penalised.count
    var huu = Matrix(rows: m, columns: m)
    for (a, u) in free.enumerated() { for (b, v) in free.enumerated() { huu[a, b] = h[u, v] } }
    let factor = try Cholesky(huu)
    // H_UU⁻¹·H_U,k for each penalised k, and H_UU⁻¹·g_U.
    var eliminated = Matrix(rows: m, columns: q)
    for (b, k) in penalised.enumerated() {
      let solved = try factor.solve(free.map { h[$0, k] })
      for a in 0..<m { eliminated[a, b] = solved[a] }
    }
    let gu = try factor.solve(free.map { g[$0] })
    var reduced = Matrix(rows: q, columns: q)
    var gradient = [Double](repeating: 0, count: q)
    for (a, j) in penalised.enumerated() {
      var gj = g[j]
      for (c, u) in free.enumerated() { gj -= h[j, u] * gu[c] }
      gradient[a] = gj
      for (b, k) in penalised.enumerated() {
        var hjk = h[j, k]
        for (c, u) in free.enumerated() { hjk -= h[j, u] * eliminated[c, b] }
        reduced[a, b] = hjk
      }
    }
    // Coordinate descent on z_P with r = g' + H'·(z_P − x_P) kept current.
    var z = penalised.map { x[$0] }
    var r = gradient
    for _ in 0..<maxSweeps {
      var moved = false
      for a in 0..<q {
        let curvature = reduced[a, a]
        guard curvature > 0 else { continue }
        let u = curvature * z[a] - r[a]
        let k = kappa[penalised[a]]
        // Exactly 0 (never −0) inside the threshold: the zeros are the point.
        let new = abs(u) <= k ? 0 : (u > 0 ? u - k : u + k) / curvature
        let delta = new - z[a]
        guard delta != 0 else { continue }
        if abs(delta) > 1e-13 * max(abs(z[a]), abs(new)) { moved = true }
        z[a] = new
        for b in 0..<q { r[b] += reduced[b, a] * delta }
      }
      if !moved { break }
    }
    var result = x
    for (a, j) in penalised.enumerated() { result[j] = z[a] }
    // d_U = −H_UU⁻¹·(g_U + H_UP·d_P) = −H_UU⁻¹g_U − Σₖ (H_UU⁻¹H_U,k)·d_k.
    for (c, u) in free.enumerated() {
      var du = -gu[c]
      for (b, k) in penalised.enumerated() { du -= eliminated[c, b] * (z[b] - x[k]) }
      result[u] = x[u] + du
    }
    return result
  }
}
