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

  @OptionGroup var lifetime: LifetimeValueOptions

  @Argument(help: "Customer summaries with both models' columns, or - for stdin.")
  var data: String

  @Option(help: "A column to copy into the output to identify each customer.")
  var id: String?

  @Option(name: .shortAndLong, help: "Where to write the values (CSV), or - for stdout; a file is written atomically.")
  var output: String = "-"

  @Option(help: "Rows per chunk (memory is proportional to it, not to the input).")
  var chunkRows: Int = 65_536

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard lifetime.isGiven else { throw ValidationError("cvw clv needs --purchases, --spend and --horizon") }
    guard chunkRows >= 1 else { throw ValidationError("--chunk-rows must be at least 1") }
  }

  func run() throws {
    runOptions.apply()
    guard let models = try lifetime.load() else { return }
    let inputs = models.inputs
    let header = try CSVReader.header(data)
    let source = data == "-" ? "<stdin>" : data
    try models.checkColumns(header, source: source)
    if let id, !header.contains(id) { throw DataError(file: source, line: 1, message: "has no column '\(id)' (named by --id)") }
    let writer = try CSVWriter(
      path: output, header: (id.map { [$0] } ?? []) + ["probability_alive", "expected_purchases", "expected_spend", "clv"])
    do {
      ProgressMeter.process.beginReading(data, verb: "valuing")
      try CSVReader.stream(data, numeric: inputs, text: id.map { [$0] } ?? [], chunkRows: chunkRows) { chunk in
        let v = try models.valuation.values(for: chunk, purchases: models.purchases, spend: models.spend)
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
