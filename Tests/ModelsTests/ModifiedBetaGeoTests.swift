import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

/// notebooks-data/summary.csv: the CDNOW calibration summary (weeks).
private func cdnow() throws -> ModifiedBetaGeo.Training {
  try ModifiedBetaGeo.Training(table: try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path))
}

private func significant(_ x: Double, _ digits: Int) -> Double {
  let scale = pow(10, Double(digits - 1) - floor(log10(abs(x))))
  return (x * scale).rounded() / scale
}

/// The published CDNOW parameters (BTYDplus, lifetimes; notebooks-data/CDNOW.md).
private let published = ModifiedBetaGeoModel(
  r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, covariance: nil, configuration: ModifiedBetaGeo(),
  report: BetaGeoFitReport(optimization: .init(solver: "", iterations: 0, evaluations: 0, converged: true, gradientNorm: 0, value: 0, message: ""),
    rows: 0, distinctRows: 0, customers: 0, logLikelihood: 0))

@Test func modifiedBetaGeoCdnowParametersMatchThePublishedOnes() throws {
  // BTYDplus and lifetimes (notebooks-data/CDNOW.md): r 0.525, alpha 6.183, a 0.891, b 1.614.
  let model = try ModifiedBetaGeo().fit(try cdnow())
  #expect(significant(model.r, 3) == 0.525)
  #expect(significant(model.alpha, 3) == 6.18)
  #expect(significant(model.a, 3) == 0.891)
  #expect(significant(model.b, 3) == 1.61)
  #expect(model.parameters.allSatisfy { ($0.standardError ?? 0) > 0 })
  // MBG/NBD's extra parameter freedom is spent on the zero-repeat customers: it fits
  // CDNOW no better than BG/NBD's ℓ = −9582.43, but it is a likelihood all the same.
  #expect(model.report.logLikelihood < 0 && model.report.logLikelihood.isFinite)
}

@Test func modifiedBetaGeoGradientAndHessianMatchFiniteDifferences() throws {
  let likelihood = BetaGeoLikelihood(try cdnow(), dropoutAtStart: true)
  for theta in [[0.525, 6.183, 0.891, 1.614], [1.3, 0.5, 2.2, 0.4], [0.05, 20, 5, 9]] {
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

@Test func modifiedBetaGeoLikelihoodIsLifetimes() throws {
  // lifetimes' ModifiedBetaGeoFitter._negative_log_likelihood, term by term, for one
  // customer without and one with repeat purchases.
  let (r, alpha, a, b) = (0.525, 6.183, 0.891, 1.614)
  for (x, t, T) in [(0.0, 0.0, 38.86), (2, 30.43, 38.86)] {
    let likelihood = BetaGeoLikelihood(.init(frequency: [x], recency: [t], age: [T]), dropoutAtStart: true)
    let a1 = logGamma(r + x) - logGamma(r) + r * log(alpha)
    let a2 = logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1)
    let a3 = -(r + x) * log(alpha + T)
    let a4 = log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + t))
    let expected = -(a1 + a2 + a3 + logAddExp(a4, 0))
    #expect(likelihood.negativeLogLikelihood([r, alpha, a, b]).isApproximatelyEqual(to: expected, relativeTolerance: 1e-13))
  }
}

@Test func modifiedBetaGeoPredictionsMatchMpmath() throws {
  // mpmath (40 digits) evaluating lifetimes' formulas at the published parameters.
  #expect(published.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 0.7062022651184872794, relativeTolerance: 1e-13))
  // Unlike BG/NBD, a customer without repeat purchases may have left.
  #expect(published.probabilityAlive(frequency: 0, recency: 0, age: 38.86).isApproximatelyEqual(to: 0.38973508091876290007, relativeTolerance: 1e-13))
  #expect(try published.expectedPurchases(over: 39, frequency: 2, recency: 30.43, age: 38.86).isApproximatelyEqual(to: 1.2629606232673657107, relativeTolerance: 1e-12))
  #expect(try published.expectedPurchases(over: 39, frequency: 0, recency: 0, age: 38.86).isApproximatelyEqual(to: 0.15401274667514668797, relativeTolerance: 1e-12))
  for (t, expected) in [(1.0, 0.053084795263701842742), (3, 0.15086328860664117002), (32, 1.0371828324286345885), (78, 1.8047575775531417832)] {
    #expect(try published.expectedPurchases(over: t).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12), "E[X(\(t))]")
  }
  // 10⁴ repeat purchases: 8.9290938751616955301e-145 (mpmath), where scipy's hyp2f1 overflows.
  #expect(try published.expectedPurchases(over: 52, frequency: 10_000, recency: 50, age: 52).isApproximatelyEqual(to: 8.9290938751616955301e-145, relativeTolerance: 1e-9))
}

@Test func modifiedBetaGeoDataWithoutRepeatPurchasesIsNotIdentified() {
  #expect(throws: FitError.self) {
    try ModifiedBetaGeo().fit(.init(frequency: [0, 0], recency: [0, 0], age: [10, 20]))
  }
}
