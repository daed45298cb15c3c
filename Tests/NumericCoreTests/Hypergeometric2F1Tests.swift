import Foundation
import Numerics
import NumericCore
import Testing

@Test func unitGapHypergeometricMatchesMpmath() throws {
  // mpmath (40 digits): log(hyp2f1(a, b, a + 1, z)), including parameters of order 10⁴.
  for (a, b, z, expected) in [
    (1.5, 1.6, 0.3, 0.33615813016721203176), (1e4, 1.606, 0.9, 3.6965087414427366107),
    (1e4, 1e4, 0.5, 6930.7787084176429405), (2.2, 1e4, 0.99, 46038.684955811794456),
    (0.1, 0.2, 0.999, 0.035430611369649672727),
  ] {
    let value = try logHypergeometric2F1UnitGap(a, b, z)
    // ln F to 1e-12 relative, or 1e-13 absolute (F itself to 1e-13 relative) where ln F is small.
    #expect(value.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-13, relativeTolerance: 1e-12), "2F1(\(a), \(b); \(a + 1); \(z)) = \(value)")
  }
  #expect(try logHypergeometric2F1UnitGap(3, 2, 0) == 0)
}

@Test func logSubExpIsStable() {
  #expect(logSubExp(1000, 999).isApproximatelyEqual(to: 1000 + log(1 - exp(-1.0)), relativeTolerance: 1e-15))
  #expect(logSubExp(0, -1e-10).isApproximatelyEqual(to: log(1e-10) - 5e-11, relativeTolerance: 1e-15))
  #expect(logSubExp(5, -.infinity) == 5)
  #expect(logSubExp(5, 5) == -.infinity)
}
