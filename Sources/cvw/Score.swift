import ArgumentParser
import Models
import ModelStore
import Tabular

/// `cvw score`: apply a saved model to new rows, streaming.
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score rows with a saved model, streaming in bounded memory (a filter: `cvw score m.json - > scores.csv`).",
    discussion: "Writes the --id column when given, then `probability`, one row per input row, in input order.")

  @Argument(help: "A model file written by `cvw fit`.")
  var model: String

  @Argument(help: "Rows to score: CSV with the model's feature columns (others are ignored), or - for stdin.")
  var data: String

  @Option(name: .shortAndLong, help: "Where to write the scores (CSV), or - for stdout; a file is written atomically.")
  var output: String = "-"

  @Option(help: "A column to copy into the output to identify each row.")
  var id: String?

  @Option(help: "Rows per chunk (memory is proportional to it, not to the input).")
  var chunkRows: Int = 65_536

  func validate() throws {
    guard chunkRows >= 1 else { throw ValidationError("--chunk-rows must be at least 1") }
  }

  func run() throws {
    let file = try ModelFile.load(model)
    let fitted: LogisticModel
    switch file.model {
    case .logistic(let m): fitted = m
    }
    let header = try CSVReader.header(data)
    let source = data == "-" ? "<stdin>" : data
    let missing = fitted.featureNames.filter { !header.contains($0) }
    guard missing.isEmpty else {
      throw DataError(file: source, line: 1, message: "lacks the model's feature "
        + missing.map { "'\($0)'" }.joined(separator: ", ")
        + " (the model needs \(fitted.featureNames.joined(separator: ", ")))")
    }
    if let id, !header.contains(id) {
      throw DataError(file: source, line: 1, message: "has no column '\(id)' (named by --id)")
    }
    let writer = try CSVWriter(path: output, header: (id.map { [$0] } ?? []) + ["probability"])
    do {
      try CSVReader.stream(data, numeric: fitted.featureNames, text: id.map { [$0] } ?? [], chunkRows: chunkRows) { chunk in
        let probabilities = try fitted.probabilities(for: chunk)
        var fields: [CSVWriter.Field] = []
        if let id { fields.append(.strings(try chunk.strings(id))) }
        fields.append(.numbers(probabilities))
        try writer.write(fields)
      }
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }
}
