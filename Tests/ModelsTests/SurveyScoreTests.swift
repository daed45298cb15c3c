@testable import Models
import Tabular
import Testing

@Suite struct SurveyScoreTests {
  @Test func netPromoterScoreByHand() {
    // 10 answers: promoters 10, 9, 9, 10, 10 (5); passives 8, 7 (2);
    // detractors 6, 0, 5 (3). NPS = 100 · (5 − 3) / 10 = +20 points.
    let nps = NetPromoterScore(scores: [10, 9, 9, 8, 7, 6, 0, 10, 10, 5])
    #expect(nps.promoters == 5 && nps.passives == 2 && nps.detractors == 3 && nps.answers == 10)
    #expect(nps.score == 20)
    // The bounds: all detractors −100, all promoters +100; 6 is a
    // detractor, 7 a passive, 9 a promoter. 1 promoter, 2 detractors of 3:
    // 100 · (1 − 2) / 3 = −33.33….
    #expect(NetPromoterScore(scores: [0, 6, 3]).score == -100)
    #expect(NetPromoterScore(scores: [9, 10]).score == 100)
    #expect(NetPromoterScore(scores: [7, 8]).score == 0)
    #expect(NetPromoterScore(scores: [9, 6, 6]).score == -100.0 / 3)
    #expect(NetPromoterScore(scores: []).score == nil)
  }

  @Test func customerSatisfactionByHand() {
    // 8 answers on 1–5: at least 4 are 5, 4, 4, 5, 5 → 5/8 = 0.625; at
    // least 5 are 5, 5, 5 → 3/8.
    let answers = [5, 4, 3, 2, 1, 4, 5, 5]
    let csat = CustomerSatisfaction(scores: answers, scale: RatingScale(1, 5), threshold: 4)
    #expect(csat.satisfied == 5 && csat.answers == 8 && csat.score == 0.625)
    #expect(CustomerSatisfaction(scores: answers, scale: RatingScale(1, 5), threshold: 5).score == 0.375)
    // On 0–10 with 7 as the threshold: 7, 10 of 3 answers.
    #expect(CustomerSatisfaction(scores: [7, 6, 10], scale: RatingScale(0, 10), threshold: 7).score == 2.0 / 3)
    #expect(CustomerSatisfaction(scores: [], scale: RatingScale(1, 5), threshold: 4).score == nil)
  }

  @Test func ratingScaleReadsWholeAnswersAndSkipsBlanks() throws {
    #expect(try RatingScale.netPromoter.answers(["9", nil, " 10 ", "", "  ", "0"]) == [9, nil, 10, nil, nil, 0])
    #expect(RatingScale("1-5") == RatingScale(1, 5) && RatingScale("0-10") == .netPromoter)
    #expect(RatingScale("5-1") == nil && RatingScale("1-5-7") == nil && RatingScale("a-b") == nil && RatingScale("3-3") == nil)
    #expect(RatingScale(1, 5).description == "1-5")
  }

  @Test(arguments: [("9.5", 1), ("11", 2), ("-1", 0), ("ten", 3)])
  func ratingScaleRefusesAnswersOffTheScale(cell: String, row: Int) {
    var cells: [String?] = ["9", "8", "7", "6"]
    cells[row] = cell
    #expect(throws: RatingScaleError(row: row, found: cell, scale: .netPromoter)) {
      try RatingScale.netPromoter.answers(cells)
    }
    let error = RatingScaleError(row: row, found: cell, scale: .netPromoter)
    #expect(error.description == "expected a whole number from 0 to 10, found \"\(cell)\"")
  }

  @Test func acquisitionCostPerPeriod() {
    // Quarters 1997-Q1 … Q2 (baseline 1996-Q4): spend 100 + 50 in Q1, 30 in
    // Q2; the 1996-12-31 and 1997-07-01 rows are outside.
    let day = { (text: String) in CalendarDate.dayNumber(text)! }
    let periods = ReportingPeriods.calendar(.quarter, from: day("1997-01-01"), through: day("1997-06-30"))
    #expect(["1996-12-31", "1997-01-01", "1997-06-30", "1997-07-01"].map { periods.period(of: day($0)) } == [nil, 0, 1, nil])
    let (spend, outside) = AcquisitionCost.spendPerPeriod(
      days: ["1997-01-01", "1997-03-31", "1997-04-01", "1996-12-31", "1997-07-01"].map(day),
      amounts: [100, 50, 30, 7, 9], periods: periods)
    #expect(spend == [150, 30] && outside == 2)
    // CAC = 150 / 60 = 2.5; no new customers → undefined, never ∞.
    #expect(AcquisitionCost(spend: 150, newCustomers: 60).value == 2.5)
    #expect(AcquisitionCost(spend: 30, newCustomers: 0).value == nil)
  }
}
