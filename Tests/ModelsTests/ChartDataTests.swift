import Foundation
import Models
import Numerics
import Testing

// The numbers behind the purchase-model charts, against lifetimes 0.11.3
// (BG/NBD, MBG/NBD) and scipy quadrature (Pareto/NBD) on CDNOW, at
// lifetimes' fitted parameters: chart_reference.json, make_chart_fixtures.py.

private let reference = try! Fixtures.ChartReference.load()
private let models = Fixtures.chartModels(reference)

private func close(_ a: Double, _ e: Double, relative: Double, absolute: Double = 0) -> Bool {
  a.isApproximatelyEqual(to: e, absoluteTolerance: absolute, relativeTolerance: relative)
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func probabilityOfPurchasesMatchesReference(_ name: String) throws {
  // lifetimes' probability_of_n_purchases_up_to_time (BG, MBG) and the
  // quadrature of the death-time mixture (Pareto/NBD), t from half a week to
  // 78 weeks, k = 0…12. The BG/MBG bracket 1 − Σⱼ NB(j) loses digits to
  // cancellation in both programs alike at small t and large k, hence the
  // absolute floor.
  let (_, model, expected) = try #require(models.first { $0.name == name })
  for (row, t) in reference.times.enumerated() {
    for (k, p) in expected.probabilities[row].enumerated() {
      let mine = try model.probabilityOfPurchases(k, over: t)
      #expect(close(mine, p, relative: 1e-10, absolute: 1e-15), "\(name) P(X(\(t)) = \(k)) \(mine) vs \(p)")
    }
  }
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func probabilitiesSumToOneWithTheExpectationAsMean(_ name: String) throws {
  // Σₖ P(X(t) = k) = 1 and Σₖ k·P(X(t) = k) = E[X(t)], summed until the terms vanish.
  let (_, model, _) = try #require(models.first { $0.name == name })
  for t in [0.5, 10, 38.86, 150] {
    var total = 0.0, mean = 0.0, k = 0
    while true {
      let p = try model.probabilityOfPurchases(k, over: t)
      total += p
      mean += Double(k) * p
      if k > 20 && Double(k) * p < 1e-16 { break }
      k += 1
    }
    #expect(abs(total - 1) < 1e-9, "\(name) t = \(t): Σ P = \(total)")
    let e = try model.expectedPurchases(over: t)
    #expect(close(mean, e, relative: 1e-8), "\(name) t = \(t): Σ k·P = \(mean), E[X] = \(e)")
  }
}

@Test func paretoProbabilityStaysPositiveWhereTheDifferenceFormCancels() throws {
  // At t = 1 week and x = 15 the paper's B₁ − Σ B₂ is below rounding of B₁
  // (it came out negative in a direct evaluation); the tail series keeps it
  // positive and equal to the quadrature of make_chart_fixtures.pnbd_pmf
  // at the fixture's parameters: 1.8573706596510678e-17 and, at x = 30,
  // 1.5182391148807059e-33.
  let (_, model, _) = models[2]
  #expect(close(try model.probabilityOfPurchases(15, over: 1), 1.8573706596510678e-17, relative: 1e-9))
  #expect(close(try model.probabilityOfPurchases(30, over: 1), 1.5182391148807059e-33, relative: 1e-9))
  #expect(try model.probabilityOfPurchases(0, over: 0) == 1)
  #expect(try model.probabilityOfPurchases(2, over: 0) == 0)
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func periodTransactionsMatchLifetimes(_ name: String) throws {
  // actual: value_counts of the calibration frequency; expected: Σᵢ
  // P(X(Tᵢ) = k) over the 2,357 customers (per customer in the script, per
  // distinct T here), and the open bucket 7+.
  let (_, model, expected) = try #require(models.first { $0.name == name })
  let chart = try PeriodTransactions(model: model, data: try Fixtures.cdnowSummary(), maxFrequency: reference.maxFrequency)
  #expect(chart.rows.map(\.frequency) == Array(0...7))
  #expect(chart.rows.map(\.isOpenEnded) == [false, false, false, false, false, false, false, true])
  #expect(chart.rows.map(\.actual) == expected.periodTransactions.actual)
  for (row, e) in zip(chart.rows, expected.periodTransactions.expected) {
    #expect(close(row.expected, e, relative: 1e-10), "\(name) \(row.frequency): \(row.expected) vs \(e)")
  }
  #expect(close(chart.rows.map(\.expected).reduce(0, +), 2357, relative: 1e-12))
}

@Test func periodTransactionsWeightsStandForRepeatedRows() throws {
  // The CDNOW rows grouped by identical (x, tₓ, T) with counts as weights give the same chart.
  let data = try Fixtures.cdnowSummary()
  var groups = [String: (x: Double, t: Double, T: Double, w: Double)]()
  for i in 0..<data.rowCount {
    let key = "\(data.frequency[i]) \(data.recency[i]) \(data.age[i])"
    groups[key, default: (data.frequency[i], data.recency[i], data.age[i], 0)].w += 1
  }
  let rows = groups.values.sorted { ($0.T, $0.x, $0.t) < ($1.T, $1.x, $1.t) }
  #expect(rows.count < data.rowCount)
  let grouped = BetaGeo.Training(frequency: rows.map(\.x), recency: rows.map(\.t), age: rows.map(\.T), weights: rows.map(\.w))
  for (_, model, _) in models {
    let a = try PeriodTransactions(model: model, data: data), b = try PeriodTransactions(model: model, data: grouped)
    for (r, s) in zip(a.rows, b.rows) {
      #expect(r.actual == s.actual)
      #expect(close(r.expected, s.expected, relative: 1e-12))
    }
  }
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func frequencyRecencyGridMatchesLifetimes(_ name: String) throws {
  // lifetimes' conditional_expected_number_of_purchases_up_to_time(1, x, tₓ, T)
  // and conditional_probability_alive(x, tₓ, T) over x = 0…29, tₓ = 0…38, T = 38.
  let (_, model, expected) = try #require(models.first { $0.name == name })
  let grid = try FrequencyRecencyGrid(model: model, data: try Fixtures.cdnowSummary())
  #expect(grid.maxFrequency == expected.grid.maxFrequency && grid.age == Double(expected.grid.maxRecency))
  #expect(grid.recencies == (0...expected.grid.maxRecency).map(Double.init))
  #expect(grid.horizon == expected.grid.horizon)
  for tx in 0...expected.grid.maxRecency {
    for x in 0...grid.maxFrequency {
      let e = grid.expectedPurchases(frequency: x, row: tx), a = grid.probabilityAlive(frequency: x, row: tx)
      guard x > 0 || tx == 0 else {
        #expect(e == nil && a == nil)
        continue
      }
      let lifetimesE = expected.grid.expectedPurchases[tx][x], lifetimesA = expected.grid.probabilityAlive[tx][x]
      #expect(close(try #require(e), lifetimesE, relative: 1e-9, absolute: 1e-14), "\(name) E x=\(x) tₓ=\(tx): \(e!) vs \(lifetimesE)")
      #expect(close(try #require(a), lifetimesA, relative: 1e-9, absolute: 1e-14), "\(name) P x=\(x) tₓ=\(tx): \(a!) vs \(lifetimesA)")
    }
  }
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func frequencyRecencyGridIsBounded(_ name: String) throws {
  // A frequency beyond Int's range and an age of 1000 units (a daily summary
  // over years): at most 101 frequency columns (0…100) and 101 recency rows,
  // tₓ = k·1000/100 = 10k, each cell the model's own prediction there.
  let (_, model, _) = try #require(models.first { $0.name == name })
  let data = BetaGeo.Training(frequency: [1e19, 3, 0], recency: [900, 500, 0], age: [1000.7, 1000, 20], weights: nil)
  let grid = try FrequencyRecencyGrid(model: model, data: data)
  #expect(grid.maxFrequency == 100 && grid.age == 1000)
  #expect(grid.recencies == (0...100).map { Double($0 * 10) })
  #expect(grid.expectedPurchases.count == 101 * 101)
  for (row, x) in [(0, 0), (1, 1), (37, 5), (100, 100)] {
    let tx = Double(row * 10)
    #expect(grid.expectedPurchases(frequency: x, row: row)
      == (try model.expectedPurchases(over: 1, frequency: Double(x), recency: tx, age: 1000)))
    #expect(grid.probabilityAlive(frequency: x, row: row)
      == (try model.probabilityAlive(frequency: Double(x), recency: tx, age: 1000)))
  }
  #expect(grid.expectedPurchases(frequency: 0, row: 1) == nil)
  // An age of 1e19 units: still 101 rows, from 0 to T.
  let huge = try FrequencyRecencyGrid(
    model: model, data: BetaGeo.Training(frequency: [2], recency: [1e18], age: [1e19], weights: nil))
  #expect(huge.recencies.count == 101 && huge.recencies.first == 0 && huge.recencies.last == 1e19)
  // Up to 100 units, one row per unit as lifetimes: 0…T.
  let small = try FrequencyRecencyGrid(
    model: model, data: BetaGeo.Training(frequency: [2], recency: [50], age: [100.5], weights: nil))
  #expect(small.recencies == (0...100).map(Double.init))
}

@Test(arguments: ["bgnbd", "mbgnbd", "pnbd"])
func cumulativeTransactionsMatchLifetimes(_ name: String) throws {
  // lifetimes.utils.expected_cumulative_transactions(model, transactions,
  // "date", "customer_id", 546, freq="D", freq_multiplier=7): 78 weeks.
  let (_, model, expected) = try #require(models.first { $0.name == name })
  let log = try Fixtures.cdnowTransactions()
  let weekly = try CumulativeTransactions(
    model: model, codes: log.customers.codes, customerCount: log.customers.keys.count, days: log.days, unit: .week)
  #expect(weekly.periodDays == 7)
  #expect(weekly.actual == expected.cumulative.actual)
  #expect(weekly.expected.count == expected.cumulative.expected.count)
  for (j, (mine, theirs)) in zip(weekly.expected, expected.cumulative.expected).enumerated() {
    #expect(close(mine, theirs, relative: 1e-10), "\(name) week \(j + 1): \(mine) vs \(theirs)")
  }
  // Periods of 365.25/12 days, the same definition computed with numpy.
  let monthly = try CumulativeTransactions(
    model: model, codes: log.customers.codes, customerCount: log.customers.keys.count, days: log.days, unit: .week,
    period: .month, periods: 18)
  #expect(monthly.actual == expected.ownMonthly.actual)
  for (mine, theirs) in zip(monthly.expected, expected.ownMonthly.expected) {
    #expect(close(mine, theirs, relative: 1e-10), "\(name) monthly: \(mine) vs \(theirs)")
  }
  // By default only whole months: 546 days hold 17.
  #expect(try CumulativeTransactions(
    model: model, codes: log.customers.codes, customerCount: log.customers.keys.count, days: log.days, unit: .week,
    period: .month).actual.count == 17)
}
