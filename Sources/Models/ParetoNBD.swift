import Foundation
import NumericCore

/// The Pareto/NBD model of repeat purchasing (Schmittlein, Morrison &
/// Colombo 1987, "Counting your customers: who are they and what will they
/// do next?", Management Science 33(1)): while alive, a customer buys at
/// Poisson rate λ ~ Gamma(r, α); her lifetime is exponential with rate
/// μ ~ Gamma(s, β), independent of λ.
///
/// The fit maximises the likelihood of the (frequency x, recency tₓ, age T)
/// summaries in the form of Fader & Hardie (2005), "A note on deriving the
/// Pareto/NBD model and related expressions", in log space:
///
///     ℓ = lnΓ(r+x) − lnΓ(r) + r·ln α + s·ln β
///         + ln[(α+T)^−(r+x)·(β+T)^−s + s/(r+s+x)·A₀]
///
/// where, for α ≥ β,
///
///     A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+tₓ)) / (α+tₓ)^(r+s+x)
///        − ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+T)) / (α+T)^(r+s+x)
///
/// and, for α < β, the same with β+· in place of α+·, (β−α) in place of
/// (α−β) and r+x in place of s+1. Either way z ∈ [0, 1) and the
/// series has positive terms; ₂F₁ is summed in log space
/// (`logHypergeometric2F1UnitGap`) and the difference taken with `logSubExp`,
/// so a customer with 10⁴ purchases gives a finite ℓ where the reference
/// libraries overflow or return NaN (lifetimes #25, #302, #332; CLVTools #163).
///
/// The derivatives of ₂F₁ in its parameters have no closed form, so the
/// gradient and Hessian are central finite differences of ℓ in the
/// log-parameters φ = ln θ (step h = 10⁻³; fourth-order differences for the
/// gradient, so that its error is set by rounding, ~ε|ℓ|/h), which Newton in
/// φ then uses as it does BG/NBD's analytic ones; standard errors come from
/// that Hessian (relative error ~h², far below their own sampling error).
/// Identical rows are grouped and weighted; the optional L2 penalty is
/// lifetimes' `penalizer_coef` scaled by the number of customers, as in
/// `BetaGeo`.
public struct ParetoNBD: Estimator, Equatable {
  /// lifetimes' `penalizer_coef`; 0 for maximum likelihood.
  public var penalizer: Double
  /// Newton iterations allowed.
  public var maxIterations: Int

  public init(penalizer: Double = 0, maxIterations: Int = 200) {
    self.penalizer = penalizer
    self.maxIterations = maxIterations
  }

  /// The same (x, tₓ, T) summaries as BG/NBD's, read from a table the same way.
  public typealias Training = BetaGeo.Training

  /// Fits the model.
  /// - Throws: `FitError.notIdentified` without repeat purchases or with
  ///   invalid rows, `FitError.notConverged` when Newton does not converge.
  public func fit(_ data: Training) throws -> ParetoNBDModel {
    guard data.rowCount > 0 else { throw FitError.notIdentified("no data rows: there are no customers to fit") }
    try SummaryGroups.check(data, model: "Pareto/NBD")
    let fit = try SummaryModelFit(
      name: "Pareto/NBD", rows: data.rowCount, likelihood: ParetoNBDLikelihood(data),
      penalizer: penalizer, maxIterations: maxIterations, isTimeScale: [false, true, false, true])
    return ParetoNBDModel(
      r: fit.theta[0], alpha: fit.theta[1], s: fit.theta[2], beta: fit.theta[3], covariance: fit.covariance,
      columns: data.columns, configuration: self, report: fit.report)
  }

  /// ln A₀ of Fader & Hardie (2005) (see the type's comment), by
  /// whichever of the two forms keeps z = |α−β|/(max(α, β) + t) in [0, 1);
  /// −∞ when tₓ = T (A₀ = 0).
  /// - Throws: `SeriesDidNotConverge` when z is within ~10⁻⁶ of 1
  ///   (min(α, β) + tₓ below ~10⁻⁶ of max(α, β)).
  static func logA0(r: Double, alpha: Double, s: Double, beta: Double, x: Double, recency t: Double, age T: Double)
    throws -> Double
  {
    guard t < T else { return -.infinity }
    let rsx = r + s + x
    let (scale, second) = alpha >= beta ? (alpha, s + 1) : (beta, r + x)
    let gap = abs(alpha - beta)
    func term(_ u: Double) throws -> Double {
      let z = gap / (scale + u)
      // z rounds to 1 when min(α, β) + u is below 2⁻⁵³ of max(α, β).
      guard z < 1 else { throw SeriesDidNotConverge(function: "2F1(\(rsx), \(second); \(rsx + 1); \(z))", terms: 0) }
      return try logHypergeometric2F1UnitGap(rsx, second, z) - rsx * log(scale + u)
    }
    return logSubExp(try term(t), try term(T))
  }

  /// ln of the odds that a customer with this history has dropped out,
  /// s/(r+s+x)·(α+T)^(r+x)·(β+T)^s·A₀ (Fader & Hardie 2005).
  static func logDropoutOdds(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, recency t: Double, age T: Double
  ) throws -> Double {
    log(s) - log(r + s + x) + (r + x) * log(alpha + T) + s * log(beta + T)
      + (try logA0(r: r, alpha: alpha, s: s, beta: beta, x: x, recency: t, age: T))
  }
}

/// The Pareto/NBD log-likelihood over grouped rows, with finite-difference
/// derivatives (see `ParetoNBD`). Each evaluation is a parallel pass over
/// fixed chunks of rows added in chunk order: the same to the bit for any
/// thread count.
struct ParetoNBDLikelihood: SummaryLikelihood {
  var groups: SummaryGroups

  init(_ data: ParetoNBD.Training) {
    groups = SummaryGroups(data)
  }

  init(groups: SummaryGroups) {
    self.groups = groups
  }

  func subsample(stride: Int) -> ParetoNBDLikelihood {
    ParetoNBDLikelihood(groups: groups.subsample(stride: stride))
  }

  /// ℓ of one customer (Fader & Hardie 2005).
  static func logLikelihood(_ theta: [Double], x: Double, recency t: Double, age T: Double) throws -> Double {
    let (r, alpha, s, beta) = (theta[0], theta[1], theta[2], theta[3])
    let alive = -(r + x) * log(alpha + T) - s * log(beta + T)
    let gone = log(s) - log(r + s + x)
      + (try ParetoNBD.logA0(r: r, alpha: alpha, s: s, beta: beta, x: x, recency: t, age: T))
    return logGamma(r + x) - logGamma(r) + r * log(alpha) + s * log(beta) + logAddExp(alive, gone)
  }

  /// −Σ wᵢℓᵢ; +∞ where ℓ is not defined or a series does not converge
  /// (which the line search then backs away from).
  func negativeLogLikelihood(_ theta: [Double]) -> Double {
    guard theta.allSatisfy({ $0 > 0 && $0.isFinite }) else { return .infinity }
    let blocks = rowBlocks(count: groups.count, size: 1 << 12)
    let total = ParallelChunks.mapReduce(
      chunkCount: blocks.count,
      map: { chunk in
        var sum = 0.0
        for k in blocks[chunk] {
          guard let l = try? Self.logLikelihood(theta, x: groups.frequency[k], recency: groups.recency[k], age: groups.age[k])
          else { return Double.nan }
          sum += groups.weights[k] * l
        }
        return sum
      }, initial: 0.0, combine: { $0 += $1 })
    return total.isFinite ? -total : .infinity
  }

  /// Step of the differences in φ = ln θ: balances the truncation error
  /// (h⁴ for the gradient, h² for the Hessian) against rounding (ε|ℓ|/h, ε|ℓ|/h²).
  static let step = 1e-3

  /// −ℓ with its gradient and Hessian in θ, from central differences in φ:
  ///
  ///     ∂φᵢ ≈ [8(f(φ+hεᵢ) − f(φ−hεᵢ)) − (f(φ+2hεᵢ) − f(φ−2hεᵢ))] / 12h
  ///     ∂²φᵢ ≈ [f(φ+hεᵢ) − 2f(φ) + f(φ−hεᵢ)] / h²
  ///     ∂φᵢ∂φⱼ ≈ [f(++) − f(+−) − f(−+) + f(−−)] / 4h²
  ///
  /// taken back to θ by ∇θ = ∇φ/θ and ∇²θ = diag(1/θ)(∇²φ − diag(∇φ))diag(1/θ)
  /// (41 evaluations of ℓ).
  func derivatives(_ theta: [Double]) -> NewtonOptimizer.Evaluation {
    let h = Self.step
    let phi = theta.map { log($0) }
    func f(_ shifts: [(Int, Double)]) -> Double {
      var p = phi
      for (i, d) in shifts { p[i] += d }
      return negativeLogLikelihood(p.map { exp($0) })
    }
    let center = negativeLogLikelihood(theta)
    var gradient = [Double](repeating: 0, count: 4)
    var hessian = Matrix(rows: 4, columns: 4)
    var plus = [Double](repeating: 0, count: 4), minus = plus
    for i in 0..<4 {
      plus[i] = f([(i, h)])
      minus[i] = f([(i, -h)])
      let far = f([(i, 2 * h)]) - f([(i, -2 * h)])
      gradient[i] = (8 * (plus[i] - minus[i]) - far) / (12 * h)
      hessian[i, i] = (plus[i] - 2 * center + minus[i]) / (h * h)
    }
    for i in 0..<4 {
      for j in (i + 1)..<4 {
        let v = (f([(i, h), (j, h)]) - f([(i, h), (j, -h)]) - f([(i, -h), (j, h)]) + f([(i, -h), (j, -h)])) / (4 * h * h)
        hessian[i, j] = v
        hessian[j, i] = v
      }
    }
    var inTheta = Matrix(rows: 4, columns: 4)
    for i in 0..<4 {
      for j in 0..<4 {
        inTheta[i, j] = (hessian[i, j] - (i == j ? gradient[i] : 0)) / (theta[i] * theta[j])
      }
    }
    let finite = center.isFinite && gradient.allSatisfy(\.isFinite) && inTheta.elements.allSatisfy(\.isFinite)
    return .init(value: finite ? center : .infinity, gradient: (0..<4).map { gradient[$0] / theta[$0] }, hessian: inTheta)
  }
}
