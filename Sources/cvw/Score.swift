import ArgumentParser
import Dispatch
import Models
import ModelStore
import NumericCore
import Tabular

/// `cvw score`: apply a saved model to new rows, streaming.
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score rows with a saved model, streaming in bounded memory (a filter: `cvw score m.json - > scores.csv`).",
    discussion: """
      Writes the --id column when given, then the model's outputs, one row per input row, in input order: \
      `probability` for logistic models; `probability_alive` and `expected_purchases` (over --horizon time \
      units, in the unit of the summaries) for bg-nbd, mbg-nbd and pareto-nbd models; `expected_spend` per purchase for gamma-gamma models.
      """)

  @Argument(help: "A model file written by `cvw fit`.")
  var model: String

  @Argument(help: "Rows to score: CSV with the model's input columns (others are ignored), or - for stdin.")
  var data: String

  @Option(name: .shortAndLong, help: "Where to write the scores (CSV), or - for stdout; a file is written atomically.")
  var output: String = "-"

  @Option(help: "A column to copy into the output to identify each row.")
  var id: String?

  @Option(help: "For bg-nbd, mbg-nbd and pareto-nbd models: the horizon of the expected purchases, in the summaries' time unit.")
  var horizon: Double?

  @Option(help: "Rows per chunk (memory is proportional to it, not to the input).")
  var chunkRows: Int = 65_536

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard chunkRows >= 1 else { throw ValidationError("--chunk-rows must be at least 1") }
    if let horizon, !(horizon > 0 && horizon.isFinite) { throw ValidationError("--horizon must be a positive number") }
  }

  /// The outputs of the purchase models (bg-nbd, mbg-nbd, pareto-nbd).
  static let purchaseOutputs = ["probability_alive", "expected_purchases"]

  /// A purchase model's chunk scorer over --horizon, which it needs.
  private func purchaseScores(
    _ kind: ModelKind, _ predict: @escaping (Table, Double) throws -> (probabilityAlive: [Double], expectedPurchases: [Double])
  ) throws -> (Table) throws -> [CSVWriter.Field] {
    guard let horizon else { throw ValidationError("scoring a \(kind) model needs --horizon (in the summaries' time unit)") }
    return { chunk in
      let p = try predict(chunk, horizon)
      return [.numbers(p.probabilityAlive), .numbers(p.expectedPurchases)]
    }
  }

  func run() throws {
    runOptions.apply()
    let file = try ModelFile.load(model)
    let outputs: [String]
    let scoreChunk: (Table) throws -> [CSVWriter.Field]
    switch file.model {
    case .logistic(let m):
      guard horizon == nil else { throw ValidationError("--horizon applies to bg-nbd, mbg-nbd and pareto-nbd models, not to \(file.model.kind)") }
      outputs = ["probability"]
      scoreChunk = { [.numbers(try m.probabilities(for: $0))] }
    case .gammaGamma(let m):
      guard horizon == nil else { throw ValidationError("--horizon applies to bg-nbd, mbg-nbd and pareto-nbd models, not to \(file.model.kind)") }
      outputs = ["expected_spend"]
      scoreChunk = { [.numbers(try m.conditionalExpectedAverageSpend(for: $0))] }
    case .betaGeo(let m):
      outputs = Self.purchaseOutputs
      scoreChunk = try purchaseScores(file.model.kind) { try m.predictions(for: $0, horizon: $1) }
    case .modifiedBetaGeo(let m):
      outputs = Self.purchaseOutputs
      scoreChunk = try purchaseScores(file.model.kind) { try m.predictions(for: $0, horizon: $1) }
    case .paretoNBD(let m):
      outputs = Self.purchaseOutputs
      scoreChunk = try purchaseScores(file.model.kind) { try m.predictions(for: $0, horizon: $1) }
    }
    let inputs = file.model.inputNames
    let header = try CSVReader.header(data)
    let source = data == "-" ? "<stdin>" : data
    let missing = inputs.filter { !header.contains($0) }
    guard missing.isEmpty else {
      throw DataError(file: source, line: 1, message: "lacks the model's input "
        + missing.map { "'\($0)'" }.joined(separator: ", ") + " (the model needs \(inputs.joined(separator: ", ")))")
    }
    if let id, !header.contains(id) {
      throw DataError(file: source, line: 1, message: "has no column '\(id)' (named by --id)")
    }
    let writer = try CSVWriter(path: output, header: (id.map { [$0] } ?? []) + outputs)
    // A chunk is scored and formatted on other threads (in parallel over
    // fixed blocks of rows, written in order) while the next one is parsed.
    let id = self.id
    nonisolated(unsafe) let format = { (chunk: Table) throws -> [[UInt8]] in
      var fields: [CSVWriter.Field] = []
      if let id { fields.append(.strings(try chunk.strings(id))) }
      fields += try scoreChunk(chunk)
      let blocks = rowBlocks(count: chunk.rowCount, size: 4096)
      var buffers = [[UInt8]](repeating: [], count: blocks.count)
      buffers.withUnsafeMutableBufferPointer { buffers in
        ParallelChunks.forEach(chunkCount: blocks.count) { k in
          CSVWriter.append(fields, rows: blocks[k], to: &buffers[k])
        }
      }
      return buffers
    }
    var inFlight: BackgroundResult<[[UInt8]]>?
    func finishInFlight() throws {
      guard let job = inFlight else { return }
      inFlight = nil
      for bytes in try job.wait() { try writer.write(formatted: bytes) }
    }
    ProgressMeter.process.beginReading(data, verb: "scoring")
    do {
      try CSVReader.stream(data, numeric: inputs, text: id.map { [$0] } ?? [], chunkRows: chunkRows) { chunk in
        try finishInFlight()
        let job = BackgroundResult<[[UInt8]]>()
        DispatchQueue.global().async { job.set(Result { try format(chunk) }) }
        inFlight = job
      }
      try finishInFlight()
      try writer.commit()
    } catch {
      writer.discard()
      // A chunk still being scored lies before the one that failed to parse:
      // its fault, if it has one, is the first in the file.
      if let job = inFlight {
        do { _ = try job.wait() } catch let earlier { throw earlier }
      }
      throw error
    }
  }
}
