import Foundation
import NumericCore
import Testing

@testable import Tabular

/// The parallel whole-file parse: the same table, bit for bit, and the same
/// first error (text included) whatever the parts and the threads.
@Suite(.serialized)
struct ParallelParsingTests {
  /// A numeric CSV with 6–17 significant digits per value (as `%.{d}g`
  /// writes them), negative numbers, exponents and integers.
  private func numericText(rows: Int, seed: UInt64) -> (text: String, columns: [[Double]]) {
    var rng = SeededGenerator(seed: seed)
    var columns = [[Double]](repeating: [], count: 4)
    var text = "y,x1,x2,x3\n"
    for _ in 0..<rows {
      var cells = [String]()
      for j in 0..<4 {
        let digits = Int.random(in: 6...17, using: &rng)
        let magnitude = [1e-3, 1, 1e3, 1e17][Int.random(in: 0..<4, using: &rng)]
        let value = j == 0 ? Double(Int.random(in: 0...1, using: &rng))
          : Double.random(in: -1...1, using: &rng) * magnitude
        let cell = j == 0 ? String(Int(value)) : String(format: "%.\(digits)g", value)
        cells.append(cell)
        columns[j].append(Double(cell)!)
      }
      text += cells.joined(separator: ",") + "\n"
    }
    return (text, columns)
  }

  @Test func valuesDoNotDependOnPartsOrThreads() throws {
    let (text, expected) = numericText(rows: 6_000, seed: 11)
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", text)).readAll()
    defer { ParallelChunks.setThreadCount(nil) }
    for threads in 1...3 {
      ParallelChunks.setThreadCount(threads)
      for parts in [1, 2, 7, 33] {
        // Columns joined one per batch (in parallel) as well as all at once.
        let table = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: parts,
                                        mergeBatchCells: parts % 2 == 0 ? 1 : 1 << 23)
        for (j, name) in ["y", "x1", "x2", "x3"].enumerated() {
          // Swift's `Double(String)` is the correctly rounded reference.
          #expect(try table.numeric(name).map(\.bitPattern) == expected[j].map(\.bitPattern),
                  "threads \(threads), parts \(parts), \(name)")
        }
        #expect(table.line(ofRow: 5_999) == 6_001)
      }
    }
  }

  @Test func mappedBytesReleasedByPartsReadBackUnchanged() throws {
    // Over 1 MiB, so the file is mapped and each part gives its pages back
    // once parsed; a second parse of the same buffer must see the same bytes.
    let (text, expected) = numericText(rows: 40_000, seed: 12)
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", text)).readAll()
    #expect(buffer.count > 1 << 20)
    let first = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: 9)
    let second = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: 1)
    #expect(try first.numeric("x3").map(\.bitPattern) == expected[3].map(\.bitPattern))
    #expect(try second.numeric("x3").map(\.bitPattern) == expected[3].map(\.bitPattern))
  }

  /// The error of a parse, as the command line prints it.
  private func firstError(_ buffer: ByteBuffer, parts: Int, threads: Int) -> String? {
    ParallelChunks.setThreadCount(threads)
    defer { ParallelChunks.setThreadCount(nil) }
    return dataError {
      _ = try CSVReader.parse(buffer, file: "data.csv", wanted: [("x1", .number), ("x2", .number)], parts: parts)
    }?.description
  }

  @Test func anErrorInTheLastPartIsReportedAsTheSerialParserReportsIt() throws {
    var (text, _) = numericText(rows: 5_000, seed: 13)
    text += "1,2.5,abc,4\n"  // line 5002, the last part whatever the count
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", text)).readAll()
    let serial = firstError(buffer, parts: 1, threads: 1)
    #expect(serial == "data.csv:5002:3: column 'x2': expected a number, found \"abc\"")
    for threads in 1...3 {
      for parts in [2, 5, 16] {
        #expect(firstError(buffer, parts: parts, threads: threads) == serial, "threads \(threads), parts \(parts)")
      }
    }
  }

  @Test func ofErrorsInTwoPartsTheFirstInFileOrderIsReported() throws {
    let (body, _) = numericText(rows: 6_000, seed: 14)
    var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Line 1501 (a quarter in) lacks a field; line 4501 has a stray quote.
    lines[1500] = "0,1,2"
    lines[4500] = "0,1,2\"x,3"
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", lines.joined(separator: "\n"))).readAll()
    let serial = firstError(buffer, parts: 1, threads: 1)
    #expect(serial == "data.csv:1501: expected 4 fields, found 3")
    for threads in 1...3 {
      for parts in [2, 4, 9, 33] {
        #expect(firstError(buffer, parts: parts, threads: threads) == serial, "threads \(threads), parts \(parts)")
      }
    }
    // With the first fault gone, the second is the one reported.
    lines[1500] = "0,1,2,3"
    let later = try InputFile(path: directory.file("later.csv", lines.joined(separator: "\n"))).readAll()
    for parts in [1, 4, 33] {
      #expect(firstError(later, parts: parts, threads: 2)?.hasPrefix("data.csv:4501:3: column 'x2': unexpected quote") == true)
    }
  }
}
