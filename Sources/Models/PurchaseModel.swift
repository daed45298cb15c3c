/// A fitted model of repeat purchasing from (frequency, recency, T)
/// summaries — BG/NBD, MBG/NBD, Pareto/NBD — seen through what model
/// comparison and valuation need.
public protocol PurchaseModel: FittedModel {
  /// E[Y(t) | x, tₓ, T]: expected purchases in the next t time units.
  func expectedPurchases(over t: Double, frequency x: Double, recency tx: Double, age T: Double) throws -> Double
  /// The log-likelihood of the calibration data at the estimate.
  var logLikelihood: Double { get }
}

extension BetaGeoModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

extension ModifiedBetaGeoModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

extension ParetoNBDModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

/// The buy-till-you-die purchase models cvw fits, by their model-file kind.
public enum PurchaseModelKind: String, Sendable, CaseIterable {
  case betaGeo = "bg-nbd"
  case modifiedBetaGeo = "mbg-nbd"
  case paretoNBD = "pareto-nbd"

  /// Fits this kind by maximum likelihood.
  public func fit(_ data: BetaGeo.Training) throws -> any PurchaseModel {
    switch self {
    case .betaGeo: try BetaGeo().fit(data)
    case .modifiedBetaGeo: try ModifiedBetaGeo().fit(data)
    case .paretoNBD: try ParetoNBD().fit(data)
    }
  }
}
