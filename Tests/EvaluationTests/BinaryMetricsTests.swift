import Evaluation
import Foundation
import Numerics
import Testing

// Every expected value comes from scikit-learn 1.9.1 via make_metrics_fixtures.py.
// Tolerance 1e-12 relative (absolute near 0): the sums run in a different order
// from numpy's pairwise summation, which moves the last few bits only.
private func close(_ a: Double, _ e: Double, _ tolerance: Double = 1e-12) -> Bool {
  a.isApproximatelyEqual(to: e, absoluteTolerance: tolerance, relativeTolerance: tolerance)
}

@Test(arguments: try! Fixtures.reference().cases.map(\.name))
func metricsMatchScikitLearn(_ name: String) throws {
  let c = try #require(try Fixtures.reference().cases.first { $0.name == name })
  for t in c.thresholds {
    let auc = try rocAUC(labels: c.labels, scores: c.scores, weights: c.weights)
    #expect(close(auc, t.rocAUC), "\(name) AUC \(auc) vs \(t.rocAUC)")
    let ap = try averagePrecision(labels: c.labels, scores: c.scores, weights: c.weights)
    #expect(close(ap, t.averagePrecision), "\(name) AP \(ap) vs \(t.averagePrecision)")
    let loss = try logLoss(labels: c.labels, probabilities: c.scores, weights: c.weights)
    #expect(close(loss, t.logLoss), "\(name) log loss \(loss) vs \(t.logLoss)")
    let brier = try brierScore(labels: c.labels, probabilities: c.scores, weights: c.weights)
    #expect(close(brier, t.brierScore), "\(name) Brier \(brier) vs \(t.brierScore)")
    let counts = try ConfusionCounts(labels: c.labels, scores: c.scores, threshold: t.threshold, weights: c.weights)
    #expect(close(counts.accuracy, t.accuracy), "\(name)@\(t.threshold) accuracy \(counts.accuracy) vs \(t.accuracy)")
    #expect(close(counts.precision, t.precision), "\(name)@\(t.threshold) precision \(counts.precision) vs \(t.precision)")
    #expect(close(counts.recall, t.recall), "\(name)@\(t.threshold) recall \(counts.recall) vs \(t.recall)")
    #expect(close(counts.f1, t.f1), "\(name)@\(t.threshold) F1 \(counts.f1) vs \(t.f1)")
    #expect(try f1Score(labels: c.labels, scores: c.scores, threshold: t.threshold, weights: c.weights) == counts.f1)
    #expect(try accuracy(labels: c.labels, scores: c.scores, threshold: t.threshold, weights: c.weights) == counts.accuracy)
    #expect(try precision(labels: c.labels, scores: c.scores, threshold: t.threshold, weights: c.weights) == counts.precision)
    #expect(try recall(labels: c.labels, scores: c.scores, threshold: t.threshold, weights: c.weights) == counts.recall)
  }
}

@Test func integerWeightsEqualRepeatedRows() throws {
  // A weight of k is k copies of the row, for every metric.
  let c = try #require(try Fixtures.reference().cases.first { $0.name == "continuous-integer-weights" })
  var labels = [Double](), scores = [Double]()
  for (i, w) in c.weights!.enumerated() {
    for _ in 0..<Int(w) { labels.append(c.labels[i]); scores.append(c.scores[i]) }
  }
  #expect(close(try rocAUC(labels: labels, scores: scores), try rocAUC(labels: c.labels, scores: c.scores, weights: c.weights)))
  #expect(close(
    try averagePrecision(labels: labels, scores: scores),
    try averagePrecision(labels: c.labels, scores: c.scores, weights: c.weights)))
  #expect(close(
    try logLoss(labels: labels, probabilities: scores),
    try logLoss(labels: c.labels, probabilities: c.scores, weights: c.weights)))
}

@Test func logLossClipsAtMachineEpsilon() throws {
  // sklearn >= 1.5: p clipped to [eps, 1 - eps], eps = 2.22e-16, so a certain
  // wrong prediction costs -ln(eps) = 36.04365338911715.
  #expect(try logLoss(labels: [1], probabilities: [0]) == -log(Double.ulpOfOne))
  #expect(try logLoss(labels: [0], probabilities: [1]) == -log(Double.ulpOfOne))
  // A certain right prediction costs −ln(1 − eps), as sklearn computes it (log of the clipped value).
  #expect(try logLoss(labels: [1, 0], probabilities: [1, 0]) == -log(1 - Double.ulpOfOne))
}

@Test func aucCountsTiesAsOneHalf() throws {
  // One positive and one negative tied: U = 1/2.
  #expect(try rocAUC(labels: [1, 0], scores: [0.4, 0.4]) == 0.5)
  // Mann–Whitney: positives {0.9, 0.5}, negatives {0.5, 0.1}: (2 + 1.5)/4.
  #expect(try rocAUC(labels: [1, 1, 0, 0], scores: [0.9, 0.5, 0.5, 0.1]) == 0.875)
}

@Test func badInputsThrow() {
  #expect(throws: MetricError.singleClass(present: 1)) { try rocAUC(labels: [1, 1], scores: [0.2, 0.3]) }
  #expect(throws: MetricError.singleClass(present: 0)) { try averagePrecision(labels: [0, 0], scores: [0.2, 0.3]) }
  #expect(throws: MetricError.lengthMismatch(expected: 2, found: 1, what: "scores")) {
    try rocAUC(labels: [0, 1], scores: [0.2])
  }
  #expect(throws: MetricError.invalidLabel(row: 1, value: 2)) { try brierScore(labels: [0, 2], probabilities: [0.2, 0.3]) }
  #expect(throws: MetricError.invalidValue(row: 0, value: 1.5, what: "probability")) {
    try logLoss(labels: [0, 1], probabilities: [1.5, 0.3])
  }
  #expect(throws: MetricError.invalidValue(row: 1, value: -1, what: "weight")) {
    try logLoss(labels: [0, 1], probabilities: [0.5, 0.3], weights: [1, -1])
  }
  #expect(throws: MetricError.empty) { try logLoss(labels: [0, 1], probabilities: [0.5, 0.3], weights: [0, 0]) }
  #expect(throws: MetricError.empty) { try brierScore(labels: [], probabilities: []) }
  // Zero-weight rows are ignored: the only row of class 0 has no weight.
  #expect(throws: MetricError.singleClass(present: 1)) {
    try rocAUC(labels: [0, 1, 1], scores: [0.2, 0.3, 0.5], weights: [0, 1, 1])
  }
}
