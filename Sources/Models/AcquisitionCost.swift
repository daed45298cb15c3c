/// Customer acquisition cost per reporting period:
///
///     CAC = marketing spend in the period / new customers in the period
///
/// where new customers made their first purchase ever in the period
/// (`CustomerKPIs.Period.newCustomers`; reactivated customers are not
/// acquired). Undefined (nil) when the period has no new customer.
public struct AcquisitionCost: Sendable, Equatable {
  /// The marketing spend of the period.
  public let spend: Double
  /// The customers acquired in it.
  public let newCustomers: Int

  public init(spend: Double, newCustomers: Int) {
    self.spend = spend
    self.newCustomers = newCustomers
  }

  /// spend / new customers; nil without new customers.
  public var value: Double? { newCustomers > 0 ? spend / Double(newCustomers) : nil }

  /// Dated spend summed into the reported periods: entry i is the total of
  /// the amounts dated in `periods.start(i) ... periods.end(i)`; `outside`
  /// counts the rows dated in none of them (ignored). A sum beyond the
  /// largest double is +∞ here; `cvw kpi` refuses it as a data error.
  ///
  /// - Precondition: one amount per day.
  public static func spendPerPeriod(days: [Int32], amounts: [Double], periods: ReportingPeriods)
    -> (spend: [Double], outside: Int)
  {
    precondition(days.count == amounts.count, "one amount per day")
    var spend = [Double](repeating: 0, count: periods.count)
    var outside = 0
    for (day, amount) in zip(days, amounts) {
      if let i = periods.period(of: day) { spend[i] += amount } else { outside += 1 }
    }
    return (spend, outside)
  }
}
