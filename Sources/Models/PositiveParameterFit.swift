import Foundation
import NumericCore

/// Maximum likelihood over strictly positive parameters θ (the shape and
/// scale parameters of the buy-till-you-die models), by Newton's method in
/// φ = ln θ, so that no step can leave the parameter space.
///
/// The caller gives −ℓ and its derivatives in θ; the chain rule gives them
/// in φ: ∇φ = θ ∘ ∇θ and ∇²φ = diag(θ)·∇²θ·diag(θ) + diag(θ ∘ ∇θ). At the
/// optimum ∇θ = 0, so the covariance of θ̂ is (∇²θ)⁻¹ there (the observed
/// information), which is what the fitted models report.
enum PositiveParameterFit {
  struct Result {
    var theta: [Double]
    var report: OptimizationReport
    /// ∇²θ(−ℓ) at θ̂ (penalty included).
    var hessian: Matrix
    /// The penalty Σᵢ λᵢθ̂ᵢ² in the reported value.
    var penalty: Double
  }

  /// - Parameters:
  ///   - ridge: λ, adding Σᵢ λᵢθᵢ² to −ℓ (lifetimes' `penalizer_coef`, scaled
  ///     by the caller); zeros for maximum likelihood.
  ///   - stepTolerance: Newton's convergence test (see `NewtonOptimizer`).
  ///   - value: −ℓ(θ), +∞ where it is not defined.
  ///   - derivatives: −ℓ, ∇θ, ∇²θ at θ.
  static func minimize(
    from start: [Double], maxIterations: Int = 200, stepTolerance: Double = 1e-10, ridge: [Double]? = nil,
    value unpenalized: ([Double]) -> Double,
    derivatives unpenalizedDerivatives: ([Double]) -> NewtonOptimizer.Evaluation
  ) throws -> Result {
    let p = start.count
    let lambda = ridge ?? [Double](repeating: 0, count: p)
    func penalty(_ theta: [Double]) -> Double { (0..<p).reduce(0) { $0 + lambda[$1] * theta[$1] * theta[$1] } }
    func inPhi(_ phi: [Double]) -> NewtonOptimizer.Evaluation {
      let theta = phi.map { exp($0) }
      let e = unpenalizedDerivatives(theta)
      var h = e.hessian
      var gradient = e.gradient
      for i in 0..<p {
        gradient[i] += 2 * lambda[i] * theta[i]
        h[i, i] += 2 * lambda[i]
      }
      for i in 0..<p {
        for j in 0..<p { h[i, j] *= theta[i] * theta[j] }
        h[i, i] += theta[i] * gradient[i]
      }
      return .init(value: e.value + penalty(theta), gradient: (0..<p).map { theta[$0] * gradient[$0] }, hessian: h)
    }
    let result = try NewtonOptimizer(maxIterations: maxIterations, stepTolerance: stepTolerance).minimize(
      from: start.map { log($0) }, value: { phi in
        let theta = phi.map { exp($0) }
        return unpenalized(theta) + penalty(theta)
      }, evaluate: inPhi)
    let theta = result.minimizer.map { exp($0) }
    // Back from φ to θ at the last evaluation: ∇²θ = diag(1/θ)(∇²φ − diag(∇φ))diag(1/θ).
    let e = result.evaluation
    var hessian = e.hessian
    for i in 0..<p {
      hessian[i, i] -= e.gradient[i]
      for j in 0..<p { hessian[i, j] /= theta[i] * theta[j] }
    }
    return Result(theta: theta, report: result.report, hessian: hessian, penalty: penalty(theta))
  }

  /// lifetimes' ridge for the buy-till-you-die models: penalizer·N·θ̃ᵢ², θ̃
  /// the parameters in time scaled by 1/max T (lifetimes fits on T / max T,
  /// so its rate scales α, β are penalised in those units).
  static func timeScaledRidge(penalizer: Double, customers: Double, maxAge: Double, isTimeScale: [Bool]) -> [Double] {
    isTimeScale.map { scaled in
      let s = scaled && maxAge > 0 ? 1 / maxAge : 1
      return penalizer * customers * s * s
    }
  }
}

/// A buy-till-you-die likelihood over grouped (x, tₓ, T) rows, as
/// `SummaryModelFit` maximises it.
protocol SummaryLikelihood {
  var groups: SummaryGroups { get }
  /// −Σ wᵢℓᵢ(θ); +∞ where it is not defined.
  func negativeLogLikelihood(_ theta: [Double]) -> Double
  /// −Σ wᵢℓᵢ with its gradient and Hessian in θ.
  func derivatives(_ theta: [Double]) -> NewtonOptimizer.Evaluation
  /// The same likelihood over a sample of about 1/`stride` of the groups
  /// that represents the customers (`SummaryGroups.subsample`).
  func subsample(stride: Int) -> Self
}

/// The fit every purchase model of (x, tₓ, T) summaries shares: refuse data
/// without a repeat purchase, maximise the (penalised) likelihood over the
/// grouped rows by Newton in log-parameters, require convergence, and take
/// standard errors from the inverse Hessian of an unpenalised fit.
///
/// Newton starts from θ = 1 on small data. On more than 4·`sampleGroups`
/// groups it starts from the optimum of a systematic sample of about
/// `sampleGroups` groups, systematic in customers (cumulative weight) across
/// all frequencies, so heavy groups keep their weight; found cheaply
/// from θ = 1: that point is within sampling error (~1/√sample) of the full
/// optimum, where Newton converges quadratically, so two or three passes over
/// all the data finish the fit instead of seven or more. The full fit stops
/// when a full Newton step moves no log-parameter by more than 10⁻⁵
/// (relative to 1 + ‖φ‖∞): the error left after such a step is of the order
/// of its square, 10⁻¹⁰ — below the 5·10⁻⁹ at which lifetimes' BFGS stops,
/// and far below the estimates' standard errors — and one more pass over the
/// data would only confirm it.
struct SummaryModelFit {
  var theta: [Double]
  /// nil for penalised fits, whose optimum the likelihood's curvature does
  /// not describe (as for logistic and Gamma-Gamma fits).
  var covariance: Matrix?
  var report: BetaGeoFitReport

  /// Newton's convergence test on the full data.
  static let stepTolerance = 1e-5

  /// Groups in the sample that gives the starting point of a large fit.
  static let sampleGroups = 20_000

  /// - Parameters:
  ///   - name: the model's name in messages ("BG/NBD").
  ///   - rows: the input rows (before grouping).
  ///   - isTimeScale: which parameters are rates in the time unit (penalised
  ///     in lifetimes' scaled time).
  ///   - sampleGroups: the size of the sample that gives the starting point;
  ///     nil to start from θ = 1 whatever the size.
  init<Likelihood: SummaryLikelihood>(
    name: String, rows: Int, likelihood: Likelihood, penalizer: Double, maxIterations: Int, isTimeScale: [Bool],
    sampleGroups: Int? = Self.sampleGroups
  ) throws {
    let groups = likelihood.groups
    guard groups.runFrequencies.contains(where: { $0 > 0 }) else {
      throw FitError.notIdentified("no customer made a repeat purchase: \(name) is not identified (every frequency is 0)")
    }
    let maxAge = groups.age.max() ?? 0
    func ridge(_ sample: SummaryGroups) -> [Double] {
      PositiveParameterFit.timeScaledRidge(
        penalizer: penalizer, customers: sample.runWeights.reduce(0, +), maxAge: maxAge, isTimeScale: isTimeScale)
    }
    func fit(_ l: Likelihood, from start: [Double], stepTolerance: Double) throws -> PositiveParameterFit.Result {
      try PositiveParameterFit.minimize(
        from: start, maxIterations: maxIterations, stepTolerance: stepTolerance, ridge: ridge(l.groups),
        value: l.negativeLogLikelihood, derivatives: l.derivatives)
    }
    let ones = [Double](repeating: 1, count: isTimeScale.count)
    var start = ones
    if let sampleGroups, groups.count > 4 * sampleGroups {
      let sample = likelihood.subsample(stride: groups.count / sampleGroups)
      // The sample's optimum is needed only to ~10⁻⁴: its own error is ~1/√sample.
      if sample.groups.runFrequencies.contains(where: { $0 > 0 }),
        let guess = try? fit(sample, from: ones, stepTolerance: 1e-4), guess.report.converged,
        guess.theta.allSatisfy({ $0 > 0 && $0.isFinite })
      {
        start = guess.theta
      }
    }
    var result = try fit(likelihood, from: start, stepTolerance: Self.stepTolerance)
    if !result.report.converged && start != ones {
      result = try fit(likelihood, from: ones, stepTolerance: Self.stepTolerance)
    }
    guard result.report.converged, result.theta.allSatisfy(\.isFinite) else { throw FitError.notConverged(result.report) }
    if penalizer == 0 {
      guard let inverse = try? Cholesky(result.hessian).inverse() else {
        throw FitError.notIdentified(
          "the information matrix of \(name) is singular at the optimum: no standard errors (too few distinct customers?)")
      }
      covariance = inverse
    }
    theta = result.theta
    report = BetaGeoFitReport(
      optimization: result.report, rows: rows, distinctRows: groups.count, customers: groups.runWeights.reduce(0, +),
      logLikelihood: -(result.report.value - result.penalty))
  }
}
