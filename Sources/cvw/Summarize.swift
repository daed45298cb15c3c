import ArgumentParser
import Models
import NumericCore
import Tabular

/// `cvw summarize`: a transaction log → one RFM row per customer, the input
/// of the buy-till-you-die models.
struct Summarize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Summarise a transaction log into one row per customer: frequency, recency, T, monetary value.",
    discussion: """
      Same-day transactions are one purchase (amounts add up). frequency = repeat purchase days up to the \
      calibration end; recency = (last − first purchase day) / unit; T = (calibration end − first purchase \
      day) / unit; monetary_value = mean amount of the repeat purchase days (0 when none). With an observation \
      end (or a calibration end before the last date) the holdout columns frequency_holdout, \
      monetary_value_holdout and duration_holdout are added. Rows follow each customer's first appearance.
      """)

  @Argument(help: "The transaction log: CSV with a header, or - for stdin.")
  var transactions: String

  @Option(help: "The customer id column (copied to the output exactly as written).")
  var customer: String

  @Option(help: "The transaction date column: YYYY-MM-DD or ISO date-times (counted on the day they are written in).")
  var date: String

  @Option(help: "The transaction amount column (adds the monetary_value columns).")
  var amount: String?

  @Option(help: "The last day of the calibration period, YYYY-MM-DD (default: the last transaction date).")
  var calibrationEnd: String?

  @Option(help: "The last day of the holdout period, after the calibration end (default: the last transaction date when the calibration end is before it).")
  var observationEnd: String?

  @Option(help: "The time unit: day, week (7 days) or month (365.25/12 days).")
  var unit: TimeUnit = .week

  @Option(name: .shortAndLong, help: "Where to write the summary (CSV), or - for stdout; a file is written atomically.")
  var output: String = "-"

  func validate() throws {
    try TransactionLog.validateColumns(customer: customer, date: date, amount: amount)
    let calibration = try calibrationEnd.map { try Summarize.day($0, option: "--calibration-end") }
    let observation = try observationEnd.map { try Summarize.day($0, option: "--observation-end") }
    if let calibration, let observation, observation <= calibration {
      throw ValidationError("--observation-end \(observationEnd ?? "") must be after --calibration-end \(calibrationEnd ?? "")")
    }
  }

  @OptionGroup var runOptions: RunOptions

  func run() throws {
    runOptions.apply()
    ProgressMeter.process.beginReading(transactions)
    let log = try TransactionLog(path: transactions, customer: customer, date: date, amount: amount)
    ProgressMeter.process.begin("summarizing", unit: .elapsed)
    let customers = log.customers
    let summary: TransactionSummary
    do {
      summary = try TransactionSummary(
        codes: customers.codes, customerCount: customers.keys.count, days: log.days, amounts: log.amounts,
        calibrationEnd: try calibrationEnd.map { try Summarize.day($0, option: "--calibration-end") },
        observationEnd: try observationEnd.map { try Summarize.day($0, option: "--observation-end") },
        unit: unit)
    } catch let error as TransactionSummaryError {
      throw DataError(file: log.source, message: error.description)
    }

    var header = [customer, "frequency", "recency", "T"]
    var fields: [CSVWriter.Field] = [
      .strings(summary.customers.map { customers.keys[Int($0)] }),
      .numbers(summary.frequency), .numbers(summary.recency), .numbers(summary.age),
    ]
    if let monetary = summary.monetaryValue {
      header.append("monetary_value")
      fields.append(.numbers(monetary))
    }
    if let holdout = summary.holdout {
      header.append("frequency_holdout")
      fields.append(.numbers(holdout.frequency))
      if let monetary = holdout.monetaryValue {
        header.append("monetary_value_holdout")
        fields.append(.numbers(monetary))
      }
      header.append("duration_holdout")
      fields.append(.numbers([Double](repeating: holdout.duration, count: summary.count)))
    }
    try CSVWriter.write(fields, header: header, to: output)

    var period = "calibration ends \(CalendarDate.format(summary.calibrationEnd))"
    if let end = summary.observationEnd { period += ", holdout to \(CalendarDate.format(end))" }
    note("cvw: summarised \(log.rowCount) transaction\(log.rowCount == 1 ? "" : "s") into \(summary.count) "
      + "customer\(summary.count == 1 ? "" : "s") (\(period), unit \(unit.rawValue))")
    if summary.leftOutCustomers > 0 {
      let n = summary.leftOutCustomers
      note("cvw: \(n) customer\(n == 1 ? "" : "s") first bought after the calibration end and \(n == 1 ? "is" : "are") left out")
    }
    if summary.ignoredTransactions > 0, let end = summary.observationEnd {
      let n = summary.ignoredTransactions
      note("cvw: \(n) transaction\(n == 1 ? "" : "s") after the observation end \(CalendarDate.format(end)) "
        + "\(n == 1 ? "is" : "are") ignored")
    }
  }

  /// The day number of a date option, or a usage error naming the option.
  static func day(_ text: String, option: String) throws -> Int32 {
    guard let day = CalendarDate.dayNumber(text) else {
      throw ValidationError("\(option): \(CalendarDate.expectation), found \"\(text)\"")
    }
    return day
  }
}

extension TimeUnit: ExpressibleByArgument {}

/// A transaction log read as `cvw summarize` reads it: customer ids
/// interned in order of first appearance, dates as day numbers, amounts when
/// a column is named. Bad cells are `DataError`s naming file:line:column.
struct TransactionLog {
  /// The file name for messages (`<stdin>` for `-`).
  let source: String
  /// The number of transactions (data rows).
  let rowCount: Int
  let customers: KeyColumn
  let days: [Int32]
  let amounts: [Double]?

  init(path: String, customer: String, date: String, amount: String?) throws {
    var requests: [ColumnRequest] = [.key(customer), .date(date)]
    if let amount { requests.append(.number(amount)) }
    let table = try CSVReader.read(path, requests: requests)
    source = table.source
    rowCount = table.rowCount
    customers = try table.keys(customer)
    days = try table.days(date)
    amounts = try amount.map { try table.numeric($0) }
  }

  /// A usage error when two of the options name the same column.
  static func validateColumns(customer: String, date: String, amount: String?) throws {
    let columns = [("--customer", customer), ("--date", date)] + (amount.map { [("--amount", $0)] } ?? [])
    for (k, (option, name)) in columns.enumerated() {
      if let (other, _) = columns[..<k].first(where: { $0.1 == name }) {
        throw ValidationError("\(other) and \(option) both name the column '\(name)'; they must be different columns")
      }
    }
  }
}
