import Foundation

/// Discounted customer lifetime value from a purchase model and a spend
/// model, per customer, over a horizon of H periods (months, say):
///
///     discrete (lifetimes' `customer_lifetime_value`):
///         CLV = margin · m · Σₖ₌₁ᴴ [E(k·u) − E((k−1)·u)] / (1 + d)ᵏ
///     continuous:
///         CLV = margin · m · ∫₀ᴴᵘ e^(−δ·s/u) dE(s)
///
/// where E(s) = E[Y(s) | x, tₓ, T] is the BG/NBD conditional expectation of
/// purchases in the next s time units, u the time units per period (4.345
/// weeks a month in lifetimes; 365.25/12 days), m the expected spend per
/// purchase (the Gamma-Gamma conditional mean), d the discount rate per
/// period (cash flows discounted at the end of the period they fall in) and
/// δ the continuous rate per period. The continuous integral is evaluated
/// with 32 steps per period at the midpoints of each step, error O(step²).
public struct CustomerLifetimeValue: Sendable, Equatable {
  /// How cash flows are discounted.
  public enum Discounting: Sendable, Equatable {
    /// Rate d per period, each period's purchases discounted by (1 + d)ᵏ.
    case discrete(rate: Double)
    /// Rate δ per period, a purchase at time s discounted by e^(−δ·s/u).
    case continuous(rate: Double)
  }

  /// H, the number of periods.
  public var periods: Int
  /// u, time units of the summaries per period.
  public var unitsPerPeriod: Double
  public var discounting: Discounting
  /// The share of spend that is profit.
  public var margin: Double

  public init(periods: Int, unitsPerPeriod: Double, discounting: Discounting, margin: Double = 1) {
    precondition(periods >= 1 && unitsPerPeriod > 0)
    self.periods = periods
    self.unitsPerPeriod = unitsPerPeriod
    self.discounting = discounting
    self.margin = margin
  }

  /// The value for one customer.
  /// - Parameters:
  ///   - spend: m, expected spend per purchase.
  ///   - expectedPurchases: s ↦ E[Y(s) | history], s in time units.
  public func value(spend: Double, expectedPurchases: (Double) throws -> Double) rethrows -> Double {
    var total = 0.0
    switch discounting {
    case .discrete(let d):
      var previous = 0.0
      for k in 1...periods {
        let current = try expectedPurchases(Double(k) * unitsPerPeriod)
        total += (current - previous) / pow(1 + d, Double(k))
        previous = current
      }
    case .continuous(let delta):
      let steps = 32 * periods
      let width = Double(periods) / Double(steps)
      var previous = 0.0
      for j in 1...steps {
        let current = try expectedPurchases(Double(j) * width * unitsPerPeriod)
        total += (current - previous) * exp(-delta * (Double(j) - 0.5) * width)
        previous = current
      }
    }
    return margin * spend * total
  }
}
