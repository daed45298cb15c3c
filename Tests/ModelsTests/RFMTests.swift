import Foundation
import Models
import Tabular
import Testing

// Expected scores below are computed by hand from
// score = 1 + ⌊5 · (below + tied/2) / n⌋ (below: values strictly below; tied: values equal, itself included).

@Test func distinctValuesFillEveryQuintile() {
  let score = QuantileScore([3, 1, 4, 10, 5, 9, 2, 6, 8, 7])
  // The i-th smallest of 10 scores 1 + ⌊5 · (i − ½) / 10⌋: 1, 1, 2, 2, 3, 3, 4, 4, 5, 5.
  #expect(score.scores == [2, 1, 2, 5, 3, 5, 1, 3, 4, 4])
  #expect(score.counts == [2, 2, 2, 2, 2])
  #expect(score.ranges == [1...2, 3...4, 5...6, 7...8, 9...10])
}

@Test func aTieGroupSharesTheScoreOfItsMiddle() {
  // Six zeros (60%): below 0, tied 6 → 1 + ⌊5·3/10⌋ = 2; the ones: below 6, tied 2 → 1 + ⌊5·7/10⌋ = 4;
  // 2: below 8 → 1 + ⌊5·8.5/10⌋ = 5; 3: below 9 → 1 + ⌊5·9.5/10⌋ = 5.
  let zeroInflated = QuantileScore([0, 1, 0, 0, 2, 0, 1, 0, 3, 0])
  #expect(zeroInflated.scores == [2, 4, 2, 2, 5, 2, 4, 2, 5, 2])
  #expect(zeroInflated.counts == [0, 6, 0, 2, 2])
  #expect(zeroInflated.ranges == [nil, 0...0, nil, 1...1, 2...3])
  // A tie group across a quintile boundary (positions 2–4 of 5) is not split: below 1, tied 3 → 1 + ⌊5·2.5/5⌋ = 3.
  #expect(QuantileScore([2, 1, 2, 3, 2]).scores == [3, 1, 3, 5, 3])
  // The order of the rows does not matter.
  let values: [Double] = [7, 7, 1, 9, 7, 3, 3, 9, 0, 7, 2, 9]
  let reversed = QuantileScore(values.reversed())
  #expect(Array(QuantileScore(values).scores.reversed()) == reversed.scores)
}

@Test func aTieGroupAtTheTopScoresHighAndOneAtTheBottomLow() {
  // Half the customers tie at the top value: below 5, tied 5 → 1 + ⌊5·7.5/10⌋ = 4, not the 3 of their lowest position.
  let top = QuantileScore([1, 2, 3, 4, 5, 9, 9, 9, 9, 9])
  #expect(top.scores == [1, 1, 2, 2, 3, 4, 4, 4, 4, 4])
  // Three of four tie at the top: below 1, tied 3 → 1 + ⌊5·2.5/4⌋ = 4; the one below: 1 + ⌊5·0.5/4⌋ = 1.
  #expect(QuantileScore([5, 9, 9, 9]).scores == [1, 4, 4, 4])
  // Three of four tie at the bottom: 1 + ⌊5·1.5/4⌋ = 2; the top one: 1 + ⌊5·3.5/4⌋ = 5.
  #expect(QuantileScore([0, 0, 0, 7]).scores == [2, 2, 2, 5])
}

@Test func aConstantColumnScoresTheNeutralThreeForEveryone() {
  // below 0, tied n → 1 + ⌊5/2⌋ = 3 whatever n: one customer, all zeros, any constant.
  #expect(QuantileScore([0, 0, 0, 0, 0, 0, 0]).scores == [UInt8](repeating: 3, count: 7))
  #expect(QuantileScore([42.5, 42.5, 42.5]).counts == [0, 0, 3, 0, 0])
  #expect(QuantileScore([42.5]).scores == [3])
  #expect(QuantileScore([]).scores.isEmpty)
  // Fewer customers than scores: two customers → 1 + ⌊5·0.5/2⌋ = 2 and 1 + ⌊5·1.5/2⌋ = 4.
  #expect(QuantileScore([5, 1]).scores == [4, 2])
}

@Test func valuesLeftOutOfTheRankingScoreOne() {
  // Ranked among 4, 1, 8, 2 only (n = 4): 1 → 1 + ⌊5·0.5/4⌋ = 1, 2 → 2, 4 → 4, 8 → 5; the zeros score 1.
  let score = QuantileScore([0, 4, 1, 0, 8, 2], scoring: [false, true, true, false, true, true])
  #expect(score.scores == [1, 4, 1, 1, 5, 2])
  #expect(score.ranges == [0...1, 2...2, nil, 4...4, 8...8])
  #expect(score.rankedCount == 4 && score.distinctRankedValues == 4)
  // Nothing ranked: everyone scores 1.
  let none = QuantileScore([0, 0], scoring: [false, false])
  #expect(none.scores == [1, 1])
  #expect(none.rankedCount == 0 && none.distinctRankedValues == 0)
  // Ties: 6 values, 3 distinct.
  let tied = QuantileScore([1, 1, 2, 2, 2, 3])
  #expect(tied.rankedCount == 6 && tied.distinctRankedValues == 3)
}

@Test func repeatBuyersAreRankedAndTiesAtTheLastDayScoreHigh() {
  // a, b, c (3 repeat purchases) and d (5) all bought last on the final day (T − recency = 0), e long ago
  // with none: R for the four tied at the top: below 1, tied 4 → 1 + ⌊5·3/5⌋ = 4; e: 1 + ⌊5·0.5/5⌋ = 1.
  // F among the repeat buyers (n = 4): 3 → 1 + ⌊5·1.5/4⌋ = 2, 5 → 1 + ⌊5·3.5/4⌋ = 5; e (none) scores 1.
  // M (mean spend 10, 10, 10, 30) likewise 2, 2, 2, 5; e 1.
  let scores = RFMScores(frequency: [3, 3, 3, 5, 0], recency: [20, 20, 20, 20, 0], age: [20, 20, 20, 20, 30],
                         monetaryValue: [10, 10, 10, 30, 0])
  #expect(scores.recency.scores == [4, 4, 4, 4, 1])
  // Without e, R is constant: the neutral 3 for all four, so none is lost or can't lose.
  let four = RFMScores(frequency: [3, 3, 3, 5], recency: [20, 20, 20, 20], age: [20, 20, 20, 20],
                       monetaryValue: [10, 10, 10, 30])
  #expect((0..<4).map { four.cell($0) } == ["322", "322", "322", "355"])
  #expect(scores.frequency.scores == [2, 2, 2, 5, 1])
  #expect(scores.monetary.scores == [2, 2, 2, 5, 1])
  #expect((0..<5).map { scores.segment($0) } == [.potentialLoyalists, .potentialLoyalists, .potentialLoyalists,
                                                 .champions, .lost])
  // One customer is neutral in R, F and M: about to sleep (R 3, F 1 without a repeat purchase), not lost.
  let one = RFMScores(frequency: [0], recency: [0], age: [10], monetaryValue: [0])
  #expect(one.cell(0) == "311")
  #expect(one.segment(0) == .aboutToSleep)
  let oneRepeat = RFMScores(frequency: [2], recency: [8], age: [10], monetaryValue: [5])
  #expect(oneRepeat.cell(0) == "333")
}

@Test func recencyScoresTheTimeSinceTheLastPurchaseRecentHighest() {
  // Times since the last purchase T − recency: 1, 2, 3, 4, 5 → recent (1) scores 5.
  let scores = RFMScores(frequency: [1, 1, 1, 1, 1], recency: [9, 8, 7, 6, 5], age: [10, 10, 10, 10, 10],
                         monetaryValue: [1, 2, 3, 4, 5])
  #expect(scores.recency.scores == [5, 4, 3, 2, 1])
  #expect(scores.frequency.scores == [3, 3, 3, 3, 3])  // a constant among repeat buyers
  #expect(scores.monetary.scores == [1, 2, 3, 4, 5])
  #expect(scores.cell(0) == "531")
  #expect(scores.timeSinceLastPurchase == [1, 2, 3, 4, 5])
}

@Test func theSameLastPurchaseDayTiesWhateverTheFirst() {
  // 31.57 − 6.84 = 24.73 but 35.2 − 10.47 = 24.730000000000004 in binary floating point:
  // one last purchase day, two first purchase days; the rounding to 10⁻⁹ makes them tie.
  #expect(31.57 - 6.84 != 35.2 - 10.47)
  let scores = RFMScores(frequency: [1, 2, 3, 4, 5], recency: [6.84, 10.47, 1, 2, 3], age: [31.57, 35.2, 40, 40, 40],
                         monetaryValue: [1, 1, 1, 1, 1])
  #expect(scores.timeSinceLastPurchase[0] == scores.timeSinceLastPurchase[1])
  #expect(scores.recency.scores[0] == scores.recency.scores[1])
  // Times 24.73, 24.73, 39, 38, 37: the pair is the most recent; 3 below, 2 tied → 1 + ⌊5·4/5⌋ = 5.
  #expect(scores.recency.scores == [5, 5, 1, 2, 3])
}

@Test func hugeTimesSinceTheLastPurchaseStayFiniteAndOrdered() {
  // T = 1e300 and 2e300 with recency 0: scaled by 10⁹ for the rounding they would overflow to ∞ and tie.
  // Times 5, 1e300, 2e300 → −times ranked: 2e300 below 0 → 1 + ⌊5·0.5/3⌋ = 1; 1e300 below 1 → 1 + ⌊5·1.5/3⌋ = 3;
  // 5 below 2 → 1 + ⌊5·2.5/3⌋ = 5.
  let scores = RFMScores(frequency: [1, 0, 0], recency: [5, 0, 0], age: [10, 1e300, 2e300], monetaryValue: [1, 0, 0])
  #expect(scores.timeSinceLastPurchase == [5, 1e300, 2e300])
  #expect(scores.recency.scores == [5, 3, 1])
}

@Test func badSummaryRowsAreNamedByLineAndColumn() throws {
  let table = Table(
    source: "s.csv", columnNames: ["customer_id", "frequency", "recency", "T", "monetary_value"],
    columns: [.text(TextColumn(["a", "b"])), .numeric(NumericColumn([1, 2])), .numeric(NumericColumn([3, 12])),
              .numeric(NumericColumn([10, 10])), .numeric(NumericColumn([5, 6]))])
  #expect(throws: DataError(file: "s.csv", line: 3, column: 3, columnName: "recency",
                            message: "recency 12 exceeds T = 10: the last purchase cannot come after the end of the period")) {
    try RFMScores(table: table)
  }
  let negative = Table(
    source: "s.csv", columnNames: ["frequency", "recency", "T", "monetary_value"],
    columns: [.numeric(NumericColumn([1, 2])), .numeric(NumericColumn([3, 4])), .numeric(NumericColumn([10, 10])),
              .numeric(NumericColumn([5, -6]))])
  #expect(throws: DataError(file: "s.csv", line: 3, column: 4, columnName: "monetary_value",
                            message: "expected a mean spend ≥ 0, found -6")) {
    try RFMScores(table: negative)
  }
}

/// The segment of every cell, written out by hand from the rules table in
/// the README (RFMSegment's documentation): for each R from 5 down to 1, a
/// row per F from 1 to 5, one letter per M from 1 to 5.
/// C champions, L loyal, P potential loyalists, N new, R promising,
/// A need attention, S about to sleep, K can't lose, X at risk, H hibernating, O lost.
private let expectedCells = """
  R5: NNNNN PPPPP PPPPP LLLCC LLLCC
  R4: RRRRR PPPPP PPPPP LLLCC LLLCC
  R3: SSSSS SSSSS AAAAA LLLLL LLLLL
  R2: HHHHH HHHHH XXXXX XXXKK XXXKK
  R1: OOOOO HHHHH XXXXX XXXKK XXXKK
  """

@Test func everyOneOfThe125CellsHasItsSegment() {
  let letters: [Character: RFMSegment] = [
    "C": .champions, "L": .loyal, "P": .potentialLoyalists, "N": .new, "R": .promising, "A": .needAttention,
    "S": .aboutToSleep, "K": .cantLose, "X": .atRisk, "H": .hibernating, "O": .lost,
  ]
  var checked = 0
  for line in expectedCells.split(separator: "\n") {
    let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
    let r = Int(String(parts[0].dropFirst().dropLast()))!
    for (f, row) in parts.dropFirst().enumerated() {
      for (m, letter) in row.enumerated() {
        let segment = RFMSegment(recency: r, frequency: f + 1, monetary: m + 1)
        #expect(segment == letters[letter], "cell \(r)\(f + 1)\(m + 1)")
        checked += 1
      }
    }
  }
  #expect(checked == 125)
  // Every segment is reachable.
  #expect(Set(letters.values).count == RFMSegment.allCases.count)
}

@Test func segmentSummarySumsToTheWhole() {
  // Times since the last purchase 0, 0, 30, 11, 20 → R 5, 5, 1, 3, 2 (the pair at the top: below 3, tied 2 →
  // 1 + ⌊5·4/5⌋ = 5); F among the two repeat buyers (5, 6) → 2, 4, the others 1; M (10, 20) likewise → 2, 4:
  // cells 522 (potential loyalists), 544 (champions), 111 (lost), 311 (about to sleep), 211 (hibernating).
  let scores = RFMScores(frequency: [5, 6, 0, 0, 0], recency: [10, 10, 0, 0, 0], age: [10, 10, 30, 11, 20],
                         monetaryValue: [10, 20, 0, 0, 0])
  let s = RFMSegmentation(scores: scores, frequency: [5, 6, 0, 0, 0], monetaryValue: [10, 20, 0, 0, 0])
  #expect(s.segments == [.potentialLoyalists, .champions, .lost, .aboutToSleep, .hibernating])
  #expect(s.revenue == [50, 120, 0, 0, 0])
  #expect(s.summary.customers[RFMSegment.champions.index] == 1)
  #expect(s.summary.value[RFMSegment.champions.index] == 120)
  #expect(s.summary.value[RFMSegment.potentialLoyalists.index] == 50)
  #expect(s.summary.customers.reduce(0, +) == 5)
  #expect(s.summary.totalValue == 170)
  #expect(s.summary.customerShares[RFMSegment.lost.index] == 0.2)
  #expect(s.summary.valueShares[RFMSegment.champions.index] == 120.0 / 170)
  #expect(s.summary.valueShares[RFMSegment.lost.index] == 0)
  let means = s.meanScores
  #expect(means.monetary[RFMSegment.champions.index] == 4)
  #expect(means.recency[RFMSegment.atRisk.index] == nil)  // an empty segment has no mean
  #expect(s.summary.means(of: [1, 3, 0, 0, 0])[RFMSegment.champions.index] == 3)
}

@Test func anOverflowingRevenueIsADataError() {
  func table(_ x: [Double], _ m: [Double]) -> Table {
    Table(source: "s.csv", columnNames: ["frequency", "recency", "T", "monetary_value"],
          columns: [.numeric(NumericColumn(x)), .numeric(NumericColumn(x.map { _ in 1 })),
                    .numeric(NumericColumn(x.map { _ in 2 })), .numeric(NumericColumn(m))])
  }
  #expect(throws: DataError(file: "s.csv", line: 3, column: 4, columnName: "monetary_value",
                            message: "the revenue frequency × monetary_value = 2 × 1e+308 overflows (exceeds ≈ 1.8e308)")) {
    try RFMSegmentation(table: table([1, 2], [5, 1e308]))
  }
  #expect(throws: DataError(file: "s.csv", columnName: "monetary_value",
                            message: "the total revenue frequency × monetary_value overflows (exceeds ≈ 1.8e308): "
                              + "the values are too large to add up")) {
    try RFMSegmentation(table: table([1, 1], [1e308, 1e308]))
  }
}

@Test func cdnowScoresAndSegmentsMatchPandas() throws {
  // cdnow_rfm.csv: make_rfm_fixtures.py, the same rules computed with pandas rank(method="average")
  // and checked against the count statement with numpy.
  let table = try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path)
  let s = try RFMSegmentation(table: table)
  let reference = try CSVReader.read(Fixtures.path("cdnow_rfm.csv"))
  #expect(try reference.strings("customer_id") == table.strings("customer_id"))
  #expect(try reference.numeric("recency_score") == s.scores.recency.scores.map { Double($0) })
  #expect(try reference.numeric("frequency_score") == s.scores.frequency.scores.map { Double($0) })
  #expect(try reference.numeric("monetary_score") == s.scores.monetary.scores.map { Double($0) })
  #expect(try reference.strings("segment") == s.segments.map(\.rawValue))
  // Sanity of the distribution: R spreads over five near-fifths; the 1411 customers (59.9%) without a repeat
  // purchase score F = 1 and M = 1, and the 946 repeat buyers fill F 2–5 (439 with one repeat purchase tie at 2)
  // and M 1–5 in near-fifths.
  #expect(s.scores.recency.counts == [466, 475, 473, 471, 472])
  #expect(s.scores.frequency.counts == [1411, 439, 214, 100, 193])
  #expect(s.scores.monetary.counts == [1591, 198, 190, 189, 189])
}
