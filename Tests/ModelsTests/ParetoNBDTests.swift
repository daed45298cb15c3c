import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

/// notebooks-data/summary.csv: the CDNOW calibration summary (weeks).
private func cdnow() throws -> ParetoNBD.Training {
  try ParetoNBD.Training(table: try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path))
}

private func significant(_ x: Double, _ digits: Int) -> Double {
  let scale = pow(10, Double(digits - 1) - floor(log10(abs(x))))
  return (x * scale).rounded() / scale
}

private func model(_ r: Double, _ alpha: Double, _ s: Double, _ beta: Double) -> ParetoNBDModel {
  ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta, covariance: nil, configuration: ParetoNBD(),
    report: BetaGeoFitReport(optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
      rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0))
}

/// The parameters Fader & Hardie publish for CDNOW (notebooks-data/CDNOW.md).
private let published = model(0.553, 10.578, 0.606, 11.669)

@Test func paretoCdnowParametersMatchThePublishedOnes() throws {
  // Fader & Hardie; reproduced by BTYD and CLVTools (notebooks-data/CDNOW.md):
  // r 0.553, alpha 10.578, s 0.606, beta 11.669, ℓ −9595.0 (BTYD's pnbd.cbs.LL: −9594.98).
  let fitted = try ParetoNBD().fit(try cdnow())
  #expect(significant(fitted.r, 3) == 0.553)
  #expect(significant(fitted.alpha, 3) == 10.6)
  #expect(significant(fitted.s, 3) == 0.606)
  #expect(significant(fitted.beta, 3) == 11.7)
  #expect(abs(fitted.report.logLikelihood - (-9594.98)) < 0.01)
  #expect(fitted.parameters.allSatisfy { ($0.standardError ?? 0) > 0 })
}

@Test func paretoCdnowPredictionsMatchBTYD() throws {
  // BTYD's vignette: for x = 26, tₓ = 30.857, T = 31, E[Y(52)] = 25.456 and
  // P(alive) = 0.99787 (notebooks-data/CDNOW.md), at BTYD's own estimate; at
  // cvw's fit mpmath gives 25.45536 and 0.9978712, so the expectation is held
  // to the published number's last digit.
  let fitted = try ParetoNBD().fit(try cdnow())
  #expect(abs(try fitted.expectedPurchases(over: 52, frequency: 26, recency: 30.857, age: 31) - 25.456) < 1e-3)
  #expect(abs(try fitted.probabilityAlive(frequency: 26, recency: 30.857, age: 31) - 0.99787) < 5e-6)
  // At the published parameters: 0.99787203 (mpmath).
  #expect(abs(try published.probabilityAlive(frequency: 26, recency: 30.857, age: 31) - 0.99787) < 5e-6)
  // The Newton run ended where the gradient vanishes, within the finite differences' accuracy.
  #expect(fitted.report.optimization.gradientNorm < 1e-5)
}

@Test func paretoFormulasMatchMpmathAtThePublishedParameters() throws {
  // mpmath (40 digits) evaluating Fader & Hardie's likelihood with hyp2f1, P(alive)
  // and the expectations at r 0.553, alpha 10.578, s 0.606, beta 11.669.
  let theta = [0.553, 10.578, 0.606, 11.669]
  for (x, t, T, expected) in [(0.0, 0.0, 38.86, -0.52104629408089037401), (2, 30.43, 38.86, -9.5542832451504057193),
                               (26, 30.857, 31, -39.13162474569063213), (10_000, 50, 52, 41053.31490621099098)] {
    #expect(try ParetoNBDLikelihood.logLikelihood(theta, x: x, recency: t, age: T)
      .isApproximatelyEqual(to: expected, relativeTolerance: 1e-11), "ℓ(\(x), \(t), \(T))")
  }
  #expect(try published.probabilityAlive(frequency: 26, recency: 30.857, age: 31).isApproximatelyEqual(to: 0.99787203492776152731, relativeTolerance: 1e-12))
  #expect(try published.expectedPurchases(over: 52, frequency: 26, recency: 30.857, age: 31).isApproximatelyEqual(to: 25.457281659934510629, relativeTolerance: 1e-11))
  #expect(try published.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 0.869167559153011199, relativeTolerance: 1e-12))
  #expect(try published.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 1.4551231932576025029, relativeTolerance: 1e-11))
  #expect(try published.probabilityAlive(frequency: 0, recency: 0, age: 38.86).isApproximatelyEqual(to: 0.29528660461689415751, relativeTolerance: 1e-12))
  for (t, expected) in [(1.0, 0.050979843245990999539), (3, 0.14606118505019625606), (32, 1.0558961304112625955), (78, 1.9093981293136854572)] {
    #expect(published.expectedPurchases(over: t).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12), "E[X(\(t))]")
  }
}

@Test func paretoLikelihoodIsExactInBothBranchesAtFrequency10000() throws {
  // α < β and α > β (the two forms of A₀), with 10⁴ repeat purchases, against mpmath;
  // the reference libraries overflow or return NaN here (lifetimes #25, #302, #332; CLVTools #163).
  let cases: [([Double], [(Double, Double, Double, Double)])] = [
    ([0.553, 5, 0.606, 20], [(0, 0, 38.86, -0.85837483451469982867), (2, 30.43, 38.86, -9.4463321099378156035),
                             (10_000, 50, 52, 42018.966438507438619), (10_000, 0.5, 52, 65045.760476997051934)]),
    ([0.553, 20, 0.606, 5], [(0, 0, 38.86, -0.27011250640580947171), (2, 30.43, 38.86, -10.058125943254486771),
                             (10_000, 50, 52, 39607.767424243484113), (10_000, 0.5, 52, 51891.619593601700164)]),
  ]
  for (theta, rows) in cases {
    for (x, t, T, expected) in rows {
      #expect(try ParetoNBDLikelihood.logLikelihood(theta, x: x, recency: t, age: T)
        .isApproximatelyEqual(to: expected, relativeTolerance: 1e-11), "ℓ(\(x), \(t), \(T)) at \(theta)")
    }
  }
  // Predictions at 10⁴ purchases stay finite: mpmath gives P(alive) 1.3856292345071486511e-137 and
  // E[Y(52)] 9.4898176765941974631e-134 (she bought 200 times a week and then stopped for two).
  #expect(try published.probabilityAlive(frequency: 10_000, recency: 50, age: 52).isApproximatelyEqual(to: 1.3856292345071486511e-137, relativeTolerance: 1e-9))
  #expect(try published.expectedPurchases(over: 52, frequency: 10_000, recency: 50, age: 52).isApproximatelyEqual(to: 9.4898176765941974631e-134, relativeTolerance: 1e-9))
  let loyal = try published.expectedPurchases(over: 52, frequency: 10_000, recency: 52, age: 52)
  #expect(loyal.isFinite && loyal > 1000)
}

@Test func paretoFiniteDifferencesMatchTheirOwnRefinement() throws {
  // The gradient and Hessian are finite differences: halving the step changes them
  // by far less than Newton needs, and the gradient agrees with a plain central difference.
  let likelihood = ParetoNBDLikelihood(try cdnow())
  let theta = [0.553, 10.578, 0.606, 11.669]
  let e = likelihood.derivatives(theta)
  #expect(e.value == likelihood.negativeLogLikelihood(theta))
  for i in 0..<4 {
    let h = 1e-5 * theta[i]
    var up = theta, down = theta
    up[i] += h
    down[i] -= h
    let slope = (likelihood.negativeLogLikelihood(up) - likelihood.negativeLogLikelihood(down)) / (2 * h)
    #expect(e.gradient[i].isApproximatelyEqual(to: slope, absoluteTolerance: 1e-3, relativeTolerance: 1e-5), "∂/∂θ\(i)")
    let gu = likelihood.derivatives(up).gradient, gd = likelihood.derivatives(down).gradient
    for j in 0..<4 {
      let second = (gu[j] - gd[j]) / (2 * h)
      #expect(e.hessian[i, j].isApproximatelyEqual(to: second, absoluteTolerance: 1e-1, relativeTolerance: 1e-3), "∂²/∂θ\(i)∂θ\(j)")
    }
  }
}

@Test func paretoDataWithoutRepeatPurchasesIsNotIdentified() {
  #expect(throws: FitError.self) {
    try ParetoNBD().fit(.init(frequency: [0, 0], recency: [0, 0], age: [10, 20]))
  }
}

@Test func paretoLifetimeFactorIsContinuousAtSEqualOne() {
  let q = log(10.0 / 20)
  let atOne = ParetoNBDModel.lifetimeFactor(s: 1, logRatio: q)
  #expect(abs(atOne - ParetoNBDModel.lifetimeFactor(s: 1 + 1e-9, logRatio: q)) < 1e-8)
  #expect(abs(atOne - ParetoNBDModel.lifetimeFactor(s: 1 - 1e-9, logRatio: q)) < 1e-8)
}
