import ArgumentParser
import Foundation
import ModelStore
import NumericCore
import Tabular

/// `cvw simulate MODEL …`: data sets with a known truth.
struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate a data set with known parameters (for recovery checks and benchmarks).",
    discussion: """
      Each row (customer) is drawn from its own random stream derived from --seed and the row number, so the \
      output is byte-identical for a given seed whatever the number of threads (CVW_THREADS).
      """,
    subcommands: [SimulateBetaGeo.self, SimulateLogistic.self])
}

/// `--seed` and `--truth`, shared by the simulators.
struct SimulationOptions: ParsableArguments {
  @Option(help: "The random seed, an integer in 0...2^53−1: the same seed gives the same bytes.")
  var seed: UInt64

  @Option(name: .shortAndLong, help: "Where to write the data (CSV), or - for stdout; a file is written atomically.")
  var output: String

  @Option(help: "Also write the true parameters as JSON to this file (atomically).")
  var truth: String?

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    // The seed goes into the truth file as a JSON number, exact below 2⁵³.
    guard seed < 1 << 53 else {
      throw ValidationError("--seed must be an integer in 0...9007199254740991, found \(seed)")
    }
  }

  /// Writes `members` as the truth file, when one was asked for.
  func writeTruth(_ members: [(String, JSON)]) throws {
    guard let truth else { return }
    try writeAtomically(Array(try JSON.object(members).serialized().utf8), to: truth)
  }
}

/// Writes `count` rows of CSV: the rows are cut into chunks of `chunkSize`,
/// a few chunks at a time are encoded in parallel (`ParallelChunks`), and
/// their bytes are appended in chunk order, so the output does not depend on
/// the thread count and memory holds only the chunks in flight.
///
/// `encode(rows, &bytes)` appends the CSV lines of `rows` and returns how
/// many it wrote, or nil on numerical trouble (a non-finite value), which
/// aborts the run with `failure` and leaves no output file (stdout, a
/// device or a pipe keeps the chunks already written). Returns the number
/// of lines written.
@discardableResult
func writeChunkedCSV(
  path: String, header: [String], count: Int, chunkSize: Int, failure: String,
  encode: (Range<Int>, inout [UInt8]) -> Int?
) throws -> Int {
  let writer = try CSVWriter(path: path, header: header)
  ProgressMeter.process.begin("simulating", total: Int64(count), unit: .rows)
  do {
    let chunks = rowBlocks(count: count, size: chunkSize)
    let inFlight = 4 * ParallelChunks.threadCount
    var first = 0
    var lines = 0
    while first < chunks.count {
      let batch = chunks[first..<min(first + inFlight, chunks.count)]
      let encoded = ParallelChunks.mapReduce(
        chunkCount: batch.count,
        map: { k -> [([UInt8], Int?)] in
          let rows = batch[batch.startIndex + k]
          var bytes: [UInt8] = []
          bytes.reserveCapacity(rows.count * 64)
          let written = encode(rows, &bytes)
          return [(bytes, written)]
        },
        initial: [], combine: { $0.append(contentsOf: $1) })
      for (bytes, written) in encoded {
        guard let written else { throw SimulationError(message: failure) }
        try writer.write(formatted: bytes)
        lines += written
      }
      first += batch.count
      ProgressMeter.process.advance(by: Int64(batch.reduce(0) { $0 + $1.count }))
    }
    try writer.commit()
    return lines
  } catch {
    writer.discard()
    throw error
  }
}

/// Numerical trouble in a simulation (parameters so extreme that a draw
/// overflows): reported, never written as NaN.
struct SimulationError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
