import Foundation
import NumericCore

/// Customers drawn from the BG/NBD model (Fader, Hardie & Lee 2005,
/// "Counting your customers the easy way"), optionally with Gamma-Gamma
/// spend (Fader, Hardie & Lee 2005, "RFM and CLV"): data with a known truth,
/// for parameter-recovery tests and benchmarks.
///
/// Customer i, on its own random stream seeded `derivedSeed(seed, i)` (so
/// that a customer's history depends only on the seed and i, never on how
/// the work is cut into chunks or on the thread count), with the amounts on a
/// second stream derived from that seed (so that the purchases are the same
/// with and without spend, and with and without a holdout):
///
///     T  ~ Uniform(horizon), rounded to a 10⁻⁶ grid (fixed when the range is one value)
///     λ  ~ Gamma(shape r, rate α)            purchase rate while alive
///     p  ~ Beta(a, b)                        drop-out probability
///     ν  ~ Gamma(shape q, rate v)            with spend: the customer's spend rate
///     first purchase at time 0 (amount ~ Gamma(shape p_s, rate ν) with spend);
///     repeat purchases at the events of a Poisson process of rate λ;
///     after each repeat purchase the customer drops out with probability p.
///
/// The calibration period is (0, T]; with a holdout of length W the same
/// process continues over (T, T + W]. The draws are made in this order, the
/// process stopping at the first event after T + W or at drop-out.
public struct BetaGeoSimulation: Sendable, Equatable {
  /// Gamma-Gamma spend: amounts ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q,
  /// rate v), as `GammaGamma` parameterises them (mean spend p·v/(q − 1)).
  public struct Spend: Sendable, Equatable {
    /// Shape of each amount's gamma distribution.
    public var p: Double
    /// Shape of ν's gamma distribution across customers.
    public var q: Double
    /// Rate of ν's gamma distribution across customers.
    public var v: Double
    /// Gamma-Gamma parameters (positive; checked by `BetaGeoSimulation.init`).
    public init(p: Double, q: Double, v: Double) {
      self.p = p
      self.q = q
      self.v = v
    }
  }

  /// One customer's RFM summary, in the columns `TransactionSummary` writes.
  public struct Customer: Sendable, Equatable {
    /// x: repeat purchases in (0, T].
    public var frequency: Int
    /// t_x: time of the last repeat purchase in (0, T]; 0 when x = 0.
    public var recency: Double
    /// T: the length of the calibration period.
    public var age: Double
    /// Mean amount of the x repeat purchases, 0 when x = 0 (0 without spend).
    public var monetaryValue: Double
    /// Purchases in (T, T + W] (0 without holdout).
    public var frequencyHoldout: Int
    /// Their mean amount, 0 when none (0 without spend).
    public var monetaryValueHoldout: Double
  }

  /// r, the shape of the purchase rate's distribution λ ~ Gamma(r, rate α).
  public var r: Double
  /// α, the rate of the purchase rate's distribution (per time unit).
  public var alpha: Double
  /// a, the first shape of the drop-out probability's distribution p ~ Beta(a, b).
  public var a: Double
  /// b, the second shape of p ~ Beta(a, b).
  public var b: Double
  /// The range T is drawn from uniformly (one value: fixed T).
  public var horizon: ClosedRange<Double>
  /// W, the length of the holdout period; nil for none.
  public var holdout: Double?
  /// Spend per purchase; nil for none.
  public var spend: Spend?
  /// The seed every customer's stream derives from.
  public var seed: UInt64

  /// - Precondition: r, α, a, b and the spend parameters positive and
  ///   finite, 0 < horizon with finite bounds, W > 0 (checked by the CLI).
  public init(r: Double, alpha: Double, a: Double, b: Double, horizon: ClosedRange<Double>,
              holdout: Double? = nil, spend: Spend? = nil, seed: UInt64) {
    precondition([r, alpha, a, b].allSatisfy { $0 > 0 && $0.isFinite }, "BG/NBD parameters must be positive")
    precondition(horizon.lowerBound > 0 && horizon.upperBound.isFinite, "the horizon must be positive and finite")
    precondition(holdout.map { $0 > 0 && $0.isFinite } ?? true, "the holdout must be positive")
    precondition(spend.map { [$0.p, $0.q, $0.v].allSatisfy { $0 > 0 && $0.isFinite } } ?? true,
                 "spend parameters must be positive")
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
    self.horizon = horizon
    self.holdout = holdout
    self.spend = spend
    self.seed = seed
  }

  /// Customer `index`'s summary over (0, T] and (T, T + W].
  public func customer(_ index: Int) -> Customer {
    var result = Customer(frequency: 0, recency: 0, age: 0, monetaryValue: 0, frequencyHoldout: 0,
                          monetaryValueHoldout: 0)
    var spent = 0.0, spentHoldout = 0.0
    var T = 0.0
    simulate(index, age: { t in T = t; return t }) { k, time, amount in
      if k == 0 { return }
      if time <= T {
        result.frequency += 1
        result.recency = time
        spent += amount
      } else {
        result.frequencyHoldout += 1
        spentHoldout += amount
      }
    }
    result.age = T
    if spend != nil {
      if result.frequency > 0 { result.monetaryValue = spent / Double(result.frequency) }
      if result.frequencyHoldout > 0 { result.monetaryValueHoldout = spentHoldout / Double(result.frequencyHoldout) }
    }
    return result
  }

  /// Customer `index`'s purchases on a calendar of whole days, for a
  /// transaction log: the same draws as `customer(_:)`, with T shortened to
  /// whole days, T_d = ⌊T·u⌋ days for a unit of u days, and W·u whole days
  /// (required). A purchase at time t is on day ⌈t·u⌉ after the first one
  /// (day 0), so purchases in (0, T] fall on days 1…T_d and those in the
  /// holdout on days T_d + 1 … T_d + W·u.
  ///
  /// Appends (day, amount) to `purchases`, the first purchase first and days
  /// non-decreasing (amount 0 without spend), and returns T_d.
  /// - Precondition: T·u ≥ 1 for every T in the horizon, W·u whole.
  public func purchases(_ index: Int, unitDays u: Int, into purchases: inout [(day: Int, amount: Double)]) -> Int {
    let units = Double(u)
    let holdoutDays = Int(((holdout ?? 0) * units).rounded())
    precondition(Double(holdoutDays) == (holdout ?? 0) * units, "the holdout must be whole days")
    var calibrationDays = 0
    var T = 0.0
    simulate(index, age: { t in
      calibrationDays = Int((t * units).rounded(.down))
      precondition(calibrationDays >= 1, "the calibration period must be at least one day")
      T = Double(calibrationDays) / units
      return T
    }) { k, time, amount in
      // ⌈t·u⌉, clamped to the days of the period t is in against rounding
      // at the boundaries.
      let day = Int((time * units).rounded(.up))
      if k == 0 {
        purchases.append((0, amount))
      } else if time <= T {
        purchases.append((min(max(day, 1), calibrationDays), amount))
      } else {
        purchases.append((min(max(day, calibrationDays + 1), calibrationDays + holdoutDays), amount))
      }
    }
    return calibrationDays
  }

  /// The process shared by both views. `age` maps the drawn T to the T used
  /// (whole days for a log); `purchase(k, t,
  /// amount)` is called for the first purchase (k = 0, t = 0) and the k-th
  /// repeat purchase in (0, T + W], in time order.
  @inline(__always)
  private func simulate(_ index: Int, age: (Double) -> Double, purchase: (Int, Double, Double) -> Void) {
    let customerSeed = SeededGenerator.derivedSeed(seed, index: index)
    var random = RandomVariates(seed: customerSeed)
    let width = horizon.upperBound - horizon.lowerBound
    let drawn = width > 0 ? horizon.lowerBound + width * random.uniform() : horizon.lowerBound
    let T = age((drawn * 1e6).rounded() / 1e6)
    let end = T + (holdout ?? 0)
    let rate = random.gamma(shape: r) / alpha
    let dropout = random.beta(a, b)
    // Amounts come from a second stream, so that adding --spend leaves the
    // purchases as they were. ν in log space: for q < 1 a Gamma(q) draw can
    // underflow to 0.
    var spendRandom = RandomVariates(seed: spend == nil ? 0 : SeededGenerator.derivedSeed(customerSeed, index: 0))
    let logSpendRate = spend.map { spendRandom.gammaLogarithm(shape: $0.q) - log($0.v) } ?? 0
    func amount() -> Double {
      guard let spend else { return 0 }
      return spendRandom.gamma(shape: spend.p) * exp(-logSpendRate)
    }
    purchase(0, 0, amount())
    var t = 0.0
    var k = 0
    while true {
      // With λ = 0 (a Gamma(r) draw that underflowed) t becomes ∞ or NaN;
      // either ends the loop.
      t += random.exponential() / rate
      guard t <= end else { break }
      k += 1
      purchase(k, t, amount())
      if random.bernoulli(dropout) { break }
    }
  }
}
