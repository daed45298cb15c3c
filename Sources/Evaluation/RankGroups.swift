/// Near-equal groups of rows by rank (pandas'
/// `qcut(s.rank(method="first"), q, labels=False)`): rows are ranked
/// r = 1…n by score (descending or ascending), ties in row order, and rank r
/// goes to group
///
///     g(r) = max(1, ⌈q·(r − 1)/(n − 1)⌉)      (g = 1 when n = 1)
///
/// i.e. to (e_{g−1}, e_g] for the edges e_j = 1 + (n − 1)·j/q that `qcut`
/// draws on the ranks (the first group closed on the left). Computed in
/// integers; make_metrics_fixtures.py checks it equals pandas for every
/// n ≤ 2000 with q = 10. Groups differ in size by at most one row… except
/// when n ≤ q, where some are empty.
///
/// - Returns: for each group 1…q, its rows in rank order.
func rankGroups(scores: [Double], groups q: Int, descending: Bool) -> [[Int]] {
  precondition(q >= 1)
  let n = scores.count
  let order = rankOrder(scores, descending: descending)
  var result = [[Int]](repeating: [], count: q)
  for (position, row) in order.enumerated() {
    let g = n == 1 ? 1 : max(1, (q * position + (n - 1) - 1) / (n - 1))
    result[g - 1].append(row)
  }
  return result
}
