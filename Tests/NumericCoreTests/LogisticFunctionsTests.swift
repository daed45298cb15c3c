import Foundation
import Numerics
import Testing

@testable import NumericCore

@Test func sigmoidIsStableAndSymmetric() {
  #expect(sigmoid(0) == 0.5)
  #expect(sigmoid(800) == 1)
  #expect(sigmoid(-800) == 0)
  // σ(−40) = e⁻⁴⁰/(1+e⁻⁴⁰): still representable, not flushed to 0.
  #expect(sigmoid(-40).isApproximatelyEqual(to: 4.248354255291589e-18, relativeTolerance: 1e-14))
  for x in stride(from: -30.0, through: 30, by: 0.37) {
    #expect((sigmoid(x) + sigmoid(-x)).isApproximatelyEqual(to: 1, relativeTolerance: 1e-15))
  }
}

@Test func log1pExpIsAccurateInBothTails() {
  // References: mpmath log(1 + exp(x)) at 50 digits.
  #expect(log1pExp(0) == log(2.0))
  #expect(log1pExp(-50).isApproximatelyEqual(to: 1.9287498479639178e-22, relativeTolerance: 1e-14))
  #expect(log1pExp(50) == 50)
  #expect(log1pExp(1000) == 1000)
  #expect(log1pExp(-1000) == 0)
  #expect(log1pExp(5).isApproximatelyEqual(to: 5.006715348489118, relativeTolerance: 1e-15))
  #expect(log1pExp(36.5).isApproximatelyEqual(to: 36.5 + exp(-36.5), relativeTolerance: 1e-16))
}

@Test func logSumExpDoesNotOverflow() {
  #expect(logSumExp([1000, 1000]).isApproximatelyEqual(to: 1000 + log(2.0)))
  #expect(logSumExp([-1000, -1000]).isApproximatelyEqual(to: -1000 + log(2.0)))
  #expect(logSumExp([Double]()) == -.infinity)
  #expect(logSumExp([1, 2, 3]).isApproximatelyEqual(to: log(exp(1.0) + exp(2.0) + exp(3.0))))
  #expect(logAddExp(-.infinity, 3) == 3)
  #expect(logAddExp(700, 700).isApproximatelyEqual(to: 700 + log(2.0)))
}

@Test func standardNormalTailsAndQuantiles() {
  // scipy.stats.norm.ppf(0.975) and 2·norm.sf(1.96).
  #expect(StandardNormal.quantile(0.975).isApproximatelyEqual(to: 1.959963984540054, relativeTolerance: 1e-14))
  #expect(StandardNormal.twoSidedPValue(1.96).isApproximatelyEqual(to: 0.04999579029644087, relativeTolerance: 1e-12))
  #expect(StandardNormal.quantile(1e-10).isApproximatelyEqual(to: -6.361340902404056, relativeTolerance: 1e-12))
  #expect(StandardNormal.quantile(0.5) == 0)
  // 2·norm.sf(10): the far tail keeps its relative accuracy.
  #expect(StandardNormal.twoSidedPValue(10).isApproximatelyEqual(to: 1.523970604832094e-23, relativeTolerance: 1e-12))
}

@Test func gammaFunctionsMatchScipy() {
  // scipy.special: gammaln, digamma, polygamma(1, x) at 1e-3, 0.5, 1, 7.3, 10, 1e4.
  let x = [1e-3, 0.5, 1, 7.3, 10, 1e4]
  let lnGamma = [6.907178885383853, 0.5723649429247, 0, 7.147892523022249, 12.801827480081469, 82099.71749644238]
  let psi = [-1000.5755719318103, -1.9635100260214235, -0.5772156649015329, 1.917820335637986, 2.251752589066721, 9.21029037114285]
  let psi1 = [1000001.6425331959, 4.93480220054468, 1.6449340668482266, 0.14679576813142703, 0.10516633568168576, 0.00010000500016666666]
  for k in x.indices {
    #expect(logGamma(x[k]).isApproximatelyEqual(to: lnGamma[k], absoluteTolerance: 1e-13, relativeTolerance: 1e-14))
    #expect(digamma(x[k]).isApproximatelyEqual(to: psi[k], relativeTolerance: 1e-14), "ψ(\(x[k]))")
    #expect(trigamma(x[k]).isApproximatelyEqual(to: psi1[k], relativeTolerance: 1e-14), "ψ′(\(x[k]))")
  }
  #expect(logBeta(2, 3).isApproximatelyEqual(to: log(1.0 / 12), relativeTolerance: 1e-15))
}

@Test func logHypergeometric2F1MatchesMpmath() throws {
  // mpmath.log(mpmath.hyp2f1(a, b, c, z)) at 40 digits; the third is a BG/NBD
  // customer with 10⁴ purchases, where scipy's hyp2f1 overflows.
  let cases: [(Double, Double, Double, Double, Double)] = [
    (0.5, 1.5, 2.5, 0.3, 0.10261304075412550448),
    (0.2426, 2.4259, 2.2188, 0.9, 0.66560274108560198396),
    (10000.24, 10002.4, 10002.2, 0.47, 6349.0620523784237319),
    (2.3, 4.1, 1.7, 0.999, 33.03369130507648),
    (0.001, 0.001, 0.001, 0.5, 0.00069314718055994532385),
  ]
  for (a, b, c, z, expected) in cases {
    let value = try logHypergeometric2F1(a, b, c, z)
    #expect(value.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12), "2F1(\(a), \(b); \(c); \(z))")
  }
  #expect(try logHypergeometric2F1(1, 1, 1, 0) == 0)
}
