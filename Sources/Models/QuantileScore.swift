/// Quantile scores 1…L of one column (L = 5: quintiles), ties never split.
///
/// A value's score is one more than the number of breakpoints below it:
///
///     score(v) = 1 + ⌊L · #{j : xⱼ < v} / n⌋
///              = 1 + #{k ∈ 1…L−1 : v > Q(k/L)},   Q(q) = x₍⌈q·n⌉₎
///
/// where x₍ᵢ₎ is the i-th smallest value and Q the inverse of the empirical
/// distribution function (Hyndman & Fan type 1, numpy's `method="inverted_cdf"`).
/// The bins are right-closed, `(Q((k−1)/L), Q(k/L)]`, as in pandas `qcut`;
/// only the quantile type differs (qcut interpolates, type 7).
///
/// Tied values share the count of values strictly below them, so a tie group
/// gets one score: the score of its first (lowest) position in the sorted
/// order, pandas' `rank(method="min")`. When a value is shared by many
/// customers some scores stay empty rather than being renumbered: on CDNOW,
/// 60% of customers have no repeat purchase and all score F = 1, the next
/// value starts at F = 3, and score 2 has no one. The minimum value always
/// scores 1, so "no repeat purchase" reads F = 1 on every data set, and a
/// constant column scores 1 for everyone (it tells customers apart in nothing).
/// R's `rfm` package also puts a tie group in one bin (at `quantile` type-7
/// breaks); pandas `qcut` refuses duplicate edges unless told to drop them,
/// and then renumbers the remaining bins 1…k < L, so that the top score no
/// longer means the top fifth (PyMC-Marketing's `rfm_segments` does that and
/// warns).
public struct QuantileScore: Sendable, Equatable {
  /// L, the number of scores.
  public let levels: Int
  /// Q(k/L) for k = 1…L−1: a value above the k-th breakpoint scores more than k.
  public let breakpoints: [Double]
  /// The score of each value, 1…L, in input order.
  public let scores: [UInt8]

  /// - Precondition: 2 ≤ levels ≤ 255; values are not NaN.
  public init(_ values: [Double], levels: Int = 5) {
    precondition(levels >= 2 && levels <= 255, "levels must be in 2…255")
    self.levels = levels
    let n = values.count
    guard n > 0 else {
      breakpoints = []
      scores = []
      return
    }
    let sorted = values.sorted()
    // x₍⌈k·n/L⌉₎, 1-based order statistics.
    let cuts = (1..<levels).map { k in sorted[(k * n + levels - 1) / levels - 1] }
    breakpoints = cuts
    scores = values.map { v in
      var score: UInt8 = 1
      for cut in cuts where v > cut { score += 1 }
      return score
    }
  }

  /// How many values got each score: `counts[s − 1]` for score s.
  public var counts: [Int] {
    var counts = [Int](repeating: 0, count: levels)
    for s in scores { counts[Int(s) - 1] += 1 }
    return counts
  }
}
