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
