/// Customer KPIs per reporting period, from a transaction log.
///
/// A customer is *active* in a period when she made at least one purchase
/// in it. Purchases are purchase days (`PurchaseHistory`: same-day
/// transactions are one purchase, as in `cvw summarize`), called orders.
/// In a non-contractual business nobody cancels, so "a customer at time t"
/// means "active in the period ending at t": the customers at the start of
/// period Pᵢ are the customers active in its baseline Pᵢ₋₁, the period of
/// the same kind just before it (see `ReportingPeriods`). Per period:
///
///     E  active customers         ≥ 1 purchase in the period
///     new                         first purchase ever in the period
///     reactivated                 active, bought before, but not in the baseline
///     R  retained                 active in the period and in its baseline
///     S  customers at start       active in the baseline
///     N  customers gained         new + reactivated   (so E = R + N)
///
///     CRR            (E − N) / S = R / S              (undefined when S = 0)
///     churn rate     1 − CRR = (S − R) / S            share of S not active in the period
///     repeat rate    (active with ≥ 2 purchase days) / E
///     orders         purchase days in the period
///     AOV            revenue / orders
///     frequency      orders / E                       purchases per active customer per period
///     lifetime       1 / churn rate                   expected periods a customer stays active
///                                                     (geometric, constant churn); ∞ → undefined
///     historical CLV AOV × frequency × lifetime = (revenue / E) / churn rate
///
/// A reactivated customer was lapsed at the start of the period (not active
/// in the baseline), so she is *gained*, like a new one, not retained: that
/// keeps CRR ≤ 1 and churn = 1 − CRR. The historical CLV is undiscounted
/// revenue (no margin), in the log's currency. Every ratio with a zero
/// denominator is nil (undefined), never NaN or ∞.
///
/// A log sees only what happened from its first transaction on. A period
/// is *partial* when the log covers only part of it (its counts are those
/// of fewer days); it has a *partial baseline* when the log starts after
/// its baseline's first day: S then counts the customers of a shorter
/// stretch than a whole period (on CDNOW from 1997-01-25 by month,
/// February's S holds the customers of 7 January days, and CRR reads 20.1%
/// where the whole months give 15.9%), and new and reactivated customers
/// are told apart from a shorter history. Both are flagged per period.
public struct CustomerKPIs: Sendable {
  /// The counts of one reported period, and the KPIs derived from them.
  public struct Period: Sendable, Equatable {
    /// The period's name (see `ReportingPeriods.labels`).
    public var label: String
    /// First and last day of the period (day numbers, both included).
    public var start: Int32, end: Int32
    /// E: customers with at least one purchase in the period.
    public var activeCustomers = 0
    /// Customers whose first purchase ever is in the period.
    public var newCustomers = 0
    /// Active customers who bought before but not in the baseline period.
    public var reactivatedCustomers = 0
    /// R: customers active in the period and in its baseline.
    public var retainedCustomers = 0
    /// S: customers active in the baseline period.
    public var customersAtStart = 0
    /// Active customers with at least two purchase days in the period.
    public var repeatCustomers = 0
    /// Purchase days in the period, over all customers.
    public var orders = 0
    /// The total amount of the period's purchases; nil without amounts.
    public var revenue: Double?
    /// Whether the log does not cover the whole period: its first
    /// transaction is after the period's start or its last one before the
    /// period's end (the counts may be those of part of the period).
    public var isPartial = false
    /// Whether the log starts after the first day of the period's baseline
    /// or ends before its last day, so that S (and with it CRR, churn, lifetime and historical CLV) and
    /// the split of gained customers into new and reactivated rest on only
    /// part of the baseline, or none of it.
    public var hasPartialBaseline = false

    /// N = new + reactivated: customers at the end who were not customers
    /// at the start.
    public var gainedCustomers: Int { newCustomers + reactivatedCustomers }

    /// CRR = (E − N) / S = R / S; nil when S = 0.
    public var retentionRate: Double? {
      customersAtStart > 0 ? Double(activeCustomers - gainedCustomers) / Double(customersAtStart) : nil
    }

    /// 1 − CRR = (S − R) / S; nil when S = 0.
    public var churnRate: Double? { retentionRate.map { 1 - $0 } }

    /// (active customers with ≥ 2 purchase days) / E; nil when E = 0.
    public var repeatPurchaseRate: Double? {
      activeCustomers > 0 ? Double(repeatCustomers) / Double(activeCustomers) : nil
    }

    /// AOV = revenue / orders; nil without amounts or orders.
    public var averageOrderValue: Double? {
      guard let revenue, orders > 0 else { return nil }
      return revenue / Double(orders)
    }

    /// Orders / E, per period; nil when E = 0.
    public var purchaseFrequency: Double? {
      activeCustomers > 0 ? Double(orders) / Double(activeCustomers) : nil
    }

    /// 1 / churn rate, in periods; nil when the churn rate is undefined or 0.
    public var averageLifetime: Double? {
      guard let churn = churnRate, churn > 0 else { return nil }
      return 1 / churn
    }

    /// AOV × frequency × lifetime; nil when any factor is undefined.
    public var historicalLifetimeValue: Double? {
      guard let value = averageOrderValue, let frequency = purchaseFrequency, let lifetime = averageLifetime
      else { return nil }
      return value * frequency * lifetime
    }
  }

  /// One entry per reported period, in time order.
  public let periods: [Period]

  /// Counts every customer's purchase days into the periods: one pass over
  /// the purchases, a binary search over the m + 1 boundaries for each,
  /// O(n log m).
  public init(history: PurchaseHistory, periods reporting: ReportingPeriods) {
    let boundaries = reporting.boundaries
    let m = boundaries.count - 1  // P₀ … P_{m−1}
    var active = [Int](repeating: 0, count: m), new = active, reactivated = active, retained = active
    var repeaters = active, orders = active
    var revenue = [Double](repeating: 0, count: m)
    let hasSpend = history.spend != nil
    history.offsets.withUnsafeBufferPointer { offsets in
      history.days.withUnsafeBufferPointer { days in
        (history.spend ?? []).withUnsafeBufferPointer { spend in
          boundaries.withUnsafeBufferPointer { boundaries in
            for k in 0..<(offsets.count - 1) {
              // The period of the customer's latest purchase (−1: before P₀)
              // and her purchase days in it so far.
              var current = Int.min, daysInCurrent = 0
              for j in offsets[k]..<offsets[k + 1] {
                let p = ReportingPeriods.index(of: days[j], boundaries: boundaries)
                if p >= m { break }
                if p == current {
                  daysInCurrent += 1
                  if daysInCurrent == 2 && p >= 0 { repeaters[p] += 1 }
                } else {
                  if p >= 0 {
                    active[p] += 1
                    if j == offsets[k] {
                      new[p] += 1
                    } else if current == p - 1 {
                      retained[p] += 1
                    } else {
                      reactivated[p] += 1
                    }
                  }
                  current = p
                  daysInCurrent = 1
                }
                if p >= 0 {
                  orders[p] += 1
                  if hasSpend { revenue[p] += spend[j] }
                }
              }
            }
          }
        }
      }
    }
    self.periods = (1..<m).map { p in
      let start = boundaries[p], end = boundaries[p + 1] - 1
      var row = Period(label: reporting.labels[p - 1], start: start, end: end)
      row.activeCustomers = active[p]
      row.newCustomers = new[p]
      row.reactivatedCustomers = reactivated[p]
      row.retainedCustomers = retained[p]
      row.customersAtStart = active[p - 1]
      row.repeatCustomers = repeaters[p]
      row.orders = orders[p]
      row.revenue = hasSpend ? revenue[p] : nil
      row.isPartial = history.firstDay > start || history.lastDay < end
      row.hasPartialBaseline = history.firstDay > boundaries[p - 1] || history.lastDay < start - 1
      return row
    }
  }
}

extension ReportingPeriods {
  /// The i with bᵢ ≤ day < bᵢ₊₁: −1 before b₀, m at or after b_m.
  @inline(__always)
  static func index(of day: Int32, boundaries: UnsafeBufferPointer<Int32>) -> Int {
    var low = 0, high = boundaries.count
    while low < high {
      let mid = (low + high) / 2
      if boundaries[mid] <= day { low = mid + 1 } else { high = mid }
    }
    return low - 1
  }
}
