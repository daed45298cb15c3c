import Foundation
import NumericCore

/// Binary logistic regression, P(y = 1 | x) = σ(β₀ + xᵀβ), fitted by
/// (penalised) maximum likelihood.
///
/// With sample weights sᵢ (times class weights) the objective is
///
///     f(β₀, β) = Σᵢ sᵢ·[ln(1 + e^ηᵢ) − yᵢ·ηᵢ] + ½·Σⱼ λⱼ·βⱼ² + Σⱼ κⱼ·|βⱼ|,   ηᵢ = β₀ + xᵢᵀβ,
///
/// with λ = κ = 0 without penalty, and otherwise scikit-learn's convention
/// C·Σ loss + ρ·‖w‖₁ + (1 − ρ)/2·‖w‖² divided by C: λⱼ = (1 − ρ)/C and
/// κⱼ = ρ/C, ρ = 0 for `.l2(C:)`, 1 for `.l1(C:)` and `l1Ratio` for
/// `.elasticNet(C:l1Ratio:)`. With `standardize` they become (1 − ρ)·σⱼ²/C
/// and ρ·σⱼ/C, which penalise the coefficients of the standardised features
/// wⱼ = βⱼ·σⱼ exactly as `make_pipeline(StandardScaler(), LogisticRegression())`
/// does. The intercept is never penalised, so centring changes nothing and
/// the fit runs on the original columns; coefficients are always reported on
/// the original scale.
///
/// Solvers: Newton/IRLS (Hessian Xᵀ·diag(sᵢμᵢ(1 − μᵢ))·X accumulated by
/// `dsyrk` over row blocks, Cholesky solve; quadratic convergence to the
/// optimum at machine precision), or L-BFGS when there are many features.
/// With an L1 term (`.l1`, `.elasticNet`) always proximal Newton
/// (`ProximalNewton`: the same Hessian pass, the quadratic model solved by
/// coordinate descent with soft-thresholding, as glmnet), which puts exact
/// zeros where the optimum has them.
/// Unpenalised fits get the covariance (Xᵀ·W·X)⁻¹ — sample weights treated as
/// frequency weights, as statsmodels' GLM(freq_weights=…) — and Wald
/// inference, as statsmodels' `Logit`.
///
/// Before an unpenalised fit the design is checked for a constant or
/// collinear column and for a column that separates the classes alone; after
/// it, for separation along any direction (see `SeparationCheck`). Each is a
/// `FitError` naming the columns: never NaN or diverged coefficients.
public struct LogisticRegression: Estimator, Equatable {
  /// The penalty on the coefficients (never on the intercept).
  public enum Penalty: Sendable, Equatable {
    case none
    /// ½‖w‖² + C·Σ loss: smaller C, stronger shrinkage (scikit-learn's C).
    case l2(C: Double)
    /// ‖w‖₁ + C·Σ loss (the lasso): smaller C, more coefficients exactly 0.
    case l1(C: Double)
    /// ρ·‖w‖₁ + (1 − ρ)/2·‖w‖² + C·Σ loss, ρ = `l1Ratio` in [0, 1]
    /// (scikit-learn's l1_ratio; 0 is `.l2`, 1 is `.l1`).
    case elasticNet(C: Double, l1Ratio: Double)

    /// scikit-learn's C; nil without penalty.
    public var inverseStrength: Double? {
      switch self {
      case .none: nil
      case .l2(let c), .l1(let c), .elasticNet(let c, _): c
      }
    }

    /// ρ, the share of the L1 term: 0 for `.l2` (and `.none`), 1 for `.l1`.
    public var l1Ratio: Double {
      switch self {
      case .none, .l2: 0
      case .l1: 1
      case .elasticNet(_, let ratio): ratio
      }
    }

    /// Whether the objective has an L1 term, which needs proximal Newton.
    var hasL1Term: Bool {
      switch self {
      case .l1, .elasticNet: true
      case .none, .l2: false
      }
    }
  }

  /// The optimisation algorithm for the smooth penalties (`.none`, `.l2`);
  /// an L1 term always gets proximal Newton.
  public enum Solver: String, Sendable, CaseIterable {
    /// Newton up to 500 features, L-BFGS beyond.
    case auto
    case newton
    case lbfgs
  }

  /// Reweighting of the classes.
  public enum ClassWeight: String, Sendable, CaseIterable {
    case none
    /// Class c weighted S / (2·S_c), S the sum of sample weights (the row
    /// count when unweighted) and S_c that of class c, multiplied into the
    /// sample weights (scikit-learn ≥ 1.9's "balanced").
    case balanced
  }

  /// The penalty on the coefficients.
  public var penalty: Penalty
  /// Penalise the coefficients of the standardised features (σⱼ²/C weights).
  public var standardize: Bool
  /// Reweighting of the classes.
  public var classWeight: ClassWeight
  /// The optimisation algorithm.
  public var solver: Solver
  /// Iteration limit; nil means 100 for Newton and 10 000 for L-BFGS.
  public var maxIterations: Int?

  public init(
    penalty: Penalty = .none, standardize: Bool = false, classWeight: ClassWeight = .none,
    solver: Solver = .auto, maxIterations: Int? = nil
  ) {
    self.penalty = penalty
    self.standardize = standardize
    self.classWeight = classWeight
    self.solver = solver
    self.maxIterations = maxIterations
  }

  /// Training data: features, a 0/1 outcome and optional sample weights.
  public struct Training: Sendable {
    /// Names of the d feature columns, in design order.
    public let featureNames: [String]
    /// n × (1 + d): a leading column of ones, then the features.
    public let design: Matrix
    /// 1 for the positive class, 0 for the negative.
    public let outcomes: [Double]
    /// Non-negative frequency weights, nil for all 1.
    public let sampleWeights: [Double]?
    /// What 1 and 0 stand for.
    public let target: BinaryTarget

    /// n, the number of rows.
    public var rowCount: Int { design.rows }

    /// - Parameter features: n × d, column-major, one column per name.
    public init(
      features: Matrix, featureNames: [String], outcomes: [Double], sampleWeights: [Double]? = nil,
      target: BinaryTarget = BinaryTarget(column: "y", positive: "1", negative: "0")
    ) {
      precondition(features.columns == featureNames.count && outcomes.count == features.rows)
      precondition(sampleWeights.map { $0.count == features.rows } ?? true)
      var design = Matrix(rows: features.rows, columns: features.columns + 1, repeating: 1)
      design.elements.replaceSubrange(features.rows..., with: features.elements)
      self.init(design: design, featureNames: featureNames, outcomes: outcomes, sampleWeights: sampleWeights, target: target)
    }

    init(design: Matrix, featureNames: [String], outcomes: [Double], sampleWeights: [Double]?, target: BinaryTarget) {
      self.design = design
      self.featureNames = featureNames
      self.outcomes = outcomes
      self.sampleWeights = sampleWeights
      self.target = target
    }
  }

  /// Fits the model.
  /// - Throws: `FitError` for data that cannot identify the model or a fit
  ///   that did not converge; never returns non-finite coefficients.
  public func fit(_ data: Training) throws -> LogisticModel { try fit(data, warmStart: nil) }

  /// Below this many rows a Newton fit starts from the intercept-only model;
  /// from here on it starts from a pilot fit on a sample.
  static let pilotMinimumRows = 200_000
  /// The pilot sample takes every `pilotStride`-th row.
  static let pilotStride = 16

  /// The optimum on every 16th row, each weighted 16 times so that the
  /// sample's loss estimates the whole loss against the same penalty: within
  /// O(1/√(n/16)) of the full optimum, where Newton converges quadratically,
  /// so the full fit needs about two Hessian passes instead of five or six
  /// at 1/16 of their cost. The sample is fixed by the row count (never by
  /// the thread count). Nil when the pilot does not converge (a sample can
  /// be separable when the data is not): the full fit then starts as usual.
  static func pilotSolution(
    _ data: Training, weights: [Double]?, penalty: [Double], from start: [Double]
  ) -> [Double]? {
    let rows = Array(stride(from: 0, to: data.rowCount, by: pilotStride))
    let sample = data.subset(rows)
    let sampleWeights = rows.map { Double(pilotStride) * (weights?[$0] ?? 1) }
    let objective = LogisticObjective(
      design: sample.design, outcomes: sample.outcomes, weights: sampleWeights, penalty: penalty)
    guard let result = try? NewtonOptimizer(maxIterations: 30).minimize(
      from: start, value: objective.value, evaluate: objective.evaluate, valueAndGradient: objective.valueAndGradient),
      result.report.converged, result.minimizer.allSatisfy(\.isFinite)
    else { return nil }
    return result.minimizer
  }

  /// Fits the model starting from another fit's coefficients (same features):
  /// along a grid of C, each optimum is a few Newton steps from its neighbour's.
  public func fit(_ data: Training, warmStart: LogisticModel?) throws -> LogisticModel {
    try fit(data, warmStart: warmStart, curvatureHint: nil).model
  }

  /// `fit(_:warmStart:)` that may start Newton with the curvature of a closely
  /// related fit — the Hessian of the unpenalised loss, XᵀWX, of the previous
  /// cross-validation fold (whose training rows mostly coincide) or of the
  /// previous penalty on the grid; this fit adds its own penalty — and
  /// returns the XᵀWX it ended with (Newton only), for the next such fit.
  /// - Parameter checked: the rows are a subset of data that passed `check`
  ///   (a fold), so the pass over every value is skipped.
  package func fit(
    _ data: Training, warmStart: LogisticModel?, curvatureHint: Matrix?, checked: Bool = false
  ) throws -> (model: LogisticModel, curvature: Matrix?) {
    let n = data.rowCount, d = data.featureNames.count, p = d + 1
    let y = data.outcomes
    if !checked { try Self.check(data) }
    if let c = penalty.inverseStrength, !(c > 0 && c.isFinite) {
      throw FitError.notIdentified("C = \(c): the inverse penalty strength must be a positive finite number")
    }
    if !(penalty.l1Ratio >= 0 && penalty.l1Ratio <= 1) {
      throw FitError.notIdentified("l1Ratio = \(penalty.l1Ratio): the L1 share of an elastic net must lie in [0, 1]")
    }
    let weights = effectiveWeights(data)
    var classTotals = [0.0, 0.0]
    for i in 0..<n { classTotals[Int(y[i])] += weights?[i] ?? 1 }
    for c in 0..<2 where !(classTotals[c] > 0) {
      let label = c == 1 ? data.target.positive : data.target.negative
      throw FitError.notIdentified(
        "no row of class \(data.target.column) = \(label) has positive weight: a binary model needs both classes")
    }

    let useLBFGS = !penalty.hasL1Term && (solver == .lbfgs || (solver == .auto && d > 500))
    // The moments serve the standardised penalty, L-BFGS's scaling and the
    // identifiability checks of an unpenalised fit: a pass over the data
    // that an L2 Newton fit does not need.
    let moments = standardize || useLBFGS || penalty == .none
      ? ColumnMoments(design: data.design, features: d, weights: data.sampleWeights) : nil
    if penalty == .none, let moments {
      if let constant = moments.isConstant.firstIndex(of: true) {
        throw FitError.rankDeficient(column: data.featureNames[constant], of: [])
      }
      if let (column, others) = firstCollinearColumn(
        design: data.design, names: data.featureNames, moments: moments, weights: data.sampleWeights)
      {
        throw FitError.rankDeficient(column: column, of: others)
      }
      if let separated = SeparationCheck.singleColumn(
        design: data.design, outcomes: y, weights: weights, names: data.featureNames, target: data.target)
      {
        throw separated
      }
    }

    var lambda = [Double](repeating: 0, count: p), kappa = [Double](repeating: 0, count: p)
    if let c = penalty.inverseStrength {
      let rho = penalty.l1Ratio
      for j in 0..<d {
        let scale = moments.map { standardize ? $0.scales[j] : 1 } ?? 1
        lambda[j + 1] = (1 - rho) * scale * scale / c
        kappa[j + 1] = rho * scale / c
      }
    }
    let objective = LogisticObjective(design: data.design, outcomes: y, weights: weights, penalty: lambda)

    var start = [Double](repeating: 0, count: p)
    let base = classTotals[1] / (classTotals[0] + classTotals[1])
    start[0] = log(base / (1 - base))
    if let warm = warmStart, warm.featureNames == data.featureNames, warm.coefficients.allSatisfy(\.isFinite) {
      start = [warm.intercept] + warm.coefficients
    } else if !penalty.hasL1Term, !useLBFGS, n >= Self.pilotMinimumRows,
      let pilot = Self.pilotSolution(data, weights: weights, penalty: lambda, from: start)
    {
      start = pilot
    }

    let beta: [Double]
    let report: OptimizationReport
    var lastStep: [Double]
    var finalHessian: Matrix? = nil
    do {
      if penalty.hasL1Term {
        // Proximal Newton: no last step is needed (separation is only
        // checked without penalty), and the Hessian at the optimum only
        // served the unpenalised covariance.
        let result = try ProximalNewton(maxIterations: maxIterations ?? 100).minimize(
          from: start, l1Weights: kappa, value: objective.value, evaluate: objective.evaluate)
        (beta, report) = (result.minimizer, result.report)
        lastStep = beta
      } else if !useLBFGS {
        // Without a penalty the Hessian at the optimum gives the covariance:
        // it is evaluated fresh at every step.
        let result = try NewtonOptimizer(maxIterations: maxIterations ?? 100).minimize(
          from: start, value: objective.value, evaluate: objective.evaluate,
          valueAndGradient: penalty == .none ? nil : objective.valueAndGradient,
          initialHessian: curvatureHint.flatMap { hint in
            guard hint.rows == p && hint.columns == p else { return nil }
            var hessian = hint
            for j in 0..<p { hessian[j, j] += lambda[j] }
            return hessian
          })
        (beta, report, lastStep) = (result.minimizer, result.report, result.lastStep)
        finalHessian = result.evaluation.hessian
      } else {
        // L-BFGS is not invariant to the scale of the parameters as Newton is:
        // it runs on the coefficients of the standardised columns, θ, with
        // β = A·θ (βⱼ = θⱼ/σⱼ, β₀ = θ₀ − Σⱼ θⱼ·mⱼ/σⱼ) and ∇θ = Aᵀ·∇β.
        let m = moments!.centers, s = moments!.scales  // computed for L-BFGS above
        func toBeta(_ theta: [Double]) -> [Double] {
          var b = theta
          for j in 0..<d {
            b[j + 1] = theta[j + 1] / s[j]
            b[0] -= b[j + 1] * m[j]
          }
          return b
        }
        let result = try LBFGS(maxIterations: maxIterations ?? 10_000, gradientTolerance: 1e-12)
          .minimize(from: start) { theta in
            var (f, g) = objective.valueAndGradient(toBeta(theta))
            for j in 0..<d { g[j + 1] = (g[j + 1] - g[0] * m[j]) / s[j] }
            return (f, g)
          }
        (beta, report) = (toBeta(result.minimizer), result.report)
        lastStep = beta
      }
    } catch is NonFiniteObjective {
      throw FitError.notIdentified(
        "the log-likelihood is not finite at the starting point: features or weights are too large; rescale them")
    }

    if penalty == .none, let moments {
      let fitted = objective.fittedProbabilities(beta)
      let extreme = (0..<n).contains { abs(y[$0] - fitted[$0]) < 1e-8 && (weights?[$0] ?? 1) > 0 }
      if extreme || !report.converged {
        for candidate in [lastStep, beta] {
          if let separated = SeparationCheck.certificate(
            direction: candidate, design: data.design, outcomes: y, weights: weights,
            names: data.featureNames, scales: moments.scales, target: data.target)
          {
            throw separated
          }
        }
      }
    }
    guard report.converged, beta.allSatisfy(\.isFinite) else { throw FitError.notConverged(report) }

    // Wald inference needs the likelihood's own curvature: with a penalty or
    // class weights (which reweight the data, not count it) there is none.
    var covariance: Matrix? = nil
    if penalty == .none && classWeight == .none {
      let hessian = finalHessian ?? objective.evaluate(beta).hessian
      covariance = try? Cholesky(hessian).inverse()
      if covariance == nil {
        throw FitError.notIdentified("the information matrix is singular at the optimum: no standard errors")
      }
    }
    var l1Value = 0.0
    for j in 0..<p { l1Value += kappa[j] * abs(beta[j]) }
    let logLikelihood = -(report.value - objective.penaltyValue(beta) - l1Value)
    let nullLogLikelihood = classTotals[1] * log(base) + classTotals[0] * log1p(-base)
    let penalizedObjective = penalty.inverseStrength.map { $0 * report.value }
    let fitReport = LogisticFitReport(
      optimization: report, rows: n, weightSum: classTotals[0] + classTotals[1],
      logLikelihood: logLikelihood, nullLogLikelihood: nullLogLikelihood,
      penalizedObjective: penalizedObjective)
    let model = LogisticModel(
      featureNames: data.featureNames, target: data.target,
      intercept: beta[0], coefficients: Array(beta[1...]), covariance: covariance,
      standardization: moments.flatMap { standardize ? Standardization(centers: $0.centers, scales: $0.scales) : nil },
      configuration: self, report: fitReport)
    let curvature = finalHessian.map { hessian in
      var loss = hessian
      for j in 0..<p { loss[j, j] -= lambda[j] }
      return loss
    }
    return (model, curvature)
  }

  /// Refuses training data no fit can use: outcomes other than 0 and 1,
  /// negative or non-finite weights, too many rows for 32-bit BLAS indices.
  package static func check(_ data: Training) throws(FitError) {
    let n = data.rowCount
    guard n > 0 else { throw .notIdentified("there are no data rows to fit") }
    guard n < Int(Int32.max) else {
      throw .notIdentified("\(n) rows exceed what one fit can index (2³¹ − 1): aggregate identical rows into weights")
    }
    if let bad = data.outcomes.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw .notIdentified("outcome \(data.outcomes[bad]) in row \(bad + 1): outcomes must be 0 or 1")
    }
    guard allFinite(data.design.elements) else {
      throw .notIdentified("a feature value is not a finite number")
    }
    if let w = data.sampleWeights {
      if let bad = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
        throw .notIdentified("weight \(w[bad]) in row \(bad + 1): weights must be finite and non-negative")
      }
      guard w.reduce(0, +).isFinite else { throw .notIdentified("the weights sum to more than a Double holds: rescale them") }
    }
  }

  /// Sample weights times class weights, or nil when every row weighs 1.
  func effectiveWeights(_ data: Training) -> [Double]? {
    var weights = data.sampleWeights
    if classWeight == .balanced {
      let n = data.rowCount
      var w = weights ?? [Double](repeating: 1, count: n)
      var totals = [0.0, 0.0]
      for i in 0..<n { totals[Int(data.outcomes[i])] += w[i] }
      let classWeights = totals.map { (totals[0] + totals[1]) / (2 * $0) }
      for i in 0..<n { w[i] *= classWeights[Int(data.outcomes[i])] }
      weights = w
    }
    return weights
  }
}
