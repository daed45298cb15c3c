import Evaluation
import Numerics
import Testing

private func close(_ a: Double, _ e: Double) -> Bool {
  a.isApproximatelyEqual(to: e, absoluteTolerance: 1e-12, relativeTolerance: 1e-12)
}

@Test func liftTableMatchesPandasQcut() throws {
  // make_metrics_fixtures.py: pd.qcut(rank(method="first", ascending=False), 10), n = 1237 with ties.
  let t = try Fixtures.reference().tables
  let table = try LiftTable(labels: t.labels, scores: t.scores)
  #expect(table.rows.count == t.lift.count)
  for (row, e) in zip(table.rows, t.lift) {
    #expect(row.group == e.decile)
    #expect(row.count == e.count)
    #expect(row.positives == e.positives)
    #expect(close(row.rate, e.rate))
    #expect(close(row.lift, e.lift), "decile \(e.decile): \(row.lift) vs \(e.lift)")
    #expect(close(row.cumulativeGain, e.cumulativeGain))
    #expect(row.minScore == e.minScore && row.maxScore == e.maxScore)
  }
  #expect(table.rows.last!.cumulativeGain == 1)
  #expect(Set(table.rows.map(\.count)).isSubset(of: [123, 124]))
}

@Test func calibrationTableMatchesPandasQcut() throws {
  let t = try Fixtures.reference().tables
  let table = try CalibrationTable(labels: t.labels, probabilities: t.scores)
  #expect(table.rows.count == t.calibration.count)
  for (row, e) in zip(table.rows, t.calibration) {
    #expect(row.group == e.bin)
    #expect(row.count == e.count)
    #expect(close(row.meanPredicted, e.meanPredicted), "bin \(e.bin): \(row.meanPredicted) vs \(e.meanPredicted)")
    #expect(close(row.observedRate, e.observedRate))
  }
}

@Test func tiesAreSplitInRowOrder() throws {
  // 20 equal scores: the first 2 rows form decile 1, the next 2 decile 2, …
  let labels: [Double] = (0..<20).map { $0 < 4 ? 1 : 0 }
  let table = try LiftTable(labels: labels, scores: [Double](repeating: 0.5, count: 20))
  #expect(table.rows.map(\.positives) == [2, 2, 0, 0, 0, 0, 0, 0, 0, 0])
  #expect(table.rows[0].lift == 5)
}

@Test func fewerRowsThanGroupsLeavesGroupsOut() throws {
  let table = try CalibrationTable(labels: [0, 1, 1], probabilities: [0.1, 0.9, 0.5])
  #expect(table.rows.map(\.count) == [1, 1, 1])
  #expect(table.rows.map(\.meanPredicted) == [0.1, 0.5, 0.9])
}

@Test func holdoutMetricsMatchNumpy() throws {
  let h = try Fixtures.reference().holdout
  let evaluation = try HoldoutEvaluation(
    predicted: h.predicted, actual: h.actual, calibrationFrequency: h.calibrationFrequency, maxFrequency: h.maxFrequency)
  #expect(close(evaluation.meanAbsoluteError, h.meanAbsoluteError))
  #expect(close(evaluation.rootMeanSquaredError, h.rootMeanSquaredError))
  #expect(close(evaluation.totalPredicted, h.totalPredicted))
  #expect(evaluation.totalActual == h.totalActual)
  #expect(evaluation.byFrequency.count == h.maxFrequency + 1)
  for (row, e) in zip(evaluation.byFrequency, h.byFrequency) {
    #expect(row.frequency == e.frequency)
    #expect(row.isOpenEnded == (e.frequency == h.maxFrequency))
    #expect(row.customers == e.customers)
    #expect(close(try #require(row.meanActual), e.meanActual))
    #expect(close(try #require(row.meanPredicted), e.meanPredicted))
  }
}

@Test func holdoutEmptyBucketsHaveNoMeans() throws {
  let evaluation = try HoldoutEvaluation(predicted: [1, 2], actual: [0, 3], calibrationFrequency: [0, 9], maxFrequency: 3)
  #expect(evaluation.byFrequency.map(\.customers) == [1, 0, 0, 1])
  #expect(evaluation.byFrequency[1].meanActual == nil)
  #expect(evaluation.byFrequency[3].meanActual == 3)
  #expect(evaluation.meanAbsoluteError == 1)
  #expect(evaluation.rootMeanSquaredError == 1)
  #expect(throws: MetricError.self) { try HoldoutEvaluation(predicted: [1], actual: [0, 3], calibrationFrequency: [0, 1]) }
}
