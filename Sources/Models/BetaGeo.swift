import Foundation
import NumericCore

/// The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005,
/// "Counting your customers the easy way", Marketing Science 24(2)):
/// while alive, a customer buys at Poisson rate λ ~ Gamma(r, α); after each
/// purchase she drops out with probability p ~ Beta(a, b).
///
/// The fit maximises the likelihood of the (frequency x, recency tₓ, age T)
/// summaries (eq. 6, in log space):
///
///     ℓ = lnΓ(r+x) − lnΓ(r) + r·ln α + ln B(a, b+x) − ln B(a, b)
///         + ln[(α+T)^−(r+x) + 1{x>0}·a/(b+x−1)·(α+tₓ)^−(r+x)]
///
/// with analytic gradient and Hessian, by Newton in log-parameters.
/// Identical (x, tₓ, T) rows are grouped and weighted, so a summary of 10⁷
/// customers costs what its distinct rows cost. The optional L2 penalty is
/// lifetimes' `penalizer_coef`: it minimises −ℓ/N + penalizer·(r² + (α/max T)²
/// + a² + b²) (N the number of customers; lifetimes fits in time scaled by
/// 1/max T), here scaled by N.
public struct BetaGeo: Estimator, Equatable {
  /// lifetimes' `penalizer_coef`; 0 for maximum likelihood.
  public var penalizer: Double
  /// Newton iterations allowed.
  public var maxIterations: Int

  public init(penalizer: Double = 0, maxIterations: Int = 200) {
    self.penalizer = penalizer
    self.maxIterations = maxIterations
  }

  /// Per-customer summaries, possibly pre-aggregated with weights.
  public struct Training: Sendable {
    /// x: repeat purchases.
    public let frequency: [Double]
    /// tₓ: age at the last repeat purchase (0 when x = 0).
    public let recency: [Double]
    /// T: age at the end of calibration.
    public let age: [Double]
    /// Customers each row stands for; nil for 1 each.
    public let weights: [Double]?
    /// The columns the summaries came from (frequency, recency, T), which
    /// scoring reads by the same names.
    public var columns: SummaryColumns = SummaryColumns()

    public var rowCount: Int { frequency.count }

    /// - Precondition: equal lengths; values checked by `BetaGeo.fit`.
    public init(frequency: [Double], recency: [Double], age: [Double], weights: [Double]? = nil) {
      precondition(recency.count == frequency.count && age.count == frequency.count)
      precondition(weights.map { $0.count == frequency.count } ?? true)
      self.frequency = frequency
      self.recency = recency
      self.age = age
      self.weights = weights
    }
  }

  /// Fits the model.
  /// - Throws: `FitError.notIdentified` without repeat purchases or with
  ///   invalid rows, `FitError.notConverged` when Newton does not converge.
  public func fit(_ data: Training) throws -> BetaGeoModel {
    guard data.rowCount > 0 else { throw FitError.notIdentified("no data rows: there are no customers to fit") }
    try BetaGeoLikelihood.check(data)
    let fit = try SummaryModelFit(
      name: "BG/NBD", rows: data.rowCount, likelihood: BetaGeoLikelihood(data),
      penalizer: penalizer, maxIterations: maxIterations, isTimeScale: [false, true, false, false])
    return BetaGeoModel(
      r: fit.theta[0], alpha: fit.theta[1], a: fit.theta[2], b: fit.theta[3], covariance: fit.covariance,
      columns: data.columns, configuration: self, report: fit.report)
  }
}

/// Names of the summary columns a buy-till-you-die model reads.
public struct SummaryColumns: Sendable, Equatable {
  public var frequency: String
  public var recency: String
  public var age: String
  public init(frequency: String = "frequency", recency: String = "recency", age: String = "T") {
    self.frequency = frequency
    self.recency = recency
    self.age = age
  }
  /// In the order models take them: frequency, recency, T.
  public var names: [String] { [frequency, recency, age] }
}
