import Foundation
import NumericCore

/// Rows drawn from a logistic regression with known coefficients: data with
/// a known truth, for parameter-recovery tests and benchmarks.
///
/// Row i, on its own random stream seeded `derivedSeed(seed, i)` (so that a
/// row depends only on the seed and i, never on the chunking or the thread
/// count):
///
///     xⱼ ~ N(0, 1), rounded to 6 decimals   j = 1 … D, drawn in order
///     y  ~ Bernoulli(σ(β₀ + Σⱼ βⱼxⱼ))       from the rounded x
///
/// x is rounded before y is drawn, so the rows written with 6 decimals are
/// exactly a sample of the model (x on a 10⁻⁶ grid, which the likelihood does
/// not care about): rounding costs nothing in recovery.
///
/// The coefficients are fixed by D: β₀ = −1 (about 30 % positives) and
///
///     βⱼ = (−1)^(j+1) · s · (D + 1 − j)/D,   s = 2 / √(Σₖ₌₁ᴰ (k/D)²)
///
/// alternating in sign and falling in size from β₁, scaled so that
/// Σⱼ βⱼ² = 4: the linear predictor has standard deviation 2 for any D (no
/// separation, probabilities spread over (0, 1)).
public struct LogisticSimulation: Sendable, Equatable {
  /// D, the number of features.
  public let features: Int
  /// The seed every row's stream derives from.
  public let seed: UInt64
  /// β₀.
  public let intercept: Double
  /// β₁ … β_D.
  public let coefficients: [Double]
  /// The decimals x is rounded to.
  public static let decimals = 6

  /// - Precondition: D ≥ 1.
  public init(features: Int, seed: UInt64) {
    precondition(features >= 1, "at least one feature")
    self.features = features
    self.seed = seed
    intercept = -1
    let d = Double(features)
    var sumOfSquares = 0.0
    for k in 1...features { sumOfSquares += (Double(k) / d) * (Double(k) / d) }
    let s = 2 / sumOfSquares.squareRoot()
    coefficients = (1...features).map { j in
      (j % 2 == 1 ? 1 : -1) * s * Double(features + 1 - j) / d
    }
  }

  /// Draws row `index`: writes x₁ … x_D into `x` and returns y (0 or 1).
  /// - Precondition: `x.count == features`.
  @inline(__always)
  public func row(_ index: Int, into x: UnsafeMutableBufferPointer<Double>) -> Double {
    precondition(x.count == features)
    var random = RandomVariates(seed: SeededGenerator.derivedSeed(seed, index: index))
    var eta = intercept
    coefficients.withUnsafeBufferPointer { beta in
      for j in 0..<features {
        let value = (random.standardNormal() * 1e6).rounded() / 1e6
        x[j] = value
        eta += beta[j] * value
      }
    }
    return random.bernoulli(sigmoid(eta)) ? 1 : 0
  }
}
