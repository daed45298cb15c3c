import Foundation
@testable import Models
import Tabular
import Testing

private func day(_ text: String) -> Int32 { CalendarDate.dayNumber(text)! }

/// A small log, rows deliberately out of order, and its KPIs for January to
/// March 2024 computed by hand below.
///
///     A  2023-12-05 10 · 2024-01-03 20 + 5 (same day: one order of 25) · 2024-01-20 15 · 2024-03-02 30
///     B  2024-01-10 40 · 2024-02-14 10
///     C  2023-11-20 50 · 2024-02-01 25 · 2024-02-02 35
///     D  2023-12-24 60
///     E  2024-03-15 12 + 8 (one order of 20)
private let log: [(customer: Int32, date: String, amount: Double)] = [
  (4, "2024-03-15", 12), (0, "2024-01-20", 15), (0, "2024-01-03", 20), (1, "2024-01-10", 40),
  (2, "2024-02-02", 35), (0, "2023-12-05", 10), (2, "2023-11-20", 50), (3, "2023-12-24", 60),
  (0, "2024-03-02", 30), (2, "2024-02-01", 25), (0, "2024-01-03", 5), (1, "2024-02-14", 10),
  (4, "2024-03-15", 8),
]

private func history(_ rows: [(customer: Int32, date: String, amount: Double)] = log, amounts: Bool = true) throws
  -> PurchaseHistory
{
  try PurchaseHistory(codes: rows.map(\.customer), customerCount: Int(rows.map(\.customer).max()!) + 1,
                      days: rows.map { day($0.date) }, amounts: amounts ? rows.map(\.amount) : nil)
}

@Suite struct CustomerKPIsTests {
  @Test func purchaseHistoryMergesSameDayTransactions() throws {
    let h = try history()
    #expect(h.offsets == [0, 4, 6, 9, 10, 11])
    #expect(h.days[0..<4] == [day("2023-12-05"), day("2024-01-03"), day("2024-01-20"), day("2024-03-02")])
    #expect(h.spend == [10, 25, 15, 30, 40, 10, 50, 25, 35, 60, 20])
    #expect(h.firstDay == day("2023-11-20") && h.lastDay == day("2024-03-15"))
    #expect(throws: TransactionSummaryError.emptyLog) { try PurchaseHistory(codes: [], customerCount: 0, days: []) }
  }

  @Test func calendarPeriodsAreWholeAndPrecededByABaseline() {
    let quarters = ReportingPeriods.calendar(.quarter, from: day("1997-02-15"), through: day("1997-08-01"))
    #expect(quarters.labels == ["1997-Q1", "1997-Q2", "1997-Q3"])
    #expect(quarters.boundaries == ["1996-10-01", "1997-01-01", "1997-04-01", "1997-07-01", "1997-10-01"].map(day))
    #expect(quarters.start(2) == day("1997-07-01") && quarters.end(2) == day("1997-09-30"))
    let months = ReportingPeriods.calendar(.month, from: day("1997-12-31"), through: day("1998-01-01"))
    #expect(months.labels == ["1997-12", "1998-01"])
    #expect(months.boundaries == ["1997-11-01", "1997-12-01", "1998-01-01", "1998-02-01"].map(day))
    let years = ReportingPeriods.calendar(.year, from: day("2000-06-01"), through: day("2000-06-01"))
    #expect(years.labels == ["2000"] && years.boundaries == ["1999-01-01", "2000-01-01", "2001-01-01"].map(day))
    // A span of 29 days has the 29 days before it as its baseline.
    let span = ReportingPeriods.span(from: day("2024-02-01"), through: day("2024-02-29"))
    #expect(span.boundaries == ["2024-01-03", "2024-02-01", "2024-03-01"].map(day))
    #expect(span.labels == ["2024-02-01..2024-02-29"] && span.unitName == "period of 29 days")
  }

  @Test func monthlyKPIsMatchTheHandComputation() throws {
    let kpis = CustomerKPIs(history: try history(),
                            periods: .calendar(.month, from: day("2024-01-01"), through: day("2024-03-31")))
    #expect(kpis.periods.map(\.label) == ["2024-01", "2024-02", "2024-03"])
    let (jan, feb, mar) = (kpis.periods[0], kpis.periods[1], kpis.periods[2])
    // Baseline December 2023: A and D active (C's November is earlier).
    // January: orders A 01-03 (25), A 01-20 (15), B 01-10 (40). E = {A, B};
    // B's first order → new; A was active in December → retained. S = 2,
    // R = 1, N = 1: CRR = (2 − 1)/2 = 0.5, churn 0.5, lifetime 2. A has two
    // order days: repeat rate 1/2. AOV = 80/3, frequency 3/2,
    // CLV = 80/3 · 3/2 · 2 = 80.
    #expect(jan == CustomerKPIs.Period(
      label: "2024-01", start: day("2024-01-01"), end: day("2024-01-31"), activeCustomers: 2, newCustomers: 1,
      reactivatedCustomers: 0, retainedCustomers: 1, customersAtStart: 2, repeatCustomers: 1, orders: 3,
      revenue: 80, isPartial: false))
    #expect(jan.retentionRate == 0.5 && jan.churnRate == 0.5 && jan.averageLifetime == 2)
    #expect(jan.repeatPurchaseRate == 0.5 && jan.purchaseFrequency == 1.5)
    #expect(jan.averageOrderValue == 80.0 / 3)
    #expect(abs(jan.historicalLifetimeValue! - 80) < 1e-12)
    // February: B 02-14 (10), C 02-01 (25), C 02-02 (35). E = {B, C}; B
    // retained, C bought in 2023 but not in January → reactivated (gained,
    // not retained). S = |{A, B}| = 2, R = 1, N = 0 + 1: CRR = 0.5. C's two
    // days: repeat 1/2. AOV = 70/3, frequency 1.5, lifetime 2, CLV = 70.
    #expect(feb.activeCustomers == 2 && feb.newCustomers == 0 && feb.reactivatedCustomers == 1)
    #expect(feb.retainedCustomers == 1 && feb.customersAtStart == 2 && feb.gainedCustomers == 1)
    #expect(feb.retentionRate == 0.5 && feb.repeatPurchaseRate == 0.5 && feb.orders == 3 && feb.revenue == 70)
    #expect(abs(feb.historicalLifetimeValue! - 70) < 1e-12)
    // March: A 03-02 (30) reactivated, E 03-15 (12 + 8) new. S = |{B, C}| =
    // 2, R = 0: CRR = 0, churn 1, lifetime 1; AOV = 50/2 = 25, frequency
    // 2/2 = 1, CLV = 25. The log ends 03-15: March is partial.
    #expect(mar.activeCustomers == 2 && mar.newCustomers == 1 && mar.reactivatedCustomers == 1)
    #expect(mar.retainedCustomers == 0 && mar.customersAtStart == 2 && mar.repeatCustomers == 0)
    #expect(mar.retentionRate == 0 && mar.churnRate == 1 && mar.averageLifetime == 1)
    #expect(mar.averageOrderValue == 25 && mar.purchaseFrequency == 1 && mar.historicalLifetimeValue == 25)
    #expect(mar.isPartial && !feb.isPartial)
  }

  @Test func aBaselineTheLogCoversOnlyInPartIsFlagged() throws {
    // The log starts on 2023-11-20. December's baseline, November, is covered from the 20th only; January's,
    // December, wholly. The first of the log's months, November, has its baseline (October) before the log.
    let kpis = CustomerKPIs(history: try history(),
                            periods: .calendar(.month, from: day("2023-11-01"), through: day("2024-01-31")))
    #expect(kpis.periods.map(\.label) == ["2023-11", "2023-12", "2024-01"])
    #expect(kpis.periods.map(\.hasPartialBaseline) == [true, true, false])
    #expect(kpis.periods.map(\.isPartial) == [true, false, false])
    // December's S counts only C (active 11-20): a shorter baseline than a month.
    #expect(kpis.periods[1].customersAtStart == 1)
  }

  @Test func aBaselineAfterTheLogsEndIsFlagged() throws {
    // The log ends on 2024-03-15: April's baseline, March, is covered to the 15th only, and May's, April, not at
    // all — their S would call everyone active before the log's end a churner.
    let kpis = CustomerKPIs(history: try history(),
                            periods: .calendar(.month, from: day("2024-03-01"), through: day("2024-05-31")))
    #expect(kpis.periods.map(\.label) == ["2024-03", "2024-04", "2024-05"])
    #expect(kpis.periods.map(\.hasPartialBaseline) == [false, true, true])
    #expect(kpis.periods.map(\.isPartial) == [true, true, true])
  }

  @Test func aSpanComparesWithTheSameNumberOfDaysBefore() throws {
    // February 2024 (29 days) against 2024-01-03 … 2024-01-31, where A
    // (01-03, 01-20) and B (01-10) are active: the same S = 2, R = 1
    // (B), reactivated C as in the calendar month.
    let kpis = CustomerKPIs(history: try history(),
                            periods: .span(from: day("2024-02-01"), through: day("2024-02-29")))
    let feb = try #require(kpis.periods.first)
    #expect(kpis.periods.count == 1 && feb.customersAtStart == 2 && feb.retainedCustomers == 1)
    #expect(feb.reactivatedCustomers == 1 && feb.retentionRate == 0.5)
    // March (31 days) against 2024-01-30 … 2024-02-29: B and C active,
    // S = 2; A (three purchase days before the baseline) is reactivated, E
    // new, R = 0, as in the calendar month.
    let mar = try #require(CustomerKPIs(history: try history(),
                                        periods: .span(from: day("2024-03-01"), through: day("2024-03-31"))).periods.first)
    #expect(mar.customersAtStart == 2 && mar.reactivatedCustomers == 1 && mar.newCustomers == 1)
    #expect(mar.retainedCustomers == 0 && mar.repeatCustomers == 0 && mar.retentionRate == 0)
  }

  @Test func undefinedRatiosAreNilNotNaN() throws {
    // Without amounts: no revenue, AOV or CLV. January has no baseline
    // customer (S = 0): CRR, churn, lifetime undefined. In February the one
    // January customer comes back: churn 0, so lifetime and CLV undefined.
    let rows: [(customer: Int32, date: String, amount: Double)] = [(0, "2024-01-05", 1), (0, "2024-02-05", 1)]
    let kpis = CustomerKPIs(history: try history(rows, amounts: false),
                            periods: .calendar(.month, from: day("2024-01-01"), through: day("2024-03-31")))
    let (jan, feb, mar) = (kpis.periods[0], kpis.periods[1], kpis.periods[2])
    #expect(jan.customersAtStart == 0 && jan.retentionRate == nil && jan.churnRate == nil && jan.averageLifetime == nil)
    #expect(jan.revenue == nil && jan.averageOrderValue == nil && jan.historicalLifetimeValue == nil)
    #expect(feb.retentionRate == 1 && feb.churnRate == 0 && feb.averageLifetime == nil)
    // March: nobody active: E = 0, so repeat rate and frequency undefined;
    // S = 1 and R = 0 give churn 1.
    #expect(mar.activeCustomers == 0 && mar.repeatPurchaseRate == nil && mar.purchaseFrequency == nil)
    #expect(mar.churnRate == 1 && mar.isPartial)
  }

  @Test(arguments: [
    ("kpi_cdnow_quarters.csv", ReportingPeriods.Calendar.quarter, "1997-01-01", "1997-12-31"),
    ("kpi_cdnow_months.csv", .month, "1997-01-01", "1998-06-30"),
    // The same months seen from 1998 on: most customers' purchases fall
    // before the first baseline (1997-12) and must count only as history.
    ("kpi_cdnow_months.csv", .month, "1998-01-01", "1998-06-30"),
  ])
  func cdnowMatchesPandas(fixture: String, kind: ReportingPeriods.Calendar, from: String, to: String) throws {
    // make_kpi_fixtures.py: the same definitions as set operations in pandas.
    let path = Fixtures.repository.appendingPathComponent("notebooks-data/transactions.csv").path
    let table = try CSVReader.read(path, requests: [.key("customer_id"), .date("date"), .number("amount")])
    let customers = try table.keys("customer_id")
    let h = try PurchaseHistory(codes: customers.codes, customerCount: customers.keys.count,
                                days: try table.days("date"), amounts: try table.numeric("amount"))
    let kpis = CustomerKPIs(history: h, periods: .calendar(kind, from: day(from), through: day(to)))
    let reference = try CSVReader.read(Fixtures.path(fixture))
    // The fixture's rows of the reported periods.
    let labels = try reference.strings("period").map { $0! }
    let selected = kpis.periods.compactMap { labels.firstIndex(of: $0.label) }
    let first = selected.first ?? 0
    #expect(selected.count == kpis.periods.count && selected == Array(first..<first + selected.count))
    func column(_ name: String) throws -> [Double] {
      let cells = try reference.strings(name)
      return selected.map { cells[$0].flatMap(Double.init) ?? .nan }
    }
    let counts: [(String, KeyPath<CustomerKPIs.Period, Int>)] = [
      ("active_customers", \.activeCustomers), ("new_customers", \.newCustomers),
      ("reactivated_customers", \.reactivatedCustomers), ("retained_customers", \.retainedCustomers),
      ("customers_at_start", \.customersAtStart), ("repeat_customers", \.repeatCustomers), ("orders", \.orders),
    ]
    for (name, path) in counts {
      #expect(try column(name) == kpis.periods.map { Double($0[keyPath: path]) }, "\(name)")
    }
    let ratios: [(String, KeyPath<CustomerKPIs.Period, Double?>)] = [
      ("retention_rate", \.retentionRate), ("churn_rate", \.churnRate), ("repeat_purchase_rate", \.repeatPurchaseRate),
      ("revenue", \.revenue), ("average_order_value", \.averageOrderValue), ("purchase_frequency", \.purchaseFrequency),
      ("average_lifetime", \.averageLifetime), ("historical_clv", \.historicalLifetimeValue),
    ]
    for (name, path) in ratios {
      for (expected, row) in zip(try column(name), kpis.periods) {
        let value = row[keyPath: path]
        if expected.isNaN {
          #expect(value == nil, "\(name) \(row.label)")
        } else {
          // Sums in another order: equal to a few ulps.
          #expect(abs(value! - expected) <= 1e-12 * max(1, abs(expected)), "\(name) \(row.label): \(value!) vs \(expected)")
        }
      }
    }
  }
}
