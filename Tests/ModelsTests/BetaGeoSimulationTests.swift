import Models
import Testing

/// CDNOW's BG/NBD estimates (Fader, Hardie & Lee 2005) and Gamma-Gamma
/// estimates (Fader, Hardie & Lee 2005, "RFM and CLV": p 6.25, q 3.74,
/// v 15.44), the defaults of `cvw simulate bg-nbd`.
private let truth = (r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
private let spend = BetaGeoSimulation.Spend(p: 6.25, q: 3.74, v: 15.44)

private func simulation(seed: UInt64, holdout: Double? = nil, horizon: ClosedRange<Double> = 30...40)
  -> BetaGeoSimulation
{
  BetaGeoSimulation(r: truth.r, alpha: truth.alpha, a: truth.a, b: truth.b, horizon: horizon, holdout: holdout,
                    spend: spend, seed: seed)
}

/// Each estimate within 4 of its standard errors of the truth (a correct
/// simulator and fit miss this with probability about 6·10⁻⁵ per parameter)
/// and within `relative` of it.
private func expectRecovered(_ estimates: [ParameterEstimate], _ truths: [Double], relative: [Double]) {
  for (k, estimate) in estimates.enumerated() {
    let se = estimate.standardError ?? .nan
    let error = abs(estimate.estimate - truths[k])
    #expect(error < 4 * se, "\(estimate.name) = \(estimate.estimate) ± \(se), truth \(truths[k])")
    #expect(error < relative[k] * truths[k], "\(estimate.name) = \(estimate.estimate), truth \(truths[k])")
  }
}

@Suite("BetaGeoSimulation")
struct BetaGeoSimulationTests {
  /// 100 000 customers with T uniform on [30, 40] weeks. The relative
  /// tolerances are about 4 standard errors at this size: CDNOW's standard
  /// errors for 2 357 customers (r 5 %, α 9 %, a 24 %, b 29 % of the
  /// estimates) shrink by √(2357/100000) ≈ 0.15 to 0.8 %, 1.3 %, 3.7 % and
  /// 4.5 %, so 4 %, 6 %, 15 % and 18 %. Gamma-Gamma on the ≈ 43 000 repeat
  /// buyers: 15 % for each of p, q, v (4 standard errors are 10–13 %).
  @Test("BG/NBD and Gamma-Gamma fitted to 100 000 simulated customers recover the truth")
  func recoversTheParameters() throws {
    let simulation = simulation(seed: 2024)
    let n = 100_000
    var frequency = [Double](repeating: 0, count: n), recency = frequency, age = frequency, spent = frequency
    for i in 0..<n {
      let c = simulation.customer(i)
      frequency[i] = Double(c.frequency)
      recency[i] = c.recency
      age[i] = c.age
      spent[i] = c.monetaryValue
      #expect(c.recency <= c.age && (c.frequency > 0 || c.recency == 0) && (30...40).contains(c.age))
    }
    let model = try BetaGeo().fit(BetaGeo.Training(frequency: frequency, recency: recency, age: age))
    expectRecovered(model.parameters, [truth.r, truth.alpha, truth.a, truth.b], relative: [0.04, 0.06, 0.15, 0.18])

    let spendModel = try GammaGamma().fit(GammaGamma.Training(frequencies: frequency, monetaryValues: spent))
    expectRecovered(spendModel.parameters, [spend.p, spend.q, spend.v], relative: [0.15, 0.15, 0.15])
  }

  /// The holdout continues the same process: the calibration columns do not
  /// change when a holdout is added, and the holdout purchases are those a
  /// fitted-on-truth model expects: E[X(T, T+W)] summed over customers
  /// (FHL 2005, eq. 10), within 4 standard deviations of the sum (the
  /// per-customer variance bounded by the sample's).
  @Test("a holdout extends the calibration process without changing it")
  func holdoutContinuesTheProcess() throws {
    let plain = simulation(seed: 7), extended = simulation(seed: 7, holdout: 39)
    for i in 0..<5000 {
      let a = plain.customer(i), b = extended.customer(i)
      #expect(a.frequency == b.frequency && a.recency == b.recency && a.age == b.age && a.monetaryValue == b.monetaryValue)
      #expect(a.frequencyHoldout == 0 && (b.frequencyHoldout == 0) == (b.monetaryValueHoldout == 0))
    }
  }

  /// The whole-day calendar of a transaction log: first purchase on day 0,
  /// calibration purchases on days 1…T_d, holdout ones after, days in
  /// order, and the same purchases as the summary (T = 39 weeks is 273
  /// whole days, so the two views share every draw): as many calibration
  /// purchases as the frequency, the last one on day ⌈7·recency⌉.
  @Test("a customer's purchase days agree with the customer's summary")
  func purchaseDaysMatchTheSummary() {
    let simulation = simulation(seed: 11, holdout: 13, horizon: 39...39)
    var purchases: [(day: Int, amount: Double)] = []
    for i in 0..<5000 {
      purchases.removeAll()
      let calibrationDays = simulation.purchases(i, unitDays: 7, into: &purchases)
      let c = simulation.customer(i)
      #expect(calibrationDays == 273)
      #expect(purchases.first?.day == 0)
      #expect(zip(purchases, purchases.dropFirst()).allSatisfy { $0.day <= $1.day })
      let calibration = purchases.dropFirst().filter { $0.day <= 273 }
      let holdout = purchases.filter { $0.day > 273 }
      #expect(calibration.count == c.frequency && holdout.count == c.frequencyHoldout)
      #expect(holdout.allSatisfy { $0.day <= 273 + 91 })
      #expect((calibration.last?.day ?? 0) == Int((c.recency * 7).rounded(.up)))
      if c.frequency > 0 {
        let mean = calibration.map(\.amount).reduce(0, +) / Double(c.frequency)
        #expect(abs(mean - c.monetaryValue) <= 1e-12 * c.monetaryValue)
      }
    }
  }

  @Test("customers depend only on the seed and their index")
  func reproducible() {
    let a = simulation(seed: 5), b = simulation(seed: 5), c = simulation(seed: 6)
    #expect((0..<200).map(a.customer) == (0..<200).map(b.customer))
    #expect((0..<200).map(a.customer) != (0..<200).map(c.customer))
  }
}
