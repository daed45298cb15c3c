/// Actual against expected cumulative repeat transactions over time, from a
/// transaction log — the tracking chart of lifetimes'
/// `expected_cumulative_transactions` / `plot_cumulative_transactions`
/// (Fader, Hardie & Lee 2005, figure 3). Time runs in days from S, the
/// first day of the log; period j = 1…n ends before day S + j·L, L the
/// period length in days. With u the length of the model's time unit in
/// days, and for each customer her purchase days (all purchases of one day
/// are one, as `cvw summarize` counts them), the first of them b her birth:
///
///     actual_j   = #{repeat purchase days d : d − S < j·L}
///     expected_j = Σ over customers with b − S < j·L of E[X((S + j·L − b)/u)]
///
/// E[X(t)] the model's unconditional expected repeat purchases in a new
/// customer's first t units. With L = u = 1 day, or L = u = 7 days, this is
/// exactly lifetimes' `expected_cumulative_transactions(model, transactions,
/// date, customer_id, t = n·L, freq="D", freq_multiplier=L)` (its daily
/// periods, evaluated every L days); lifetimes' other `freq`s group purchases
/// into calendar periods (weeks starting on Monday) before counting, which
/// this does not. Months of 365.25/12 days follow the same rule with a
/// fractional L (lifetimes takes whole multipliers only).
///
/// Cost: one sort of the (customer, day) pairs, then E[X] once for every
/// period and distinct birth day, in parallel over periods.
public struct CumulativeTransactions: Sendable, Hashable, Codable {
  /// S, the first day of the log (a day number, see `CalendarDate`).
  public var firstDay: Int32
  /// L, the length of a period in days.
  public var periodDays: Double
  /// actual_j for j = 1…n: repeat purchase days before the end of period j.
  public var actual: [Double]
  /// expected_j for j = 1…n.
  public var expected: [Double]

  /// - Parameters:
  ///   - model: a fitted purchase model whose time unit is `unit`.
  ///   - codes: the customer of each transaction, in `0..<customerCount`
  ///     (a `KeyColumn`'s codes, as `TransactionSummary` takes them).
  ///   - days: the day number of each transaction (a `DateColumn`'s days).
  ///   - unit: the model's time unit (u).
  ///   - period: the period length (L); the model's unit by default.
  ///   - periods: n; by default the whole periods the log covers,
  ///     ⌊(last day − S + 1)/L⌋ (at least 1).
  /// - Throws: `TransactionSummaryError.emptyLog` for no transactions; what
  ///   the model's `expectedPurchases(over:)` throws.
  /// - Precondition: the arrays have the same length and every code is in range.
  public init(
    model: any PurchaseModel, codes: [Int32], customerCount: Int, days: [Int32], unit: TimeUnit,
    period: TimeUnit? = nil, periods: Int? = nil
  ) throws {
    precondition(codes.count == days.count, "one code per transaction day")
    guard let first = days.min(), let last = days.max() else { throw TransactionSummaryError.emptyLog }
    let length = (period ?? unit).days
    let n = periods ?? max(1, Int((Double(last - first + 1) / length).rounded(.down)))
    precondition(n >= 1, "periods must be at least 1")
    firstDay = first
    periodDays = length

    // The distinct (customer, day) pairs in order: a customer's first pair is her birth.
    var pairs = [UInt64](repeating: 0, count: codes.count)
    for i in codes.indices {
      precondition(codes[i] >= 0 && Int(codes[i]) < customerCount, "codes must be in 0..<customerCount")
      pairs[i] = UInt64(UInt32(codes[i])) << 32 | UInt64(UInt32(days[i] - first))
    }
    pairs.sort()
    let span = Int(last - first) + 1
    var repeatsOnDay = [Double](repeating: 0, count: span), birthsOnDay = repeatsOnDay
    var previous: UInt64?
    for pair in pairs where pair != previous {
      let day = Int(pair & 0xFFFF_FFFF)
      if previous.map({ $0 >> 32 != pair >> 32 }) ?? true { birthsOnDay[day] += 1 } else { repeatsOnDay[day] += 1 }
      previous = pair
    }
    let birthDays = birthsOnDay.indices.filter { birthsOnDay[$0] > 0 }

    var running = 0.0, day = 0
    actual = (1...n).map { j in
      let end = Double(j) * length
      while day < span && Double(day) < end {
        running += repeatsOnDay[day]
        day += 1
      }
      return running
    }
    let unitDays = unit.days
    expected = try parallelMap(count: n, blockSize: 1) { index in
      let end = Double(index + 1) * length
      var sum = 0.0
      for b in birthDays where Double(b) < end {
        sum += birthsOnDay[b] * (try model.expectedPurchases(over: (end - Double(b)) / unitDays))
      }
      return sum
    }
  }
}
