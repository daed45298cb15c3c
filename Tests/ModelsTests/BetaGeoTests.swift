import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

/// notebooks-data/summary.csv: the CDNOW calibration summary (weeks).
private func cdnow() throws -> BetaGeo.Training {
  try BetaGeo.Training(table: try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path))
}

private func significant(_ x: Double, _ digits: Int) -> Double {
  let scale = pow(10, Double(digits - 1) - floor(log10(abs(x))))
  return (x * scale).rounded() / scale
}

@Test func cdnowParametersMatchThePaper() throws {
  // Fader, Hardie & Lee (2005), table 1; reproduced by R BTYD, CLVTools and lifetimes
  // (notebooks-data/CDNOW.md): r 0.2426, alpha 4.4135, a 0.7929, b 2.4259, ℓ −9582.43.
  let model = try BetaGeo().fit(try cdnow())
  #expect(significant(model.r, 4) == 0.2426)
  #expect(significant(model.alpha, 4) == 4.414)
  #expect(significant(model.a, 4) == 0.7929)
  #expect(significant(model.b, 4) == 2.426)
  #expect(abs(model.report.logLikelihood - (-9582.43)) < 0.01)
  // Standard errors from the Hessian, lifetimes: r 0.0126, alpha 0.378, a 0.186, b 0.705.
  let se = model.parameters.map { $0.standardError! }
  for (value, published) in zip(se, [0.0126, 0.378, 0.186, 0.705]) {
    #expect(abs(value / published - 1) < 0.01, "SE \(value) vs \(published)")
  }
  #expect(model.report.distinctRows < model.report.rows)
}

@Test func cdnowPredictionsMatchThePaper() throws {
  // FHL 2005: E[Y(39) | x = 2, tₓ = 30.43, T = 38.86] = 1.226; E[X(t)] at t = 1, 3, 32, 78:
  // 0.0532, 0.1506, 1.0437, 1.8576 (notebooks-data/CDNOW.md), at the fitted parameters.
  let model = try BetaGeo().fit(try cdnow())
  #expect(abs(try model.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86) - 1.226) < 5e-4)
  // The listed E[X(78)] = 1.8576 is itself off in the fourth digit: mpmath gives
  // 1.85797 at these fitted parameters and 1.85805 at the published ones (see the
  // exact test below), so t = 78 is held to 5e-4 and the others to 5e-5.
  for (t, expected, tolerance) in [(1.0, 0.0532, 5e-5), (3, 0.1506, 5e-5), (32, 1.0437, 5e-5), (78, 1.8576, 5e-4)] {
    #expect(abs(try model.expectedPurchases(over: t) - expected) < tolerance, "E[X(\(t))]")
  }
  // P(X(t) = k) sums to 1 over k.
  let total = (0..<400).reduce(0.0) { $0 + model.probabilityOfPurchases($1, over: 39) }
  #expect(abs(total - 1) < 1e-9)
}

@Test func gradientAndHessianMatchFiniteDifferences() throws {
  let likelihood = BetaGeoLikelihood(try cdnow())
  for theta in [[0.2426, 4.4135, 0.7929, 2.4259], [1.3, 0.5, 2.2, 0.4], [0.05, 20, 5, 9]] {
    let e = likelihood.derivatives(theta)
    #expect(e.value.isApproximatelyEqual(to: likelihood.negativeLogLikelihood(theta), relativeTolerance: 1e-12))
    for i in 0..<4 {
      let h = 1e-6 * theta[i]
      var up = theta, down = theta
      up[i] += h
      down[i] -= h
      let slope = (likelihood.negativeLogLikelihood(up) - likelihood.negativeLogLikelihood(down)) / (2 * h)
      #expect(e.gradient[i].isApproximatelyEqual(to: slope, absoluteTolerance: 1e-3, relativeTolerance: 1e-6), "∂/∂θ\(i) at \(theta)")
      let gu = likelihood.derivatives(up).gradient, gd = likelihood.derivatives(down).gradient
      for j in 0..<4 {
        let second = (gu[j] - gd[j]) / (2 * h)
        #expect(e.hessian[i, j].isApproximatelyEqual(to: second, absoluteTolerance: 1e-2, relativeTolerance: 1e-5), "∂²/∂θ\(i)∂θ\(j) at \(theta)")
      }
    }
  }
}

@Test func extremeFrequenciesAndParametersStayFinite() throws {
  // A customer with 10⁴ repeat purchases, and parameters near the boundary.
  let data = BetaGeo.Training(frequency: [10_000, 0, 3], recency: [50, 0, 20], age: [52, 52, 52])
  let likelihood = BetaGeoLikelihood(data)
  for theta in [[0.2426, 4.4135, 0.7929, 2.4259], [1e-4, 1e-4, 1e-4, 1e-4], [1e4, 1e4, 1e4, 1e4], [1e-4, 1e4, 50, 1e-3]] {
    let e = likelihood.derivatives(theta)
    #expect(e.value.isFinite && e.gradient.allSatisfy(\.isFinite) && e.hessian.elements.allSatisfy(\.isFinite), "\(theta)")
  }
  let model = BetaGeoModel(r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4259, covariance: nil, configuration: BetaGeo(),
    report: BetaGeoFitReport(optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
      rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0))
  let heavy = try model.expectedPurchases(over: 52, frequency: 10_000, recency: 50, age: 52)
  #expect(heavy.isFinite && heavy > 0)
  #expect(model.probabilityAlive(frequency: 10_000, recency: 50, age: 52).isFinite)
}

@Test func dataWithoutRepeatPurchasesIsNotIdentified() {
  #expect(throws: FitError.self) {
    try BetaGeo().fit(.init(frequency: [0, 0], recency: [0, 0], age: [10, 20]))
  }
}

@Test func predictionFormulasMatchMpmathAtThePublishedParameters() throws {
  // mpmath (30 digits) evaluating FHL 2005 eqs. 9, 10 and 13 with hyp2f1 at
  // r 0.2426, alpha 4.4135, a 0.7929, b 2.4259.
  let model = BetaGeoModel(r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4259, covariance: nil, configuration: BetaGeo(),
    report: BetaGeoFitReport(optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
      rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0))
  for (t, expected) in [(1.0, 0.053186708527794238), (3, 0.15063764261399545), (32, 1.0437803911848388), (78, 1.8580492108479011)] {
    #expect(try model.expectedPurchases(over: t).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12), "E[X(\(t))]")
  }
  #expect(try model.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86)
    .isApproximatelyEqual(to: 1.2259246459773781, relativeTolerance: 1e-12))
  #expect(model.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 0.7266137957881688, relativeTolerance: 1e-13))
  #expect(model.probabilityAlive(frequency: 0, recency: 0, age: 38.86) == 1)
}

@Test func everyCustomersPredictionsMatchLifetimes() throws {
  // clv_predictions.csv (make_clv_fixtures.py, lifetimes 0.11.3):
  // conditional_expected_number_of_purchases_up_to_time(39 and 52) and
  // conditional_probability_alive for all 2,357 CDNOW customers, at lifetimes'
  // fitted parameters, which the model is built with here.
  let model = try Fixtures.lifetimesBetaGeo()
  let table = try CSVReader.read(Fixtures.path("clv_predictions.csv"))
  let x = try table.numeric("frequency"), t = try table.numeric("recency"), T = try table.numeric("T")
  let e39 = try table.numeric("expected_purchases_39"), e52 = try table.numeric("expected_purchases_52")
  let alive = try table.numeric("probability_alive")
  var worst = 0.0
  for i in 0..<table.rowCount {
    let ours = [
      try model.expectedPurchases(over: 39, frequency: x[i], recency: t[i], age: T[i]),
      try model.expectedPurchases(over: 52, frequency: x[i], recency: t[i], age: T[i]),
      model.probabilityAlive(frequency: x[i], recency: t[i], age: T[i]),
    ]
    for (a, b) in zip(ours, [e39[i], e52[i], alive[i]]) {
      // Customers such as 1901 have P(alive) ≈ 2.5e-11: an absolute floor of 1e-15.
      worst = max(worst, abs(a - b) / max(abs(b), 1e-9))
      #expect(abs(a - b) <= 1e-6 * abs(b) + 1e-15, "customer row \(i + 1): \(a) vs \(b)")
    }
  }
  #expect(worst < 1e-9, "largest relative difference \(worst)")
}

@Test func fittedParametersMatchLifetimes() throws {
  // lifetimes stops its BFGS within ~5e-9 (log-parameters) of the optimum.
  let p = try Fixtures.lifetimesParameters("bgnbd")
  let model = try BetaGeo().fit(try cdnow())
  for (ours, theirs) in zip([model.r, model.alpha, model.a, model.b], [p["r"]!, p["alpha"]!, p["a"]!, p["b"]!]) {
    #expect(ours.isApproximatelyEqual(to: theirs, relativeTolerance: 1e-7))
  }
  #expect(model.report.logLikelihood.isApproximatelyEqual(to: -9582.425560567362, relativeTolerance: 1e-12))
}

@Test func unconditionalPredictionsMatchLifetimes() throws {
  // clv_reference.json: probability_of_n_purchases_up_to_time(39, n) and
  // expected_number_of_purchases_up_to_time(t), at lifetimes' parameters.
  let model = try Fixtures.lifetimesBetaGeo()
  let byN = [0.5743072913136612, 0.19919304251810538, 0.08532240842799024, 0.04579719364816485, 0.027631217466896056, 0.017938393773592874]
  for (k, expected) in byN.enumerated() {
    #expect(model.probabilityOfPurchases(k, over: 39).isApproximatelyEqual(to: expected, relativeTolerance: 1e-10), "P(X(39) = \(k))")
  }
  for (t, expected) in [(1.0, 0.05318474076194048), (3, 0.1506319301294433), (32, 1.0437372283241566), (78, 1.8579717785739027)] {
    #expect(try model.expectedPurchases(over: t).isApproximatelyEqual(to: expected, relativeTolerance: 1e-10), "E[X(\(t))]")
  }
}

@Test func thePenalizerMatchesLifetimes() throws {
  // lifetimes 0.11.3, BetaGeoFitter / ModifiedBetaGeoFitter(penalizer_coef=0.01)
  // .fit(frequency, recency, T, tol=1e-9) on notebooks-data/summary.csv. lifetimes
  // fits on T / max T, so α is penalised in those units.
  let data = try cdnow()
  let bg = try BetaGeo(penalizer: 0.01).fit(data)
  let expected = [0.24294033026075462, 4.432437051554836, 0.28564150738498184, 0.6584535285149192]
  for (ours, theirs) in zip([bg.r, bg.alpha, bg.a, bg.b], expected) {
    #expect(ours.isApproximatelyEqual(to: theirs, relativeTolerance: 1e-5), "\(ours) vs \(theirs)")
  }
  #expect(bg.covariance == nil && bg.parameters.allSatisfy { $0.standardError == nil })
  let mbg = try ModifiedBetaGeo(penalizer: 0.01).fit(data)
  let expectedMBG = [0.6152445875834883, 6.738468061282973, 0.4990793240673479, 0.6722763527835797]
  for (ours, theirs) in zip([mbg.r, mbg.alpha, mbg.a, mbg.b], expectedMBG) {
    #expect(ours.isApproximatelyEqual(to: theirs, relativeTolerance: 1e-5), "\(ours) vs \(theirs)")
  }
}

@Test func expectationsAreFiniteAtTheSingularA() throws {
  // a = 1 makes (a+b+x−1)/(a−1) infinite and the bracket 0; the limit is finite
  // and continuous with its neighbours.
  var model = try Fixtures.lifetimesBetaGeo()
  model.a = 1
  let atOne = try model.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86)
  model.a = 1.001
  let near = try model.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86)
  #expect(atOne.isFinite && abs(atOne - near) < 1e-3 * near)
  model.a = 1
  #expect(try model.expectedPurchases(over: 39).isFinite)
}

@Test func expectationsHoldWhenAPlusBIsBelowOne() throws {
  // a + b − 1 < 0: ₂F₁'s third parameter is negative for customers without repeat
  // purchases. mpmath (30 digits), r 0.5, α 3, a 0.3, b 0.5: E[X(10)] and E[Y(10) | 0, 0, 20].
  var model = try Fixtures.lifetimesBetaGeo()
  (model.r, model.alpha, model.a, model.b) = (0.5, 3, 0.3, 0.5)
  #expect(try model.expectedPurchases(over: 10).isApproximatelyEqual(to: 1.0828778183116138, relativeTolerance: 1e-12))
  #expect(try model.expectedPurchases(over: 10, frequency: 0, recency: 0, age: 20)
    .isApproximatelyEqual(to: 0.19613615828396781, relativeTolerance: 1e-12))
  // A horizon so long that t/(α+T+t) rounds to 1 is an error, not a trap.
  #expect(throws: HypergeometricDomainError.self) { try model.expectedPurchases(over: 1e300, frequency: 2, recency: 5, age: 20) }
}

@Test func degenerateSummariesFailCleanly() {
  // ℓ grows without bound as α → 0 here: the fit must stop with an error, not trap on ψ(0).
  #expect(throws: FitError.self) {
    try BetaGeo().fit(.init(frequency: [5, 0], recency: [0, 0], age: [10, 10]))
  }
}

@Test func tabulatedExpectationSeriesMatchesTheDirectSum() throws {
  // The coefficients tabulated for scoring give ln ₂F₁(r+x, b+x; a+b+x−1; z)
  // as `logHypergeometric2F1` sums it, to rounding, for every tabulated x.
  let (r, a, b) = (0.2426, 0.7929, 2.4259)
  let series = BetaGeoExpectationSeries(r: r, a: a, b: b, largestFrequency: 64)
  for x in 0...64 {
    for z in [1e-6, 0.1, 0.47, 0.53, 0.8] {
      let direct = try logHypergeometric2F1(r + Double(x), b + Double(x), a + b + Double(x) - 1, z)
      let tabulated = series.logHypergeometric(frequency: Double(x), z: z)
      // At z = 0.8 the series of x ≳ 40 needs more than the 512 tabulated terms.
      #expect(tabulated != nil || (z == 0.8 && x > 30), "x \(x), z \(z) not tabulated")
      if let tabulated {
        #expect(abs(tabulated - direct) <= 1e-13 * max(1, abs(direct)), "x \(x), z \(z): \(tabulated) vs \(direct)")
      }
    }
  }
  // Outside the table the caller sums directly.
  let outside = [series.logHypergeometric(frequency: 65, z: 0.5), series.logHypergeometric(frequency: 2.5, z: 0.5)]
  #expect(outside == [nil, nil])
  // a + b − 1 ≤ 0 at x = 0: ₂F₁ has a pole there, the row is empty.
  let pole = BetaGeoExpectationSeries(r: 0.5, a: 0.3, b: 0.5, largestFrequency: 3).logHypergeometric(frequency: 0, z: 0.5)
  #expect(pole == nil)
  // A series longer than the table (z near 1 at x = 64) is left to the direct sum.
  let long = series.logHypergeometric(frequency: 64, z: 0.999)
  #expect(long == nil)
}
