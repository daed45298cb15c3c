import Foundation
import NumericCore
import Tabular

/// The Gamma-Gamma model of spend per transaction (Colombo & Jiang 1999;
/// Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013, "The
/// Gamma-Gamma Model of Monetary Value"), fitted by maximum likelihood.
///
/// A customer's transaction amounts are Gamma(p, ν) with mean p/ν; ν varies
/// across customers as Gamma(q, γ). The mean z̄ of x transactions is then
/// Gamma(px, νx), and integrating ν out gives the density of z̄ given x
/// (Fader & Hardie 2013, the marginal distribution of z̄; lifetimes'
/// `GammaGammaFitter` and CLVTools' `gg` maximise the same):
///
///     f(z̄ | p, q, γ; x) = Γ(px + q) / (Γ(px)·Γ(q)) · γ^q · z̄^(px−1) · x^(px)
///                         / (γ + x·z̄)^(px+q)
///
/// Only repeat buyers inform the model: customers with x = 0 (no repeat
/// purchase, no spend observed) or z̄ ≤ 0 (free or refunded purchases, outside
/// the model's support) are left out of the fit and counted in the report.
///
/// With `penalizer` c > 0 the objective is lifetimes' (`GammaGammaFitter(
/// penalizer_coef=c)`): −ℓ/W + c·(p² + q² + γ²), W the sum of the weights of
/// the customers used. cvw minimises W times it, −ℓ + c·W·(p² + q² + γ²):
/// the same minimiser, with values and gradients in the units of ℓ.
///
/// Newton's method in (ln p, ln q, ln γ) with the analytic gradient and
/// Hessian (see `PositiveParameterFit`); unpenalised fits get the covariance
/// from the inverse observed information, as CLVTools and lifetimes report.
/// The log-likelihood and its derivatives are evaluated in log space, so that
/// x up to 10⁴ and z̄ over many orders of magnitude neither overflow nor
/// produce NaN.
public struct GammaGamma: Estimator, Equatable {
  /// The L2 penalty coefficient c on (p, q, γ), lifetimes' `penalizer_coef`
  /// (see the type's documentation for the exact objective). 0: plain
  /// maximum likelihood.
  public var penalizer: Double

  public init(penalizer: Double = 0) {
    self.penalizer = penalizer
  }

  /// Per-customer summaries: the number of repeat transactions x and their
  /// mean amount z̄, with optional frequency weights (the number of customers
  /// a pre-aggregated row stands for).
  ///
  /// Rows are kept as given; `fit` leaves out those with x = 0 or z̄ ≤ 0 and
  /// reports how many it left out (`customersLeftOut`).
  public struct Training: Sendable {
    /// x, the number of repeat transactions of each row.
    public let frequencies: [Double]
    /// z̄, the mean amount of those transactions (ignored where x = 0).
    public let monetaryValues: [Double]
    /// Non-negative frequency weights, nil for all 1.
    public let weights: [Double]?
    /// The column x was read from, written into the model file.
    public let frequencyColumn: String
    /// The column z̄ was read from, written into the model file.
    public let monetaryValueColumn: String

    /// The number of rows, left-out rows included.
    public var rowCount: Int { frequencies.count }

    /// - Precondition: the arrays have the same length (a programming error,
    ///   not an input fault). Values are checked by `fit`: x finite and
    ///   non-negative (not necessarily whole: the model is defined for any
    ///   x > 0), z̄ finite where x > 0, weights finite and non-negative.
    public init(
      frequencies: [Double], monetaryValues: [Double], weights: [Double]? = nil,
      frequencyColumn: String = "frequency", monetaryValueColumn: String = "monetary_value"
    ) {
      precondition(frequencies.count == monetaryValues.count, "one monetary value per frequency")
      precondition(weights.map { $0.count == frequencies.count } ?? true, "one weight per row")
      self.frequencies = frequencies
      self.monetaryValues = monetaryValues
      self.weights = weights
      self.frequencyColumn = frequencyColumn
      self.monetaryValueColumn = monetaryValueColumn
    }

    /// Whether row i takes part in the fit: x > 0 and z̄ > 0.
    @inline(__always)
    func isUsed(_ i: Int) -> Bool { frequencies[i] > 0 && monetaryValues[i] > 0 }

    /// Σ weights of the rows with x = 0 or z̄ ≤ 0, which the fit leaves out
    /// (their number when unweighted).
    public var customersLeftOut: Double {
      var total = 0.0
      for i in frequencies.indices where !isUsed(i) { total += weights?[i] ?? 1 }
      return total
    }

    /// Training data from a table of customer summaries (lifetimes'
    /// `summary_data_from_transaction_data` layout).
    ///
    /// - Parameters:
    ///   - frequency: the column of repeat-transaction counts x.
    ///   - monetaryValue: the column of mean transaction amounts z̄.
    ///   - weight: a column of non-negative frequency weights.
    /// - Throws: `DataError` naming file, line and column: a missing column,
    ///   a missing or non-numeric cell, a negative or fractional frequency (a
    ///   whole number written `2.0` is fine), a negative weight.
    public init(
      table: Table, frequency: String = "frequency", monetaryValue: String = "monetary_value", weight: String? = nil
    ) throws(DataError) {
      let x = try table.numeric(frequency)
      let z = try table.numeric(monetaryValue)
      func cellError(_ row: Int, _ column: String, _ message: String) -> DataError {
        DataError(
          file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
          columnName: column, message: message)
      }
      // The cell as written, for the message: "-2", not "-2.0".
      func text(_ column: String, _ row: Int) throws(DataError) -> String {
        "\"" + (try table.strings(column)[row] ?? "") + "\""
      }
      if let bad = x.firstIndex(where: { $0 < 0 || $0 != $0.rounded() }) {
        throw cellError(
          bad, frequency, "expected a whole number of repeat transactions (0, 1, 2, …), found \(try text(frequency, bad))")
      }
      var weights: [Double]? = nil
      if let weight {
        let w = try table.numeric(weight)
        if let bad = w.firstIndex(where: { $0 < 0 }) {
          throw cellError(bad, weight, "expected a non-negative weight, found \(try text(weight, bad))")
        }
        weights = w
      }
      self.init(
        frequencies: x, monetaryValues: z, weights: weights, frequencyColumn: frequency, monetaryValueColumn: monetaryValue)
    }
  }

  /// ℓ for one customer, the log of the full density with its constants
  /// (Fader & Hardie 2013, the marginal distribution of z̄):
  ///
  ///     ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q·ln γ + (px−1)·ln z̄ + px·ln x
  ///         − (px+q)·ln(γ + x·z̄)
  ///
  /// evaluated as lnΓ(px+q) − lnΓ(px) − lnΓ(q) − ln z̄ − q·s(−u) − px·s(u),
  /// with u = ln γ − ln(x·z̄) and s(u) = ln(1 + eᵘ): the same quantity, with
  /// no power and no ratio that could overflow.
  /// - Precondition: x > 0, z̄ > 0, p, q, γ > 0.
  public static func logLikelihood(frequency x: Double, monetaryValue z: Double, p: Double, q: Double, v: Double) -> Double {
    let u = log(v) - log(x) - log(z)
    let (sPlus, sMinus, _, _) = softplusPair(u)
    return logGamma(p * x + q) - logGamma(p * x) - logGamma(q) - log(z) - q * sMinus - p * x * sPlus
  }

  /// s(u) = ln(1 + eᵘ), s(−u), σ(u) and σ(−u) from one exponential
  /// e = e^−|u|, accurate in both tails (the larger softplus is |u| + ln(1 + e),
  /// never s(u) − u, which would cancel).
  @inline(__always)
  static func softplusPair(_ u: Double) -> (plus: Double, minus: Double, sigmoidPlus: Double, sigmoidMinus: Double) {
    let e = exp(-abs(u))
    let small = log1p(e), large = abs(u) + small
    let near = 1 / (1 + e), far = e * near
    return u >= 0 ? (large, small, near, far) : (small, large, far, near)
  }

  /// Fits the model.
  /// - Throws: `FitError.notIdentified` when no customer has x > 0 and
  ///   z̄ > 0 or a value is not a valid number, `FitError.notConverged` when
  ///   Newton's method does not converge; never returns non-finite parameters.
  public func fit(_ data: Training) throws -> GammaGammaModel {
    guard penalizer >= 0, penalizer.isFinite else {
      throw FitError.notIdentified("the penalizer must be a finite non-negative number, found \(penalizer)")
    }
    try Self.check(data)
    let objective = GammaGammaObjective(data, penalizer: penalizer)
    guard objective.weightSum > 0 else {
      throw FitError.notIdentified(
        "no customer with a repeat purchase (\(data.frequencyColumn) > 0) and a positive mean spend "
          + "(\(data.monetaryValueColumn) > 0): the Gamma-Gamma model has nothing to fit")
    }
    guard objective.weightSum.isFinite else {
      throw FitError.notIdentified("the weights sum to more than a Double holds: rescale them")
    }

    // Far from the maximum the Hessian can be indefinite, and Newton's method
    // from a poor start can take a huge step along a direction of negative
    // curvature and stall there; near the maximum it converges quadratically.
    // So a failed run is restarted from the next candidate (moment estimates
    // first, then a grid over p and q), and the first that converges gives
    // the estimate. Data whose likelihood has no finite maximum (p or q → ∞)
    // fail from every start: `notConverged`, with the first run's report.
    var result: PositiveParameterFit.Result? = nil
    var firstFailure: OptimizationReport? = nil
    var (iterations, evaluations, attempt) = (0, 0, 0)
    var candidates = objective.momentStarts()
    var triedGrid = false
    while result == nil {
      if candidates.isEmpty {
        guard !triedGrid else { break }
        triedGrid = true
        candidates = objective.gridStarts()
        continue
      }
      let start = candidates.removeFirst()
      attempt += 1
      guard let run = try? PositiveParameterFit.minimize(
        from: start.theta, value: objective.value, derivatives: objective.evaluate)
      else { continue }
      iterations += run.report.iterations
      evaluations += run.report.evaluations
      if run.report.converged, run.theta.allSatisfy({ $0.isFinite && $0 > 0 }) {
        result = run
      } else if firstFailure == nil {
        firstFailure = run.report
      }
    }
    guard let result else {
      throw firstFailure.map { FitError.notConverged($0) }
        ?? FitError.notIdentified("the log-likelihood is not finite at any starting point: rescale the monetary values")
    }
    let theta = result.theta
    var report = result.report
    if attempt > 1 {
      // The report covers the whole search, so that its cost is visible.
      report.iterations = iterations
      report.evaluations = evaluations
      report.message += " (from starting point \(attempt), after \(attempt - 1) runs that did not converge)"
    }

    // Wald inference needs the likelihood's own curvature: with a penalty
    // there is none (as for penalised logistic fits).
    var covariance: Matrix? = nil
    if penalizer == 0 {
      covariance = try? Cholesky(result.hessian).inverse()
      if covariance == nil {
        throw FitError.notIdentified("the information matrix is singular at the optimum: no standard errors")
      }
    }
    let fitReport = GammaGammaFitReport(
      optimization: report, customersUsed: objective.weightSum, customersLeftOut: data.customersLeftOut,
      logLikelihood: -(report.value - objective.penaltyValue(theta)),
      correlation: objective.correlation())
    return GammaGammaModel(
      frequencyColumn: data.frequencyColumn, monetaryValueColumn: data.monetaryValueColumn,
      p: theta[0], q: theta[1], v: theta[2], covariance: covariance, configuration: self, report: fitReport)
  }

  /// Refuses rows no fit can use: a negative or non-finite frequency, a
  /// non-finite monetary value of a repeat buyer, a negative or non-finite
  /// weight. Row numbers count from 1 over all rows, left-out ones included.
  static func check(_ data: Training) throws(FitError) {
    if let bad = data.frequencies.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw .notIdentified("frequency \(data.frequencies[bad]) in row \(bad + 1): frequencies must be finite and non-negative")
    }
    if let bad = data.monetaryValues.indices.first(where: { data.frequencies[$0] > 0 && !data.monetaryValues[$0].isFinite }) {
      throw .notIdentified("monetary value \(data.monetaryValues[bad]) in row \(bad + 1): it must be a finite number")
    }
    if let w = data.weights, let bad = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
      throw .notIdentified("weight \(w[bad]) in row \(bad + 1): weights must be finite and non-negative")
    }
  }
}

/// A fitted Gamma-Gamma spend model (Fader & Hardie 2013): transaction
/// amounts Gamma(p, ν), ν ~ Gamma(q, γ) across customers. `v` is γ, named as
/// in lifetimes and CLVTools.
public struct GammaGammaModel: FittedModel, Equatable {
  public static let kind = ModelKind.gammaGamma

  /// The column of repeat-transaction counts x.
  public var frequencyColumn: String
  /// The column of mean transaction amounts z̄.
  public var monetaryValueColumn: String
  /// p, the shape of the amounts of one customer's transactions.
  public var p: Double
  /// q, the shape of ν, the rate of a customer's amount distribution, across
  /// customers.
  public var q: Double
  /// γ (lifetimes' and CLVTools' `v`), the rate of ν's gamma distribution.
  public var v: Double
  /// Covariance of (p, q, γ), the inverse observed information; nil for
  /// penalised fits.
  public var covariance: Matrix?
  /// The estimator that produced the model.
  public var configuration: GammaGamma
  /// Convergence, likelihood and data diagnostics.
  public var report: GammaGammaFitReport

  public init(
    frequencyColumn: String, monetaryValueColumn: String, p: Double, q: Double, v: Double, covariance: Matrix?,
    configuration: GammaGamma, report: GammaGammaFitReport
  ) {
    self.frequencyColumn = frequencyColumn
    self.monetaryValueColumn = monetaryValueColumn
    self.p = p
    self.q = q
    self.v = v
    self.covariance = covariance
    self.configuration = configuration
    self.report = report
  }

  /// p, q and v with Wald inference when the covariance is known.
  public var parameters: [ParameterEstimate] {
    [("p", p), ("q", q), ("v", v)].enumerated().map { k, named in
      ParameterEstimate(name: named.0, estimate: named.1, standardError: covariance.map { $0[k, k].squareRoot() })
    }
  }

  /// Akaike's criterion −2ℓ + 2·3; nil for penalised fits.
  public var aic: Double? { covariance == nil ? nil : -2 * report.logLikelihood + 6 }

  /// Diagnostics a reader should see before using the model: spend that is
  /// correlated with frequency (|ρ| ≥ 0.3), against the model's assumption
  /// that the two are independent (the check lifetimes' documentation asks
  /// for before fitting), and q ≤ 1, where the mean spend is infinite.
  public var warnings: [String] {
    var out = [String]()
    if let rho = report.correlation, abs(rho) >= 0.3 {
      out.append(
        "the Gamma-Gamma model assumes spend independent of frequency; their correlation here is "
          + String(format: "%.2f", rho))
    }
    if !(q > 1) {
      out.append(
        "q = \(q) ≤ 1: the model's mean spend pγ/(q − 1) is infinite, so no expected average spend can be given")
    }
    return out
  }

  /// The population mean spend per transaction, E[Z] = p·γ/(q − 1) (Fader &
  /// Hardie 2013); nil when q ≤ 1, where it is infinite.
  public var populationMeanSpend: Double? { q > 1 ? p * v / (q - 1) : nil }

  /// ℓ of one customer with x > 0 and z̄ > 0 at the fitted parameters (see
  /// `GammaGamma.logLikelihood(frequency:monetaryValue:p:q:v:)`).
  public func logLikelihood(frequency x: Double, monetaryValue z: Double) -> Double {
    GammaGamma.logLikelihood(frequency: x, monetaryValue: z, p: p, q: q, v: v)
  }

  /// E[Z | x, z̄], a customer's expected spend per transaction given x
  /// transactions of mean z̄ (Fader & Hardie 2013, eq. 5):
  ///
  ///     E[Z | p, q, γ; x, z̄] = (γ + x·z̄)·p / (p·x + q − 1)
  ///
  /// a weighted mean of the population mean p·γ/(q − 1) and z̄ that moves
  /// toward z̄ as x grows; for x = 0 it is the population mean (z̄ ignored).
  /// - Throws: `SpendPredictionError.infiniteMean` when q ≤ 1;
  ///   `.invalidInput` for x negative or not finite, or, when x > 0, z̄
  ///   negative or not finite.
  public func conditionalExpectedAverageSpend(
    frequency x: Double, monetaryValue z: Double
  ) throws(SpendPredictionError) -> Double {
    guard q > 1 else { throw .infiniteMean(q: q) }
    guard x >= 0, x.isFinite else { throw .invalidInput("frequency \(x): it must be a finite non-negative number") }
    if x == 0 { return p * v / (q - 1) }
    guard z >= 0, z.isFinite else { throw .invalidInput("monetary value \(z): it must be a finite non-negative number") }
    return (v + x * z) * p / (p * x + q - 1)
  }

  /// `conditionalExpectedAverageSpend(frequency:monetaryValue:)` for every row
  /// of a table with the model's two columns (extra columns are ignored).
  /// - Throws: `DataError` naming file, line and column for a missing column,
  ///   a bad cell or a value outside the model's domain;
  ///   `SpendPredictionError.infiniteMean` when q ≤ 1.
  public func conditionalExpectedAverageSpend(for table: Table) throws -> [Double] {
    guard q > 1 else { throw SpendPredictionError.infiniteMean(q: q) }
    let x = try table.numeric(frequencyColumn), z = try table.numeric(monetaryValueColumn)
    func cellError(_ row: Int, _ column: String, _ value: Double) -> DataError {
      DataError(
        file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
        columnName: column, message: "expected a non-negative number, found \(value)")
    }
    var out = [Double](repeating: 0, count: table.rowCount)
    for i in out.indices {
      guard x[i] >= 0 else { throw cellError(i, frequencyColumn, x[i]) }
      guard x[i] == 0 || z[i] >= 0 else { throw cellError(i, monetaryValueColumn, z[i]) }
      out[i] = try conditionalExpectedAverageSpend(frequency: x[i], monetaryValue: z[i])
    }
    return out
  }
}

/// Why a Gamma-Gamma model gives no expected spend.
public enum SpendPredictionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// q ≤ 1: the mixing distribution puts so much mass near ν = 0 that the
  /// mean spend p·γ/(q − 1) is infinite.
  case infiniteMean(q: Double)
  /// An input outside the model's domain.
  case invalidInput(String)

  public var description: String {
    switch self {
    case .infiniteMean(let q):
      "the fitted q = \(q) is at most 1: the Gamma-Gamma model's mean spend is infinite, "
        + "so no expected average spend exists; check the monetary values for outliers"
    case .invalidInput(let why): why
    }
  }
}

/// Diagnostics of a Gamma-Gamma fit.
public struct GammaGammaFitReport: Sendable, Equatable {
  public var optimization: OptimizationReport
  /// Σ weights of the customers with x > 0 and z̄ > 0 (their number when
  /// unweighted).
  public var customersUsed: Double
  /// Σ weights of the customers left out for x = 0 or z̄ ≤ 0.
  public var customersLeftOut: Double
  /// ℓ = Σ wᵢ·ℓᵢ at the estimate, the full density with its constants (as
  /// CLVTools reports it; lifetimes reports −ℓ/W plus the penalty).
  public var logLikelihood: Double
  /// The weighted Pearson correlation of x and z̄ over the customers used;
  /// nil when either is constant.
  public var correlation: Double?

  public init(
    optimization: OptimizationReport, customersUsed: Double, customersLeftOut: Double, logLikelihood: Double,
    correlation: Double?
  ) {
    self.optimization = optimization
    self.customersUsed = customersUsed
    self.customersLeftOut = customersLeftOut
    self.logLikelihood = logLikelihood
    self.correlation = correlation
  }
}

/// −ℓ(p, q, γ) + c·W·(p² + q² + γ²) over the customers used, with its
/// gradient and Hessian in θ = (p, q, γ).
///
/// The terms in p and q alone depend on a customer only through x, so they
/// are summed once per distinct x with the total weight there; the rest
/// depends on γ through u = ln γ − ln(x·z̄) and is linear in p and q, so one
/// pass over the customers accumulates six sums from which value, gradient
/// and Hessian follow:
///
///     ℓ = Σ_x W_x·[lnΓ(px+q) − lnΓ(px) − lnΓ(q)] − Σ w·ln z̄ − q·Σ w·s(−u) − p·Σ w·x·s(u)
///     ∂ℓ/∂p = Σ_x W_x·x·[ψ(px+q) − ψ(px)] − Σ w·x·s(u)
///     ∂ℓ/∂q = Σ_x W_x·[ψ(px+q) − ψ(q)] − Σ w·s(−u)
///     γ·∂ℓ/∂γ = q·Σ w·σ(−u) − p·Σ w·x·σ(u)
///     ∂²ℓ/∂p² = Σ_x W_x·x²·[ψ′(px+q) − ψ′(px)],  ∂²ℓ/∂p∂q = Σ_x W_x·x·ψ′(px+q)
///     ∂²ℓ/∂q² = Σ_x W_x·[ψ′(px+q) − ψ′(q)]
///     γ·∂²ℓ/∂p∂γ = −Σ w·x·σ(u),  γ·∂²ℓ/∂q∂γ = Σ w·σ(−u)
///     γ²·∂²ℓ/∂γ² = −Σ w·(px+q)·σ(u)σ(−u) − γ·∂ℓ/∂γ
///
/// using s′ = σ and σ′ = σ(u)σ(−u).
struct GammaGammaObjective {
  /// Distinct frequencies of the customers used, and their total weights.
  let distinctFrequencies: [Double]
  let frequencyWeights: [Double]
  /// Per customer used: x, ln(x·z̄), w.
  let x: [Double]
  let logSpend: [Double]
  let w: [Double]
  /// Σ w·ln z̄ over the customers used.
  let weightedLogMean: Double
  /// W = Σ w over the customers used.
  let weightSum: Double
  let penalizer: Double
  /// Mean spend z̄ of the customers used (for the starting point and the correlation).
  let monetaryValues: [Double]

  init(_ data: GammaGamma.Training, penalizer: Double) {
    var x = [Double](), z = [Double](), w = [Double]()
    var byFrequency = [Double: Double]()
    for i in 0..<data.rowCount where data.isUsed(i) {
      let weight = data.weights?[i] ?? 1
      // Zero-weight rows change nothing; dropping them keeps every sum clean.
      guard weight > 0 else { continue }
      x.append(data.frequencies[i])
      z.append(data.monetaryValues[i])
      w.append(weight)
      byFrequency[data.frequencies[i], default: 0] += weight
    }
    distinctFrequencies = byFrequency.keys.sorted()
    frequencyWeights = distinctFrequencies.map { byFrequency[$0]! }
    self.x = x
    self.w = w
    monetaryValues = z
    logSpend = zip(x, z).map { log($0) + log($1) }
    var logMean = 0.0, total = 0.0
    for i in x.indices {
      logMean += w[i] * log(z[i])
      total += w[i]
    }
    weightedLogMean = logMean
    weightSum = total
    self.penalizer = penalizer
  }

  /// c·W·(p² + q² + γ²).
  func penaltyValue(_ theta: [Double]) -> Double {
    penalizer * weightSum * (theta[0] * theta[0] + theta[1] * theta[1] + theta[2] * theta[2])
  }

  /// The six per-customer sums of the type's documentation, at ln γ.
  private func customerSums(logV: Double, derivatives: Bool) -> [Double] {
    var sPlusX = 0.0, sMinus = 0.0, sigmaMinus = 0.0, sigmaPlusX = 0.0, curvatureX = 0.0, curvature = 0.0
    x.withUnsafeBufferPointer { x in
      logSpend.withUnsafeBufferPointer { logSpend in
        w.withUnsafeBufferPointer { w in
          if derivatives {
            for i in 0..<x.count {
              let s = GammaGamma.softplusPair(logV - logSpend[i])
              let wx = w[i] * x[i], c = w[i] * s.sigmoidPlus * s.sigmoidMinus
              sPlusX += wx * s.plus
              sMinus += w[i] * s.minus
              sigmaMinus += w[i] * s.sigmoidMinus
              sigmaPlusX += wx * s.sigmoidPlus
              curvatureX += c * x[i]
              curvature += c
            }
          } else {
            for i in 0..<x.count {
              let s = GammaGamma.softplusPair(logV - logSpend[i])
              sPlusX += w[i] * x[i] * s.plus
              sMinus += w[i] * s.minus
            }
          }
        }
      }
    }
    return [sPlusX, sMinus, sigmaMinus, sigmaPlusX, curvatureX, curvature]
  }

  /// −ℓ + penalty, +∞ where θ is not positive and finite.
  func value(_ theta: [Double]) -> Double {
    let (p, q, v) = (theta[0], theta[1], theta[2])
    guard p > 0, q > 0, v > 0, p.isFinite, q.isFinite, v.isFinite else { return .infinity }
    let sums = customerSums(logV: log(v), derivatives: false)
    var ll = -weightedLogMean - q * sums[1] - p * sums[0] - weightSum * logGamma(q)
    for (k, xk) in distinctFrequencies.enumerated() {
      ll += frequencyWeights[k] * (logGamma(p * xk + q) - logGamma(p * xk))
    }
    let f = -ll + penaltyValue(theta)
    return f.isNaN ? .infinity : f
  }

  /// −ℓ + penalty with its gradient and Hessian in θ.
  func evaluate(_ theta: [Double]) -> NewtonOptimizer.Evaluation {
    let (p, q, v) = (theta[0], theta[1], theta[2])
    // A trial step may leave the representable range (exp of a huge ln θ);
    // the optimiser then backtracks on `value`, so only report "no value".
    guard p > 0, q > 0, v > 0, p.isFinite, q.isFinite, v.isFinite else {
      return .init(value: .infinity, gradient: [.nan, .nan, .nan], hessian: Matrix.identity(3))
    }
    let sums = customerSums(logV: log(v), derivatives: true)
    let (sPlusX, sMinus, sigmaMinus, sigmaPlusX, curvatureX, curvature) = (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5])
    var ll = -weightedLogMean - q * sMinus - p * sPlusX - weightSum * logGamma(q)
    var gp = -sPlusX
    var gq = -sMinus - weightSum * digamma(q)
    let vgv = q * sigmaMinus - p * sigmaPlusX
    var hpp = 0.0, hpq = 0.0
    var hqq = -weightSum * trigamma(q)
    for (k, xk) in distinctFrequencies.enumerated() {
      let wk = frequencyWeights[k], a = p * xk + q, b = p * xk
      ll += wk * (logGamma(a) - logGamma(b))
      let psiA = digamma(a), trigammaA = trigamma(a)
      gp += wk * xk * (psiA - digamma(b))
      gq += wk * psiA
      hpp += wk * xk * xk * (trigammaA - trigamma(b))
      hpq += wk * xk * trigammaA
      hqq += wk * trigammaA
    }
    let gv = vgv / v
    let hpv = -sigmaPlusX / v, hqv = sigmaMinus / v
    let hvv = (-(p * curvatureX + q * curvature) - vgv) / (v * v)
    // The objective is −ℓ: every derivative changes sign; the penalty adds
    // 2cW·θ and 2cW·I.
    let twoCW = 2 * penalizer * weightSum
    let gradient = [-gp + twoCW * p, -gq + twoCW * q, -gv + twoCW * v]
    let hessian = Matrix(
      rows: 3, columns: 3,
      rowMajor: [
        -hpp + twoCW, -hpq, -hpv,
        -hpq, -hqq + twoCW, -hqv,
        -hpv, -hqv, -hvv + twoCW,
      ])
    return .init(value: -ll + penaltyValue(theta), gradient: gradient, hessian: hessian)
  }

  /// A starting point (p, q, γ) for Newton's method.
  struct Start {
    var p, q, v: Double
    var theta: [Double] { [p, q, v] }
  }

  /// Starts for Newton's method from the moments of z̄, best first.
  ///
  /// Given x, E[z̄² | x] = (p² + p/x)·E[ν⁻²] = a + b/x and E[z̄] = p·E[ν⁻¹] = m,
  /// with E[ν⁻¹] = γ/(q − 1), E[ν⁻²] = γ²/((q − 1)(q − 2)): the weighted
  /// least-squares line of z̄² on 1/x gives p = a/b, then a/m² = (q − 1)/(q − 2)
  /// gives q, and m gives γ. Where that fails (one value of x, q ≤ 2, heavy
  /// tails), the spread of z̄ alone is read as that of p/ν with p = 1:
  /// CV² = 1/(q − 2). γ scales spend (z̄ → c·z̄ gives γ → c·γ), so starting
  /// it at the data's own scale keeps z̄ in any unit (cents or millions) as
  /// easy to fit.
  func momentStarts() -> [Start] {
    var m = 0.0, m2 = 0.0, h = 0.0
    for i in x.indices {
      let z = monetaryValues[i]
      m += w[i] * z
      m2 += w[i] * z * z
      h += w[i] / x[i]
    }
    m /= weightSum
    m2 /= weightSum
    h /= weightSum
    var shh = 0.0, shz = 0.0
    for i in x.indices {
      let dh = 1 / x[i] - h, z = monetaryValues[i]
      shh += w[i] * dh * dh
      shz += w[i] * dh * z * z
    }
    var starts = [Start]()
    if shh > 0 {
      let b = shz / shh, a = m2 - b * h
      let p = a / b, r = a / (m * m)
      if p > 0, r > 1 {
        // Sampling noise can put these anywhere: keep p and q in a range
        // Newton's method reaches the optimum from.
        let p = min(max(p, 1e-3), 1e3), q = min((2 * r - 1) / (r - 1), 1e3)
        let v = m * (q - 1) / p
        if v.isFinite && v > 0 { starts.append(Start(p: p, q: q, v: v)) }
      }
    }
    let cv2 = (m2 - m * m) / (m * m)
    let q = cv2 > 0 && cv2.isFinite ? min(2 + 1 / cv2, 1e3) : 10
    let v = m * (q - 1)
    starts.append(Start(p: 1, q: q, v: v.isFinite && v > 0 ? v : 1))
    return starts
  }

  /// A grid of starts over p and q, γ matching the mean spend p·γ/(q − 1) = m,
  /// ordered by the objective there (the lowest first).
  func gridStarts() -> [Start] {
    var m = 0.0
    for i in x.indices { m += w[i] * monetaryValues[i] }
    m /= weightSum
    var grid = [(value: Double, start: Start)]()
    for p in [0.1, 1, 10, 100] {
      for q in [1.5, 4, 20] {
        let start = Start(p: p, q: q, v: m * (q - 1) / p)
        let f = value(start.theta)
        if f.isFinite { grid.append((f, start)) }
      }
    }
    return grid.sorted { $0.value < $1.value }.map(\.start)
  }

  /// The weighted Pearson correlation of x and z̄; nil when either is constant.
  func correlation() -> Double? {
    var mx = 0.0, mz = 0.0
    for i in x.indices {
      mx += w[i] * x[i]
      mz += w[i] * monetaryValues[i]
    }
    mx /= weightSum
    mz /= weightSum
    var sxx = 0.0, szz = 0.0, sxz = 0.0
    for i in x.indices {
      let dx = x[i] - mx, dz = monetaryValues[i] - mz
      sxx += w[i] * dx * dx
      szz += w[i] * dz * dz
      sxz += w[i] * dx * dz
    }
    guard sxx > 0, szz > 0 else { return nil }
    let r = sxz / (sxx.squareRoot() * szz.squareRoot())
    return r.isFinite ? max(-1, min(1, r)) : nil
  }
}
