import Foundation
import NumericCore
import Tabular

/// The RFM summary of a transaction log: one row per customer, the input of
/// the buy-till-you-die models (BG/NBD, Pareto/NBD, Gamma-Gamma), as
/// lifetimes' `summary_data_from_transaction_data` and
/// `calibration_and_holdout_data` compute it.
///
/// Time is counted in whole days: all purchases of a customer on one day are
/// one purchase, their amounts added up. With C the calibration end, u the
/// length of the time unit in days, and for one customer d₀ < d₁ < … < d_x
/// the purchase days on or before C, with amounts m₀ … m_x:
///
///     frequency       x                     (repeat purchase days)
///     recency         (d_x − d₀) / u        (0 when x = 0)
///     T (age)         (C − d₀) / u
///     monetary_value  (m₁ + … + m_x) / x    (0 when x = 0; the first purchase is left out)
///
/// With an observation end O > C, the holdout period (C, O] adds
///
///     frequency_holdout       h = number of purchase days in (C, O]
///     monetary_value_holdout  mean amount of those days (0 when h = 0)
///     duration_holdout        (O − C) / u
///
/// Customers whose first purchase is after C are left out (they were not
/// yet customers during calibration) and counted; transactions after O are
/// ignored and counted. Times are exact fractions, not rounded.
///
/// The computation is one pass over the rows, in parallel over ranges of
/// customers, when each customer's rows are in date order (a log written as
/// things happened, sorted by date, or by customer and date): O(n + K) for
/// n transactions and K customers, with no sort. Otherwise a stable
/// counting sort groups the rows by customer and each customer's rows are
/// sorted by day first: O(n log n) at worst.
public struct TransactionSummary: Sendable {
  /// The holdout-period columns.
  public struct Holdout: Sendable {
    /// Purchase days in (calibration end, observation end], per customer.
    public let frequency: [Double]
    /// The mean amount of those days (0 when none), per customer; nil
    /// without amounts.
    public let monetaryValue: [Double]?
    /// (observation end − calibration end) / unit, the same for everyone.
    public let duration: Double
  }

  /// The input code of each summarised customer, ascending, so in order of
  /// first appearance when the codes are a `KeyColumn`'s.
  public let customers: [Int32]
  /// Repeat purchase days in the calibration period, x.
  public let frequency: [Double]
  /// (last − first purchase day) / unit, t_x; 0 when x = 0.
  public let recency: [Double]
  /// (calibration end − first purchase day) / unit: T, the customer's age.
  public let age: [Double]
  /// Mean amount of the repeat purchase days (0 when x = 0); nil without
  /// amounts.
  public let monetaryValue: [Double]?
  /// The holdout columns, when there is an observation end.
  public let holdout: Holdout?
  /// The calibration end C (a day number, see `CalendarDate`).
  public let calibrationEnd: Int32
  /// The observation end O, when there is a holdout period.
  public let observationEnd: Int32?
  /// The unit of recency, T and duration.
  public let unit: TimeUnit
  /// Customers left out because their first purchase is after C.
  public let leftOutCustomers: Int
  /// Transactions ignored because they are after O.
  public let ignoredTransactions: Int

  /// Summarises a transaction log given as columns, one entry per
  /// transaction.
  ///
  /// - Parameters:
  ///   - codes: the customer of each transaction, in `0..<customerCount`
  ///     (a `KeyColumn`'s codes).
  ///   - days: the day number of each transaction (a `DateColumn`'s days).
  ///   - amounts: the amount of each transaction, or nil (then there are no
  ///     monetary columns).
  ///   - calibrationEnd: C, by default the last transaction date;
  ///     transactions on C belong to calibration.
  ///   - observationEnd: O, which must be after C. By default the last
  ///     transaction date when that is after C (a calibration/holdout
  ///     split), else none (no holdout columns).
  /// - Throws: `TransactionSummaryError` for an empty log, O ≤ C, or a C
  ///   before every first purchase.
  /// - Precondition: the arrays have the same length and every code is in
  ///   range (programming errors, not input faults).
  public init(codes: [Int32], customerCount: Int, days: [Int32], amounts: [Double]? = nil,
              calibrationEnd: Int32? = nil, observationEnd: Int32? = nil, unit: TimeUnit = .week)
    throws(TransactionSummaryError)
  {
    // Threads only pay off past about a million rows.
    let threads = codes.count >= 1 << 20 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) : 1
    try self.init(codes: codes, customerCount: customerCount, days: days, amounts: amounts,
                  calibrationEnd: calibrationEnd, observationEnd: observationEnd, unit: unit, threads: threads)
  }

  /// `init(codes:customerCount:days:amounts:calibrationEnd:observationEnd:unit:)`
  /// on `threads` threads (tests force several on small logs).
  init(codes: [Int32], customerCount: Int, days: [Int32], amounts: [Double]?,
       calibrationEnd: Int32?, observationEnd: Int32?, unit: TimeUnit, threads: Int)
    throws(TransactionSummaryError)
  {
    try TransactionSummary.check(codes: codes, customerCount: customerCount, days: days, amounts: amounts)
    let (firstDay, lastDay) = days.withUnsafeBufferPointer { days in
      var low = Int32.max, high = Int32.min
      for day in days {
        low = min(low, day)
        high = max(high, day)
      }
      return (low, high)
    }
    let C = calibrationEnd ?? lastDay
    var O = observationEnd
    if let O, O <= C {
      throw .observationEndNotAfterCalibrationEnd(observationEnd: O, calibrationEnd: C,
                                                  calibrationEndIsDefault: calibrationEnd == nil)
    }
    if O == nil && C < lastDay { O = lastDay }
    self.calibrationEnd = C
    self.observationEnd = O
    self.unit = unit

    var ignored = 0
    if let O {
      days.withUnsafeBufferPointer { days in
        for day in days where day > O { ignored += 1 }
      }
    }
    ignoredTransactions = ignored

    // One pass when each customer's rows are in date order (a log written
    // as it happened); otherwise the rows are grouped by customer and day
    // first, and the same pass runs on them.
    let log = Log(codes: codes, days: days, amounts: amounts)
    var (columns, inOrder) = log.summarize(customerCount: customerCount, calibrationEnd: C, observationEnd: O,
                                           unitDays: unit.days, threads: threads)
    if !inOrder {
      columns = log.sortedByCustomerAndDay(customerCount: customerCount)
        .summarize(customerCount: customerCount, calibrationEnd: C, observationEnd: O, unitDays: unit.days,
                   threads: threads).columns
    }
    guard !columns.customers.isEmpty else {
      throw .calibrationEndBeforeEveryFirstPurchase(calibrationEnd: C, firstPurchase: firstDay)
    }
    if amounts != nil {
      let bad = columns.monetaryValue.firstIndex { !$0.isFinite }
        ?? columns.holdoutMonetaryValue.firstIndex { !$0.isFinite }
      if let bad { throw .amountOverflow(customer: bad + 1) }
    }
    customers = columns.customers
    frequency = columns.frequency
    recency = columns.recency
    age = columns.age
    monetaryValue = amounts == nil ? nil : columns.monetaryValue
    holdout = O.map { O in
      Holdout(frequency: columns.holdoutFrequency, monetaryValue: amounts == nil ? nil : columns.holdoutMonetaryValue,
              duration: Double(O - C) / unit.days)
    }
    leftOutCustomers = columns.leftOut
  }

  /// The number of summarised customers.
  public var count: Int { customers.count }
}

extension TransactionSummary {
  /// The checks of a log given as columns: `emptyLog` for no rows; the
  /// lengths and code range are preconditions (programming errors, not
  /// input faults).
  static func check(codes: [Int32], customerCount: Int, days: [Int32], amounts: [Double]?)
    throws(TransactionSummaryError)
  {
    precondition(days.count == codes.count && (amounts?.count ?? codes.count) == codes.count,
                 "one code, day and amount per transaction")
    precondition(customerCount >= 0 && codes.allSatisfy { $0 >= 0 && Int($0) < customerCount },
                 "codes must be in 0..<customerCount")
    guard !days.isEmpty else { throw .emptyLog }
  }

  /// The rows of a log grouped by customer (ascending code) and, within a
  /// customer, sorted by day, same-day rows kept in file order: the
  /// grouping the summary falls back on for an unsorted log, for other
  /// per-customer passes (`PurchaseHistory`). O(n + K) for n rows and K
  /// customers when each customer's rows are in date order, O(n log n) at
  /// worst.
  static func groupedByCustomerAndDay(codes: [Int32], customerCount: Int, days: [Int32], amounts: [Double]?)
    -> (codes: [Int32], days: [Int32], amounts: [Double]?)
  {
    let log = Log(codes: codes, days: days, amounts: amounts).sortedByCustomerAndDay(customerCount: customerCount)
    return (log.codes, log.days, log.amounts)
  }
}

/// The transactions as parallel columns.
private struct Log: Sendable {
  var codes: [Int32]
  var days: [Int32]
  /// Parallel to `days`, or nil.
  var amounts: [Double]?

  /// The summary columns (see `TransactionSummary`), ascending by code.
  struct Columns {
    var customers: [Int32] = []
    var frequency: [Double] = []
    var recency: [Double] = []
    var age: [Double] = []
    var monetaryValue: [Double] = []
    var holdoutFrequency: [Double] = []
    var holdoutMonetaryValue: [Double] = []
    var leftOut = 0

    mutating func append(contentsOf other: Columns) {
      customers += other.customers
      frequency += other.frequency
      recency += other.recency
      age += other.age
      monetaryValue += other.monetaryValue
      holdoutFrequency += other.holdoutFrequency
      holdoutMonetaryValue += other.holdoutMonetaryValue
      leftOut += other.leftOut
    }
  }

  /// One customer's running totals while the rows stream past in date
  /// order: the day `last` is open (its spend still accumulating in
  /// `daySpend`); earlier days are closed into the sums.
  struct CustomerState {
    var first: Int32 = 0
    /// The latest purchase day seen (open).
    var last: Int32 = 0
    /// The latest purchase day on or before the calibration end.
    var calibrationLast: Int32 = 0
    var calibrationDays: Int32 = 0
    var holdoutDays: Int32 = 0
    /// Whether the customer has rows after the observation end (ignored,
    /// but a customer first seen there still first bought after C).
    var afterEnd = false
    var daySpend = 0.0
    /// Closed repeat calibration days.
    var repeatSpend = 0.0
    /// Closed holdout days.
    var holdoutSpend = 0.0
  }

  /// The summary in one pass over the rows, per customer in date order
  /// (same-day rows merge because a day is closed only when a later one
  /// begins). Customers are split into contiguous code ranges, one per
  /// thread, each thread reading every row and updating only its range's
  /// states. `inOrder` is false, and the columns meaningless, when some
  /// customer's rows go back in time.
  func summarize(customerCount: Int, calibrationEnd C: Int32, observationEnd O: Int32?, unitDays u: Double,
                 threads: Int) -> (columns: Columns, inOrder: Bool)
  {
    // Without an observation end nothing after C counts (there is nothing
    // after C unless C was given, and then O would have been set).
    let end = O ?? C
    let states = StateBuffer(count: customerCount)
    defer { states.release() }
    // Slot t: thread t's columns; left empty where its rows came out of order.
    let results = ChunkSlots<Log.Columns>(count: threads)
    let work: @Sendable (Int) -> Void = { t in
      let low = customerCount * t / threads, high = customerCount * (t + 1) / threads
      guard self.accumulate(into: states.pointer, codes: low..<high, calibrationEnd: C, end: end) else {
        return
      }
      results[t] = Log.columns(from: states.pointer, codes: low..<high, calibrationEnd: C,
                               observationEnd: O, unitDays: u, hasAmounts: self.amounts != nil)
    }
    if threads == 1 {
      work(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: threads, execute: work)
    }
    var columns = Columns()
    for t in 0..<threads {
      guard let part = results[t] else { return (Columns(), false) }
      if t == 0 { columns = part } else { columns.append(contentsOf: part) }
    }
    return (columns, true)
  }

  /// Feeds the rows of customers in `range` to their states; false at the
  /// first row dated before its customer's previous one.
  private func accumulate(into states: UnsafeMutablePointer<CustomerState>, codes range: Range<Int>,
                          calibrationEnd C: Int32, end: Int32) -> Bool {
    let hasAmounts = amounts != nil
    let none = [Double]()
    return codes.withUnsafeBufferPointer { codes in
      days.withUnsafeBufferPointer { days in
        (amounts ?? none).withUnsafeBufferPointer { amounts in
          for i in 0..<codes.count {
            let k = Int(codes[i])
            let day = days[i]
            guard range.contains(k) else { continue }
            if day > end {
              states[k].afterEnd = true
              continue
            }
            let amount = hasAmounts ? amounts[i] : 0
            let s = states + k
            if s.pointee.calibrationDays | s.pointee.holdoutDays != 0 {
              if day == s.pointee.last {
                s.pointee.daySpend += amount
                continue
              }
              if day < s.pointee.last { return false }
              // Close the open day.
              if s.pointee.last > C {
                s.pointee.holdoutSpend += s.pointee.daySpend
              } else if s.pointee.last != s.pointee.first {
                s.pointee.repeatSpend += s.pointee.daySpend
              }
            } else {
              s.pointee.first = day
            }
            s.pointee.last = day
            s.pointee.daySpend = amount
            if day <= C {
              s.pointee.calibrationDays += 1
              s.pointee.calibrationLast = day
            } else {
              s.pointee.holdoutDays += 1
            }
          }
          return true
        }
      }
    }
  }

  /// The columns of the customers in `range` from their final states
  /// (closing each open day).
  private static func columns(from states: UnsafeMutablePointer<CustomerState>, codes range: Range<Int>,
                              calibrationEnd C: Int32, observationEnd O: Int32?, unitDays u: Double,
                              hasAmounts: Bool) -> Columns {
    var columns = Columns()
    for k in range {
      let s = states[k]
      guard s.calibrationDays > 0 else {
        // First bought after C (or a code without rows, not counted).
        if s.holdoutDays > 0 || s.afterEnd { columns.leftOut += 1 }
        continue
      }
      let x = Int(s.calibrationDays) - 1
      columns.customers.append(Int32(k))
      columns.frequency.append(Double(x))
      columns.recency.append(Double(s.calibrationLast - s.first) / u)
      columns.age.append(Double(C - s.first) / u)
      let openIsRepeat = s.last <= C && s.last != s.first
      if hasAmounts {
        let repeatSpend = openIsRepeat ? s.repeatSpend + s.daySpend : s.repeatSpend
        columns.monetaryValue.append(x > 0 ? repeatSpend / Double(x) : 0)
      }
      if O != nil {
        let h = Int(s.holdoutDays)
        columns.holdoutFrequency.append(Double(h))
        if hasAmounts {
          let holdoutSpend = s.last > C ? s.holdoutSpend + s.daySpend : s.holdoutSpend
          columns.holdoutMonetaryValue.append(h > 0 ? holdoutSpend / Double(h) : 0)
        }
      }
    }
    return columns
  }

  /// The rows grouped by customer (a stable counting sort, O(n + K)), each
  /// customer's rows then sorted by day, same-day rows kept in file order
  /// (so their amounts add up in the same order as in the one-pass case).
  func sortedByCustomerAndDay(customerCount: Int) -> Log {
    let n = codes.count
    var start = [Int](repeating: 0, count: customerCount + 1)
    var order = [Int](repeating: 0, count: n)
    start.withUnsafeMutableBufferPointer { start in
      codes.withUnsafeBufferPointer { codes in
        for code in codes { start[Int(code) + 1] += 1 }
        for k in 0..<customerCount { start[k + 1] += start[k] }
        var next = Array(start.dropLast())
        next.withUnsafeMutableBufferPointer { next in
          order.withUnsafeMutableBufferPointer { order in
            for i in 0..<n {
              let k = Int(codes[i])
              order[next[k]] = i
              next[k] += 1
            }
          }
        }
      }
    }
    days.withUnsafeBufferPointer { days in
      order.withUnsafeMutableBufferPointer { order in
        for k in 0..<customerCount {
          var segment = UnsafeMutableBufferPointer(rebasing: order[start[k]..<start[k + 1]])
          var sorted = true
          for j in segment.indices.dropFirst() where days[segment[j]] < days[segment[j - 1]] {
            sorted = false
            break
          }
          // Ties by position: the row order within a day is the file's.
          if !sorted { segment.sort { (days[$0], $0) < (days[$1], $1) } }
        }
      }
    }
    return Log(codes: order.map { codes[$0] }, days: order.map { days[$0] },
               amounts: amounts.map { amounts in order.map { amounts[$0] } })
  }
}

/// The customers' states, shared by the threads (each writes its own range).
private struct StateBuffer: @unchecked Sendable {
  // @unchecked: thread t touches only the states of its code range, and
  // the buffer is released after `concurrentPerform` returns.
  let pointer: UnsafeMutablePointer<Log.CustomerState>

  init(count: Int) {
    pointer = .allocate(capacity: max(count, 1))
    pointer.initialize(repeating: Log.CustomerState(), count: count)
  }

  func release() { pointer.deallocate() }
}

