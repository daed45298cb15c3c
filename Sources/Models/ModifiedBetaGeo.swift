import Foundation
import NumericCore

/// The MBG/NBD model of repeat purchasing (Batislam, Denizel & Filiztekin
/// 2007, "Empirical validation and comparison of models for customer base
/// analysis", IJRM 24(3); lifetimes' `ModifiedBetaGeoFitter`): BG/NBD in
/// which a customer may also drop out right after her first purchase, with
/// probability p ~ Beta(a, b), so that customers without repeat purchases are
/// not all alive.
///
/// The fit maximises, in log space (lifetimes' `_negative_log_likelihood`):
///
///     ℓ = lnΓ(r+x) − lnΓ(r) + r·ln α + ln B(a, b+x+1) − ln B(a, b)
///         + ln[(α+T)^−(r+x) + a/(b+x)·(α+tₓ)^−(r+x)]
///
/// with the analytic gradient and Hessian of `BetaGeo`'s likelihood (the
/// same terms, shifted by one), by Newton in log-parameters; grouping,
/// weights and the penalty are as in `BetaGeo`.
public struct ModifiedBetaGeo: Estimator, Equatable {
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
  public func fit(_ data: Training) throws -> ModifiedBetaGeoModel {
    guard data.rowCount > 0 else { throw FitError.notIdentified("no data rows: there are no customers to fit") }
    try SummaryGroups.check(data, model: "MBG/NBD")
    let fit = try SummaryModelFit(
      name: "MBG/NBD", rows: data.rowCount, likelihood: BetaGeoLikelihood(data, dropoutAtStart: true),
      penalizer: penalizer, maxIterations: maxIterations, isTimeScale: [false, true, false, false])
    return ModifiedBetaGeoModel(
      r: fit.theta[0], alpha: fit.theta[1], a: fit.theta[2], b: fit.theta[3], covariance: fit.covariance,
      columns: data.columns, configuration: self, report: fit.report)
  }
}
