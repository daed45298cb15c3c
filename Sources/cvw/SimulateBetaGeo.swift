import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw simulate bg-nbd`: customers drawn from BG/NBD (and Gamma-Gamma
/// spend), as RFM summaries or as a transaction log.
struct SimulateBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bg-nbd",
    abstract: "Simulate customers from BG/NBD (Fader, Hardie & Lee 2005): RFM summaries or a transaction log.",
    discussion: """
      λ ~ Gamma(r, rate alpha), p ~ Beta(a, b); purchases follow a Poisson process of rate λ from a first \
      purchase at time 0, and after each repeat purchase the customer drops out with probability p. \
      Summaries: customer_id,frequency,recency,T (frequency = repeat purchases in (0, T], recency = time of the \
      last one, 0 if none), then monetary_value with --spend, then frequency_holdout[,monetary_value_holdout],\
      duration_holdout with --holdout (the same process over (T, T+W]): the columns `cvw summarize` writes. \
      --spend p,q,v draws each amount from Gamma(p, rate ν), ν ~ Gamma(q, rate v) per customer (the \
      Gamma-Gamma model as `cvw fit gamma-gamma` parameterises it); monetary values are means over repeat \
      purchases. recency and T are written with 6 decimals (T is drawn on that grid), amounts exactly. \
      --transactions writes customer_id,date[,amount] instead, one row per purchase including the first, \
      on calendar days: a purchase at time t is ⌈t·u⌉ days after the first (u days per --unit), T is cut to \
      whole days, and every customer's calibration period ends on the same day; the calibration end and \
      observation end to give `cvw summarize` are printed on stderr and written to --truth.
      """)

  @Option(help: "The number of customers.")
  var customers: Int

  @Option(help: "BG/NBD r: shape of the purchase-rate distribution.")
  var r: Double = 0.243

  @Option(help: "BG/NBD alpha: rate (per time unit) of the purchase-rate distribution.")
  var alpha: Double = 4.414

  @Option(help: "BG/NBD a: first shape of the drop-out probability's beta distribution.")
  var a: Double = 0.793

  @Option(help: "BG/NBD b: second shape of the drop-out probability's beta distribution.")
  var b: Double = 2.426

  @Option(help: "The calibration length T in time units: one value (39) or a range drawn uniformly per customer (30-40).")
  var horizon: String = "39"

  @Option(help: "Gamma-Gamma spend parameters p,q,v (adds monetary_value, or an amount column).")
  var spend: String?

  @Option(help: "The holdout length W in time units (adds frequency_holdout, duration_holdout).")
  var holdout: Double?

  @Flag(help: "Write a transaction log customer_id,date[,amount] instead of summaries.")
  var transactions = false

  @Option(help: "With --transactions: the day of the earliest first purchase, YYYY-MM-DD.")
  var start: String?

  @Option(help: "With --transactions: the time unit of T, W and alpha, day or week (default week).")
  var unit: TimeUnit?

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    guard customers >= 1 else { throw ValidationError("--customers must be at least 1, found \(customers)") }
    for (name, value) in [("--r", r), ("--alpha", alpha), ("--a", a), ("--b", b)] where !(value > 0 && value.isFinite) {
      throw ValidationError("\(name) must be a positive number, found \(formatDouble(value))")
    }
    let range = try Self.horizonRange(horizon)
    _ = try spend.map(Self.spendParameters)
    if let holdout, !(holdout > 0 && holdout <= Self.longestTime) {
      throw ValidationError("--holdout must be a positive number up to \(Int(Self.longestTime)), found \(formatDouble(holdout))")
    }
    guard transactions else {
      if start != nil { throw ValidationError("--start needs --transactions") }
      if unit != nil { throw ValidationError("--unit needs --transactions") }
      return
    }
    if let start, CalendarDate.dayNumber(start) == nil {
      throw ValidationError("--start: \(CalendarDate.expectation), found \"\(start)\"")
    }
    let unit = self.unit ?? .week
    guard unit != .month else { throw ValidationError("--unit must be day or week with --transactions (a month is not whole days)") }
    let days = unit.days
    // T is drawn on the 10⁻⁶ grid, which can round the lower bound down.
    guard (range.lowerBound * 1e6).rounded() / 1e6 * days >= 1 else {
      throw ValidationError("--horizon \(horizon) is shorter than one day; with --transactions T must be at least 1 day")
    }
    if let holdout, (holdout * days).rounded() != holdout * days {
      throw ValidationError("--holdout \(formatDouble(holdout)) \(unit.rawValue)s is not a whole number of days")
    }
    let first = CalendarDate.dayNumber(start ?? Self.defaultStart)!
    let lastCalendarDay = CalendarDate.dayNumber("9999-12-31")!
    guard Double(first) + (range.upperBound + (holdout ?? 0)) * days + 1 <= Double(lastCalendarDay) else {
      throw ValidationError("--horizon and --holdout from the start date run past 9999-12-31")
    }
  }

  func run() throws {
    options.runOptions.apply()
    let range = try Self.horizonRange(horizon)
    let spendParameters = try spend.map(Self.spendParameters)
    let simulation = BetaGeoSimulation(
      r: r, alpha: alpha, a: a, b: b, horizon: range, holdout: holdout, spend: spendParameters, seed: options.seed)
    var truth: [(String, JSON)] = [
      ("model", .string("bg-nbd")), ("seed", .number(Double(options.seed))), ("customers", .number(Double(customers))),
      ("parameters", .object([("r", .number(r)), ("alpha", .number(alpha)), ("a", .number(a)), ("b", .number(b))])),
      ("horizon", .object([("min", .number(range.lowerBound)), ("max", .number(range.upperBound))])),
      ("holdout", .number(holdout)),
      ("spend", spendParameters.map { .object([("p", .number($0.p)), ("q", .number($0.q)), ("v", .number($0.v))]) } ?? .null),
    ]
    if transactions {
      let log = try writeLog(simulation)
      truth.append(("unit", .string((unit ?? .week).rawValue)))
      truth.append(("transactions", .object([
        ("rows", .number(Double(log.rows))), ("start", .string(CalendarDate.format(log.start))),
        ("calibrationEnd", .string(CalendarDate.format(log.calibrationEnd))),
        ("observationEnd", holdout == nil ? .null : .string(CalendarDate.format(log.observationEnd))),
      ])))
      try options.writeTruth(truth)
      var summarize = "--calibration-end \(CalendarDate.format(log.calibrationEnd))"
      if holdout != nil { summarize += " --observation-end \(CalendarDate.format(log.observationEnd))" }
      note("cvw: simulated \(log.rows) transaction\(log.rows == 1 ? "" : "s") of \(customers) customer"
        + "\(customers == 1 ? "" : "s"); summarise with \(summarize) --unit \((unit ?? .week).rawValue)")
    } else {
      try writeSummaries(simulation)
      try options.writeTruth(truth)
    }
  }

  /// Customers per chunk: a chunk's bytes stay well under a megabyte.
  private static let chunkSize = 8192

  private func writeSummaries(_ simulation: BetaGeoSimulation) throws {
    var header = ["customer_id", "frequency", "recency", "T"]
    let withSpend = simulation.spend != nil
    // A local: reading the @Option in the loop goes through the parser's storage.
    let holdout = simulation.holdout
    if withSpend { header.append("monetary_value") }
    if holdout != nil {
      header.append("frequency_holdout")
      if withSpend { header.append("monetary_value_holdout") }
      header.append("duration_holdout")
    }
    try writeChunkedCSV(
      path: options.output, header: header, count: customers, chunkSize: Self.chunkSize,
      failure: "the simulated spend overflowed: the --spend parameters are too extreme"
    ) { rows, bytes in
      var finite = true
      for i in rows {
        let c = simulation.customer(i)
        appendFormatted(Double(i + 1), to: &bytes)
        bytes.append(UInt8(ascii: ","))
        appendFormatted(Double(c.frequency), to: &bytes)
        bytes.append(UInt8(ascii: ","))
        appendFixed(c.recency, decimals: 6, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        appendFixed(c.age, decimals: 6, to: &bytes)
        if withSpend {
          finite = finite && c.monetaryValue.isFinite
          bytes.append(UInt8(ascii: ","))
          appendFormatted(c.monetaryValue, to: &bytes)
        }
        if let holdout {
          bytes.append(UInt8(ascii: ","))
          appendFormatted(Double(c.frequencyHoldout), to: &bytes)
          if withSpend {
            finite = finite && c.monetaryValueHoldout.isFinite
            bytes.append(UInt8(ascii: ","))
            appendFormatted(c.monetaryValueHoldout, to: &bytes)
          }
          bytes.append(UInt8(ascii: ","))
          appendFormatted(holdout, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
      }
      return finite ? rows.count : nil
    }
  }

  /// The calendar of a written log.
  private struct LogCalendar {
    var rows: Int
    var start: Int32
    var calibrationEnd: Int32
    var observationEnd: Int32
  }

  private func writeLog(_ simulation: BetaGeoSimulation) throws -> LogCalendar {
    let unitDays = Int((unit ?? .week).days)
    let start = Int32(CalendarDate.dayNumber(self.start ?? Self.defaultStart)!)
    // Every customer's calibration ends on the same day, ⌊max T·u⌋ days
    // after the start; the customers with the longest T start on --start.
    let longest = Int((simulation.horizon.upperBound * 1e6).rounded() / 1e6 * Double(unitDays))
    let calibrationEnd = start + Int32(longest)
    let holdoutDays = Int32(((holdout ?? 0) * Double(unitDays)).rounded())
    let withSpend = simulation.spend != nil
    let rows = try writeChunkedCSV(
      path: options.output, header: withSpend ? ["customer_id", "date", "amount"] : ["customer_id", "date"],
      count: customers, chunkSize: Self.chunkSize,
      failure: "the simulated spend overflowed: the --spend parameters are too extreme"
    ) { customers, bytes in
      var finite = true
      var purchases: [(day: Int, amount: Double)] = []
      var count = 0
      for i in customers {
        purchases.removeAll(keepingCapacity: true)
        let calibrationDays = simulation.purchases(i, unitDays: unitDays, into: &purchases)
        let first = calibrationEnd - Int32(calibrationDays)
        var id: [UInt8] = []
        appendFormatted(Double(i + 1), to: &id)
        for purchase in purchases {
          bytes.append(contentsOf: id)
          bytes.append(UInt8(ascii: ","))
          CalendarDate.append(first + Int32(purchase.day), to: &bytes)
          if withSpend {
            finite = finite && purchase.amount.isFinite
            bytes.append(UInt8(ascii: ","))
            appendFormatted(purchase.amount, to: &bytes)
          }
          bytes.append(UInt8(ascii: "\n"))
        }
        count += purchases.count
      }
      return finite ? count : nil
    }
    return LogCalendar(rows: rows, start: start, calibrationEnd: calibrationEnd,
                       observationEnd: calibrationEnd + holdoutDays)
  }

  /// The longest --horizon or --holdout, in time units: beyond it times
  /// on the 10⁻⁶ grid would leave the range where such a grid is exact.
  static let longestTime = 1e6

  /// The log's first day when --start is not given (CDNOW's).
  static let defaultStart = "1997-01-01"

  /// `39` or `30-40`: between 10⁻⁶ (the grid T is drawn on) and `longestTime`.
  static func horizonRange(_ text: String) throws -> ClosedRange<Double> {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    let values = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard (1...2).contains(parts.count), let low = values.first ?? nil, let high = values.last ?? nil,
      low.isFinite, high.isFinite
    else {
      throw ValidationError("--horizon must be a number (39) or a range low-high (30-40), found \"\(text)\"")
    }
    guard low >= 1e-6, high >= low, high <= longestTime else {
      throw ValidationError("--horizon \(text): expected 0.000001 ≤ low ≤ high ≤ \(Int(longestTime))")
    }
    return low...high
  }

  /// `p,q,v`, three positive numbers.
  static func spendParameters(_ text: String) throws -> BetaGeoSimulation.Spend {
    let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == 3, values.allSatisfy({ $0.map { $0 > 0 && $0.isFinite } ?? false }) else {
      throw ValidationError("--spend must be three positive numbers p,q,v (Gamma-Gamma), found \"\(text)\"")
    }
    return BetaGeoSimulation.Spend(p: values[0]!, q: values[1]!, v: values[2]!)
  }
}
