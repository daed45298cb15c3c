import Evaluation
import Foundation
import Numerics
import Testing

// Expected curves: scikit-learn 1.9.1 roc_curve / precision_recall_curve via
// make_metrics_fixtures.py, on the same cases as the scalar metrics (ties,
// weights with zeros, integer weights, perfect, constant, reversed).
// Thresholds are scores copied from the data and must be equal exactly; the
// rates are ratios of sums taken in sklearn's order, so 1e-12 relative
// leaves room only for the last bits.
private func equal(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12) -> Bool {
  actual.count == expected.count
    && zip(actual, expected).allSatisfy {
      $0 == $1 || $0.isApproximatelyEqual(to: $1, absoluteTolerance: tolerance, relativeTolerance: tolerance)
    }
}

@Test(arguments: try! Fixtures.reference().cases.map(\.name))
func rocCurveMatchesScikitLearn(_ name: String) throws {
  let c = try #require(try Fixtures.reference().cases.first { $0.name == name })
  for (drop, expected) in [(true, c.roc), (false, c.rocAll)] {
    let curve = try ROCCurve(labels: c.labels, scores: c.scores, weights: c.weights, dropIntermediate: drop)
    #expect(curve.thresholds == expected.thresholds, "\(name) drop=\(drop) thresholds")
    #expect(equal(curve.falsePositiveRate, expected.falsePositiveRate), "\(name) drop=\(drop) FPR")
    #expect(equal(curve.truePositiveRate, expected.truePositiveRate), "\(name) drop=\(drop) TPR")
  }
}

@Test(arguments: try! Fixtures.reference().cases.map(\.name))
func precisionRecallCurveMatchesScikitLearn(_ name: String) throws {
  let c = try #require(try Fixtures.reference().cases.first { $0.name == name })
  for (drop, expected) in [(false, c.precisionRecall), (true, c.precisionRecallDropped)] {
    let curve = try PrecisionRecallCurve(labels: c.labels, scores: c.scores, weights: c.weights, dropIntermediate: drop)
    #expect(curve.thresholds == expected.thresholds, "\(name) drop=\(drop) thresholds")
    #expect(equal(curve.precision, expected.precision), "\(name) drop=\(drop) precision")
    #expect(equal(curve.recall, expected.recall), "\(name) drop=\(drop) recall")
  }
}

@Test func curvesByHand() throws {
  // Scores 0.9 (1), 0.5 (1), 0.5 (0), 0.1 (0): thresholds +∞, 0.9, 0.5, 0.1;
  // TP 0,1,2,2 of 2 and FP 0,0,1,2 of 2. No three points are collinear.
  let roc = try ROCCurve(labels: [1, 1, 0, 0], scores: [0.9, 0.5, 0.5, 0.1])
  #expect(roc.thresholds == [.infinity, 0.9, 0.5, 0.1])
  #expect(roc.falsePositiveRate == [0, 0, 0.5, 1])
  #expect(roc.truePositiveRate == [0, 0.5, 1, 1])
  let pr = try PrecisionRecallCurve(labels: [1, 1, 0, 0], scores: [0.9, 0.5, 0.5, 0.1])
  #expect(pr.thresholds == [0.1, 0.5, 0.9])
  #expect(pr.precision == [0.5, 2.0 / 3, 1, 1])
  #expect(pr.recall == [1, 1, 0.5, 0])
  // Collinear middle point dropped: scores 3, 2, 1 all positive then 0 negative.
  let line = try ROCCurve(labels: [1, 1, 1, 0], scores: [3, 2, 1, 0])
  #expect(line.thresholds == [.infinity, 3, 1, 0])
}

@Test func curvesNeedBothClasses() {
  #expect(throws: MetricError.singleClass(present: 1)) { try ROCCurve(labels: [1, 1], scores: [0.2, 0.3]) }
  #expect(throws: MetricError.singleClass(present: 0)) { try ROCCurve(labels: [0, 0], scores: [0.2, 0.3]) }
  #expect(throws: MetricError.singleClass(present: 0)) { try PrecisionRecallCurve(labels: [0, 0], scores: [0.2, 0.3]) }
}
