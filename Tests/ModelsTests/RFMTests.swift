import Foundation
import Models
import Tabular
import Testing

// Expected scores below are computed by hand from
// score = 1 + ⌊5 · #{values strictly below} / n⌋.

@Test func distinctValuesFillEveryQuintile() {
  let score = QuantileScore([3, 1, 4, 10, 5, 9, 2, 6, 8, 7])
  // Sorted 1…10; 2, 4, 6, 8 values lie below the breakpoints x₍₂₎, x₍₄₎, x₍₆₎, x₍₈₎.
  #expect(score.breakpoints == [2, 4, 6, 8])
  #expect(score.scores == [2, 1, 2, 5, 3, 5, 1, 3, 4, 4])
  #expect(score.counts == [2, 2, 2, 2, 2])
}

@Test func tiedValuesShareTheLowestScoreOfTheirGroup() {
  // Six zeros (60%): all score 1; the ones have 6 below: 1 + ⌊30/10⌋ = 4; 2 has 8 below: 5; 3 has 9 below: 5.
  let zeroInflated = QuantileScore([0, 1, 0, 0, 2, 0, 1, 0, 3, 0])
  #expect(zeroInflated.scores == [1, 4, 1, 1, 5, 1, 4, 1, 5, 1])
  #expect(zeroInflated.counts == [6, 0, 0, 2, 2])
  #expect(zeroInflated.breakpoints == [0, 0, 0, 1])
  // A tie group across a quintile boundary (positions 2–4 of 5) is not split: 1 below → score 2.
  #expect(QuantileScore([2, 1, 2, 3, 2]).scores == [2, 1, 2, 5, 2])
  // The order of the rows does not matter.
  let values: [Double] = [7, 7, 1, 9, 7, 3, 3, 9, 0, 7, 2, 9]
  let reversed = QuantileScore(values.reversed())
  #expect(Array(QuantileScore(values).scores.reversed()) == reversed.scores)
}

@Test func allZeroAndConstantColumnsScoreOneForEveryone() {
  #expect(QuantileScore([0, 0, 0, 0, 0, 0, 0]).scores == [UInt8](repeating: 1, count: 7))
  #expect(QuantileScore([42.5, 42.5, 42.5]).scores == [1, 1, 1])
  #expect(QuantileScore([42.5, 42.5, 42.5]).counts == [3, 0, 0, 0, 0])
  #expect(QuantileScore([]).scores.isEmpty)
  // Fewer customers than scores: two customers, 0 and 1 below → 1 and 1 + ⌊5/2⌋ = 3.
  #expect(QuantileScore([5, 1]).scores == [3, 1])
}

@Test func recencyScoresTheTimeSinceTheLastPurchaseRecentHighest() {
  // Times since the last purchase T − recency: 1, 2, 3, 4, 5 → recent (1) scores 5.
  let scores = RFMScores(frequency: [1, 1, 1, 1, 1], recency: [9, 8, 7, 6, 5], age: [10, 10, 10, 10, 10],
                         monetaryValue: [1, 2, 3, 4, 5])
  #expect(scores.recency.scores == [5, 4, 3, 2, 1])
  #expect(scores.frequency.scores == [1, 1, 1, 1, 1])
  #expect(scores.monetary.scores == [1, 2, 3, 4, 5])
  #expect(scores.cell(0) == "511")
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
  // Times 24.73, 24.73, 39, 38, 37: the pair is the most recent; 3 below it → 1 + ⌊15/5⌋ = 4.
  #expect(scores.recency.scores == [4, 4, 1, 2, 3])
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
  // Times since the last purchase 0, 0, 30, 11, 20 → R 4, 4, 1, 3, 2; F 4, 5, 1, 1, 1; M 4, 5, 1, 1, 1:
  // cells 444, 455 (champions), 111 (lost), 311 (about to sleep), 211 (hibernating); revenue = F × M.
  let scores = RFMScores(frequency: [5, 6, 0, 0, 0], recency: [10, 10, 0, 0, 0], age: [10, 10, 30, 11, 20],
                         monetaryValue: [10, 20, 0, 0, 0])
  let s = RFMSegmentation(scores: scores, frequency: [5, 6, 0, 0, 0], monetaryValue: [10, 20, 0, 0, 0])
  #expect(s.segments == [.champions, .champions, .lost, .aboutToSleep, .hibernating])
  #expect(s.revenue == [50, 120, 0, 0, 0])
  #expect(s.summary.customers[RFMSegment.champions.index] == 2)
  #expect(s.summary.value[RFMSegment.champions.index] == 170)
  #expect(s.summary.customers.reduce(0, +) == 5)
  #expect(s.summary.totalValue == 170)
  #expect(s.summary.customerShares[RFMSegment.lost.index] == 0.2)
  #expect(s.summary.valueShares[RFMSegment.champions.index] == 1)
  #expect(s.summary.valueShares[RFMSegment.lost.index] == 0)
  let means = s.meanScores
  #expect(means.monetary[RFMSegment.champions.index] == 4.5)
  #expect(means.recency[RFMSegment.atRisk.index] == nil)  // an empty segment has no mean
  #expect(s.summary.means(of: [1, 3, 0, 0, 0])[RFMSegment.champions.index] == 2)
}

@Test func cdnowScoresAndSegmentsMatchPandas() throws {
  // cdnow_rfm.csv: make_rfm_fixtures.py, the same rules computed with pandas rank(method="min")
  // and checked against numpy's inverted-CDF quantiles.
  let table = try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path)
  let s = try RFMSegmentation(table: table)
  let reference = try CSVReader.read(Fixtures.path("cdnow_rfm.csv"))
  #expect(try reference.strings("customer_id") == table.strings("customer_id"))
  #expect(try reference.numeric("recency_score") == s.scores.recency.scores.map { Double($0) })
  #expect(try reference.numeric("frequency_score") == s.scores.frequency.scores.map { Double($0) })
  #expect(try reference.numeric("monetary_score") == s.scores.monetary.scores.map { Double($0) })
  #expect(try reference.strings("segment") == s.segments.map(\.rawValue))
  // Sanity of the distribution: R spreads over five near-fifths; 1411 customers (59.9%) without repeat
  // purchases tie at F = 1 and M = 1, and score 2 stays empty.
  #expect(s.scores.recency.counts == [480, 478, 459, 475, 465])
  #expect(s.scores.frequency.counts == [1411, 0, 439, 214, 293])
  #expect(s.scores.monetary.counts == [1411, 0, 5, 470, 471])
}
