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
    /// ∇²θ(−ℓ) at θ̂.
    var hessian: Matrix
  }

  /// - Parameters:
  ///   - ridge: λ, adding Σᵢ λᵢθᵢ² to −ℓ (lifetimes' `penalizer_coef`, scaled
  ///     by the caller); zeros for maximum likelihood.
  ///   - value: −ℓ(θ), +∞ where it is not defined.
  ///   - derivatives: −ℓ, ∇θ, ∇²θ at θ.
  static func minimize(
    from start: [Double], maxIterations: Int = 200, ridge: [Double]? = nil,
    value unpenalized: ([Double]) -> Double,
    derivatives unpenalizedDerivatives: ([Double]) -> NewtonOptimizer.Evaluation
  ) throws -> Result {
    let p = start.count
    let lambda = ridge ?? [Double](repeating: 0, count: p)
    func value(_ theta: [Double]) -> Double {
      unpenalized(theta) + (0..<p).reduce(0) { $0 + lambda[$1] * theta[$1] * theta[$1] }
    }
    func derivatives(_ theta: [Double]) -> NewtonOptimizer.Evaluation {
      var e = unpenalizedDerivatives(theta)
      for i in 0..<p {
        e.value += lambda[i] * theta[i] * theta[i]
        e.gradient[i] += 2 * lambda[i] * theta[i]
        e.hessian[i, i] += 2 * lambda[i]
      }
      return e
    }
    func inPhi(_ phi: [Double]) -> NewtonOptimizer.Evaluation {
      let theta = phi.map { exp($0) }
      let e = derivatives(theta)
      var h = e.hessian
      for i in 0..<p {
        for j in 0..<p { h[i, j] *= theta[i] * theta[j] }
        h[i, i] += theta[i] * e.gradient[i]
      }
      return .init(value: e.value, gradient: (0..<p).map { theta[$0] * e.gradient[$0] }, hessian: h)
    }
    let result = try NewtonOptimizer(maxIterations: maxIterations).minimize(
      from: start.map { log($0) }, value: { value($0.map { exp($0) }) }, evaluate: inPhi)
    let theta = result.minimizer.map { exp($0) }
    return Result(theta: theta, report: result.report, hessian: derivatives(theta).hessian)
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
