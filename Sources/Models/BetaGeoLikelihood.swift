import Foundation
import NumericCore

/// The BG/NBD log-likelihood over grouped rows, with its analytic gradient
/// and Hessian; with `dropoutAtStart`, the MBG/NBD one (Batislam, Denizel &
/// Filiztekin 2007), where the customer may also drop out right after the
/// first purchase, so that ln B(a, b+x) becomes ln B(a, b+x+1), a/(b+x−1)
/// becomes a/(b+x), and the second mixture term is there for x = 0 too.
///
/// ℓ splits into terms of the frequency alone, evaluated once per distinct x
/// (with ψ and ψ′ for the derivatives),
///
///     lnΓ(r+x) − lnΓ(r) + r·ln α + ln B(a, b+x+m) − ln B(a, b)
///
/// and a per-customer mixture L = ln(e^c₁ + e^c₂) with c₁ = −(r+x)·ln(α+T),
/// c₂ = ln a − ln(b+x−1+m) − (r+x)·ln(α+tₓ) (m = 1 for MBG/NBD; for BG/NBD
/// x > 0 only), taken stably as max(c₁, c₂) + ln(1 + e^−|c₁−c₂|): two logs and
/// one exp per customer, and a third log shared by 512 of them. The shares
/// π₁ = e^(c₁−L), π₂ = e^(c₂−L) give ∇L = π₁∇c₁ + π₂∇c₂ and
/// ∇²L = π₁∇²c₁ + π₂∇²c₂ + π₁π₂(∇c₁ − ∇c₂)(∇c₁ − ∇c₂)ᵀ,
/// where every component of ∇c₁ − ∇c₂ is a per-run constant times one of
/// Δl = ln(α+tₓ) − ln(α+T) and Δi = 1/(α+tₓ) − 1/(α+T): a pass keeps twelve
/// running sums per run of equal x and forms ∇ and ∇² from them at the run's end.
///
/// The rows are cut into fixed chunks (`rowBlocks`) evaluated in parallel and
/// added in chunk order, so the result is the same to the bit for any thread count.
struct BetaGeoLikelihood: SummaryLikelihood {
  var groups: SummaryGroups
  /// MBG/NBD's extra dropout opportunity at time 0.
  var dropoutAtStart = false

  /// Groups identical (x, tₓ, T) rows, adding their weights.
  init(_ data: BetaGeo.Training, dropoutAtStart: Bool = false) {
    self.init(groups: SummaryGroups(data), dropoutAtStart: dropoutAtStart)
  }

  init(groups: SummaryGroups, dropoutAtStart: Bool) {
    self.groups = groups
    self.dropoutAtStart = dropoutAtStart
  }

  func subsample(stride: Int) -> BetaGeoLikelihood {
    BetaGeoLikelihood(groups: groups.subsample(stride: stride), dropoutAtStart: dropoutAtStart)
  }

  /// Refuses rows no BG/NBD summary can have (the table-level checks, with
  /// line numbers, come first in `BetaGeo.Training(table:)`).
  static func check(_ data: BetaGeo.Training) throws(FitError) {
    try SummaryGroups.check(data, model: "BG/NBD")
  }

  /// −Σ wᵢℓᵢ.
  func negativeLogLikelihood(_ theta: [Double]) -> Double {
    derivatives(theta).value
  }

  /// Rows per chunk of a parallel pass.
  static let chunkRows = 1 << 14

  /// The value, gradient and Hessian of −Σ wᵢℓᵢ in θ = (r, α, a, b); +∞
  /// where they are not finite.
  func derivatives(_ theta: [Double]) -> NewtonOptimizer.Evaluation {
    // exp(φ) can underflow to 0 or overflow on a step far out: −ℓ is
    // undefined there, and the line search backs away.
    guard theta.count == 4, theta.allSatisfy({ $0 > 0 && $0.isFinite }) else { return Self.undefined }
    let (r, alpha, a, b) = (theta[0], theta[1], theta[2], theta[3])
    let m = dropoutAtStart ? 1.0 : 0
    let blocks = rowBlocks(count: groups.count, size: Self.chunkRows)
    var sums = ParallelChunks.mapReduce(
      chunkCount: blocks.count, map: { mixtureSums(blocks[$0], r: r, alpha: alpha, a: a, b: b, m: m) },
      initial: Sums(), combine: { $0.add($1) })
    // Terms of the frequency alone, once per run.
    let W = groups.runWeights.reduce(0, +)
    for (k, x) in groups.runFrequencies.enumerated() {
      let w = groups.runWeights[k]
      let rx = r + x, bx = b + x + m
      sums.value += w * (logGamma(rx) + logBeta(a, bx))
      sums.g[0] += w * digamma(rx)
      let psiABX = digamma(a + bx)
      sums.g[2] += w * (digamma(a) - psiABX)
      sums.g[3] += w * (digamma(bx) - psiABX)
      let triABX = trigamma(a + bx)
      sums.h[0] += w * trigamma(rx)
      sums.h[7] += w * (trigamma(a) - triABX)
      sums.h[8] -= w * triABX
      sums.h[9] += w * (trigamma(bx) - triABX)
    }
    // Terms shared by every customer.
    sums.value += W * (r * log(alpha) - logGamma(r) - logBeta(a, b))
    sums.g[0] += W * (log(alpha) - digamma(r))
    sums.g[1] += W * r / alpha
    sums.g[2] += W * (digamma(a + b) - digamma(a))
    sums.g[3] += W * (digamma(a + b) - digamma(b))
    sums.h[0] -= W * trigamma(r)
    sums.h[1] += W / alpha
    sums.h[4] -= W * r / (alpha * alpha)
    sums.h[7] += W * (trigamma(a + b) - trigamma(a))
    sums.h[8] += W * trigamma(a + b)
    sums.h[9] += W * (trigamma(a + b) - trigamma(b))
    // Negated: these are −ℓ's.
    var hessian = Matrix(rows: 4, columns: 4)
    var k = 0
    for i in 0..<4 {
      for j in i..<4 {
        hessian[i, j] = -sums.h[k]
        hessian[j, i] = -sums.h[k]
        k += 1
      }
    }
    let gradient = sums.g.map { -$0 }
    guard sums.value.isFinite, gradient.allSatisfy(\.isFinite), hessian.elements.allSatisfy(\.isFinite) else {
      return Self.undefined
    }
    return .init(value: -sums.value, gradient: gradient, hessian: hessian)
  }

  private static var undefined: NewtonOptimizer.Evaluation {
    .init(value: .infinity, gradient: [Double](repeating: 0, count: 4), hessian: Matrix(rows: 4, columns: 4))
  }

  /// ℓ's parts and derivatives, summed: the gradient, and the Hessian's upper
  /// triangle row by row (h₀₀ h₀₁ h₀₂ h₀₃ h₁₁ h₁₂ h₁₃ h₂₂ h₂₃ h₃₃).
  struct Sums {
    var value = 0.0
    var g = [Double](repeating: 0, count: 4)
    var h = [Double](repeating: 0, count: 10)

    mutating func add(_ other: Sums) {
      value += other.value
      for i in 0..<4 { g[i] += other.g[i] }
      for i in 0..<10 { h[i] += other.h[i] }
    }
  }

  /// The mixture terms of the rows in `rows` (and their derivatives), run by run.
  private func mixtureSums(_ rows: Range<Int>, r: Double, alpha: Double, a: Double, b: Double, m: Double) -> Sums {
    var sums = Sums()
    var run = groups.run(containing: rows.lowerBound)
    var start = rows.lowerBound
    groups.recency.withUnsafeBufferPointer { recency in
      groups.age.withUnsafeBufferPointer { age in
        groups.weights.withUnsafeBufferPointer { weights in
          while start < rows.upperBound {
            let end = min(rows.upperBound, groups.runStarts[run + 1])
            let x = groups.runFrequencies[run]
            if x == 0 && m == 0 {
              aliveOnly(start..<end, r: r, alpha: alpha, age: age, weights: weights, into: &sums)
            } else {
              mixture(start..<end, x: x, r: r, alpha: alpha, a: a, odds: b + x - 1 + m,
                      recency: recency, age: age, weights: weights, into: &sums)
            }
            start = end
            run += 1
          }
        }
      }
    }
    return sums
  }

  /// BG/NBD rows with x = 0, where L = c₁ = −r·ln(α+T).
  @inline(__always)
  private func aliveOnly(
    _ rows: Range<Int>, r: Double, alpha: Double, age: UnsafeBufferPointer<Double>,
    weights: UnsafeBufferPointer<Double>, into sums: inout Sums
  ) {
    var sumLog = 0.0, sumInverse = 0.0, sumInverseSquared = 0.0
    for i in rows {
      let w = weights[i], u = alpha + age[i]
      let inverse = 1 / u
      sumLog += w * log(u)
      sumInverse += w * inverse
      sumInverseSquared += w * inverse * inverse
    }
    sums.value -= r * sumLog
    sums.g[0] -= sumLog
    sums.g[1] -= r * sumInverse
    sums.h[1] -= sumInverse
    sums.h[4] += r * sumInverseSquared
  }

  /// Rows of one frequency x with the two-term mixture; `odds` is b+x−1+m.
  @inline(__always)
  private func mixture(
    _ rows: Range<Int>, x: Double, r: Double, alpha: Double, a: Double, odds: Double,
    recency: UnsafeBufferPointer<Double>, age: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>,
    into sums: inout Sums
  ) {
    let rx = r + x
    let constant = log(a) - log(odds)  // c₂ − c₁ = constant − rx·Δl
    var sumL = 0.0, sumLogAge = 0.0, sumSlopeR = 0.0, sumU = 0.0, sumV = 0.0, sumP2 = 0.0
    var sumQ = 0.0, sumQL = 0.0, sumQI = 0.0, sumQLL = 0.0, sumQLI = 0.0, sumQII = 0.0
    var product = 1.0, factors = 0
    for i in rows {
      let w = weights[i]
      let uT = alpha + age[i], ut = alpha + recency[i]
      let lT = log(uT), lt = log(ut)
      let iT = 1 / uT, it = 1 / ut
      let dl = lt - lT, di = it - iT
      let d = constant - rx * dl
      // L − c₁ = max(0, d) + ln(1 + e^−|d|); π₂ = share of the second term.
      let e = exp(-abs(d))
      let onePlus = 1 + e
      let inverse = 1 / onePlus
      let p2 = d > 0 ? inverse : e * inverse
      let p1 = d > 0 ? e * inverse : inverse
      // ln(1 + e) for e in (0, 1]: rounding 1 + e costs at most 2⁻⁵³ absolute,
      // nothing next to ℓ's own rounding. Customers of weight 1 multiply their
      // factors, 1 + e ≤ 2, and take one log per 512 (the product stays below
      // 2⁵¹², its rounding below 512·2⁻⁵³ relative): a third of the logs saved.
      sumL += w * max(0, d)
      if w == 1 {
        product *= onePlus
        factors += 1
        if factors == 512 {
          sumL += log(product)
          (product, factors) = (1, 0)
        }
      } else {
        sumL += w * log(onePlus)
      }
      sumLogAge += w * lT
      sumSlopeR += w * (lT + p2 * dl)  // −∂L/∂r
      sumU += w * (iT + p2 * di)
      sumV += w * (iT * iT + p2 * (it * it - iT * iT))
      sumP2 += w * p2
      let q = w * p1 * p2
      sumQ += q
      sumQL += q * dl
      sumQI += q * di
      sumQLL += q * dl * dl
      sumQLI += q * dl * di
      sumQII += q * di * di
    }
    sumL += log(product)
    let ia = 1 / a, io = 1 / odds
    sums.value += sumL - rx * sumLogAge
    sums.g[0] -= sumSlopeR
    sums.g[1] -= rx * sumU
    sums.g[2] += sumP2 * ia
    sums.g[3] -= sumP2 * io
    // π₁∇²c₁ + π₂∇²c₂
    sums.h[1] -= sumU
    sums.h[4] += rx * sumV
    sums.h[7] -= sumP2 * ia * ia
    sums.h[9] += sumP2 * io * io
    // π₁π₂ δδᵀ with δ = ∇c₁ − ∇c₂ = (Δl, rx·Δi, −1/a, 1/odds)
    sums.h[0] += sumQLL
    sums.h[1] += rx * sumQLI
    sums.h[2] -= sumQL * ia
    sums.h[3] += sumQL * io
    sums.h[4] += rx * rx * sumQII
    sums.h[5] -= rx * sumQI * ia
    sums.h[6] += rx * sumQI * io
    sums.h[7] += sumQ * ia * ia
    sums.h[8] -= sumQ * ia * io
    sums.h[9] += sumQ * io * io
  }
}
