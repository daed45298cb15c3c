import Foundation

/// The series ₂F₁(r+x, b+x; a+b+x−1; z) of BG/NBD's conditional expectation
/// (FHL 2005, eq. 10) for the small frequencies most customers have, its
/// coefficients
///
///     cₖ(x) = (r+x)ₖ(b+x)ₖ / ((a+b+x−1)ₖ·k!)
///
/// tabulated once: they depend on the model and x alone, only z = t/(α+T+t)
/// on the customer, whose Σₖ cₖ(x)·zᵏ then costs a multiply-add per term
/// instead of a division (the series is summed as `logHypergeometric2F1`
/// sums it, and stops by the same rule). Rows stop where a coefficient
/// passes 10²⁹⁰; a customer whose series runs past its row is left to
/// `logHypergeometric2F1`.
struct BetaGeoExpectationSeries {
  static let terms = 512
  /// The largest tabulated frequency.
  let largestFrequency: Int
  private var coefficients: [Double]
  /// How many coefficients of each row are tabulated (0 where a+b+x−1 ≤ 0).
  private var usable: [Int]

  init(r: Double, a: Double, b: Double, largestFrequency: Int) {
    self.largestFrequency = largestFrequency
    let n = Self.terms
    coefficients = [Double](repeating: 0, count: (largestFrequency + 1) * n)
    usable = [Int](repeating: 0, count: largestFrequency + 1)
    for row in 0...largestFrequency {
      let x = Double(row)
      let (p, q, c) = (r + x, b + x, a + b + x - 1)
      guard c > 0 else { continue }
      var coefficient = 1.0
      var count = 0
      while count < n && coefficient < 1e290 {
        coefficients[row * n + count] = coefficient
        let k = Double(count)
        coefficient *= (p + k) * (q + k) / ((c + k) * (k + 1))
        count += 1
      }
      usable[row] = count
    }
  }

  /// ln ₂F₁(r+x, b+x; a+b+x−1; z), or nil when x is not tabulated or the
  /// series runs past its row.
  func logHypergeometric(frequency x: Double, z: Double) -> Double? {
    guard x >= 0, x <= Double(largestFrequency), x == x.rounded() else { return nil }
    let row = Int(x)
    let tail = exp(-37.5)
    return coefficients.withUnsafeBufferPointer { all -> Double? in
      let c = all.baseAddress! + row * Self.terms
      var sum = 1.0, power = 1.0
      var k = 1
      while k < usable[row] - 1 {
        power *= z
        let term = c[k] * power
        sum += term
        // The term ratio cₖ₊₁z/cₖ below 1 and the term below e^−37.5 of the sum.
        if c[k + 1] * z < c[k] && term < tail * sum { return log(sum) }
        k += 1
      }
      return nil
    }
  }
}
