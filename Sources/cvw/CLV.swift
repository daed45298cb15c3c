import ArgumentParser
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw clv`: discounted customer lifetime value from a purchase and a spend model.
struct CLV: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clv",
    abstract: "Per-customer lifetime value from a BG/NBD and a Gamma-Gamma model, streaming.",
    discussion: """
      CLV = margin · m · Σₖ₌₁ᴴ [E(k·u) − E((k−1)·u)] / (1 + d)ᵏ, E(s) the BG/NBD expected purchases in the next s \
      time units, m the Gamma-Gamma expected spend per purchase, u the time units per period, d the discount \
      rate per period (lifetimes' customer_lifetime_value); --continuous discounts at e^(−d·s/u) instead. \
      Output: the --id column, probability_alive, expected_purchases (over the horizon), expected_spend, clv.
      """)

  @Option(help: "A bg-nbd model file (cvw fit bg-nbd).")
  var purchases: String

  @Option(help: "A gamma-gamma model file (cvw fit gamma-gamma).")
  var spend: String

  @Argument(help: "Customer summaries with both models' columns, or - for stdin.")
  var data: String

  @Option(help: "H: the number of periods.")
  var horizon: Int

  @Option(help: "The period of --horizon and --discount: day, week, month, quarter or year.")
  var unit: Period = .month

  @Option(help: "The time unit of the summaries (as written by cvw summarize --unit).")
  var timeUnit: Period = .week

  @Option(help: "Time units per period, overriding --unit/--time-unit (lifetimes uses 4.345 weeks a month).")
  var unitsPerPeriod: Double?

  @Option(help: "Discount rate per period (0.01 = 1% a month).")
  var discount: Double = 0

  @Flag(help: "Discount continuously, e^(−rate·periods), instead of at the end of each period.")
  var continuous = false

  @Option(help: "Profit margin: the share of spend counted as value.")
  var margin: Double = 1

  @Option(help: "A column to copy into the output to identify each customer.")
  var id: String?

  @Option(name: .shortAndLong, help: "Where to write the values (CSV), or - for stdout; a file is written atomically.")
  var output: String = "-"

  @Option(help: "Rows per chunk (memory is proportional to it, not to the input).")
  var chunkRows: Int = 65_536

  /// A calendar period, in days (month = 365.25/12, year = 365.25).
  enum Period: String, ExpressibleByArgument, CaseIterable {
    case day, week, month, quarter, year
    var days: Double {
      switch self {
      case .day: 1
      case .week: 7
      case .month: 365.25 / 12
      case .quarter: 365.25 / 4
      case .year: 365.25
      }
    }
  }

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1 period") }
    guard discount >= 0, discount.isFinite else { throw ValidationError("--discount must be ≥ 0") }
    guard margin.isFinite else { throw ValidationError("--margin must be a number") }
    if let u = unitsPerPeriod, !(u > 0 && u.isFinite) { throw ValidationError("--units-per-period must be positive") }
    guard chunkRows >= 1 else { throw ValidationError("--chunk-rows must be at least 1") }
  }

  func run() throws {
    runOptions.apply()
    guard case .betaGeo(let purchaseModel) = try ModelFile.load(purchases).model else {
      throw ValidationError("--purchases needs a bg-nbd model file")
    }
    guard case .gammaGamma(let spendModel) = try ModelFile.load(spend).model else {
      throw ValidationError("--spend needs a gamma-gamma model file")
    }
    let valuation = CustomerLifetimeValue(
      periods: horizon, unitsPerPeriod: unitsPerPeriod ?? unit.days / timeUnit.days,
      discounting: continuous ? .continuous(rate: discount) : .discrete(rate: discount), margin: margin)
    var inputs = purchaseModel.columns.names
    for name in [spendModel.frequencyColumn, spendModel.monetaryValueColumn] where !inputs.contains(name) { inputs.append(name) }
    let header = try CSVReader.header(data)
    let source = data == "-" ? "<stdin>" : data
    let missing = inputs.filter { !header.contains($0) }
    guard missing.isEmpty else {
      throw DataError(file: source, line: 1, message: "lacks the models' input "
        + missing.map { "'\($0)'" }.joined(separator: ", ") + " (the models need \(inputs.joined(separator: ", ")))")
    }
    if let id, !header.contains(id) { throw DataError(file: source, line: 1, message: "has no column '\(id)' (named by --id)") }
    let writer = try CSVWriter(
      path: output, header: (id.map { [$0] } ?? []) + ["probability_alive", "expected_purchases", "expected_spend", "clv"])
    do {
      ProgressMeter.process.beginReading(data, verb: "valuing")
      try CSVReader.stream(data, numeric: inputs, text: id.map { [$0] } ?? [], chunkRows: chunkRows) { chunk in
        let v = try valuation.values(for: chunk, purchases: purchaseModel, spend: spendModel)
        var fields: [CSVWriter.Field] = []
        if let id { fields.append(.strings(try chunk.strings(id))) }
        fields += [.numbers(v.probabilityAlive), .numbers(v.expectedPurchases), .numbers(v.expectedSpend), .numbers(v.value)]
        try writer.write(fields)
      }
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }
}
