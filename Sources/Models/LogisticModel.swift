import Foundation
import NumericCore
import Tabular

/// A fitted logistic regression: P(y = 1 | x) = σ(β₀ + Σⱼ βⱼxⱼ), coefficients
/// on the original scale of the features.
public struct LogisticModel: FittedModel, Equatable {
  public static let kind = ModelKind.logisticRegression

  /// The features, in the order of `coefficients`.
  public var featureNames: [String]
  /// What the probability is the probability of.
  public var target: BinaryTarget
  /// β₀.
  public var intercept: Double
  /// β₁ … β_d on the original scale of the features.
  public var coefficients: [Double]
  /// Covariance of (β₀, β₁, …, β_d), intercept first; nil for penalised fits.
  public var covariance: Matrix?
  /// The centring and scaling the penalty was applied on (`standardize`).
  /// Scoring needs none of it: the coefficients are on the original scale.
  public var standardization: Standardization?
  /// The estimator that produced the model.
  public var configuration: LogisticRegression
  /// Convergence and likelihood diagnostics.
  public var report: LogisticFitReport

  public init(
    featureNames: [String], target: BinaryTarget, intercept: Double, coefficients: [Double],
    covariance: Matrix?, standardization: Standardization?, configuration: LogisticRegression,
    report: LogisticFitReport
  ) {
    self.featureNames = featureNames
    self.target = target
    self.intercept = intercept
    self.coefficients = coefficients
    self.covariance = covariance
    self.standardization = standardization
    self.configuration = configuration
    self.report = report
  }

  /// Intercept then one row per feature, with Wald inference when the
  /// covariance is known.
  public var parameters: [ParameterEstimate] {
    let names = ["intercept"] + featureNames
    let estimates = [intercept] + coefficients
    return names.indices.map { k in
      ParameterEstimate(
        name: names[k], estimate: estimates[k],
        standardError: covariance.map { $0[k, k].squareRoot() })
    }
  }

  /// η = β₀ + Σⱼ βⱼxⱼ for one row, summed in feature order (the same order
  /// as `probabilities(for:)`, so both give identical bits).
  public func linearPredictor(_ row: [Double]) -> Double {
    precondition(row.count == coefficients.count)
    var eta = intercept
    for j in coefficients.indices { eta += coefficients[j] * row[j] }
    return eta
  }

  /// Akaike's criterion −2ℓ + 2k, k = d + 1 parameters; nil where the fit
  /// is not a maximum-likelihood one (penalised or class-weighted).
  public var aic: Double? {
    covariance == nil ? nil : -2 * report.logLikelihood + 2 * Double(coefficients.count + 1)
  }

  /// Schwarz's criterion −2ℓ + k·ln N, N the number of observations: the sum
  /// of the frequency weights (the row count when unweighted), as statsmodels'
  /// GLM with `freq_weights`; nil where `aic` is.
  public var bic: Double? {
    covariance == nil ? nil : -2 * report.logLikelihood + Double(coefficients.count + 1) * log(report.weightSum)
  }

  /// σ(η) for one row of feature values in `featureNames` order.
  public func probability(_ row: [Double]) -> Double { sigmoid(linearPredictor(row)) }

  /// P(y = 1) for every row of a table that has the model's features as
  /// numeric columns (extra columns are ignored).
  /// - Throws: `DataError` naming a missing feature column or a bad cell.
  public func probabilities(for table: Table) throws(DataError) -> [Double] {
    var eta = [Double](repeating: intercept, count: table.rowCount)
    for (j, name) in featureNames.enumerated() {
      let column = try table.numeric(name)
      let beta = coefficients[j]
      for i in eta.indices { eta[i] += beta * column[i] }
    }
    for i in eta.indices { eta[i] = sigmoid(eta[i]) }
    return eta
  }
}

/// Per-feature centres and scales (mean, population standard deviation).
public struct Standardization: Sendable, Equatable {
  public var centers: [Double]
  public var scales: [Double]
  public init(centers: [Double], scales: [Double]) {
    self.centers = centers
    self.scales = scales
  }
}

/// Diagnostics of a logistic fit, as statsmodels' results summary gives them.
public struct LogisticFitReport: Sendable, Equatable {
  public var optimization: OptimizationReport
  /// Rows used.
  public var rows: Int
  /// Σ of sample × class weights (= rows when unweighted).
  public var weightSum: Double
  /// ℓ = Σ sᵢ·[yᵢ ln μᵢ + (1 − yᵢ) ln(1 − μᵢ)] at the estimate.
  public var logLikelihood: Double
  /// ℓ of the intercept-only model.
  public var nullLogLikelihood: Double
  /// C·Σ loss + ρ·‖w‖₁ + (1 − ρ)/2·‖w‖² at the estimate (scikit-learn's
  /// objective; ½‖w‖² + C·Σ loss for L2), for penalised fits.
  public var penalizedObjective: Double?

  public init(
    optimization: OptimizationReport, rows: Int, weightSum: Double, logLikelihood: Double,
    nullLogLikelihood: Double, penalizedObjective: Double?
  ) {
    self.optimization = optimization
    self.rows = rows
    self.weightSum = weightSum
    self.logLikelihood = logLikelihood
    self.nullLogLikelihood = nullLogLikelihood
    self.penalizedObjective = penalizedObjective
  }

  /// McFadden's pseudo-R² = 1 − ℓ / ℓ₀.
  public var pseudoRSquared: Double { 1 - logLikelihood / nullLogLikelihood }
}
