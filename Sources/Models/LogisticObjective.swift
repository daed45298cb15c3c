import Foundation
import NumericCore

/// The penalised negative log-likelihood of logistic regression and its
/// derivatives,
///
///     f = Σ sᵢ·[ln(1 + e^ηᵢ) − yᵢηᵢ] + ½Σ λⱼβⱼ²,   η = Xβ
///     ∇f = Xᵀ·(s ∘ (μ − y)) + λ ∘ β
///     ∇²f = Xᵀ·diag(s ∘ μ ∘ (1 − μ))·X + diag(λ)
///
/// evaluated in one pass over the rows. The rows are cut into chunks of
/// whole blocks (`rowChunks`, boundaries fixed by the row and column counts
/// alone); chunks run in parallel (`ParallelChunks`), each accumulating its
/// own loss, gradient and Hessian block by block — η by `dgemv`, Xᵀv by
/// `dgemv`, XᵀWX by `dsyrk` on the block scaled by √wᵢ — and the partial sums
/// are added in chunk order, so every result is the same to the bit for any
/// thread count.
struct LogisticObjective {
  let design: Matrix
  let outcomes: [Double]
  let weights: [Double]?
  let penalty: [Double]
  /// Rows per block: the block and its scaled copy stay in the core's cache.
  let blockSize: Int
  /// Chunks of whole blocks, the unit of parallel work.
  private let chunks: [Range<Int>]

  init(design: Matrix, outcomes: [Double], weights: [Double]?, penalty: [Double], blockSize: Int = 2048) {
    self.design = design
    self.outcomes = outcomes
    self.weights = weights
    self.penalty = penalty
    self.blockSize = blockSize
    // At most 64 partial results, fewer when each is a large Hessian
    // (2²² doubles, 32 MiB, in all).
    let p = design.columns
    chunks = rowChunks(count: design.rows, blockSize: self.blockSize, maxChunks: max(2, min(64, (1 << 22) / max(1, p * p))))
  }

  /// ½Σ λⱼβⱼ².
  func penaltyValue(_ beta: [Double]) -> Double {
    var s = 0.0
    for j in beta.indices { s += penalty[j] * beta[j] * beta[j] }
    return s / 2
  }

  /// Σ sᵢ·[ln(1 + e^ηᵢ) − yᵢηᵢ], the negative log-likelihood.
  func loss(_ beta: [Double]) -> Double { pass(beta, derivatives: .none).loss }

  func value(_ beta: [Double]) -> Double { loss(beta) + penaltyValue(beta) }

  /// ln(1 + e^η) and σ(η) from one exponential, e = e^−|η|:
  /// ln(1 + e^η) = max(η, 0) + ln(1 + e), σ(η) = 1/(1 + e) or e/(1 + e).
  /// Accurate in both tails (ln1p keeps e ≪ 1; nothing overflows).
  @inline(__always)
  static func softplusAndSigmoid(_ eta: Double) -> (softplus: Double, sigmoid: Double) {
    let e = exp(-abs(eta))
    let r = 1 / (1 + e)
    return (max(eta, 0) + log1p(e), eta >= 0 ? r : e * r)
  }

  func valueAndGradient(_ beta: [Double]) -> (value: Double, gradient: [Double]) {
    var sums = pass(beta, derivatives: .gradient)
    for j in beta.indices { sums.gradient[j] += penalty[j] * beta[j] }
    return (sums.loss + penaltyValue(beta), sums.gradient)
  }

  func evaluate(_ beta: [Double]) -> NewtonOptimizer.Evaluation {
    var sums = pass(beta, derivatives: .hessian)
    for j in beta.indices {
      sums.gradient[j] += penalty[j] * beta[j]
      sums.hessian[j, j] += penalty[j]
    }
    sums.hessian.symmetrizeFromLower()
    return .init(value: sums.loss + penaltyValue(beta), gradient: sums.gradient, hessian: sums.hessian)
  }

  func fittedProbabilities(_ beta: [Double]) -> [Double] {
    var mu = [Double](repeating: 0, count: design.rows)
    design.multiplyRows(0..<design.rows, by: beta, into: &mu)
    for i in mu.indices { mu[i] = sigmoid(mu[i]) }
    return mu
  }

  private enum Derivatives { case none, gradient, hessian }

  /// Loss, gradient and lower triangle of the Hessian of the unpenalised
  /// loss (the last two left zero when not asked for).
  private struct Sums {
    var loss: Double
    var gradient: [Double]
    var hessian: Matrix

    init(p: Int, hessian: Bool) {
      loss = 0
      gradient = [Double](repeating: 0, count: p)
      self.hessian = Matrix(rows: hessian ? p : 0, columns: hessian ? p : 0)
    }

    mutating func add(_ other: Sums) {
      loss += other.loss
      for j in gradient.indices { gradient[j] += other.gradient[j] }
      for k in hessian.elements.indices { hessian.elements[k] += other.hessian.elements[k] }
    }
  }

  private func pass(_ beta: [Double], derivatives: Derivatives) -> Sums {
    let p = design.columns
    let empty = Sums(p: p, hessian: derivatives == .hessian)
    return ParallelChunks.mapReduce(
      chunkCount: chunks.count, map: { chunk in chunkSums(chunks[chunk], beta, derivatives, empty) },
      initial: empty, combine: { $0.add($1) })
  }

  private func chunkSums(_ chunk: Range<Int>, _ beta: [Double], _ derivatives: Derivatives, _ empty: Sums) -> Sums {
    var sums = empty
    var eta = [Double](repeating: 0, count: blockSize)
    var residual = [Double](repeating: 0, count: blockSize)
    var curvature = [Double](repeating: 0, count: blockSize)
    var scratch = [Double]()
    for rows in rowBlocks(count: chunk.count, size: blockSize) {
      let rows = (chunk.lowerBound + rows.lowerBound)..<(chunk.lowerBound + rows.upperBound)
      design.multiplyRows(rows, by: beta, into: &eta)
      var total = 0.0
      for (k, i) in rows.enumerated() {
        let s = weights?[i] ?? 1
        let (softplus, mu) = Self.softplusAndSigmoid(eta[k])
        total += s * (softplus - outcomes[i] * eta[k])
        residual[k] = s * (mu - outcomes[i])
        curvature[k] = s * mu * (1 - mu)
      }
      sums.loss += total
      guard derivatives != .none else { continue }
      design.accumulateTransposedRows(rows, times: residual, into: &sums.gradient)
      if derivatives == .hessian {
        design.accumulateWeightedGram(rows, weights: curvature, into: &sums.hessian, scratch: &scratch)
      }
    }
    return sums
  }
}
