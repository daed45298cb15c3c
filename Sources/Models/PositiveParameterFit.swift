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
  ///   - value: −ℓ(θ) (+ penalty), +∞ where it is not defined.
  ///   - derivatives: −ℓ, ∇θ, ∇²θ at θ.
  static func minimize(
    from start: [Double], maxIterations: Int = 200,
    value: ([Double]) -> Double,
    derivatives: ([Double]) -> NewtonOptimizer.Evaluation
  ) throws -> Result {
    let p = start.count
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
}
