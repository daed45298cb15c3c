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
    let groups = BetaGeoLikelihood(data)
    let fit = try SummaryModelFit(
      name: "BG/NBD", rows: data.rowCount, frequency: groups.frequency, age: groups.age, weights: groups.weights,
      penalizer: penalizer, maxIterations: maxIterations, isTimeScale: [false, true, false, false],
      value: groups.negativeLogLikelihood, derivatives: groups.derivatives)
    return BetaGeoModel(
      r: fit.theta[0], alpha: fit.theta[1], a: fit.theta[2], b: fit.theta[3], covariance: fit.covariance,
      columns: data.columns, configuration: self, report: fit.report)
  }
}

/// The BG/NBD log-likelihood over grouped rows, with its derivatives; with
/// `dropoutAtStart`, the MBG/NBD one (Batislam, Denizel & Filiztekin 2007),
/// where the customer may also drop out right after the first purchase, so
/// that ln B(a, b+x) becomes ln B(a, b+x+1), a/(b+x−1) becomes a/(b+x), and
/// the second mixture term is there for x = 0 too.
///
/// Per row, with c₁ = −(r+x)·ln(α+T), c₂ = ln a − ln(b+x−1+m) − (r+x)·ln(α+tₓ)
/// (m = 1 for MBG/NBD; for BG/NBD x > 0 only) and L = ln(e^c₁ + e^c₂) taken
/// stably, the shares π₁ = e^(c₁−L), π₂ = e^(c₂−L) give ∇L = π₁∇c₁ + π₂∇c₂ and
/// ∇²L = π₁∇²c₁ + π₂∇²c₂ + π₁π₂(∇c₁ − ∇c₂)(∇c₁ − ∇c₂)ᵀ.
struct BetaGeoLikelihood {
  var frequency = [Double](), recency = [Double](), age = [Double](), weights = [Double]()
  /// MBG/NBD's extra dropout opportunity at time 0.
  var dropoutAtStart = false

  /// Groups identical (x, tₓ, T) rows, adding their weights.
  init(_ data: BetaGeo.Training, dropoutAtStart: Bool = false) {
    let groups = SummaryGroups(data)
    (frequency, recency, age, weights) = (groups.frequency, groups.recency, groups.age, groups.weights)
    self.dropoutAtStart = dropoutAtStart
  }

  /// Refuses rows no BG/NBD summary can have (the table-level checks, with
  /// line numbers, come first in `BetaGeo.Training(table:)`).
  static func check(_ data: BetaGeo.Training) throws(FitError) {
    try SummaryGroups.check(data, model: "BG/NBD")
  }

  /// −Σ wᵢℓᵢ.
  func negativeLogLikelihood(_ theta: [Double]) -> Double {
    guard theta.allSatisfy({ $0 > 0 && $0.isFinite }) else { return .infinity }
    let (r, alpha, a, b) = (theta[0], theta[1], theta[2], theta[3])
    let shared = r * log(alpha) - logGamma(r) - logBeta(a, b)
    let m = dropoutAtStart ? 1.0 : 0
    var total = 0.0
    for k in frequency.indices {
      let x = frequency[k]
      let c1 = -(r + x) * log(alpha + age[k])
      var mix = c1
      if x > 0 || dropoutAtStart { mix = logAddExp(c1, log(a) - log(b + x - 1 + m) - (r + x) * log(alpha + recency[k])) }
      total += weights[k] * (logGamma(r + x) + logBeta(a, b + x + m) + mix)
    }
    let value = -(total + weights.reduce(0, +) * shared)
    return value.isNaN ? .infinity : value
  }

  func derivatives(_ theta: [Double]) -> NewtonOptimizer.Evaluation {
    // exp(φ) can underflow to 0 or overflow on a step far out: −ℓ is
    // undefined there, and the line search backs away.
    guard theta.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      return .init(value: .infinity, gradient: [Double](repeating: 0, count: 4), hessian: Matrix(rows: 4, columns: 4))
    }
    let (r, alpha, a, b) = (theta[0], theta[1], theta[2], theta[3])
    var value = 0.0
    var g = [Double](repeating: 0, count: 4)
    var h = Matrix(rows: 4, columns: 4)
    let W = weights.reduce(0, +)
    let m = dropoutAtStart ? 1.0 : 0
    // Terms that do not depend on the row.
    value += W * (r * log(alpha) - logGamma(r) - logBeta(a, b))
    g[0] += W * (log(alpha) - digamma(r))
    g[1] += W * r / alpha
    g[2] += W * (digamma(a + b) - digamma(a))
    g[3] += W * (digamma(a + b) - digamma(b))
    h[0, 0] -= W * trigamma(r)
    h[0, 1] += W / alpha
    h[1, 1] -= W * r / (alpha * alpha)
    h[2, 2] += W * (trigamma(a + b) - trigamma(a))
    h[2, 3] += W * trigamma(a + b)
    h[3, 3] += W * (trigamma(a + b) - trigamma(b))
    for k in frequency.indices {
      let w = weights[k], x = frequency[k]
      let rx = r + x
      let lT = log(alpha + age[k]), iT = 1 / (alpha + age[k])
      // ln Γ(r+x) + ln B(a, b+x+m) and the row part of their derivatives.
      let bx = b + x + m
      value += w * (logGamma(rx) + logBeta(a, bx))
      g[0] += w * digamma(rx)
      let psiABX = digamma(a + bx)
      g[2] += w * (digamma(a) - psiABX)
      g[3] += w * (digamma(bx) - psiABX)
      let triABX = trigamma(a + bx)
      h[0, 0] += w * trigamma(rx)
      h[2, 2] += w * (trigamma(a) - triABX)
      h[2, 3] -= w * triABX
      h[3, 3] += w * (trigamma(bx) - triABX)
      // The mixture L = ln(e^c₁ + e^c₂).
      let c1 = -rx * lT
      let d1 = [-lT, -rx * iT, 0, 0]
      if x == 0 && !dropoutAtStart {
        value += w * c1
        for i in 0..<4 { g[i] += w * d1[i] }
        h[0, 1] -= w * iT
        h[1, 1] += w * rx * iT * iT
        continue
      }
      let lt = log(alpha + recency[k]), it = 1 / (alpha + recency[k])
      let odds = b + x - 1 + m
      let c2 = log(a) - log(odds) - rx * lt
      let mix = logAddExp(c1, c2)
      let p1 = exp(c1 - mix), p2 = exp(c2 - mix)
      let d2 = [-lt, -rx * it, 1 / a, -1 / odds]
      value += w * mix
      for i in 0..<4 { g[i] += w * (p1 * d1[i] + p2 * d2[i]) }
      // π₁∇²c₁ + π₂∇²c₂
      h[0, 1] -= w * (p1 * iT + p2 * it)
      h[1, 1] += w * (p1 * rx * iT * iT + p2 * rx * it * it)
      h[2, 2] -= w * p2 / (a * a)
      h[3, 3] += w * p2 / (odds * odds)
      // π₁π₂(∇c₁ − ∇c₂)(∇c₁ − ∇c₂)ᵀ
      let q = w * p1 * p2
      for i in 0..<4 {
        for j in i..<4 { h[i, j] += q * (d1[i] - d2[i]) * (d1[j] - d2[j]) }
      }
    }
    // Upper triangle filled above; mirror it and negate: these are −ℓ's.
    for i in 0..<4 {
      for j in 0..<i { h[i, j] = h[j, i] }
    }
    var negative = h
    for i in negative.elements.indices { negative.elements[i] = -h.elements[i] }
    let finite = value.isFinite && g.allSatisfy(\.isFinite)
    return .init(value: finite ? -value : .infinity, gradient: g.map { -$0 }, hessian: negative)
  }
}

/// Identical (x, tₓ, T) rows grouped, their weights added: the input of every
/// buy-till-you-die likelihood (BG/NBD, MBG/NBD, Pareto/NBD), which then costs
/// what the distinct rows cost.
struct SummaryGroups {
  var frequency = [Double](), recency = [Double](), age = [Double](), weights = [Double]()

  init(_ data: BetaGeo.Training) {
    struct Key: Hashable {
      var x: UInt64, t: UInt64, T: UInt64
    }
    var index = [Key: Int]()
    for i in 0..<data.rowCount {
      let w = data.weights?[i] ?? 1
      guard w > 0 else { continue }
      let key = Key(x: data.frequency[i].bitPattern, t: data.recency[i].bitPattern, T: data.age[i].bitPattern)
      if let k = index[key] {
        weights[k] += w
      } else {
        index[key] = frequency.count
        frequency.append(data.frequency[i])
        recency.append(data.recency[i])
        age.append(data.age[i])
        weights.append(w)
      }
    }
  }

  /// Refuses rows no (x, tₓ, T) summary can have; `model` names the model in
  /// the message.
  static func check(_ data: BetaGeo.Training, model: String) throws(FitError) {
    guard data.rowCount > 0 else { throw .notIdentified("there are no customers to fit") }
    for i in 0..<data.rowCount {
      let (x, t, T) = (data.frequency[i], data.recency[i], data.age[i])
      guard x >= 0, x == x.rounded(), t >= 0, T >= 0, t <= T, x > 0 || t == 0, x.isFinite, T.isFinite else {
        throw .notIdentified("row \(i + 1) is not a \(model) summary: frequency \(x), recency \(t), T \(T)")
      }
      if let w = data.weights?[i], !(w >= 0 && w.isFinite) {
        throw .notIdentified("row \(i + 1): weight \(w) must be finite and non-negative")
      }
    }
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
