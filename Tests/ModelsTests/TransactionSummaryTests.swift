import NumericCore
import Foundation
@testable import Models
import Tabular
import Testing

/// notebooks-data/transactions.csv read as the command reads it.
private func cdnowTransactions() throws -> (customers: KeyColumn, days: [Int32], amounts: [Double]) {
  let path = Fixtures.repository.appendingPathComponent("notebooks-data/transactions.csv").path
  let table = try CSVReader.read(path, requests: [.key("customer_id"), .date("date"), .number("amount")])
  return (try table.keys("customer_id"), try table.days("date"), try table.numeric("amount"))
}

private func day(_ text: String) -> Int32 { CalendarDate.dayNumber(text) ?? .min }

@Suite struct TransactionSummaryTests {
  @Test func cdnowCalibrationSummaryReproducesTheReferenceFile() throws {
    // notebooks-data/summary.csv: the CDNOW 1/10 calibration summary (see
    // CDNOW.md), calibration end 1997-09-30, weeks, rounded to 2 decimals.
    let log = try cdnowTransactions()
    let summary = try TransactionSummary(
      codes: log.customers.codes, customerCount: log.customers.keys.count, days: log.days, amounts: log.amounts,
      calibrationEnd: day("1997-09-30"), unit: .week)
    let reference = try CSVReader.read(Fixtures.repository.appendingPathComponent("notebooks-data/summary.csv").path)
    let ids = try reference.strings("customer_id")
    let frequency = try reference.numeric("frequency"), recency = try reference.numeric("recency")
    let age = try reference.numeric("T"), monetary = try reference.numeric("monetary_value")
    #expect(summary.count == 2357 && ids.count == 2357)
    #expect(summary.leftOutCustomers == 0)
    let monetaryValue = try #require(summary.monetaryValue)
    var ties = 0
    for k in 0..<min(summary.count, ids.count) {
      let id = log.customers.keys[Int(summary.customers[k])]
      #expect(id == ids[k], "row \(k)")
      #expect(summary.frequency[k] == frequency[k], "customer \(id)")
      #expect(rounded(summary.recency[k]) == recency[k], "customer \(id)")
      #expect(rounded(summary.age[k]) == age[k], "customer \(id)")
      let m = monetaryValue[k]
      if rounded(m) != monetary[k] {
        // The file rounds exact decimal halves up (44.69 / 2 = 22.345 →
        // 22.35), while the double nearest 22.345 lies just below it and
        // rounds down. Only such halves may differ, by half a cent.
        ties += 1
        #expect(abs(m - monetary[k]) <= 0.005 + 1e-9, "customer \(id): \(m) vs \(monetary[k])")
        #expect(abs(m * 1000 - (m * 1000).rounded()) < 1e-6 && Int((m * 1000).rounded()) % 10 == 5,
                "customer \(id): \(m) is not a half-cent")
      }
    }
    #expect(ties == 69)  // measured; a change means the means changed
    // A calibration end before the last transaction makes the last
    // transaction date the observation end.
    #expect(summary.observationEnd == day("1998-06-30"))
  }

  @Test func cdnowHoldoutHas1882RepeatPurchases() throws {
    // CDNOW.md: the 39-week holdout 1997-10-01 … 1998-06-30 holds 1,882
    // purchases of the 2,357 customers.
    let log = try cdnowTransactions()
    let summary = try TransactionSummary(
      codes: log.customers.codes, customerCount: log.customers.keys.count, days: log.days, amounts: log.amounts,
      calibrationEnd: day("1997-09-30"), observationEnd: day("1998-06-30"), unit: .week)
    let holdout = try #require(summary.holdout)
    #expect(holdout.frequency.reduce(0, +) == 1882)
    #expect(holdout.duration == 39)
    #expect(summary.ignoredTransactions == 0)
    // Independently: distinct (customer, day) pairs in the holdout, and
    // their mean spend for customer 1 (one purchase of 26.48 on 1997-12-12).
    var pairs = Set<Int64>()
    for i in log.days.indices where log.days[i] > day("1997-09-30") && log.days[i] <= day("1998-06-30") {
      pairs.insert(Int64(log.customers.codes[i]) << 32 | Int64(log.days[i]))
    }
    #expect(pairs.count == 1882)
    let first = try #require(summary.customers.firstIndex(where: { log.customers.keys[Int($0)] == "1" }))
    #expect(holdout.frequency[first] == 1)
    #expect(holdout.monetaryValue?[first] == 26.48)
    #expect(summary.frequency[first] == 2 && summary.monetaryValue?[first] == (29.73 + 14.96) / 2)
  }

  @Test func samedayPurchasesMergeIntoOne() throws {
    // Customer 0 buys twice on day 10 (1 + 2), once on 17, three times on 24
    // (4 + 5 + 6): three purchase days, x = 2, spend of the repeat days
    // 4 and 15, mean 9.5. Customer 1 buys twice on its only day.
    let codes: [Int32] = [0, 0, 1, 0, 0, 0, 1, 0]
    let days: [Int32] = [10, 10, 12, 17, 24, 24, 12, 24]
    let amounts: [Double] = [1, 2, 7, 4, 4, 5, 8, 6]
    let s = try TransactionSummary(codes: codes, customerCount: 2, days: days, amounts: amounts, unit: .day)
    #expect(s.customers == [0, 1])
    #expect(s.frequency == [2, 0])
    #expect(s.recency == [14, 0])
    #expect(s.age == [14, 12])
    #expect(s.monetaryValue == [9.5, 0])
    #expect(s.holdout == nil && s.calibrationEnd == 24 && s.observationEnd == nil)
    let weeks = try TransactionSummary(codes: codes, customerCount: 2, days: days, unit: .week)
    #expect(weeks.recency == [2, 0] && weeks.age == [2, 12.0 / 7])
    #expect(weeks.monetaryValue == nil)
    let months = try TransactionSummary(codes: codes, customerCount: 2, days: days, unit: .month)
    #expect(months.recency[0] == 14 / 30.4375)
  }

  @Test func holdoutLeftOutCustomersAndIgnoredTransactions() throws {
    // Customer 2 first buys after the calibration end (day 20): left out.
    // Day 40 is after the observation end (35): ignored.
    let codes: [Int32] = [0, 1, 0, 2, 0, 1, 0]
    let days: [Int32] = [5, 8, 20, 22, 30, 30, 40]
    let amounts: [Double] = [1, 2, 3, 4, 5, 6, 7]
    let s = try TransactionSummary(codes: codes, customerCount: 3, days: days, amounts: amounts,
                                   calibrationEnd: 20, observationEnd: 35, unit: .day)
    #expect(s.customers == [0, 1])
    #expect(s.frequency == [1, 0])  // day 20 is in calibration
    #expect(s.recency == [15, 0])
    #expect(s.age == [15, 12])
    #expect(s.monetaryValue == [3, 0])
    #expect(s.holdout?.frequency == [1, 1])
    #expect(s.holdout?.monetaryValue == [5, 6])
    #expect(s.holdout?.duration == 15)
    #expect(s.leftOutCustomers == 1)
    #expect(s.ignoredTransactions == 1)
    // A calibration end before the last date makes that date the observation end.
    let split = try TransactionSummary(codes: codes, customerCount: 3, days: days, calibrationEnd: 20, unit: .day)
    #expect(split.observationEnd == 40 && split.holdout?.frequency == [2, 1] && split.holdout?.duration == 20)
    #expect(split.ignoredTransactions == 0)
  }

  @Test func faultsAreTypedErrors() {
    #expect(throws: TransactionSummaryError.emptyLog) {
      try TransactionSummary(codes: [], customerCount: 0, days: [])
    }
    #expect(throws: TransactionSummaryError.observationEndNotAfterCalibrationEnd(
      observationEnd: 9, calibrationEnd: 10, calibrationEndIsDefault: false)) {
      try TransactionSummary(codes: [0], customerCount: 1, days: [5], calibrationEnd: 10, observationEnd: 9)
    }
    #expect(throws: TransactionSummaryError.observationEndNotAfterCalibrationEnd(
      observationEnd: 7, calibrationEnd: 7, calibrationEndIsDefault: true)) {
      try TransactionSummary(codes: [0, 0], customerCount: 1, days: [5, 7], observationEnd: 7)
    }
    #expect(throws: TransactionSummaryError.calibrationEndBeforeEveryFirstPurchase(calibrationEnd: 4, firstPurchase: 5)) {
      try TransactionSummary(codes: [0, 1], customerCount: 2, days: [6, 5], calibrationEnd: 4)
    }
    let message = TransactionSummaryError.calibrationEndBeforeEveryFirstPurchase(
      calibrationEnd: day("1996-12-31"), firstPurchase: day("1997-01-01")).description
    #expect(message == "the calibration end 1996-12-31 is before every customer's first purchase "
      + "(the earliest is on 1997-01-01): no customer to summarise")
  }

  @Test func unsortedLogsMatchANaiveSummary() throws {
    // Random logs in random order against a per-customer dictionary of
    // per-day spend: the definitions written out directly.
    var seeded = SeededGenerator(seed: 2024)
    for trial in 0..<20 {
      let customers = Int.random(in: 1...50, using: &seeded)
      let n = Int.random(in: 1...800, using: &seeded)
      var codes = [Int32](), days = [Int32](), amounts = [Double]()
      var order = [Int32]()  // first appearance
      for _ in 0..<n {
        let c = Int32.random(in: 0..<Int32(customers), using: &seeded)
        codes.append(c)
        days.append(Int32.random(in: -30...60, using: &seeded))
        amounts.append(Double(Int.random(in: 1...10_000, using: &seeded)) / 100)
        if !order.contains(c) { order.append(c) }
      }
      let C = Int32.random(in: -10...40, using: &seeded)
      let O = trial % 3 == 0 ? nil : C + Int32.random(in: 1...30, using: &seeded)
      let s: TransactionSummary
      do {
        s = try TransactionSummary(codes: codes, customerCount: customers, days: days, amounts: amounts,
                                   calibrationEnd: C, observationEnd: O, unit: .week)
      } catch TransactionSummaryError.calibrationEndBeforeEveryFirstPurchase {
        #expect(days.min()! > C)
        continue
      }
      let end = O ?? (days.max()! > C ? days.max()! : C)
      var spend = [Int32: [Int32: Double]]()
      for i in 0..<n where days[i] <= end { spend[codes[i], default: [:]][days[i], default: 0] += amounts[i] }
      var expected = [Int32]()
      var leftOut = 0
      for c in order.sorted() {
        guard let first = days.indices.filter({ codes[$0] == c }).map({ days[$0] }).min() else { continue }
        guard first <= C else {
          leftOut += 1
          continue
        }
        expected.append(c)
        let k = expected.count - 1
        let byDay = spend[c] ?? [:]
        let calibration = byDay.keys.filter { $0 <= C }.sorted()
        let holdout = byDay.keys.filter { $0 > C }
        let x = calibration.count - 1
        #expect(s.frequency[k] == Double(x))
        #expect(s.recency[k] == Double(calibration.last! - first) / 7)
        #expect(s.age[k] == Double(C - first) / 7)
        let repeatSpend = calibration.dropFirst().reduce(0) { $0 + byDay[$1]! }
        #expect(abs(s.monetaryValue![k] - (x > 0 ? repeatSpend / Double(x) : 0)) < 1e-9)
        if let h = s.holdout {
          #expect(h.frequency[k] == Double(holdout.count))
          let holdoutSpend = holdout.reduce(0) { $0 + byDay[$1]! }
          #expect(abs(h.monetaryValue![k] - (holdout.isEmpty ? 0 : holdoutSpend / Double(holdout.count))) < 1e-9)
        }
      }
      #expect(s.customers == expected, "trial \(trial)")
      #expect(s.leftOutCustomers == leftOut)
      #expect(s.ignoredTransactions == days.filter { $0 > end }.count)

      // The same rows in date order take the one-pass path, here on up to
      // four threads; a stable sort keeps same-day amounts in file order, so
      // every sum is the same to the bit.
      let byDate = days.indices.sorted { (days[$0], $0) < (days[$1], $1) }
      let unsorted = try TransactionSummary(codes: codes, customerCount: customers, days: days, amounts: amounts,
                                            calibrationEnd: C, observationEnd: O, unit: .week, threads: 3)
      #expect(unsorted.customers == s.customers && unsorted.monetaryValue == s.monetaryValue)
      for threads in 1...4 {
        let t = try TransactionSummary(codes: byDate.map { codes[$0] }, customerCount: customers,
                                       days: byDate.map { days[$0] }, amounts: byDate.map { amounts[$0] },
                                       calibrationEnd: C, observationEnd: O, unit: .week, threads: threads)
        #expect(t.customers == s.customers && t.frequency == s.frequency && t.recency == s.recency)
        #expect(t.age == s.age && t.monetaryValue == s.monetaryValue)
        #expect(t.holdout?.frequency == s.holdout?.frequency && t.holdout?.monetaryValue == s.holdout?.monetaryValue)
        #expect(t.leftOutCustomers == s.leftOutCustomers && t.ignoredTransactions == s.ignoredTransactions)
      }
    }
  }
}

/// `x` correctly rounded to 2 decimals (printf's exact conversion), as the
/// reference file was, then read back.
private func rounded(_ x: Double) -> Double { Double(String(format: "%.2f", x)) ?? .nan }

