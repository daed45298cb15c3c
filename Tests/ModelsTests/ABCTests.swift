import Foundation
import Models
import Tabular
import Testing

// Values 50, 30, 10, 10, 0 (total 100), by hand: the curve runs through
// (0, 0), (0.2, 0.5), (0.4, 0.8), (0.6, 0.9), (0.8, 1), (1, 1).

@Test func concentrationCurveOfAHandExample() throws {
  let v = try ValueConcentration([10, 0, 50, 10, 30])
  #expect(v.descending == [50, 30, 10, 10, 0])
  #expect(v.cumulative == [50, 80, 90, 100, 100])
  #expect(v.total == 100)
  #expect(v.share(ofTop: 0) == 0)
  #expect(v.share(ofTop: 0.2) == 0.5)
  #expect(v.share(ofTop: 0.3) == 0.65)  // halfway along the second customer: (50 + 15) / 100
  #expect(v.share(ofTop: 1) == 1)
  #expect(v.fraction(holding: 0.8) == 0.4)
  #expect(v.fraction(holding: 0.65) == 0.3)
  #expect(v.fraction(holding: 0) == 0)
  #expect(v.countAbove(10) == 2 && v.countAbove(50) == 0 && v.countAbove(0) == 4)
  #expect(v.shareAbove(10) == 0.8 && v.shareAbove(50) == 0 && v.shareAbove(0) == 1)
  let curve = v.curve(points: 5)
  #expect(curve.customerShare == [0, 0.2, 0.4, 0.6, 0.8, 1])
  #expect(curve.valueShare == [0, 0.5, 0.8, 0.9, 1, 1])
}

@Test func concentrationRefusesNegativeAndAllZeroValues() {
  #expect(throws: ValueConcentration.Failure.invalidValue(index: 2)) { try ValueConcentration([1, 2, -3]) }
  #expect(throws: ValueConcentration.Failure.invalidValue(index: 0)) { try ValueConcentration([.nan, 2]) }
  #expect(throws: ValueConcentration.Failure.zeroTotal) { try ValueConcentration([0, 0, 0]) }
  #expect(throws: ValueConcentration.Failure.zeroTotal) { try ValueConcentration([]) }
}

@Test func classesCloseWhenTheCumulativeShareFirstReachesTheThreshold() throws {
  // 50 → 50%, 30 → 80%: the customer who reaches 80% is A. Then 10 → 90%, 10 → 100%: B (95% reached by
  // the second 10, which is included). 0 is C.
  let c = try ABCClassification(values: [10, 0, 50, 10, 30])
  #expect(c.classes == [.b, .c, .a, .b, .a])
  // Exactly at the threshold: 80 holds 80% alone and is A; the next customer starts B.
  #expect(try ABCClassification(values: [80, 20]).classes == [.a, .b])
  // 95% exactly: 80 | 15 (reaches 95%, B) | 5 → C.
  #expect(try ABCClassification(values: [80, 15, 5]).classes == [.a, .b, .c])
}

@Test func aTieGroupAcrossAThresholdGoesWhollyToTheHigherClass() throws {
  // 40 holds 40%; the first 20 crosses 50% — and its two ties come with it, though A then holds 100%.
  let thresholds = try #require(ABCClassification.Thresholds(a: 0.5, b: 0.9))
  let c = try ABCClassification(values: [20, 40, 20, 20], thresholds: thresholds)
  #expect(c.classes == [.a, .a, .a, .a])
  // Shuffled, the same customers get the same classes.
  #expect(try ABCClassification(values: [20, 20, 40, 20], thresholds: thresholds).classes == [.a, .a, .a, .a])
  // Ties below: 60 (60%) | 10, 10, 10, 10 each with 60% above: B, all four.
  #expect(try ABCClassification(values: [10, 60, 10, 10, 10], thresholds: thresholds).classes == [.b, .a, .b, .b, .b])
}

@Test func thresholdsMustBeOrderedShares() {
  #expect(ABCClassification.Thresholds(a: 0.95, b: 0.8) == nil)
  #expect(ABCClassification.Thresholds(a: 0.8, b: 0.8) == nil)
  #expect(ABCClassification.Thresholds(a: 0, b: 0.8) == nil)
  #expect(ABCClassification.Thresholds(a: 0.8, b: 1.2) == nil)
  #expect(ABCClassification.Thresholds(a: 0.8, b: 1) != nil)
  #expect(throws: ValueConcentration.Failure.zeroTotal) { try ABCClassification(values: [0, 0]) }
}

@Test func valueTiersMarkLowHistoryWithHighPrediction() throws {
  // History 50, 30, 10, 10, 0 → A, A, B, B, C; plus two more C at 0.
  let classes = try ABCClassification(values: [50, 30, 10, 10, 0, 0, 0]).classes
  // Predicted: customer 4 (C) is predicted 60 of 100 → predicted class A; customer 5 (C) 1: no; 6: 0.
  let predicted: [Double] = [20, 10, 5, 4, 60, 1, 0]
  #expect(try ValueTier.tiers(classes: classes, predicted: predicted) == [.high, .high, .medium, .medium, .potential, .low, .low])
  // With P(alive) ≥ 0.9 as well, customer 6 (P(alive) 0.95) is potential too.
  let alive: [Double] = [1, 1, 1, 1, 0.2, 0.5, 0.95]
  #expect(try ValueTier.tiers(classes: classes, predicted: predicted, probabilityAlive: (alive, 0.9))
    == [.high, .high, .medium, .medium, .potential, .low, .potential])
  // Every predicted value 0: no predicted class A, so no one is potential by prediction; P(alive) still counts.
  let none: [Double] = [0, 0, 0, 0, 0, 0, 0]
  #expect(try ValueTier.tiers(classes: classes, predicted: none) == [.high, .high, .medium, .medium, .low, .low, .low])
  #expect(try ValueTier.tiers(classes: classes, predicted: none, probabilityAlive: (alive, 0.9))
    == [.high, .high, .medium, .medium, .low, .low, .potential])
  #expect(throws: ValueConcentration.Failure.invalidValue(index: 1)) {
    try ValueTier.tiers(classes: classes, predicted: [0, -1, 0, 0, 0, 0, 0])
  }
}

@Test func groupSummaryOfClasses() throws {
  let values: [Double] = [10, 0, 50, 10, 30]
  let c = try ABCClassification(values: values)
  let g = GroupSummary(groups: c.classes.map(\.index), groupCount: 3, value: values)
  #expect(g.customers == [2, 2, 1])
  #expect(g.value == [80, 20, 0])
  #expect(g.customerShares == [0.4, 0.4, 0.2])
  #expect(g.valueShares == [0.8, 0.2, 0])
  #expect(g.means(of: values) == [40, 10, 0])
}

@Test func cdnowRevenueClassesMatchPandas() throws {
  // cdnow_rfm.csv (make_rfm_fixtures.py): the same rule with pandas on revenue = frequency × monetary_value.
  let table = try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path)
  let revenue = RFMSegmentation.revenue(frequency: try table.numeric("frequency"), monetaryValue: try table.numeric("monetary_value"))
  let c = try ABCClassification(values: revenue)
  let reference = try CSVReader.read(Fixtures.path("cdnow_rfm.csv"))
  #expect(try reference.strings("abc_class") == c.classes.map(\.rawValue))
  // A is the smallest group of customers holding ≥ 80%, with its crossing tie group.
  let aShare = zip(c.classes, revenue).filter { $0.0 == .a }.map(\.1).reduce(0, +) / c.concentration.total
  #expect(aShare >= 0.8 && aShare < 0.81)
}
