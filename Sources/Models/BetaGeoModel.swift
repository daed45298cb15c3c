import Foundation
import NumericCore
import Tabular

/// A fitted BG/NBD model (Fader, Hardie & Lee 2005) and its predictions.
public struct BetaGeoModel: FittedModel, Equatable {
  public static let kind = ModelKind.betaGeo

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
  public var configuration: BetaGeo
  /// Convergence and likelihood diagnostics.
  public var report: BetaGeoFitReport

  public init(
    r: Double, alpha: Double, a: Double, b: Double, covariance: Matrix?, columns: SummaryColumns = SummaryColumns(),
    configuration: BetaGeo, report: BetaGeoFitReport
  ) {
    self.columns = columns
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
    self.covariance = covariance
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

  /// ln of a/(b+x−1)·((α+T)/(α+tₓ))^(r+x), the odds that a customer with this
  /// history has dropped out (eq. 13's second denominator term); −∞ for x = 0.
  func logDropoutOdds(frequency x: Double, recency t: Double, age T: Double) -> Double {
    guard x > 0 else { return -.infinity }
    return log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + t))
  }

  /// P(alive | x, tₓ, T) = 1 / (1 + 1{x>0}·a/(b+x−1)·((α+T)/(α+tₓ))^(r+x))
  /// (FHL 2005, eq. 13 of the technical note).
  public func probabilityAlive(frequency x: Double, recency t: Double, age T: Double) -> Double {
    1 / (1 + exp(logDropoutOdds(frequency: x, recency: t, age: T)))
  }

  /// E[Y(t) | x, tₓ, T], the expected purchases in the next t time units
  /// (FHL 2005, eq. 10):
  ///
  ///     (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
  ///     / (1 + 1{x>0}·a/(b+x−1)·((α+T)/(α+tₓ))^(r+x))
  ///
  /// with ₂F₁ summed under a running scale (finite at x = 10⁴).
  public func expectedPurchases(over t: Double, frequency x: Double, recency tx: Double, age T: Double) throws -> Double {
    try expectedPurchases(over: t, frequency: x, age: T, alive: probabilityAlive(frequency: x, recency: tx, age: T))
  }

  /// `expectedPurchases(over:frequency:recency:age:)` given P(alive), which
  /// scoring has computed already.
  /// `series`, when given, holds the ₂F₁ coefficients of small x.
  func expectedPurchases(
    over t: Double, frequency x: Double, age T: Double, alive: Double, series: BetaGeoExpectationSeries? = nil
  ) throws -> Double {
    guard t > 0 else { return 0 }
    if let limit = try atSingularA({ try $0.expectedPurchases(over: t, frequency: x, age: T, alive: alive) }) { return limit }
    let z = t / (alpha + T + t)
    let c = a + b + x - 1
    let scaledBracket: Double
    if c > 0 {
      let logSeries = try series?.logHypergeometric(frequency: x, z: z) ?? logHypergeometric2F1(r + x, b + x, c, z)
      scaledBracket = c * -expm1((r + x) * log1p(-z) + logSeries)
    } else {
      // x = 0 and a + b ≤ 1: ₂F₁ has a pole at c = 0; c·₂F₁ does not.
      scaledBracket = c - exp((r + x) * log1p(-z)) * (try scaledHypergeometric2F1(r + x, b + x, c, z))
    }
    return max(0, scaledBracket / (a - 1) * alive)
  }

  /// E[X(t)], the expected purchases of a new customer in her first t time
  /// units (FHL 2005, eq. 9):
  ///
  ///     (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]
  public func expectedPurchases(over t: Double) throws -> Double {
    guard t > 0 else { return 0 }
    if let limit = try atSingularA({ try $0.expectedPurchases(over: t) }) { return limit }
    let z = t / (alpha + t)
    let c = a + b - 1
    let scaledBracket = c > 0
      ? c * -expm1(r * log1p(-z) + (try logHypergeometric2F1(r, b, c, z)))
      : c - exp(r * log1p(-z)) * (try scaledHypergeometric2F1(r, b, c, z))
    return max(0, scaledBracket / (a - 1))
  }

  /// At a = 1 the expectations' factor 1/(a − 1) is 0/0 with a finite limit:
  /// the mean of the values at a ± 10⁻⁶ (error O(10⁻¹²) from the curvature,
  /// about 1e-10 from rounding amplified by 1/(a − 1)). nil away from a = 1.
  private func atSingularA(_ value: (BetaGeoModel) throws -> Double) rethrows -> Double? {
    guard abs(a - 1) < 1e-7 else { return nil }
    var below = self, above = self
    below.a = 1 - 1e-6
    above.a = 1 + 1e-6
    return (try value(below) + value(above)) / 2
  }

  /// P(X(t) = k) for a new customer (FHL 2005, eq. 8):
  ///
  ///     B(a, b+k)/B(a, b) · Γ(r+k)/(Γ(r)·k!) · (α/(α+t))^r · (t/(α+t))^k
  ///     + 1{k>0} · B(a+1, b+k−1)/B(a, b) · [1 − (α/(α+t))^r · Σⱼ₌₀^(k−1) Γ(r+j)/(Γ(r)·j!) · (t/(α+t))^j]
  public func probabilityOfPurchases(_ k: Int, over t: Double) -> Double {
    betaGeoFamilyProbability(k, over: t, r: r, alpha: alpha, a: a, b: b, dropoutAtFirstPurchase: false)
  }
}

/// P(X(t) = k) of the BG/NBD family, NB(j) = Γ(r+j)/(Γ(r)·j!)·(α/(α+t))^r·(t/(α+t))^j
/// the gamma–Poisson probability of j purchases in (0, t] and δ = 1 when
/// the customer may drop out at her first purchase (MBG/NBD), else 0:
///
///     B(a, b+k+δ)/B(a, b) · NB(k) + 1{k+δ>0} · B(a+1, b+k+δ−1)/B(a, b) · [1 − Σⱼ₌₀^(k−1) NB(j)]
///
/// The bracket (the chance of at least k purchases while alive) is clamped
/// at 0 against rounding. P(X(0) = k) = 1{k = 0}.
func betaGeoFamilyProbability(
  _ k: Int, over t: Double, r: Double, alpha: Double, a: Double, b: Double, dropoutAtFirstPurchase: Bool
) -> Double {
  precondition(k >= 0)
  guard t > 0 else { return k == 0 ? 1 : 0 }
  let x = Double(k), delta = dropoutAtFirstPurchase ? 1.0 : 0
  let logShare = log(alpha) - log(alpha + t), logRest = log(t) - log(alpha + t)
  func logNB(_ j: Double) -> Double { logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logShare + j * logRest }
  var p = exp(logBeta(a, b + x + delta) - logBeta(a, b) + logNB(x))
  if k > 0 || dropoutAtFirstPurchase {
    var cumulative = 0.0
    for j in 0..<k { cumulative += exp(logNB(Double(j))) }
    p += exp(logBeta(a + 1, b + x + delta - 1) - logBeta(a, b)) * max(0, 1 - cumulative)
  }
  return p
}

/// Diagnostics of a BG/NBD fit.
public struct BetaGeoFitReport: Sendable, Equatable {
  public var optimization: OptimizationReport
  /// Input rows, and the distinct (x, tₓ, T) rows the likelihood ran over.
  public var rows: Int
  public var distinctRows: Int
  /// Customers (Σ weights).
  public var customers: Double
  /// ℓ at the estimate (FHL 2005 eq. 6, summed; no penalty).
  public var logLikelihood: Double

  public init(optimization: OptimizationReport, rows: Int, distinctRows: Int, customers: Double, logLikelihood: Double) {
    self.optimization = optimization
    self.rows = rows
    self.distinctRows = distinctRows
    self.customers = customers
    self.logLikelihood = logLikelihood
  }
}

extension BetaGeoModel {
  /// P(alive) and E[Y(horizon)] for every row of a table holding the model's
  /// summary columns, each row checked as in `BetaGeo.Training(table:)`.
  /// - Throws: `DataError` naming the line of a bad row.
  public func predictions(for table: Table, horizon: Double) throws -> (probabilityAlive: [Double], expectedPurchases: [Double]) {
    // The ₂F₁ coefficients of the chunk's small frequencies, when there are
    // enough rows to repay tabulating them (at a ≈ 1 the expectation is a limit
    // of two other models, which compute their own).
    var series: BetaGeoExpectationSeries?
    if table.rowCount >= 1024, abs(a - 1) >= 1e-7, let x = try? table.numeric(columns.frequency) {
      let largest = (0..<table.rowCount).reduce(0.0) { max($0, x[$1]) }
      if largest.isFinite { series = BetaGeoExpectationSeries(r: r, a: a, b: b, largestFrequency: Int(min(largest, 64))) }
    }
    return try summaryPredictions(for: table, columns: columns) { x, t, T in
      let alive = probabilityAlive(frequency: x, recency: t, age: T)
      return (alive, try expectedPurchases(over: horizon, frequency: x, age: T, alive: alive, series: series))
    }
  }
}
