import ArgumentParser
import Foundation
import Models
import Tabular

/// `cvw segment`: customer segments for the business, from summaries and
/// predicted values.
struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Segment customers: RFM scores and named segments, ABC classes and value tiers.",
    subcommands: [SegmentRFM.self, SegmentABC.self])
}

/// Where predicted customer values come from: a file of values joined on
/// the id column (`cvw clv` output), or the models that `cvw clv` uses.
struct PredictedValueOptions: ParsableArguments {
  @Option(help: "Predicted values per customer, e.g. the output of cvw clv, joined on the --id column.")
  var clv: String?

  @Option(help: "The column of --clv holding the predicted value.")
  var clvColumn = "clv"

  @OptionGroup var lifetime: LifetimeValueOptions

  func validate() throws {
    if clv != nil && lifetime.isGiven { throw ValidationError("give --clv or the models (--purchases, --spend), not both") }
  }

  /// Whether predicted values were asked for.
  var isGiven: Bool { clv != nil || lifetime.isGiven }

  /// Predicted values and P(alive) for each customer of `table`, in its row
  /// order: computed with the models, or looked up by id in the --clv file
  /// (P(alive) from its `probability_alive` column when `needAlive`).
  ///
  /// - Throws: `DataError` for a customer without a row in the --clv file,
  ///   an id that file repeats, a missing, non-numeric or negative value, a
  ///   P(alive) outside [0, 1].
  func predicted(for table: Table, idName: String, ids: [String], needAlive: Bool) throws
    -> (value: [Double], alive: [Double]?)?
  {
    if let models = try lifetime.load() {
      try models.checkColumns(table.columnNames, source: table.source)
      let v = try models.valuation.values(for: table, purchases: models.purchases, spend: models.spend)
      if let row = v.value.firstIndex(where: { !$0.isFinite }) {
        throw DataError(file: table.source, line: table.line(ofRow: row),
                        message: "the predicted value of this customer is \(formatDouble(v.value[row])): it overflows")
      }
      try checkTotal(v.value, source: table.source, column: nil, what: "the predicted values")
      return (v.value, v.probabilityAlive)
    }
    guard let clv else { return nil }
    let header = try CSVReader.header(clv)
    return try Self.join(clv, header: header, column: clvColumn, alive: needAlive ? "probability_alive" : nil,
                         idName: idName, ids: ids, table: table)
  }

  /// Reads `column` (and `alive`) of the file `path` and orders its rows as
  /// `ids`, the customers of `table` (also `cvw report --clv`).
  static func join(_ path: String, header: [String], column: String, alive: String?, idName: String,
                   ids: [String], table: Table) throws -> (value: [Double], alive: [Double]?) {
    var requests: [ColumnRequest] = [.text(idName), .number(column)]
    if let alive { requests.append(.number(alive)) }
    let values = try CSVReader.read(path, requests: requests)
    let keys = try values.strings(idName)
    let value = try values.numeric(column)
    let probability = try alive.map { try values.numeric($0) }
    func fault(_ row: Int, _ name: String, _ message: String) -> DataError {
      DataError(file: values.source, line: values.line(ofRow: row), column: header.firstIndex(of: name).map { $0 + 1 },
                columnName: name, message: message)
    }
    var rowOf = [String: Int](minimumCapacity: keys.count)
    for (row, key) in keys.enumerated() {
      guard let key else { throw fault(row, idName, "missing customer id") }
      if let first = rowOf.updateValue(row, forKey: key) {
        throw fault(row, idName, "customer '\(key)' appears twice (first on line \(values.line(ofRow: first)))")
      }
    }
    var joined = [Double](repeating: 0, count: ids.count)
    var joinedAlive = probability.map { _ in [Double](repeating: 0, count: ids.count) }
    for (i, id) in ids.enumerated() {
      guard let row = rowOf[id] else {
        throw DataError(file: table.source, line: table.line(ofRow: i), column: table.index(of: idName).map { $0 + 1 },
                        columnName: idName, message: "customer '\(id)' has no row in \(values.source)")
      }
      guard value[row] >= 0 else { throw fault(row, column, "expected a value ≥ 0, found \(formatDouble(value[row]))") }
      joined[i] = value[row]
      if let alive, let probability {
        guard probability[row] >= 0 && probability[row] <= 1 else {
          throw fault(row, alive, "expected a probability in [0, 1], found \(formatDouble(probability[row]))")
        }
        joinedAlive![i] = probability[row]
      }
    }
    try checkTotal(joined, source: values.source, column: column, what: "the values of '\(column)'")
    if keys.count > ids.count {
      note("cvw: \(keys.count - ids.count) customers of \(values.source) are not in \(table.source) and are left out")
    }
    return (joined, joinedAlive)
  }
}

/// Refuses values whose total overflows (exceeds ≈ 1.8·10³⁰⁸), so that no
/// share, sum or mean of them is ∞ or NaN.
/// - Throws: `DataError` naming `source`, the column and `what` overflowed.
func checkTotal(_ values: [Double], source: String, column: String?, what: String) throws {
  guard values.reduce(0, +).isFinite else {
    throw DataError(file: source, columnName: column,
                    message: "\(what) add up to more than ≈ 1.8e308: the total overflows, so no share or mean is defined")
  }
}

/// The customer ids of `table`, each present and unique.
/// - Throws: `DataError` at a missing or repeated id.
func customerIDs(_ table: Table, column: String) throws -> [String] {
  let cells = try table.strings(column)
  var seen = [String: Int](minimumCapacity: cells.count)
  var ids = [String]()
  ids.reserveCapacity(cells.count)
  for (row, cell) in cells.enumerated() {
    func fault(_ message: String) -> DataError {
      DataError(file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
                columnName: column, message: message)
    }
    guard let cell else { throw fault("missing customer id") }
    if let first = seen.updateValue(row, forKey: cell) {
      throw fault("customer '\(cell)' appears twice (first on line \(table.line(ofRow: first)))")
    }
    ids.append(cell)
  }
  return ids
}

/// Output options of the segment commands: a table per segment on stdout
/// (or --summary), a row per customer in -o.
struct SegmentOutputOptions: ParsableArguments {
  @Option(help: "How the per-segment table is printed on stdout: text, json or csv.")
  var format: TableFormat = .text

  @Option(name: .shortAndLong, help: "Where to write a row per customer (CSV), or - for stdout (then the table goes only to --summary).")
  var output: String?

  @Option(help: "Where to write the per-segment table as CSV (written atomically).")
  var summary: String?

  func validate() throws {
    if summary == "-" && output == "-" { throw ValidationError("-o and --summary cannot both be stdout") }
    if let output, let summary, output != "-", Self.resolved(output) == Self.resolved(summary) {
      throw ValidationError("-o and --summary name the same file (\(summary)): the table would overwrite the customers")
    }
  }

  /// `path` absolute, with `.`, `..` and symbolic links resolved.
  private static func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// Writes the per-customer rows, the summary file and stdout, once every
  /// number is known: nothing is written when an input fault stopped the
  /// run. Both files are opened and filled before either is committed, so a
  /// path that cannot be written (a missing directory) leaves neither.
  func write(customers header: [String], _ fields: [CSVWriter.Field], table: ResultTable,
             json: () throws -> String, text: () -> String) throws {
    let shown: String? = switch format {
    case .text: text()
    case .json: try json()
    case .csv: nil
    }
    var files = [(path: String, writer: CSVWriter)]()
    do {
      if let output {
        files.append((output, try CSVWriter(path: output, header: header)))
        try files[files.count - 1].writer.write(fields)
      }
      if let summary {
        files.append((summary, try CSVWriter(path: summary, header: table.columns.map(\.name))))
        try files[files.count - 1].writer.write(table.fields())
      }
      // Files first, stdout (which cannot be taken back) last.
      for file in files where file.path != "-" { try file.writer.commit() }
      for file in files where file.path == "-" { try file.writer.commit() }
    } catch {
      for file in files { file.writer.discard() }
      throw error
    }
    guard output != "-" && summary != "-" else { return }
    if let shown {
      FileHandle.standardOutput.write(Data(shown.utf8))
    } else {
      try table.writeCSV(to: "-")
    }
  }
}
