import Foundation
import NumericCore
import Tabular

/// A fitted Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) and its
/// predictions, in the forms of Fader & Hardie (2005), "A note on deriving
/// the Pareto/NBD model and related expressions".
public struct ParetoNBDModel: FittedModel, Equatable {
  public static let kind = ModelKind.paretoNBD

  /// Shape of the gamma distribution of purchase rates λ.
  public var r: Double
  /// Scale of the gamma distribution of purchase rates (in the time unit).
  public var alpha: Double
  /// Shape of the gamma distribution of dropout rates μ.
  public var s: Double
  /// Scale of the gamma distribution of dropout rates (in the time unit).
  public var beta: Double
  /// Covariance of (r, α, s, β), the inverse observed information.
  public var covariance: Matrix?
  /// The summary columns it was fitted on, read by name when scoring.
  public var columns: SummaryColumns
  /// The estimator that produced the model.
  public var configuration: ParetoNBD
  /// Convergence and likelihood diagnostics (ℓ of Fader & Hardie 2005, summed).
  public var report: BetaGeoFitReport

  public init(
    r: Double, alpha: Double, s: Double, beta: Double, covariance: Matrix?, columns: SummaryColumns = SummaryColumns(),
    configuration: ParetoNBD, report: BetaGeoFitReport
  ) {
    self.r = r
    self.alpha = alpha
    self.s = s
    self.beta = beta
    self.covariance = covariance
    self.columns = columns
    self.configuration = configuration
    self.report = report
  }

  /// r, alpha, s, beta with standard errors from the inverse Hessian.
  public var parameters: [ParameterEstimate] {
    let names = ["r", "alpha", "s", "beta"], values = [r, alpha, s, beta]
    return names.indices.map { k in
      ParameterEstimate(name: names[k], estimate: values[k], standardError: covariance.map { $0[k, k].squareRoot() })
    }
  }

  /// P(alive | x, tₓ, T) = 1 / (1 + s/(r+s+x)·(α+T)^(r+x)·(β+T)^s·A₀)
  /// (Fader & Hardie 2005), with ln A₀ from log-space ₂F₁.
  /// - Throws: `SeriesDidNotConverge` when min(α, β) + tₓ is within ~10⁻⁶ of max(α, β).
  public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) throws -> Double {
    let odds = try ParetoNBD.logDropoutOdds(r: r, alpha: alpha, s: s, beta: beta, x: x, recency: t, age: T)
    return 1 / (1 + exp(odds))
  }

  /// E[Y(t) | x, tₓ, T], the expected purchases in the next t time units
  /// (Schmittlein et al. 1987; Fader & Hardie 2005):
  ///
  ///     (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive | x, tₓ, T)
  ///
  /// with the bracket over (s−1) taken as −expm1((s−1)·ln q)/(s−1), q the
  /// ratio, and as −ln q at s = 1 (its limit).
  public func expectedPurchases(over t: Double, frequency x: Double, recency tx: Double, age T: Double) throws -> Double {
    guard t > 0 else { return 0 }
    let growth = Self.lifetimeFactor(s: s, logRatio: log(beta + T) - log(beta + T + t))
    return (r + x) * (beta + T) / (alpha + T) * growth * (try probabilityAlive(frequency: x, recency: tx, age: T))
  }

  /// E[X(t)], the expected purchases of a new customer in her first t time
  /// units (Schmittlein et al. 1987; Fader & Hardie 2005):
  ///
  ///     rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)]
  public func expectedPurchases(over t: Double) -> Double {
    guard t > 0 else { return 0 }
    return r * beta / alpha * Self.lifetimeFactor(s: s, logRatio: log(beta) - log(beta + t))
  }

  /// [1 − q^(s−1)]/(s−1) for q = e^logRatio ∈ (0, 1]: the expected lifetime
  /// spent in a window, in units of the scale; −ln q at s = 1.
  static func lifetimeFactor(s: Double, logRatio: Double) -> Double {
    s == 1 ? -logRatio : -expm1((s - 1) * logRatio) / (s - 1)
  }
}

extension ParetoNBDModel {
  /// P(alive) and E[Y(horizon)] for every row of a table holding the model's
  /// summary columns, each row checked as in `BetaGeo.Training(table:)`.
  /// - Throws: `DataError` naming the line of a bad row.
  public func predictions(for table: Table, horizon: Double) throws -> (probabilityAlive: [Double], expectedPurchases: [Double]) {
    try summaryPredictions(for: table, columns: columns) { x, t, T in
      (try probabilityAlive(frequency: x, recency: t, age: T), try expectedPurchases(over: horizon, frequency: x, recency: t, age: T))
    }
  }
}
