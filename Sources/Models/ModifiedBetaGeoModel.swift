import Foundation
import NumericCore
import Tabular

/// A fitted MBG/NBD model (Batislam, Denizel & Filiztekin 2007) and its
/// predictions, as lifetimes' `ModifiedBetaGeoFitter` computes them.
public struct ModifiedBetaGeoModel: FittedModel, Equatable {
  public static let kind = ModelKind.modifiedBetaGeo

  /// Shape of the gamma distribution of purchase rates.
  public var r: Double
  /// Scale of the gamma distribution of purchase rates (in the time unit).
  public var alpha: Double
  /// First shape of the beta distribution of dropout probabilities.
  public var a: Double
  /// Second shape of the beta distribution of dropout probabilities.
  public var b: Double
  /// Covariance of (r, α, a, b), the inverse observed information.
  public var covariance: Matrix?
  /// The summary columns it was fitted on, read by name when scoring.
  public var columns: SummaryColumns
  /// The estimator that produced the model.
  public var configuration: ModifiedBetaGeo
  /// Convergence and likelihood diagnostics.
  public var report: BetaGeoFitReport

  public init(
    r: Double, alpha: Double, a: Double, b: Double, covariance: Matrix?, columns: SummaryColumns = SummaryColumns(),
    configuration: ModifiedBetaGeo, report: BetaGeoFitReport
  ) {
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
    self.covariance = covariance
    self.columns = columns
    self.configuration = configuration
    self.report = report
  }

  /// r, alpha, a, b with standard errors from the inverse Hessian.
  public var parameters: [ParameterEstimate] {
    let names = ["r", "alpha", "a", "b"], values = [r, alpha, a, b]
    return names.indices.map { k in
      ParameterEstimate(name: names[k], estimate: values[k], standardError: covariance.map { $0[k, k].squareRoot() })
    }
  }

  /// ln of a/(b+x)·((α+T)/(α+tₓ))^(r+x), the odds that the customer has
  /// dropped out; defined for x = 0 too (she may have left after her first purchase).
  func logDropoutOdds(frequency x: Double, recency t: Double, age T: Double) -> Double {
    log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t))
  }

  /// P(alive | x, tₓ, T) = 1 / (1 + a/(b+x)·((α+T)/(α+tₓ))^(r+x))
  /// (Batislam et al. 2007, appendix; lifetimes' `conditional_probability_alive`).
  public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double {
    1 / (1 + exp(logDropoutOdds(frequency: x, recency: t, age: T)))
  }

  /// E[Y(t) | x, tₓ, T], the expected purchases in the next t time units
  /// (lifetimes' `conditional_expected_number_of_purchases_up_to_time`,
  /// after Wagner & Hoppe 2008):
  ///
  ///     (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
  ///     · P(alive | x, tₓ, T)
  ///
  /// with ₂F₁ summed in log space (finite at x = 10⁴).
  public func expectedPurchases(over t: Double, frequency x: Double, recency tx: Double, age T: Double) throws -> Double {
    guard t > 0 else { return 0 }
    if let limit = try atSingularA({ try $0.expectedPurchases(over: t, frequency: x, recency: tx, age: T) }) { return limit }
    let z = t / (alpha + T + t)
    let logHyper = try logHypergeometric2F1(r + x, b + x + 1, a + b + x, z)
    let bracket = -expm1((r + x) * log1p(-z) + logHyper)
    return (a + b + x) / (a - 1) * bracket * probabilityAlive(frequency: x, recency: tx, age: T)
  }

  /// E[X(t)], the expected purchases of a new customer in her first t time
  /// units (lifetimes' `expected_number_of_purchases_up_to_time`):
  ///
  ///     b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))]
  public func expectedPurchases(over t: Double) throws -> Double {
    guard t > 0 else { return 0 }
    if let limit = try atSingularA({ try $0.expectedPurchases(over: t) }) { return limit }
    let z = t / (alpha + t)
    let logHyper = try logHypergeometric2F1(r, b + 1, a + b, z)
    return b / (a - 1) * -expm1(r * log1p(-z) + logHyper)
  }

  /// P(X(t) = k) for a new customer (Batislam et al. 2007; lifetimes'
  /// `probability_of_n_purchases_up_to_time`): as BG/NBD's, except that the
  /// customer may leave at her first purchase, so with NB(j) the
  /// gamma–Poisson probability of j purchases in (0, t],
  ///
  ///     B(a, b+k+1)/B(a, b) · NB(k) + B(a+1, b+k)/B(a, b) · [1 − Σⱼ₌₀^(k−1) NB(j)]
  ///
  /// (at k = 0 the second term is a/(a+b), the share who never return).
  public func probabilityOfPurchases(_ k: Int, over t: Double) -> Double {
    betaGeoFamilyProbability(k, over: t, r: r, alpha: alpha, a: a, b: b, dropoutAtFirstPurchase: true)
  }

  /// At a = 1 the expectations' factor 1/(a − 1) is 0/0 with a finite limit:
  /// the mean of the values at a ± 10⁻⁶, as in `BetaGeoModel`. nil away from a = 1.
  private func atSingularA(_ value: (ModifiedBetaGeoModel) throws -> Double) rethrows -> Double? {
    guard abs(a - 1) < 1e-7 else { return nil }
    var below = self, above = self
    below.a = 1 - 1e-6
    above.a = 1 + 1e-6
    return (try value(below) + value(above)) / 2
  }
}

extension ModifiedBetaGeoModel {
  /// P(alive) and E[Y(horizon)] for every row of a table holding the model's
  /// summary columns, each row checked as in `BetaGeo.Training(table:)`.
  /// - Throws: `DataError` naming the line of a bad row.
  public func predictions(for table: Table, horizon: Double) throws -> (probabilityAlive: [Double], expectedPurchases: [Double]) {
    try summaryPredictions(for: table, columns: columns) { x, t, T in
      (probabilityAlive(frequency: x, recency: t, age: T), try expectedPurchases(over: horizon, frequency: x, recency: t, age: T))
    }
  }
}
