/// Limited-memory BFGS (Nocedal & Wright 2006, algorithm 7.4) with a line
/// search satisfying the strong Wolfe conditions (algorithms 3.5 and 3.6,
/// c₁ = 10⁻⁴, c₂ = 0.9), for smooth objectives with many parameters, where a
/// Hessian would cost O(d²) memory and O(d³) to factor.
///
/// Close to the optimum, changes of f fall below its rounding error and the
/// sufficient-decrease test can no longer tell better from worse. There the
/// search judges by the directional derivative alone — Hager & Zhang's
/// (2005) approximate Wolfe conditions: f(x + t·d) ≤ f(x) + ε|f(x)| with
/// ε = 10⁻¹³, and the curvature condition — so that the gradient can still
/// be driven down to its own rounding floor.
///
/// Converged when ‖∇f‖∞ ≤ `gradientTolerance`·max(1, |f|). A run whose line
/// search can no longer decrease f stops there, converged only if that
/// criterion holds.
public struct LBFGS: Sendable {
  /// The minimiser found and how the run ended.
  public struct Result: Sendable {
    public var minimizer: [Double]
    public var value: Double
    public var gradient: [Double]
    public var report: OptimizationReport
  }

  /// Correction pairs kept (m): the rank of the inverse-Hessian estimate.
  public var memory: Int
  /// Iterations allowed before the run stops unconverged.
  public var maxIterations: Int
  /// Converged when ‖∇f‖∞ ≤ gradientTolerance·max(1, |f|).
  public var gradientTolerance: Double

  public init(memory: Int = 10, maxIterations: Int = 10_000, gradientTolerance: Double = 1e-10) {
    self.memory = memory
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
  }

  /// Minimises f from `start`; `evaluate` returns f and ∇f together.
  public func minimize(
    from start: [Double], _ evaluate: ([Double]) throws -> (value: Double, gradient: [Double])
  ) throws -> Result {
    let n = start.count
    var x = start
    var (f, g) = try evaluate(x)
    guard f.isFinite else { throw NonFiniteObjective(value: f) }
    var evaluations = 1
    var pairs = CorrectionPairs(dimension: n, capacity: memory)
    var converged = false
    var message = "reached the iteration limit (\(maxIterations))"
    var iterations = 0

    func isSmall(_ g: [Double], _ f: Double) -> Bool {
      maxNorm(g) <= gradientTolerance * max(1, abs(f))
    }

    while iterations < maxIterations {
      if isSmall(g, f) {
        converged = true
        message = "gradient below tolerance \(gradientTolerance) relative"
        break
      }
      // Two-loop recursion: d = −H·∇f with H the L-BFGS inverse-Hessian estimate.
      var direction = pairs.inverseHessianTimes(g).map { -$0 }
      if !(dot(direction, g) < 0) {
        direction = g.map { -$0 }
        pairs.removeAll()
      }
      let initialStep = pairs.isEmpty ? min(1, 1 / max(maxNorm(g), 1e-300)) : 1
      guard let found = try wolfeSearch(
        x: x, value: f, gradient: g, direction: direction, initialStep: initialStep,
        evaluations: &evaluations, evaluate)
      else {
        converged = isSmall(g, f)
        message = converged
          ? "gradient below tolerance \(gradientTolerance) relative"
          : "line search found no point satisfying the Wolfe conditions (f at its rounding floor?)"
        break
      }
      iterations += 1
      let s = (0..<n).map { found.x[$0] - x[$0] }
      let y = (0..<n).map { found.gradient[$0] - g[$0] }
      if dot(s, y) > 1e-300 { pairs.append(step: s, gradientChange: y) }
      x = found.x
      f = found.value
      g = found.gradient
    }
    if iterations == maxIterations && isSmall(g, f) {
      converged = true
      message = "gradient below tolerance \(gradientTolerance) relative"
    }
    let report = OptimizationReport(
      solver: "lbfgs", iterations: iterations, evaluations: evaluations, converged: converged,
      gradientNorm: maxNorm(g), value: f, message: message)
    return Result(minimizer: x, value: f, gradient: g, report: report)
  }

  private struct Point {
    var t: Double
    var x: [Double]
    var value: Double
    var gradient: [Double]
    var slope: Double
  }

  /// A step length t along `direction` with f(x + t·d) ≤ f(x) + c₁·t·∇fᵀd and
  /// |∇f(x + t·d)ᵀd| ≤ c₂·|∇fᵀd|, or nil when none was found.
  private func wolfeSearch(
    x: [Double], value f0: Double, gradient g0: [Double], direction d: [Double], initialStep: Double,
    evaluations: inout Int, _ evaluate: ([Double]) throws -> (value: Double, gradient: [Double])
  ) throws -> Point? {
    let c1 = 1e-4, c2 = 0.9
    let slope0 = dot(g0, d)
    let noise = 1e-13 * max(1, abs(f0))
    func probe(_ t: Double) throws -> Point {
      let xt = (0..<x.count).map { x[$0] + t * d[$0] }
      let (f, g) = try evaluate(xt)
      evaluations += 1
      return Point(t: t, x: xt, value: f.isNaN ? .infinity : f, gradient: g, slope: f.isFinite ? dot(g, d) : .infinity)
    }
    func sufficientDecrease(_ p: Point) -> Bool { p.value <= f0 + c1 * p.t * slope0 }
    /// f is too flat here to judge by its values.
    func flat(_ p: Point) -> Bool { abs(p.value - f0) <= noise }
    func acceptable(_ p: Point) -> Bool {
      p.slope.isFinite && abs(p.slope) <= -c2 * slope0 && (sufficientDecrease(p) || flat(p))
    }

    func zoom(_ low: Point, _ high: Point) throws -> Point? {
      var lo = low, hi = high
      for _ in 0..<50 {
        let width = hi.t - lo.t
        var t = Self.cubicMinimizer(lo, hi) ?? (lo.t + width / 2)
        let margin = 0.1 * abs(width)
        if !(t > min(lo.t, hi.t) + margin && t < max(lo.t, hi.t) - margin) { t = lo.t + width / 2 }
        let p = try probe(t)
        if acceptable(p) { return p }
        if flat(p) && p.slope.isFinite {
          // Values cannot order the points: keep the minimum bracketed by slopes.
          if p.slope * (hi.t - lo.t) >= 0 { hi = p } else { lo = p }
        } else if !sufficientDecrease(p) || p.value >= lo.value {
          hi = p
        } else {
          if p.slope * (hi.t - lo.t) >= 0 { hi = lo }
          lo = p
        }
        if abs(hi.t - lo.t) <= 1e-16 * max(1, abs(lo.t)) { break }
      }
      return lo.t > 0 && lo.value <= f0 + noise ? lo : nil
    }

    var previous = Point(t: 0, x: x, value: f0, gradient: g0, slope: slope0)
    var t = initialStep
    for i in 0..<50 {
      let p = try probe(t)
      if acceptable(p) { return p }
      let worse = flat(p) && p.slope.isFinite
        ? p.slope >= 0
        : !sufficientDecrease(p) || (i > 0 && p.value >= previous.value)
      if worse { return try zoom(previous, p) }
      if p.slope >= 0 { return try zoom(p, previous) }
      previous = p
      t *= 2
    }
    return nil
  }

  /// The minimiser of the cubic interpolating value and slope at two points
  /// (Nocedal & Wright eq. 3.59), or nil when it does not exist.
  private static func cubicMinimizer(_ a: Point, _ b: Point) -> Double? {
    guard a.value.isFinite, b.value.isFinite, a.slope.isFinite, b.slope.isFinite else { return nil }
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.t - b.t)
    let discriminant = d1 * d1 - a.slope * b.slope
    guard discriminant >= 0 else { return nil }
    let d2 = (b.t > a.t ? 1.0 : -1.0) * discriminant.squareRoot()
    let t = b.t - (b.t - a.t) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    return t.isFinite ? t : nil
  }
}

/// The last m correction pairs (sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ) of L-BFGS, in
/// one flat ring buffer each, oldest first in logical order.
struct CorrectionPairs {
  let dimension: Int
  let capacity: Int
  private var steps: [Double]
  private var changes: [Double]
  private var inverseCurvatures: [Double]  // 1 / yₖᵀsₖ
  private var start = 0
  private(set) var count = 0

  init(dimension: Int, capacity: Int) {
    self.dimension = dimension
    self.capacity = max(1, capacity)
    steps = [Double](repeating: 0, count: self.capacity * dimension)
    changes = steps
    inverseCurvatures = [Double](repeating: 0, count: self.capacity)
  }

  var isEmpty: Bool { count == 0 }

  mutating func removeAll() {
    start = 0
    count = 0
  }

  mutating func append(step s: [Double], gradientChange y: [Double]) {
    let slot = (start + count) % capacity
    if count == capacity { start = (start + 1) % capacity } else { count += 1 }
    for i in 0..<dimension {
      steps[slot * dimension + i] = s[i]
      changes[slot * dimension + i] = y[i]
    }
    inverseCurvatures[slot] = 1 / dot(s, y)
  }

  /// H·v by the two-loop recursion (Nocedal & Wright algorithm 7.4), with
  /// H₀ = γI, γ = sᵀy / yᵀy of the newest pair.
  func inverseHessianTimes(_ v: [Double]) -> [Double] {
    var q = v
    let n = dimension
    var alphas = [Double](repeating: 0, count: count)
    func slot(_ k: Int) -> Int { (start + k) % capacity }
    func dotWith(_ buffer: [Double], _ k: Int, _ x: [Double]) -> Double {
      var sum = 0.0
      let base = slot(k) * n
      for i in 0..<n { sum += buffer[base + i] * x[i] }
      return sum
    }
    for k in (0..<count).reversed() {
      alphas[k] = inverseCurvatures[slot(k)] * dotWith(steps, k, q)
      let base = slot(k) * n
      for i in 0..<n { q[i] -= alphas[k] * changes[base + i] }
    }
    if count > 0 {
      let newest = slot(count - 1)
      var yy = 0.0
      for i in 0..<n { yy += changes[newest * n + i] * changes[newest * n + i] }
      let gamma = 1 / (inverseCurvatures[newest] * yy)
      for i in 0..<n { q[i] *= gamma }
    }
    for k in 0..<count {
      let beta = inverseCurvatures[slot(k)] * dotWith(changes, k, q)
      let base = slot(k) * n
      for i in 0..<n { q[i] += steps[base + i] * (alphas[k] - beta) }
    }
    return q
  }
}
