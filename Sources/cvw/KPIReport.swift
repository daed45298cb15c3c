import Foundation
import Models
import ModelStore
import Tabular

/// What `cvw kpi` found, and its three renderings: a text table for
/// people (KPIs down, periods across), JSON, and CSV (one row per period).
struct KPIReport {
  /// The transaction log's KPIs.
  struct Log {
    var source: String
    var transactions: Int
    var customers: Int
    var firstDay: Int32, lastDay: Int32
    var periods: ReportingPeriods
    var kpis: CustomerKPIs
    var spend: Spend?
    /// The model-based CLV per period (--purchases, --spend).
    var modelValues: ModelValues?
  }

  /// The mean model-based CLV of each period's active customers.
  struct ModelValues {
    /// nil where a period has no active customer.
    var means: [Double?]
    /// "12 months".
    var horizon: String
    /// The discount rate per `discountPeriod`.
    var discount: Double
    /// "month".
    var discountPeriod: String
  }

  /// Marketing spend per reported period.
  struct Spend {
    /// The file, or `--marketing-spend`.
    var source: String
    var perPeriod: [Double]
    /// Rows of the file dated outside every reported period.
    var outside: Int
  }

  /// The mean model-based CLV of a `cvw clv` output.
  struct ModelValue {
    var source: String
    var column: String
    var customers: Int
    var mean: Double
  }

  /// A survey's NPS and CSAT.
  struct Survey {
    struct Answers<Score> {
      var column: String
      /// Blank cells skipped.
      var blanks: Int
      var score: Score
    }
    /// The scores of the answers dated in each reported period.
    struct PeriodScores {
      var dateColumn: String
      /// Rows dated outside every reported period.
      var outside: Int
      var nps: [NetPromoterScore]?
      var csat: [CustomerSatisfaction]?
    }
    var source: String
    var rows: Int
    var nps: Answers<NetPromoterScore>?
    var csat: Answers<CustomerSatisfaction>?
    var perPeriod: PeriodScores?
  }

  var log: Log?
  var modelValue: ModelValue?
  var survey: Survey?

  /// Writes the report in `options.format` to `options.output`, atomically.
  func write(_ options: OutputOptions) throws {
    switch options.format {
    case .text: try writeAtomically(Array(text().utf8), to: options.output)
    case .json: try writeAtomically(Array(try json().serialized().utf8), to: options.output)
    case .csv:
      let (header, fields) = csv()
      try CSVWriter.write(fields, header: header, to: options.output)
    }
  }

  // MARK: - One row per period

  /// How a value is shown in text.
  private enum ValueStyle { case count, rate, money, decimal, signed, points }

  /// A KPI of a period: its name in each format and its value (nil: undefined).
  private struct Measure {
    var label: String
    var key: String
    var style: ValueStyle
    var value: (Int) -> Double?
  }

  /// The per-period measures, in the order every format shows them.
  private func measures(_ log: Log) -> [Measure] {
    let rows = log.kpis.periods
    let unit = log.periods.unitName.hasPrefix("period") ? "periods" : "\(log.periods.unitName)s"
    var list: [Measure] = [
      Measure(label: "active customers E", key: "activeCustomers", style: .count) { Double(rows[$0].activeCustomers) },
      Measure(label: "new customers", key: "newCustomers", style: .count) { Double(rows[$0].newCustomers) },
      Measure(label: "reactivated customers", key: "reactivatedCustomers", style: .count) {
        Double(rows[$0].reactivatedCustomers)
      },
      Measure(label: "retained customers R", key: "retainedCustomers", style: .count) { Double(rows[$0].retainedCustomers) },
      Measure(label: "customers at start S", key: "customersAtStart", style: .count) { Double(rows[$0].customersAtStart) },
      Measure(label: "retention rate CRR", key: "retentionRate", style: .rate) { rows[$0].retentionRate },
      Measure(label: "churn rate", key: "churnRate", style: .rate) { rows[$0].churnRate },
      Measure(label: "repeat customers", key: "repeatCustomers", style: .count) { Double(rows[$0].repeatCustomers) },
      Measure(label: "repeat-purchase rate", key: "repeatPurchaseRate", style: .rate) { rows[$0].repeatPurchaseRate },
      Measure(label: "orders", key: "orders", style: .count) { Double(rows[$0].orders) },
    ]
    if rows.first?.revenue != nil {
      list += [
        Measure(label: "revenue", key: "revenue", style: .money) { rows[$0].revenue },
        Measure(label: "average order value", key: "averageOrderValue", style: .money) { rows[$0].averageOrderValue },
      ]
    }
    list += [
      Measure(label: "purchase frequency", key: "purchaseFrequency", style: .decimal) { rows[$0].purchaseFrequency },
      Measure(label: "average lifetime (\(unit))", key: "averageLifetime", style: .decimal) { rows[$0].averageLifetime },
    ]
    if rows.first?.revenue != nil {
      list.append(Measure(label: "historical CLV", key: "historicalCLV", style: .money) { rows[$0].historicalLifetimeValue })
    }
    if let model = log.modelValues {
      list.append(Measure(label: "model CLV (\(model.horizon))", key: "modelCLV", style: .money) { model.means[$0] })
    }
    if let nps = survey?.perPeriod?.nps {
      list += [
        Measure(label: "NPS (points)", key: "nps", style: .signed) { nps[$0].score },
        Measure(label: "NPS answers", key: "npsAnswers", style: .count) { Double(nps[$0].answers) },
      ]
    }
    if let csat = survey?.perPeriod?.csat {
      list += [
        Measure(label: "CSAT", key: "csat", style: .rate) { csat[$0].score },
        Measure(label: "CSAT answers", key: "csatAnswers", style: .count) { Double(csat[$0].answers) },
      ]
    }
    if let spend = log.spend {
      list += [
        Measure(label: "marketing spend", key: "marketingSpend", style: .money) { spend.perPeriod[$0] },
        Measure(label: "CAC", key: "acquisitionCost", style: .money) {
          AcquisitionCost(spend: spend.perPeriod[$0], newCustomers: rows[$0].newCustomers).value
        },
      ]
    }
    return list
  }

  // MARK: - Text

  /// KPIs down, periods across (blocks of periods when they do not fit in
  /// 100 columns), then the model CLV and the survey.
  func text() -> String {
    var lines = [String]()
    if let log {
      let rows = log.kpis.periods
      lines.append("customer KPIs per \(log.periods.unitName): \(log.source), \(log.transactions) transactions, "
        + "\(log.customers) customers, \(CalendarDate.format(log.firstDay)) to \(CalendarDate.format(log.lastDay))")
      let measures = measures(log)
      let labelWidth = measures.map(\.label.count).max()!
      let cells = measures.map { m in rows.indices.map { Self.format(m.value($0), m.style) } }
      let headers = rows.map { $0.label + ($0.isPartial ? "*" : "") + ($0.hasPartialBaseline ? "†" : "") }
      let widths = rows.indices.map { i in max(headers[i].count, cells.map { $0[i].count }.max()!) }
      var blockStart = 0
      while blockStart < rows.count {
        var blockEnd = blockStart + 1, used = labelWidth + 2 + widths[blockStart]
        while blockEnd < rows.count && used + 2 + widths[blockEnd] <= 100 {
          used += 2 + widths[blockEnd]
          blockEnd += 1
        }
        lines.append("")
        let block = blockStart..<blockEnd
        lines.append(Self.row("", headers[block], labelWidth, widths[block]))
        for (m, measure) in measures.enumerated() {
          lines.append(Self.row(measure.label, cells[m][block], labelWidth, widths[block]))
        }
        blockStart = blockEnd
      }
      lines.append("")
      lines.append("CRR = (E − N)/S with N = new + reactivated, so CRR = R/S; churn = 1 − CRR; orders = purchase days;")
      lines.append("frequency = orders/E per \(log.periods.unitName); lifetime = 1/churn; historical CLV = AOV × frequency × "
        + "lifetime; — = undefined.")
      if let model = log.modelValues {
        lines.append("model CLV = mean BG/NBD × Gamma-Gamma CLV of the period's active customers as at its end,")
        lines.append("over \(model.horizon), discount rate \(formatDouble(model.discount)) per \(model.discountPeriod).")
      }
      if rows.contains(where: \.isPartial) { lines.append("* the log covers only part of the period") }
      if rows.contains(where: \.hasPartialBaseline) {
        let unit = log.periods.unitName
        lines.append("† the log starts after the first day of the \(unit) before: S (and CRR, churn, lifetime,")
        lines.append("  historical CLV) and new vs reactivated rest on only part of that \(unit)")
      }
    }
    if let value = modelValue {
      if !lines.isEmpty { lines.append("") }
      lines.append("model-based CLV: \(Self.format(value.mean, .money)) (mean of '\(value.column)' over "
        + "\(value.customers) customers in \(value.source))")
    }
    if let survey {
      if !lines.isEmpty { lines.append("") }
      lines.append("survey: \(survey.source), \(survey.rows) rows")
      if let nps = survey.nps {
        let n = nps.score
        lines.append("  NPS  ('\(nps.column)', 0-10): \(Self.format(n.score, .points))  "
          + "promoters \(n.promoters) (\(Self.share(n.promoters, n.answers))), passives \(n.passives), "
          + "detractors \(n.detractors) (\(Self.share(n.detractors, n.answers))); \(n.answers) answers"
          + (nps.blanks > 0 ? ", \(nps.blanks) blank skipped" : ""))
      }
      if let csat = survey.csat {
        let c = csat.score
        lines.append("  CSAT ('\(csat.column)', \(c.threshold)-\(c.scale.highest) of \(c.scale)): "
          + "\(Self.format(c.score, .rate))  \(c.satisfied) of \(c.answers) answers satisfied"
          + (csat.blanks > 0 ? ", \(csat.blanks) blank skipped" : ""))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func row(_ label: String, _ cells: ArraySlice<String>, _ labelWidth: Int, _ widths: ArraySlice<Int>) -> String {
    var line = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
    for (cell, width) in zip(cells, widths) {
      line += "  " + String(repeating: " ", count: width - cell.count) + cell
    }
    return line
  }

  private static func format(_ value: Double?, _ style: ValueStyle) -> String {
    guard let value else { return "—" }
    switch style {
    case .count: return String(Int(value))
    case .rate: return String(format: "%.1f%%", 100 * value)
    case .money: return String(format: "%.2f", value)
    case .decimal: return String(format: "%.3f", value)
    case .signed: return String(format: "%+.1f", value)
    case .points: return String(format: "%+.1f points", value)
    }
  }

  private static func share(_ part: Int, _ whole: Int) -> String {
    format(whole > 0 ? Double(part) / Double(whole) : nil, .rate)
  }

  // MARK: - JSON

  func json() -> JSON {
    var members = [(String, JSON)]()
    if let log {
      let measures = measures(log)
      members += [
        ("source", .string(log.source)), ("transactions", .number(Double(log.transactions))),
        ("customers", .number(Double(log.customers))), ("firstDay", .string(CalendarDate.format(log.firstDay))),
        ("lastDay", .string(CalendarDate.format(log.lastDay))), ("periodUnit", .string(log.periods.unitName)),
        ("periods", .array(log.kpis.periods.enumerated().map { i, row in
          .object([
            ("period", .string(row.label)), ("start", .string(CalendarDate.format(row.start))),
            ("end", .string(CalendarDate.format(row.end))), ("partial", .bool(row.isPartial)),
            ("partialBaseline", .bool(row.hasPartialBaseline)),
          ] + measures.map { ($0.key, JSON.number($0.value(i))) })
        })),
      ]
      if let spend = log.spend { members.append(("marketingSpendSource", .string(spend.source))) }
      if let model = log.modelValues {
        members += [("modelCLVHorizon", .string(model.horizon)), ("modelCLVDiscount", .number(model.discount))]
      }
    }
    if let value = modelValue {
      members.append(("modelCLV", .object([
        ("source", .string(value.source)), ("column", .string(value.column)),
        ("customers", .number(Double(value.customers))), ("mean", .number(value.mean)),
      ])))
    }
    if let survey {
      var fields: [(String, JSON)] = [("source", .string(survey.source)), ("rows", .number(Double(survey.rows)))]
      if let nps = survey.nps {
        fields.append(("nps", .object([
          ("column", .string(nps.column)), ("score", .number(nps.score.score)),
          ("promoters", .number(Double(nps.score.promoters))), ("passives", .number(Double(nps.score.passives))),
          ("detractors", .number(Double(nps.score.detractors))), ("answers", .number(Double(nps.score.answers))),
          ("blanksSkipped", .number(Double(nps.blanks))),
        ])))
      }
      if let csat = survey.csat {
        fields.append(("csat", .object([
          ("column", .string(csat.column)), ("scale", .string(csat.score.scale.description)),
          ("threshold", .number(Double(csat.score.threshold))), ("score", .number(csat.score.score)),
          ("satisfied", .number(Double(csat.score.satisfied))), ("answers", .number(Double(csat.score.answers))),
          ("blanksSkipped", .number(Double(csat.blanks))),
        ])))
      }
      if let perPeriod = survey.perPeriod {
        fields += [("dateColumn", .string(perPeriod.dateColumn)), ("rowsOutsidePeriods", .number(Double(perPeriod.outside)))]
      }
      members.append(("survey", .object(fields)))
    }
    return .object(members)
  }

  // MARK: - CSV

  /// One row per period (one row without a log); the model CLV and the
  /// survey's scores, which are not per period, repeat on every row.
  func csv() -> (header: [String], fields: [CSVWriter.Field]) {
    var header = [String](), fields = [CSVWriter.Field]()
    var count = 1
    if let log {
      let rows = log.kpis.periods
      count = rows.count
      header += ["period", "start", "end", "partial", "partial_baseline"]
      fields += [
        .strings(rows.map(\.label)), .strings(rows.map { CalendarDate.format($0.start) }),
        .strings(rows.map { CalendarDate.format($0.end) }), .strings(rows.map { $0.isPartial ? "true" : "false" }),
        .strings(rows.map { $0.hasPartialBaseline ? "true" : "false" }),
      ]
      for measure in measures(log) {
        header.append(Self.snakeCase(measure.key))
        fields.append(.numbers(rows.indices.map { measure.value($0) ?? .nan }))
      }
    }
    func constant(_ name: String, _ value: Double?) {
      header.append(name)
      fields.append(.numbers([Double](repeating: value ?? .nan, count: count)))
    }
    if let value = modelValue { constant("model_clv", value.mean) }
    if let nps = survey?.nps?.score, survey?.perPeriod == nil {
      constant("nps", nps.score)
      constant("nps_promoters", Double(nps.promoters))
      constant("nps_passives", Double(nps.passives))
      constant("nps_detractors", Double(nps.detractors))
      constant("nps_answers", Double(nps.answers))
    }
    if let csat = survey?.csat?.score, survey?.perPeriod == nil {
      constant("csat", csat.score)
      constant("csat_satisfied", Double(csat.satisfied))
      constant("csat_answers", Double(csat.answers))
    }
    return (header, fields)
  }

  /// `averageOrderValue` → `average_order_value`; `historicalCLV` → `historical_clv`.
  static func snakeCase(_ key: String) -> String {
    var out = ""
    var previousUpper = false
    for character in key {
      if character.isUppercase {
        if !out.isEmpty && !previousUpper { out.append("_") }
        out += character.lowercased()
        previousUpper = true
      } else {
        out.append(character)
        previousUpper = false
      }
    }
    return out
  }

  // MARK: - Checks and notes

  /// Refuses a report holding a KPI that overflowed (a sum beyond the
  /// largest double, ≈ 1.8·10³⁰⁸: revenue, marketing spend, a mean CLV),
  /// before anything is written, so that no format shows ∞ or NaN.
  ///
  /// - Throws: `DataError` naming the input, the KPI and its period.
  func checkFinite() throws {
    if let log {
      let rows = log.kpis.periods
      for measure in measures(log) {
        for i in rows.indices {
          guard let value = measure.value(i), !value.isFinite else { continue }
          let source = measure.key == "marketingSpend" || measure.key == "acquisitionCost" ? log.spend?.source : nil
          throw DataError(file: source ?? log.source, message: "the \(measure.label) of \(rows[i].label) overflows "
            + "(\(formatDouble(value)); beyond ≈ 1.8e308): the amounts are too large to add up")
        }
      }
    }
    if let value = modelValue, !value.mean.isFinite {
      throw DataError(file: value.source, columnName: value.column, message: "the mean of '\(value.column)' overflows "
        + "(\(formatDouble(value.mean))): the values are too large to add up")
    }
  }

  /// Period labels for a note: all of them up to four, else the first two,
  /// the last and how many there are.
  static func listed(_ labels: [String]) -> String {
    guard labels.count > 4 else { return labels.joined(separator: ", ") }
    return "\(labels[0]), \(labels[1]), …, \(labels[labels.count - 1]) (\(labels.count) periods)"
  }

  /// Lines for stderr: what is undefined and why, partial periods, spend
  /// outside the periods, blank survey answers.
  func notes() -> [String] {
    var notes = [String]()
    if let log {
      let rows = log.kpis.periods
      let noStart = rows.filter { $0.customersAtStart == 0 }.map(\.label)
      if !noStart.isEmpty {
        notes.append("CRR, churn, lifetime and historical CLV are undefined for \(Self.listed(noStart)): "
          + "no customer was active in the \(log.periods.unitName) before (S = 0)")
      }
      let noChurn = rows.filter { $0.churnRate == 0 }.map(\.label)
      if !noChurn.isEmpty {
        notes.append("lifetime and historical CLV are undefined for \(Self.listed(noChurn)): churn is 0")
      }
      let logRange = "\(CalendarDate.format(log.firstDay)) to \(CalendarDate.format(log.lastDay))"
      let partial = rows.filter(\.isPartial).map(\.label)
      if !partial.isEmpty {
        notes.append("the log (\(logRange)) covers only part of \(Self.listed(partial))")
      }
      let partialBaseline = rows.filter { $0.hasPartialBaseline && $0.customersAtStart > 0 }.map(\.label)
      if !partialBaseline.isEmpty {
        notes.append("the log (\(logRange)) covers only part of the \(log.periods.unitName) before "
          + "\(Self.listed(partialBaseline)) (†): their S and the KPIs built on it count a shorter baseline")
      }
      if let spend = log.spend {
        let noNew = rows.filter { $0.newCustomers == 0 }.map(\.label)
        if !noNew.isEmpty {
          notes.append("CAC is undefined for \(Self.listed(noNew)): no new customer")
        }
        if spend.outside > 0 {
          notes.append("\(spend.outside) row\(spend.outside == 1 ? "" : "s") of \(spend.source) "
            + "\(spend.outside == 1 ? "is" : "are") dated outside the reported periods and ignored")
        }
      }
    }
    if let survey {
      for (name, column, blanks) in [("NPS", survey.nps?.column, survey.nps?.blanks), ("CSAT", survey.csat?.column, survey.csat?.blanks)] {
        if let column, let blanks, blanks > 0 {
          notes.append("\(blanks) blank answer\(blanks == 1 ? "" : "s") in '\(column)' of \(survey.source) skipped (\(name))")
        }
      }
      if let perPeriod = survey.perPeriod, perPeriod.outside > 0 {
        let n = perPeriod.outside
        notes.append("\(n) row\(n == 1 ? "" : "s") of \(survey.source) \(n == 1 ? "is" : "are") dated outside the reported "
          + "periods: counted in the survey's overall scores only")
      }
      if let nps = survey.nps, nps.score.answers == 0 { notes.append("NPS is undefined: '\(nps.column)' has no answers") }
      if let csat = survey.csat, csat.score.answers == 0 { notes.append("CSAT is undefined: '\(csat.column)' has no answers") }
    }
    return notes
  }
}
