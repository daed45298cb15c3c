/// Each customer's purchases counted as `TransactionSummary` counts them:
/// one purchase per customer and day, the amounts of same-day transactions
/// added up, in date order. These purchase days are the *orders* of
/// `CustomerKPIs`.
///
/// Stored in compressed-row form: customer k's purchase days are
/// `days[offsets[k] ..< offsets[k + 1]]`, strictly ascending, and their
/// spend `spend[offsets[k] ..< offsets[k + 1]]`. A code without rows has an
/// empty range.
public struct PurchaseHistory: Sendable {
  /// K + 1 offsets into `days` and `spend`, from 0 to `purchaseCount`.
  public let offsets: [Int]
  /// The purchase days (day numbers, see `CalendarDate`) of customer 0,
  /// then customer 1, …; ascending within a customer.
  public let days: [Int32]
  /// The total amount of each purchase day; nil when the log has no amounts.
  public let spend: [Double]?
  /// The earliest and the latest transaction day of the log.
  public let firstDay: Int32, lastDay: Int32

  /// Groups a log given as columns, one entry per transaction.
  ///
  /// - Parameters:
  ///   - codes: the customer of each transaction, in `0..<customerCount`
  ///     (a `KeyColumn`'s codes).
  ///   - days: the day number of each transaction (a `DateColumn`'s days).
  ///   - amounts: the amount of each transaction, or nil.
  /// - Throws: `TransactionSummaryError.emptyLog` for a log without rows,
  ///   `.amountOverflow` when a day's amounts add up to ±∞.
  /// - Precondition: the arrays have the same length and every code is in
  ///   range (programming errors, not input faults).
  public init(codes: [Int32], customerCount: Int, days: [Int32], amounts: [Double]? = nil)
    throws(TransactionSummaryError)
  {
    try TransactionSummary.check(codes: codes, customerCount: customerCount, days: days, amounts: amounts)
    let rows = TransactionSummary.groupedByCustomerAndDay(
      codes: codes, customerCount: customerCount, days: days, amounts: amounts)
    var offsets = [Int](repeating: 0, count: customerCount + 1)
    var purchaseDays = [Int32]()
    var purchaseSpend = [Double]()
    purchaseDays.reserveCapacity(rows.days.count)
    if amounts != nil { purchaseSpend.reserveCapacity(rows.days.count) }
    var low = Int32.max, high = Int32.min
    rows.codes.withUnsafeBufferPointer { codes in
      rows.days.withUnsafeBufferPointer { days in
        (rows.amounts ?? []).withUnsafeBufferPointer { amounts in
          var previousCode: Int32 = -1
          for i in 0..<codes.count {
            let code = codes[i], day = days[i]
            low = min(low, day)
            high = max(high, day)
            if code == previousCode && day == purchaseDays[purchaseDays.count - 1] {
              if !amounts.isEmpty { purchaseSpend[purchaseSpend.count - 1] += amounts[i] }
              continue
            }
            previousCode = code
            offsets[Int(code) + 1] += 1
            purchaseDays.append(day)
            if !amounts.isEmpty { purchaseSpend.append(amounts[i]) }
          }
        }
      }
    }
    for k in 0..<customerCount { offsets[k + 1] += offsets[k] }
    if amounts != nil, let bad = purchaseSpend.firstIndex(where: { !$0.isFinite }) {
      // offsets[k + 1] > bad first for the customer k holding it; named
      // 1-based, in order of first appearance, as the summary names it.
      throw .amountOverflow(customer: offsets.firstIndex { $0 > bad }!)
    }
    self.offsets = offsets
    self.days = purchaseDays
    self.spend = amounts == nil ? nil : purchaseSpend
    firstDay = low
    lastDay = high
  }

  /// Per customer code, whether she has a purchase day in [from, to].
  public func activeCustomers(from: Int32, through to: Int32) -> [Bool] {
    (0..<customerCount).map { k in days[offsets[k]..<offsets[k + 1]].contains { $0 >= from && $0 <= to } }
  }

  /// K, the number of customer codes.
  public var customerCount: Int { offsets.count - 1 }

  /// The number of purchase days over all customers.
  public var purchaseCount: Int { days.count }
}
