import NumericCore
import Testing

@testable import Evaluation

@Suite("rankOrder")
struct RankOrderTests {
  /// The comparison sort it replaces: by score, ties (and ±0) in row order.
  static func reference(_ scores: [Double], rows: [Int], descending: Bool) -> [Int] {
    rows.sorted { a, b in
      scores[a] != scores[b] ? (descending ? scores[a] > scores[b] : scores[a] < scores[b]) : a < b
    }
  }

  @Test("orders as the comparison sort, ties and signed zeros in row order", arguments: [false, true])
  func matchesComparisonSort(descending: Bool) {
    var generator = SeededGenerator(seed: 5)
    let pool: [Double] = [0, -0.0, 1, -1, 0.5, 1e-300, -1e-300, .leastNonzeroMagnitude, 1e300, -2.5, .infinity, -.infinity]
    for n in [0, 1, 2, 7, 300, 5000] {
      let scores = (0..<n).map { _ in
        Bool.random(using: &generator)
          ? pool[Int.random(in: 0..<pool.count, using: &generator)] : Double.random(in: -3...3, using: &generator)
      }
      let all = Array(0..<n)
      #expect(rankOrder(scores, descending: descending) == Self.reference(scores, rows: all, descending: descending))
      let some = all.filter { _ in Bool.random(using: &generator) }
      #expect(rankOrder(scores, rows: some, descending: descending) == Self.reference(scores, rows: some, descending: descending))
    }
  }
}
