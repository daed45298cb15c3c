import ArgumentParser
import Models
import ModelStore
import NumericCore
import Tabular

/// `cvw kpi`: customer KPIs per period from a transaction log, NPS and CSAT
/// from a survey, CAC from marketing spend.
struct KPI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kpi",
    abstract: "Customer KPIs per period (retention, churn, AOV, frequency, historical CLV, CAC) and NPS / CSAT.",
    discussion: """
      Orders are purchase days (same-day transactions are one purchase, as in `cvw summarize`). A customer is \
      active in a period with ≥ 1 order in it; the customers at start S are those active in the period of the \
      same kind just before. E = active customers; new = first order ever in the period; reactivated = \
      active, ordered before, but not in the previous period; N = new + reactivated; R = E − N, active in \
      both periods. CRR = (E − N)/S = R/S; churn = 1 − CRR; repeat rate = share of E with ≥ 2 orders in \
      the period; AOV = revenue/orders; frequency = orders/E; lifetime = 1/churn periods; historical CLV = \
      AOV × frequency × lifetime. CAC = marketing spend in the period / new customers. Without --period, \
      --from or --to the log is reported per calendar quarter; --from/--to alone give one period of those days, \
      with the same number of days before it as its baseline. A period the log covers only in part is starred \
      (*); one whose baseline starts before the log is marked † (S, and the KPIs built on it, count a shorter \
      baseline). NPS = %promoters \
      (9–10) − %detractors (0–6), in points; CSAT = share of answers ≥ --satisfied (default: the top two answers \
      of --csat-scale, 4–5 on 1-5, 9–10 on 0-10); both over all answers \
      and, with --survey-date, per period. Blank survey cells are skipped and counted. Beside the historical \
      CLV: --clv (the mean of a `cvw clv` output), or --purchases and --spend (the mean model CLV of each \
      period's active customers, summarised at the period's end). A ratio whose denominator is 0 is \
      undefined: blank in CSV, null in JSON, — in text.
      """)

  @Argument(help: "The transaction log: CSV with a header, or - for stdin (optional with --survey alone).")
  var transactions: String?

  @Option(help: "The customer id column of the log.")
  var customer: String?

  @Option(help: "The transaction date column: YYYY-MM-DD or ISO date-times.")
  var date: String?

  @Option(help: "The transaction amount column (revenue, AOV, historical CLV).")
  var amount: String?

  @Option(help: "The first day reported, YYYY-MM-DD (default: the log's first transaction).")
  var from: String?

  @Option(help: "The last day reported, YYYY-MM-DD (default: the log's last transaction).")
  var to: String?

  @Option(help: "One row per calendar month, quarter or year overlapping --from … --to (default: quarter; with --from or --to alone, one period, --from … --to).")
  var period: ReportingPeriods.Calendar?

  @Option(help: "A `cvw clv` output: the mean of its --clv-column is shown as the model-based CLV.")
  var clv: String?

  @Option(help: "The CLV column of --clv.")
  var clvColumn = "clv"

  /// --purchases, --spend, --horizon and the valuation settings, as `cvw clv` takes them.
  @OptionGroup var lifetimeValue: LifetimeValueOptions

  @Option(help: "A survey CSV (one answer per row) for NPS and CSAT.")
  var survey: String?

  @Option(help: "The survey's date column: NPS and CSAT also per period, from the answers dated in it.")
  var surveyDate: String?

  @Option(help: "The survey column of 0–10 likelihood-to-recommend answers (NPS).")
  var npsColumn: String?

  @Option(help: "The survey column of satisfaction answers (CSAT).")
  var csatColumn: String?

  @Option(help: "The scale of the CSAT answers, LOW-HIGH.")
  var csatScale = "1-5"

  @Option(help: "The lowest CSAT answer counted as satisfied (default: the top two answers of --csat-scale, HIGH − 1).")
  var satisfied: Int?

  @Option(help: "Marketing spend of the one reported period (CAC = spend / new customers).")
  var marketingSpend: Double?

  @Option(help: "Dated marketing spend (CSV), summed over each period (CAC = spend / new customers).")
  var marketingSpendFile: String?

  @Option(help: "The date column of --marketing-spend-file.")
  var spendDate = "date"

  @Option(help: "The amount column of --marketing-spend-file.")
  var spendAmount = "amount"

  @OptionGroup var output: OutputOptions

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    if transactions == nil {
      guard survey != nil else { throw ValidationError("give a transaction log, a --survey, or both") }
      let logOptions: [(String, Bool)] = [
        ("--customer", customer != nil), ("--date", date != nil), ("--amount", amount != nil),
        ("--from", from != nil), ("--to", to != nil), ("--period", period != nil), ("--clv", clv != nil),
        ("--marketing-spend", marketingSpend != nil), ("--marketing-spend-file", marketingSpendFile != nil),
      ]
      if let (option, _) = logOptions.first(where: { $0.1 }) {
        throw ValidationError("\(option) needs a transaction log")
      }
    } else {
      guard let customer, let date else { throw ValidationError("a transaction log needs --customer and --date") }
      try TransactionLog.validateColumns(customer: customer, date: date, amount: amount)
    }
    let first = try from.map { try Summarize.day($0, option: "--from") }
    let last = try to.map { try Summarize.day($0, option: "--to") }
    if let first, let last, first > last {
      throw ValidationError("--from \(from!) is after --to \(to!): the period is empty")
    }
    if survey != nil {
      guard npsColumn != nil || csatColumn != nil else {
        throw ValidationError("--survey needs --nps-column, --csat-column or both")
      }
      if surveyDate != nil && transactions == nil {
        throw ValidationError("--survey-date splits the answers by the log's periods: give the transaction log")
      }
    } else if npsColumn != nil || csatColumn != nil || surveyDate != nil {
      throw ValidationError("--nps-column, --csat-column and --survey-date need --survey")
    }
    guard let scale = RatingScale(csatScale) else {
      throw ValidationError("--csat-scale: expected LOW-HIGH with whole numbers LOW < HIGH (e.g. 1-5), found \"\(csatScale)\"")
    }
    if let satisfied, satisfied < scale.lowest || satisfied > scale.highest {
      throw ValidationError("--satisfied \(satisfied) is not on the scale \(scale)")
    }
    if marketingSpend != nil && marketingSpendFile != nil {
      throw ValidationError("give --marketing-spend or --marketing-spend-file, not both")
    }
    if let spend = marketingSpend {
      guard spend.isFinite && spend >= 0 else { throw ValidationError("--marketing-spend must be a number ≥ 0") }
      guard reportingPeriod == nil else {
        throw ValidationError("--marketing-spend is one period's spend: give --from and --to (one period, no --period), "
          + "or --marketing-spend-file for several")
      }
    }
    if lifetimeValue.isGiven {
      guard transactions != nil, amount != nil else {
        throw ValidationError("--purchases and --spend value the log's customers: give the log and --amount")
      }
      guard clv == nil else { throw ValidationError("give --clv or --purchases and --spend, not both") }
    }
    try checkOneStdinInput([transactions, survey, clv, marketingSpendFile])
  }

  func run() throws {
    runOptions.apply()
    var report = KPIReport()
    if let transactions, let customer, let date {
      report.log = try customerKPIs(transactions, customer: customer, date: date)
    }
    if let path = clv { report.modelValue = try modelValue(path) }
    if let path = survey { report.survey = try surveyKPIs(path, periods: report.log?.periods) }
    try report.checkFinite()
    try report.write(output)
    for line in report.notes() { note("cvw: \(line)") }
  }

  /// The calendar period of each row: --period, or quarters when no range
  /// is asked for (a span of the whole log would have its baseline before
  /// the log, so S = 0 and CRR undefined); nil for one --from … --to span.
  var reportingPeriod: ReportingPeriods.Calendar? {
    period ?? (from == nil && to == nil ? .quarter : nil)
  }

  /// The --satisfied threshold: given, or the top two answers of the scale
  /// (HIGH − 1; HIGH alone on a two-answer scale).
  static func satisfiedThreshold(_ given: Int?, scale: RatingScale) -> Int {
    given ?? max(scale.lowest + 1, scale.highest - 1)
  }

  /// The log's KPIs over the requested periods, with CAC when spend is given.
  private func customerKPIs(_ path: String, customer: String, date: String) throws -> KPIReport.Log {
    ProgressMeter.process.beginReading(path)
    let log = try TransactionLog(path: path, customer: customer, date: date, amount: amount)
    let history: PurchaseHistory
    do {
      history = try PurchaseHistory(codes: log.customers.codes, customerCount: log.customers.keys.count,
                                    days: log.days, amounts: log.amounts)
    } catch {
      throw DataError(file: log.source, message: error.description)
    }
    let first = try from.map { try Summarize.day($0, option: "--from") } ?? history.firstDay
    let last = try to.map { try Summarize.day($0, option: "--to") } ?? history.lastDay
    let range = "the log runs from \(CalendarDate.format(history.firstDay)) to \(CalendarDate.format(history.lastDay))"
    guard first <= last else {
      let which = from != nil ? "--from \(CalendarDate.format(first)) is after" : "--to \(CalendarDate.format(last)) is before"
      throw DataError(file: log.source, message: "empty period: \(which) every transaction (\(range))")
    }
    guard max(first, history.firstDay) <= min(last, history.lastDay) else {
      throw DataError(file: log.source, message: "empty period: no transaction from \(CalendarDate.format(first)) "
        + "to \(CalendarDate.format(last)) (\(range))")
    }
    // Calendar periods wholly outside the log would show made-up retention
    // (everyone at the start "churned" after the log ends): they are left out.
    let periods = reportingPeriod.map {
      ReportingPeriods.calendar($0, from: max(first, history.firstDay), through: min(last, history.lastDay))
    } ?? .span(from: first, through: last)
    if reportingPeriod != nil, first < periods.start(0) || last > periods.end(periods.count - 1) {
      note("cvw: reporting \(CalendarDate.format(periods.start(0))) to \(CalendarDate.format(periods.end(periods.count - 1))): "
        + "no period wholly outside the log (\(range))")
    }
    let kpis = CustomerKPIs(history: history, periods: periods)
    guard kpis.periods.contains(where: { $0.activeCustomers > 0 }) else {
      throw DataError(file: log.source, message: "empty period: no transaction from \(CalendarDate.format(periods.start(0))) "
        + "to \(CalendarDate.format(periods.end(periods.count - 1))) (\(range))")
    }
    var result = KPIReport.Log(source: log.source, transactions: log.rowCount, customers: log.customers.keys.count,
                               firstDay: history.firstDay, lastDay: history.lastDay, periods: periods, kpis: kpis)
    if let models = try lifetimeValue.load() {
      result.modelValues = try modelValues(log: log, history: history, periods: periods, models: models)
    }
    if let spend = marketingSpend {
      result.spend = .init(source: "--marketing-spend", perPeriod: [spend], outside: 0)
    } else if let path = marketingSpendFile {
      result.spend = try marketingSpend(path, periods: periods)
    }
    return result
  }

  /// The mean model-based CLV of each period's active customers, each
  /// summarised as at the period's end (`cvw summarize --calibration-end`).
  private func modelValues(log: TransactionLog, history: PurchaseHistory, periods: ReportingPeriods,
                           models: LifetimeValueOptions.Models) throws -> KPIReport.ModelValues {
    var means = [Double?]()
    for i in 0..<periods.count {
      let active = history.activeCustomers(from: periods.start(i), through: periods.end(i))
      guard active.contains(true) else {
        means.append(nil)
        continue
      }
      let summary: TransactionSummary
      do {
        summary = try TransactionSummary(codes: log.customers.codes, customerCount: log.customers.keys.count,
                                         days: log.days, amounts: log.amounts, calibrationEnd: periods.end(i),
                                         unit: lifetimeValue.valuation.timeUnit)
      } catch {
        throw DataError(file: log.source, message: error.description)
      }
      means.append(try models.valuation.meanValue(of: summary, including: { active[Int($0)] },
                                                  purchases: models.purchases, spend: models.spend)?.mean)
    }
    let (horizon, unit) = (models.valuation.periods, lifetimeValue.valuation.unit.rawValue)
    return .init(means: means, horizon: "\(horizon) \(unit)\(horizon == 1 ? "" : "s")",
                 discount: lifetimeValue.valuation.discount, discountPeriod: unit)
  }

  /// Dated spend summed per period; negative amounts are refused.
  private func marketingSpend(_ path: String, periods: ReportingPeriods) throws -> KPIReport.Spend {
    let header = try CSVReader.header(path)
    let table = try CSVReader.read(path, requests: [.date(spendDate), .number(spendAmount)])
    let days = try table.days(spendDate), amounts = try table.numeric(spendAmount)
    if let row = amounts.firstIndex(where: { $0 < 0 }) {
      throw DataError(file: table.source, line: table.line(ofRow: row), column: header.firstIndex(of: spendAmount).map { $0 + 1 },
                      columnName: spendAmount, message: "expected a spend ≥ 0, found \(formatDouble(amounts[row]))")
    }
    let (perPeriod, outside) = AcquisitionCost.spendPerPeriod(days: days, amounts: amounts, periods: periods)
    return .init(source: table.source, perPeriod: perPeriod, outside: outside)
  }

  /// The mean of the CLV column of a `cvw clv` output.
  private func modelValue(_ path: String) throws -> KPIReport.ModelValue {
    let table = try CSVReader.read(path, requests: [.number(clvColumn)])
    guard table.rowCount > 0 else { throw DataError(file: table.source, message: "has no rows: no CLV to average") }
    let values = try table.numeric(clvColumn)
    return .init(source: table.source, column: clvColumn, customers: values.count,
                 mean: values.reduce(0, +) / Double(values.count))
  }

  /// NPS and CSAT of the survey's columns, over all answers and, with
  /// --survey-date, per period.
  private func surveyKPIs(_ path: String, periods: ReportingPeriods?) throws -> KPIReport.Survey {
    let table = try CSVReader.read(path)
    var result = KPIReport.Survey(source: table.source, rows: table.rowCount)
    /// The answers of one column on its scale (nil: blank), or a DataError at the bad cell.
    func answers(_ column: String, _ scale: RatingScale) throws -> [Int?] {
      do {
        return try scale.answers(try table.strings(column))
      } catch let error as RatingScaleError {
        throw DataError(file: table.source, line: table.line(ofRow: error.row), column: table.index(of: column)! + 1,
                        columnName: column, message: error.description)
      }
    }
    // Each row's reported period: all in one (0) without --survey-date.
    var rowPeriods = [Int?](repeating: 0, count: table.rowCount)
    if let surveyDate, let periods {
      rowPeriods = try table.days(surveyDate).map { periods.period(of: $0) }
      result.perPeriod = .init(dateColumn: surveyDate, outside: rowPeriods.count { $0 == nil })
    }
    /// The answers of each reported period.
    func split(_ answers: [Int?]) -> [[Int]] {
      var groups = [[Int]](repeating: [], count: periods?.count ?? 0)
      for (answer, period) in zip(answers, rowPeriods) {
        if let answer, let period { groups[period].append(answer) }
      }
      return groups
    }
    if let column = npsColumn {
      let scores = try answers(column, .netPromoter)
      result.nps = .init(column: column, blanks: scores.count { $0 == nil },
                         score: NetPromoterScore(scores: scores.compactMap { $0 }))
      result.perPeriod?.nps = split(scores).map { NetPromoterScore(scores: $0) }
    }
    if let column = csatColumn {
      let scale = RatingScale(csatScale)!
      let satisfied = Self.satisfiedThreshold(satisfied, scale: scale)
      let scores = try answers(column, scale)
      result.csat = .init(column: column, blanks: scores.count { $0 == nil },
                          score: CustomerSatisfaction(scores: scores.compactMap { $0 }, scale: scale, threshold: satisfied))
      result.perPeriod?.csat = split(scores).map { CustomerSatisfaction(scores: $0, scale: scale, threshold: satisfied) }
    }
    return result
  }
}

extension ReportingPeriods.Calendar: ExpressibleByArgument {}
