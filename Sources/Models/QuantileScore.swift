/// Quantile scores 1…L of one column (L = 5: quintiles), ties never split,
/// each tie group scored at its middle.
///
/// Over the n scored values, a value v with `below` values strictly below it
/// and `tied` values equal to it (itself included) scores
///
///     score(v) = 1 + ⌊L · (below + tied/2) / n⌋
///
/// (below + tied/2)/n is the mid-distribution function F(v⁻)/2 + F(v)/2
/// (Parzen, "Quantile probability and statistical data modeling", Statistical
/// Science 19, 2004), the percentile of the middle of the tie group;
/// equivalently pandas' `rank(method="average")` r gives score
/// 1 + ⌊L · (r − ½)/n⌋. It is always in (0, 1), so scores stay in 1…L.
/// With distinct values the scores are plain quintiles, n/L values each
/// (the i-th smallest of n scores 1 + ⌊L · (i − ½)/n⌋). A tie group shares one
/// score, placed by where its middle falls: a group at the top scores high,
/// one at the bottom low, and a constant column — which tells customers
/// apart in nothing — scores the middle 1 + ⌊L/2⌋ (3 of 5) for everyone, so
/// that it moves no customer into an extreme segment (a column that all
/// scored 1 would make every customer "lost", all 5 every customer a
/// champion). When one value is shared by many, some scores stay empty
/// rather than being renumbered.
///
/// Values outside `scoring` (when given) are not ranked and score 1: the
/// RFM frequency and spend of customers without a repeat purchase, whose
/// monetary value is 0 by construction, are below every ranked value by
/// definition, and ranking them with the rest would make one tie group of
/// them that swamps the scale (60% of CDNOW).
///
/// Other tools: pandas `qcut` cuts at type-7 quantiles and refuses
/// duplicate edges unless told to drop them, and then renumbers the
/// remaining bins 1…k < L (PyMC-Marketing's `rfm_segments` builds on it);
/// R's `rfm` package cuts at quantile breaks, so a tie group lands in one bin
/// too, but by where its value falls among the breaks, whatever the group's
/// size. Neither sets non-buyers apart.
public struct QuantileScore: Sendable, Equatable {
  /// L, the number of scores.
  public let levels: Int
  /// The score of each value, 1…L, in input order.
  public let scores: [UInt8]
  /// The smallest and the largest value given each score (`ranges[s − 1]`
  /// for score s), unranked values included; nil for a score no value got.
  public let ranges: [ClosedRange<Double>?]
  /// n, the number of ranked values (those in `scoring`).
  public let rankedCount: Int
  /// The number of distinct ranked values (tie groups, singletons included).
  /// Scores stay empty only when n < L or ranked values tie: n ≥ L distinct
  /// values fill every score.
  public let distinctRankedValues: Int

  /// - Parameters:
  ///   - values: one value per customer.
  ///   - levels: L.
  ///   - scoring: which values are ranked (default: all); the others score 1.
  /// - Precondition: 2 ≤ levels ≤ 255; ranked values are not NaN; one flag
  ///   per value.
  public init(_ values: [Double], levels: Int = 5, scoring ranked: [Bool]? = nil) {
    precondition(levels >= 2 && levels <= 255, "levels must be in 2…255")
    precondition(ranked.map { $0.count == values.count } ?? true, "one flag per value")
    self.levels = levels
    var order = values.indices.filter { ranked?[$0] ?? true }
    precondition(!order.contains { values[$0].isNaN }, "values are not NaN")
    order.sort { values[$0] < values[$1] }
    let n = order.count
    var scores = [UInt8](repeating: 1, count: values.count)
    var start = 0, groups = 0
    while start < n {
      groups += 1
      var end = start + 1
      while end < n && values[order[end]] == values[order[start]] { end += 1 }
      // 1 + ⌊L·(below + tied/2)/n⌋ in integers: below = start, tied = end − start.
      let score = UInt8(1 + levels * (start + end) / (2 * n))
      for k in start..<end { scores[order[k]] = score }
      start = end
    }
    var ranges = [ClosedRange<Double>?](repeating: nil, count: levels)
    for (v, s) in zip(values, scores) {
      let k = Int(s) - 1
      ranges[k] = ranges[k].map { min($0.lowerBound, v)...max($0.upperBound, v) } ?? v...v
    }
    self.scores = scores
    self.ranges = ranges
    rankedCount = n
    distinctRankedValues = groups
  }

  /// How many values got each score: `counts[s − 1]` for score s.
  public var counts: [Int] {
    var counts = [Int](repeating: 0, count: levels)
    for s in scores { counts[Int(s) - 1] += 1 }
    return counts
  }
}
