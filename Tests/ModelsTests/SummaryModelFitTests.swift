import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

/// notebooks-data/summary.csv (CDNOW, weeks) repeated `copies` times, copy j
/// with T and recency shifted by j·10⁻³ weeks, so that nearly every row is
/// distinct: 2,357·copies customers whose optimum is close to CDNOW's.
private func jitteredCDNOW(copies: Int) throws -> BetaGeo.Training {
  let table = try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path)
  let x = try table.numeric("frequency"), t = try table.numeric("recency"), T = try table.numeric("T")
  var fx = [Double](), ft = [Double](), fT = [Double]()
  for j in 0..<copies {
    let shift = Double(j) * 1e-3
    for i in 0..<table.rowCount {
      fx.append(x[i])
      ft.append(x[i] > 0 ? t[i] + shift : 0)
      fT.append(T[i] + shift)
    }
  }
  return BetaGeo.Training(frequency: fx, recency: ft, age: fT)
}

@Suite("Purchase-model fits", .serialized)
struct SummaryModelFitTests {
  @Test("grouping keeps every (x, tₓ, T) once, ordered by x, with its total weight")
  func groupingMatchesADictionary() throws {
    var generator = SeededGenerator(seed: 7)
    let n = 200_000
    var x = [Double](), t = [Double](), T = [Double](), w = [Double]()
    for _ in 0..<n {
      let f = Double(Int.random(in: 0..<6, using: &generator))
      let age = Double(Int.random(in: 30...40, using: &generator))
      x.append(f)
      t.append(f > 0 ? Double(Int.random(in: 1...Int(age), using: &generator)) : 0)
      T.append(age)
      w.append(Double(Int.random(in: 0...3, using: &generator)))
    }
    let data = BetaGeo.Training(frequency: x, recency: t, age: T, weights: w)
    struct Key: Hashable { var x, t, T: Double }
    var expected = [Key: Double]()
    for i in 0..<n where w[i] > 0 { expected[Key(x: x[i], t: t[i], T: T[i]), default: 0] += w[i] }
    var runs: [[Double]] = []
    for threads in [1, 2, 3] {
      ParallelChunks.setThreadCount(threads)
      defer { ParallelChunks.setThreadCount(nil) }
      let groups = SummaryGroups(data)
      #expect(groups.count == expected.count)
      var seen = Set<Key>()
      for i in 0..<groups.count {
        let key = Key(x: groups.frequency[i], t: groups.recency[i], T: groups.age[i])
        #expect(seen.insert(key).inserted)
        #expect(groups.weights[i] == expected[key])
      }
      #expect(groups.frequency == groups.frequency.sorted())
      for k in groups.runFrequencies.indices {
        #expect(groups.frequency[groups.runStarts[k]..<groups.runStarts[k + 1]].allSatisfy { $0 == groups.runFrequencies[k] })
      }
      #expect(groups.runWeights.reduce(0, +) == w.reduce(0, +))
      runs.append(groups.frequency + groups.recency + groups.age + groups.weights)
    }
    #expect(runs[0] == runs[1] && runs[1] == runs[2])
  }

  @Test("frequencies too large for a dense table are grouped and ordered too")
  func groupingOfHugeFrequencies() {
    let data = BetaGeo.Training(
      frequency: [1e7, 0, 3, 1e7, 5e6, 0], recency: [9, 0, 2, 9, 8, 0], age: [10, 10, 10, 10, 10, 12])
    let groups = SummaryGroups(data)
    #expect(groups.runFrequencies == [0, 3, 5e6, 1e7])
    #expect(groups.runStarts == [0, 2, 3, 4, 5])
    #expect(groups.frequency == [0, 0, 3, 5e6, 1e7] && groups.weights[4] == 2)
    #expect(groups.runWeights == [2, 1, 1, 2])
  }

  @Test("BG/NBD and MBG/NBD parameters are bit-identical with 1, 2 and 3 threads")
  func fitsDoNotDependOnTheThreadCount() throws {
    // About 10⁵ distinct rows: more than 4 × 20,000, so the fit starts from a sample's optimum.
    let data = try jitteredCDNOW(copies: 100)
    var bg: [[Double]] = [], mbg: [[Double]] = []
    for threads in [1, 2, 3] {
      ParallelChunks.setThreadCount(threads)
      defer { ParallelChunks.setThreadCount(nil) }
      let m = try BetaGeo().fit(data)
      #expect(m.report.distinctRows > 4 * SummaryModelFit.sampleGroups)
      bg.append([m.r, m.alpha, m.a, m.b, m.report.logLikelihood] + m.covariance!.elements)
      let modified = try ModifiedBetaGeo().fit(data)
      mbg.append([modified.r, modified.alpha, modified.a, modified.b, modified.report.logLikelihood])
    }
    for results in [bg, mbg] {
      let bits = results.map { $0.map(\.bitPattern) }
      #expect(bits[0] == bits[1] && bits[1] == bits[2])
    }
  }

  @Test("Pareto/NBD parameters are bit-identical with 1, 2 and 3 threads")
  func paretoFitDoesNotDependOnTheThreadCount() throws {
    let data = try jitteredCDNOW(copies: 2)
    var results: [[UInt64]] = []
    for threads in [1, 2, 3] {
      ParallelChunks.setThreadCount(threads)
      defer { ParallelChunks.setThreadCount(nil) }
      let m = try ParetoNBD().fit(data)
      results.append([m.r, m.alpha, m.s, m.beta, m.report.logLikelihood].map(\.bitPattern))
    }
    #expect(results[0] == results[1] && results[1] == results[2])
  }

  @Test("the fit started from a sample's optimum reaches the optimum of a fit from θ = 1")
  func sampledStartReachesTheSameOptimum() throws {
    let data = try jitteredCDNOW(copies: 100)
    let likelihood = BetaGeoLikelihood(data)
    let isTimeScale = [false, true, false, false]
    let sampled = try SummaryModelFit(
      name: "BG/NBD", rows: data.rowCount, likelihood: likelihood, penalizer: 0, maxIterations: 200, isTimeScale: isTimeScale)
    let cold = try SummaryModelFit(
      name: "BG/NBD", rows: data.rowCount, likelihood: likelihood, penalizer: 0, maxIterations: 200, isTimeScale: isTimeScale,
      sampleGroups: nil)
    // The cold fit takes more Newton steps for the same point.
    #expect(cold.report.optimization.iterations > sampled.report.optimization.iterations)
    for (a, b) in zip(sampled.theta, cold.theta) {
      #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-9), "\(a) vs \(b)")
    }
    #expect(sampled.report.logLikelihood.isApproximatelyEqual(to: cold.report.logLikelihood, relativeTolerance: 1e-14))
  }

  /// README's "fit from pre-aggregated rows": the distinct (x, tₓ, T) of
  /// CDNOW with a count as weight (one GROUP BY) fit exactly as the rows do.
  @Test("a GROUP BY frequency, recency, T with counts as weights fits as the customers do")
  func aggregatedRowsFitAsTheCustomers() throws {
    let customers = try jitteredCDNOW(copies: 1)
    struct Key: Hashable { var x, t, T: Double }
    var counts = [Key: Double]()
    var order = [Key]()
    for i in 0..<customers.rowCount {
      let key = Key(x: customers.frequency[i], t: customers.recency[i], T: customers.age[i])
      if counts[key] == nil { order.append(key) }
      counts[key, default: 0] += 1
    }
    #expect(order.count < customers.rowCount)
    let grouped = BetaGeo.Training(
      frequency: order.map(\.x), recency: order.map(\.t), age: order.map(\.T), weights: order.map { counts[$0]! })
    for fit in [{ try BetaGeo().fit($0) }, { try ModifiedBetaGeo().fit($0) }] as [(BetaGeo.Training) throws -> any PurchaseModel] {
      let (a, b) = (try fit(customers), try fit(grouped))
      for (x, y) in zip(a.parameters, b.parameters) {
        #expect(x.estimate.isApproximatelyEqual(to: y.estimate, relativeTolerance: 1e-10))
        #expect(x.standardError!.isApproximatelyEqual(to: y.standardError!, relativeTolerance: 1e-8))
      }
    }
  }

  /// A cohort's one-time buyers share one (0, 0, T) group: the starting
  /// point's sample must weigh it as the customers do, not keep or drop it whole.
  @Test("the starting sample represents customers, heavy groups included")
  func subsampleRepresentsCustomers() {
    var generator = SeededGenerator(seed: 11)
    var x = [0.0], t = [0.0], T = [39.0], w = [500_000.0]
    for _ in 0..<100_000 {
      let f = Double(Int.random(in: 1...8, using: &generator))
      x.append(f)
      t.append(Double.random(in: 0..<39, using: &generator))
      T.append(39)
      w.append(Double(Int.random(in: 1...9, using: &generator)))
    }
    let groups = SummaryGroups(BetaGeo.Training(frequency: x, recency: t, age: T, weights: w))
    let sample = groups.subsample(stride: 20)
    let spacing = groups.weights.reduce(0, +) / Double(groups.count / 20)
    #expect(abs(sample.weights.reduce(0, +) - groups.weights.reduce(0, +)) <= spacing)
    #expect(sample.runFrequencies.first == 0 && abs(sample.runWeights[0] - 500_000) <= spacing)
    // At most one group per sample point; the heavy group holds half of them.
    #expect(sample.count <= groups.count / 20 && sample.count > groups.count / 50)
    for (k, f) in sample.runFrequencies.enumerated() {
      let full = groups.runWeights[groups.runFrequencies.firstIndex(of: f)!]
      #expect(abs(sample.runWeights[k] - full) <= spacing)
    }
  }
}
