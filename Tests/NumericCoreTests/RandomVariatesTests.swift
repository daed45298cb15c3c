import NumericCore
import Testing

/// Sample mean and variance, and the sample fourth central moment (for the
/// standard error of the variance where the exact one is not at hand).
private func moments(_ xs: [Double]) -> (mean: Double, variance: Double, fourth: Double) {
  let n = Double(xs.count)
  let mean = xs.reduce(0, +) / n
  var m2 = 0.0, m4 = 0.0
  for x in xs {
    let d = (x - mean) * (x - mean)
    m2 += d
    m4 += d * d
  }
  return (mean, m2 / (n - 1), m4 / n)
}

/// One distribution with its exact mean, variance and fourth central
/// moment μ₄ (nil: estimated from the sample).
struct VariateCase: CustomTestStringConvertible, Sendable {
  var name: String
  var mean: Double
  var variance: Double
  var fourth: Double?
  var draw: @Sendable (inout RandomVariates) -> Double
  var testDescription: String { name }
}

/// Exact raw moments E[Xᵏ] = Πᵢ₌₀^(k−1) (a+i)/(a+b+i) of Beta(a, b), turned
/// into the mean, variance and fourth central moment.
private func betaCase(_ a: Double, _ b: Double) -> VariateCase {
  func raw(_ k: Int) -> Double { (0..<k).reduce(1.0) { $0 * (a + Double($1)) / (a + b + Double($1)) } }
  let m = raw(1)
  let variance = raw(2) - m * m
  let fourth = raw(4) - 4 * m * raw(3) + 6 * m * m * raw(2) - 3 * m * m * m * m
  return VariateCase(name: "beta(\(a), \(b))", mean: m, variance: variance, fourth: fourth) { $0.beta(a, b) }
}

/// Gamma(k): mean k, variance k, μ₄ = 3k² + 6k (excess kurtosis 6/k).
private func gammaCase(_ k: Double) -> VariateCase {
  VariateCase(name: "gamma(\(k))", mean: k, variance: k, fourth: 3 * k * k + 6 * k) { $0.gamma(shape: k) }
}

private let cases: [VariateCase] = [
  VariateCase(name: "uniform", mean: 0.5, variance: 1.0 / 12, fourth: 1.0 / 80) { $0.uniform() },
  VariateCase(name: "uniform on (0, 1]", mean: 0.5, variance: 1.0 / 12, fourth: 1.0 / 80) { $0.uniformPositive() },
  VariateCase(name: "standard normal", mean: 0, variance: 1, fourth: 3) { $0.standardNormal() },
  VariateCase(name: "exponential", mean: 1, variance: 1, fourth: 9) { $0.exponential() },
  VariateCase(name: "bernoulli(0.1)", mean: 0.1, variance: 0.09, fourth: 0.1 * 0.9 * (1 - 3 * 0.09)) {
    $0.bernoulli(0.1) ? 1 : 0
  },
  VariateCase(name: "bernoulli(0.7)", mean: 0.7, variance: 0.21, fourth: 0.21 * (1 - 3 * 0.21)) { $0.bernoulli(0.7) ? 1 : 0 },
  gammaCase(0.05), gammaCase(0.243), gammaCase(0.793), gammaCase(1), gammaCase(2.426), gammaCase(30),
  // ln Gamma(k): mean ψ(k), variance ψ′(k).
  VariateCase(name: "log gamma(0.01)", mean: digamma(0.01), variance: trigamma(0.01), fourth: nil) {
    $0.gammaLogarithm(shape: 0.01)
  },
  VariateCase(name: "log gamma(0.243)", mean: digamma(0.243), variance: trigamma(0.243), fourth: nil) {
    $0.gammaLogarithm(shape: 0.243)
  },
  VariateCase(name: "log gamma(3.7)", mean: digamma(3.7), variance: trigamma(3.7), fourth: nil) {
    $0.gammaLogarithm(shape: 3.7)
  },
  betaCase(0.793, 2.426), betaCase(2, 5), betaCase(0.05, 0.1), betaCase(40, 3),
]

@Suite("RandomVariates")
struct RandomVariatesTests {
  /// With n = 50 000 draws, the sample mean has standard error √(σ²/n) and
  /// the sample variance √((μ₄ − σ⁴)/n); both must lie within 5 standard
  /// errors of the exact values (a correct sampler fails this with
  /// probability below 10⁻⁶ per check, while a wrong shape, rate or boost
  /// misses by many standard errors).
  @Test(arguments: cases)
  func momentsMatchTheDistribution(_ c: VariateCase) {
    let n = 50_000
    var random = RandomVariates(seed: 20_240_517)
    var xs = [Double](repeating: 0, count: n)
    for i in 0..<n { xs[i] = c.draw(&random) }
    let finite = xs.allSatisfy { $0.isFinite }
    #expect(finite)
    let sample = moments(xs)
    let meanError = (c.variance / Double(n)).squareRoot()
    let fourth = c.fourth ?? sample.fourth
    let varianceError = ((fourth - c.variance * c.variance) / Double(n)).squareRoot()
    #expect(abs(sample.mean - c.mean) < 5 * meanError, "mean \(sample.mean) vs \(c.mean) ± \(meanError)")
    #expect(abs(sample.variance - c.variance) < 5 * varianceError,
            "variance \(sample.variance) vs \(c.variance) ± \(varianceError)")
  }

  @Test("the same seed gives the same draws, different seeds different ones")
  func reproducible() {
    func draws(_ seed: UInt64) -> [Double] {
      var random = RandomVariates(seed: seed)
      return (0..<100).map { _ in random.gamma(shape: 0.5) + random.standardNormal() + random.beta(0.5, 2) }
    }
    #expect(draws(7) == draws(7))
    #expect(draws(7) != draws(8))
  }

  @Test("derivedSeed is the index-th output of a generator seeded with the seed's first output")
  func derivedSeedDefinition() {
    for seed: UInt64 in [0, 1, 42, .max] {
      var root = SeededGenerator(seed: seed)
      var generator = SeededGenerator(seed: root.next())
      for index in 0..<50 {
        #expect(SeededGenerator.derivedSeed(seed, index: index) == generator.next())
      }
    }
  }
}
