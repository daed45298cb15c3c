import ArgumentParser
import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw segment abc`: ABC classes by cumulative value and, with predicted
/// values, value tiers.
struct SegmentABC: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "abc",
    abstract: "ABC classes by cumulative value and value tiers (high, medium, potential, low), with a table per class.",
    discussion: """
      Customers sorted by value, largest first, are A until the cumulative share of the total first reaches the A \
      threshold (the customer who crosses it included), B until it reaches the B threshold, C after: a customer is A \
      when the customers of strictly greater value hold less than the A threshold, so tied customers share a class \
      (a tie group across a threshold goes wholly to the higher class). Value 0 is always C; all values 0 are refused. \
      The value is --value COLUMN, or else the repeat revenue frequency × monetary_value. With predicted values \
      (--clv FILE joined on --id, or the models of cvw clv), tiers: high = A, medium = B, potential = C but A by \
      predicted value (the customers of greater predicted value hold less than --potential-share of it; or P(alive) \
      ≥ --min-probability-alive when set), low = the other C; when every predicted value is 0 no one is A by \
      predicted value (noted on stderr). -o writes id, value, class[, predicted_value, tier].
      """)

  @Argument(help: "Customers with a value column (or summaries for the repeat revenue), or - for stdin.")
  var data: String

  @Option(help: "The customer id column.")
  var id = "customer_id"

  @Option(help: "The column to classify by (e.g. clv, revenue); default: frequency × monetary value.")
  var value: String?

  @Option(help: "Column of repeat purchases (for the default value).")
  var frequency = "frequency"

  @Option(help: "Column of the mean spend of the repeat purchases (for the default value).")
  var monetaryValue = "monetary_value"

  @Option(help: "Cumulative value shares closing classes A and B: a,b with 0 < a < b ≤ 1.")
  var thresholds = "0.8,0.95"

  @Option(help: "s: class C customers in class A by predicted value (customers above them hold less than s of it) are potential.")
  var potentialShare = 0.8

  @Option(help: "Class C customers with P(alive) at or above this are potential too (needs probability_alive).")
  var minProbabilityAlive: Double?

  @OptionGroup var predicted: PredictedValueOptions

  @OptionGroup var output: SegmentOutputOptions

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    try checkOneStdinInput([data, predicted.clv])
    _ = try parsedThresholds()
    guard potentialShare > 0 && potentialShare <= 1 else {
      throw ValidationError("--potential-share must be in (0, 1], got \(potentialShare)")
    }
    if let p = minProbabilityAlive {
      guard p >= 0 && p <= 1 else { throw ValidationError("--min-probability-alive must be in [0, 1], got \(p)") }
      guard predicted.isGiven else { throw ValidationError("--min-probability-alive needs --clv or the models") }
    }
  }

  /// The --thresholds pair, checked.
  func parsedThresholds() throws -> ABCClassification.Thresholds {
    let parts = thresholds.split(separator: ",", omittingEmptySubsequences: false)
      .map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let a = parts[0], let b = parts[1] else {
      throw ValidationError("--thresholds takes two shares a,b such as 0.8,0.95, got '\(thresholds)'")
    }
    guard let pair = ABCClassification.Thresholds(a: a, b: b) else {
      throw ValidationError("--thresholds \(thresholds): need 0 < a < b ≤ 1 (A closes before B)")
    }
    return pair
  }

  func run() throws {
    runOptions.apply()
    let thresholds = try parsedThresholds()
    ProgressMeter.process.beginReading(data)
    let table = try CSVReader.read(data)
    ProgressMeter.process.begin("classifying", unit: .elapsed)
    let ids = try customerIDs(table, column: id)
    guard !ids.isEmpty else { throw DataError(file: table.source, message: "has no customers: expected a row per customer") }

    let (values, valueName) = try historicalValues(table)
    let classification: ABCClassification
    do {
      classification = try ABCClassification(values: values, thresholds: thresholds)
    } catch {
      throw fault(error, table: table, values: values, column: valueName)
    }
    var tiers: [ValueTier]? = nil
    let prediction = try predicted.predicted(for: table, idName: id, ids: ids, needAlive: minProbabilityAlive != nil)
    if let prediction {
      let alive = minProbabilityAlive.flatMap { p in prediction.alive.map { (values: $0, minimum: p) } }
      if !prediction.value.contains(where: { $0 != 0 }) {
        let source = predicted.clv.map { $0 == "-" ? "<stdin>" : $0 } ?? "the models (--purchases, --spend)"
        note("cvw: every predicted value from \(source) is 0: no customer is potential by predicted value"
          + (alive == nil ? "" : ", only by P(alive)"))
      }
      do {
        tiers = try ValueTier.tiers(classes: classification.classes, predicted: prediction.value, share: potentialShare,
                                    probabilityAlive: alive)
      } catch {
        throw fault(error, table: table, values: prediction.value, column: predicted.clv == nil ? "clv" : predicted.clvColumn)
      }
    }

    let summary = Self.summary(classification, values: values, tiers: tiers, predicted: prediction?.value)
    var header = [id, "value", "class"]
    var fields: [CSVWriter.Field] = [.strings(ids), .numbers(values), .strings(classification.classes.map(\.rawValue))]
    if let prediction, let tiers {
      header += ["predicted_value", "tier"]
      fields += [.numbers(prediction.value), .strings(tiers.map(\.rawValue))]
    }
    let description = valueName.map { "'\($0)'" } ?? "frequency × monetary value"
    try output.write(
      customers: header, fields, table: summary,
      json: { try Self.json(classification, summary, value: valueName ?? "frequency × monetary_value").serialized() },
      text: { Self.text(classification, summary, value: description, source: table.source, tiers: tiers != nil) })
  }

  /// The value to classify by and its column name (nil for the repeat revenue).
  private func historicalValues(_ table: Table) throws -> ([Double], String?) {
    guard let value else {
      return (try RFMSegmentation.checkedRevenue(table: table, frequency: frequency, monetaryValue: monetaryValue), nil)
    }
    let values = try table.numeric(value)
    try checkTotal(values, source: table.source, column: value, what: "the values of '\(value)'")
    return (values, value)
  }

  private func cellError(_ table: Table, _ row: Int, _ column: String, _ message: String) -> DataError {
    DataError(file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
              columnName: column, message: message)
  }

  /// A `ValueConcentration` failure as a data error at its cell.
  private func fault(_ failure: ValueConcentration.Failure, table: Table, values: [Double], column: String?) -> DataError {
    switch failure {
    case .invalidValue(let row):
      let expected = "expected a finite value ≥ 0, found \(formatDouble(values[row]))"
      if let column, table.index(of: column) != nil { return cellError(table, row, column, expected) }
      return DataError(file: table.source, line: table.line(ofRow: row), message: "the value of this customer: \(expected)")
    case .zeroTotal:
      return DataError(file: table.source, columnName: column,
                       message: "every value is 0: there is no value to classify by")
    case .totalOverflow:
      return DataError(file: table.source, columnName: column, message: failure.description)
    }
  }

  /// A row per class, then per tier: customers, value and predicted value with their shares.
  static func summary(_ c: ABCClassification, values: [Double], tiers: [ValueTier]?, predicted: [Double]?) -> ResultTable {
    var columns: [(name: String, title: String)] = [
      ("kind", "kind"), ("group", "group"), ("customers", "customers"), ("customer_share", "share"),
      ("value", "value"), ("value_share", "value share"),
    ]
    if predicted != nil { columns += [("predicted_value", "predicted"), ("predicted_share", "predicted share")] }
    var table = ResultTable(columns: columns)
    func add(kind: String, names: [String], groups: [Int]) {
      let g = GroupSummary(groups: groups, groupCount: names.count, value: values)
      let p = predicted.map { GroupSummary(groups: groups, groupCount: names.count, value: $0) }
      let shares = g.customerShares, valueShares = g.valueShares, predictedShares = p?.valueShares
      for (k, name) in names.enumerated() {
        var row: [ResultTable.Cell] = [
          .text(kind), .text(name), .count(g.customers[k]), .share(shares[k]), .number(g.value[k]), .share(valueShares[k]),
        ]
        if let p, let predictedShares { row += [.number(p.value[k]), .share(predictedShares[k])] }
        table.append(row)
      }
    }
    add(kind: "class", names: ABCClassification.Class.allCases.map(\.rawValue), groups: c.classes.map(\.index))
    if let tiers { add(kind: "tier", names: ValueTier.allCases.map(\.rawValue), groups: tiers.map(\.index)) }
    return table
  }

  static func text(_ c: ABCClassification, _ table: ResultTable, value: String, source: String, tiers: Bool) -> String {
    let n = c.classes.count, v = c.concentration
    var lines = [
      "ABC classes of \(n) customer\(n == 1 ? "" : "s") in \(source) by \(value) (total \(String(format: "%.2f", v.total))): "
        + "A until \(percent(c.thresholds.a)) of the value, B until \(percent(c.thresholds.b))",
      "the top 20% of customers hold \(percent(v.share(ofTop: 0.2))) of the value; "
        + "\(percent(c.thresholds.a)) of the value is held by the top \(percent(v.fraction(holding: c.thresholds.a)))",
      "",
    ]
    var classes = ResultTable(columns: Array(table.columns.dropFirst()))
    var tierRows = classes
    for row in table.rows {
      guard case .text(let kind) = row[0] else { continue }
      if kind == "class" { classes.append(Array(row.dropFirst())) } else { tierRows.append(Array(row.dropFirst())) }
    }
    lines.append(classes.text())
    if tiers {
      lines.append("value tiers: high = A, medium = B, potential = C but A by predicted value, low = the other C")
      lines.append("")
      lines.append(tierRows.text())
    }
    return lines.joined(separator: "\n")
  }

  private static func percent(_ share: Double) -> String { String(format: "%.1f%%", 100 * share) }

  static func json(_ c: ABCClassification, _ table: ResultTable, value: String) -> JSON {
    let v = c.concentration
    let curve = v.curve(points: 20)
    return .object([
      ("customers", .number(Double(c.classes.count))),
      ("value", .string(value)),
      ("total", .number(v.total)),
      ("thresholds", .object([("a", .number(c.thresholds.a)), ("b", .number(c.thresholds.b))])),
      ("topFifthShare", .number(v.share(ofTop: 0.2))),
      ("customerShareHoldingA", .number(v.fraction(holding: c.thresholds.a))),
      ("curve", .object([("customerShare", .numbers(curve.customerShare)), ("valueShare", .numbers(curve.valueShare))])),
      ("groups", table.json()),
    ])
  }
}
