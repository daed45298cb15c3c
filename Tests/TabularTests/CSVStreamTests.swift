import Foundation
import Testing
@testable import Tabular

struct CSVStreamTests {
  /// A file with everything that can straddle a block boundary: a byte order
  /// mark, CRLF, quoted commas, quotes and newlines, multibyte UTF-8, blank
  /// lines, empty text cells, and numbers of every shape.
  static let tricky = "\u{FEFF}id,note,x,y\r\n"
    + "1,plain,0.5,-3\r\n"
    + "2,\"a, b\",12.50,1e3\r\n"
    + "\r\n"
    + "3,\"two\r\nlines\",0.30000000000000004,7\n"
    + "4,,1.0,\" 8 \"\n"
    + "5,\"q\"\"uote\",-0,9\n"
    + "6,Zoë 日本 🎉,123456789,10\n"
    + "7,\"\"\"\",007,11"

  private func collect(_ path: String, blockSize: Int, chunkRows: Int = 2) throws -> [Table] {
    var chunks = [Table]()
    try CSVReader.stream(path, numeric: ["x", "y"], text: ["note", "id"], chunkRows: chunkRows,
                         blockSize: blockSize) { chunks.append($0) }
    return chunks
  }

  @Test func chunksMatchTheWholeFileAtEveryBlockBoundary() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("data.csv", CSVStreamTests.tricky)
    let whole = try CSVReader.read(path)
    let size = CSVStreamTests.tricky.utf8.count
    for blockSize in 1...(size + 1) {
      let chunks = try collect(path, blockSize: blockSize)
      #expect(chunks.map(\.rowCount) == [2, 2, 2, 1], "block \(blockSize)")
      #expect(chunks.allSatisfy { $0.columnNames == ["x", "y", "note", "id"] })
      #expect(try chunks.flatMap { try $0.numeric("x") } == whole.numeric("x"), "block \(blockSize)")
      #expect(try chunks.flatMap { try $0.numeric("y") } == whole.numeric("y"), "block \(blockSize)")
      #expect(try chunks.flatMap { try $0.strings("note") } == whole.strings("note"), "block \(blockSize)")
      #expect(try chunks.flatMap { try $0.strings("x") } == whole.strings("x"), "block \(blockSize)")
      #expect(try chunks.flatMap { try $0.strings("id") } == ["1", "2", "3", "4", "5", "6", "7"])
      let lines = chunks.flatMap { chunk in (0..<chunk.rowCount).map(chunk.line(ofRow:)) }
      #expect(lines == [2, 3, 5, 7, 8, 9, 10], "block \(blockSize)")
    }
  }

  @Test func emptyAndHeaderOnlyFiles() throws {
    let directory = TemporaryDirectory()
    var calls = 0
    try CSVReader.stream(directory.file("h.csv", "x,y\n"), numeric: ["x"]) { _ in calls += 1 }
    #expect(calls == 0)
    let error = dataError {
      try CSVReader.stream(directory.file("e.csv", ""), numeric: ["x"]) { _ in }
    }
    #expect(error?.message == "the file is empty: expected a header line")
  }

  @Test func missingColumnFailsBeforeAnyChunk() throws {
    let directory = TemporaryDirectory()
    var calls = 0
    let error = dataError {
      try CSVReader.stream(directory.file("d.csv", "a,b\n1,2\n"), numeric: ["a", "c"]) { _ in calls += 1 }
    }
    #expect(calls == 0)
    #expect(error?.line == 1)
    #expect(error?.message == "no column named \"c\"; the columns are: \"a\", \"b\"")
  }

  @Test func numericColumnsAreCheckedWithTheTrueLine() throws {
    let directory = TemporaryDirectory()
    // Far past the first block, after quoted newlines that shift the lines.
    var text = "id,x,note\n"
    for row in 0..<5000 { text += "\(row),\(row),\"n\nn\"\n" }
    for (bad, message) in [("abc", "expected a number, found \"abc\""), ("", "missing value"),
                           ("inf", "expected a finite number, found \"inf\""),
                           ("\"1\"\"\"", "expected a number, found \"1\\\"\"")] {
      let path = directory.file("d.csv", text + "5000,\(bad),z\n")
      for blockSize in [7, 4096, 1 << 20] {
        var rows = 0
        let error = dataError {
          try CSVReader.stream(path, numeric: ["x"], text: [], chunkRows: 1000, blockSize: blockSize) {
            rows += $0.rowCount
          }
        }
        #expect(error == DataError(file: path, line: 2 + 2 * 5000, column: 2, columnName: "x", message: message))
        #expect(rows == 5000)
      }
    }
  }

  @Test func structuralErrorsCarryTheirLine() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("d.csv", "a,b\n1,2\n3,\"x\n\ny\n")
    for blockSize in [1, 3, 1 << 20] {
      let error = dataError { try CSVReader.stream(path, numeric: ["a"], text: [], chunkRows: 10, blockSize: blockSize) { _ in } }
      #expect(error?.line == 3)
      #expect(error?.message == "quoted field is not closed before the end of the file")
    }
  }

  @Test func bodyErrorsPropagate() throws {
    struct Stop: Error {}
    let directory = TemporaryDirectory()
    let path = directory.file("d.csv", "a\n1\n2\n3\n")
    var seen = 0
    #expect(throws: Stop.self) {
      try CSVReader.stream(path, numeric: ["a"], chunkRows: 1) { _ in
        seen += 1
        if seen == 2 { throw Stop() }
      }
    }
    #expect(seen == 2)
  }

  @Test func memoryStaysWithinABlockAndAChunk() throws {
    // 20 MB of rows through 64 KiB blocks: the window never grows past one
    // block plus the longest record, and every chunk is at most chunkRows.
    let directory = TemporaryDirectory()
    let path = directory.path + "/big.csv"
    var text = "a,b\n"
    for row in 0..<400_000 { text += "\(row),\(Double(row) * 0.125)\n" }
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    let input = try InputFile(path: path)
    let reader = BlockReader(input: input, blockSize: 1 << 16)
    var consumed = 0
    repeat {
      try reader.refill(consumed: consumed)
      consumed = reader.count / 2
      #expect(reader.count <= (1 << 16) + (1 << 16))
    } while !reader.atEnd
    var total = 0
    var largest = 0
    try CSVReader.stream(path, numeric: ["a", "b"], text: [], chunkRows: 10_000, blockSize: 1 << 16) { chunk in
      total += chunk.rowCount
      largest = max(largest, chunk.rowCount)
      let first = try chunk.numeric("a").first
      #expect(first == Double(total - chunk.rowCount))
    }
    #expect(total == 400_000)
    #expect(largest == 10_000)
  }
}

/// Reading stdin: a pipe is put on file descriptor 0 for the duration of
/// each test (serialized: they share the process's stdin).
@Suite(.serialized)
struct StdinTests {
  /// Runs `body` with `bytes` arriving on stdin from a writer thread.
  private func withStdin(_ bytes: [UInt8], _ body: () throws -> Void) throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let saved = dup(0)
    dup2(fds[0], 0)
    close(fds[0])
    let writer = fds[1]
    let thread = Thread {
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let n = write(writer, raw.baseAddress! + offset, raw.count - offset)
          if n <= 0 { break }
          offset += n
        }
      }
      close(writer)
    }
    thread.start()
    defer {
      dup2(saved, 0)
      close(saved)
    }
    try body()
  }

  @Test func headerThenStreamSeeTheWholePipe() throws {
    var text = "id,x\n"
    for row in 0..<200_000 { text += "\(row),\(row % 7)\n" }
    try withStdin(Array(text.utf8)) {
      #expect(try CSVReader.header("-") == ["id", "x"])
      #expect(try CSVReader.header("-") == ["id", "x"])
      var rows = 0
      var sum = 0.0
      try CSVReader.stream("-", numeric: ["x"], text: ["id"], chunkRows: 50_000) { chunk in
        #expect(chunk.source == "<stdin>")
        #expect(chunk.line(ofRow: 0) == rows + 2)
        rows += chunk.rowCount
        sum += try chunk.numeric("x").reduce(0, +)
      }
      #expect(rows == 200_000)
      #expect(sum == Double((0..<200_000).reduce(0) { $0 + $1 % 7 }))
    }
  }

  @Test func readsAWholePipe() throws {
    try withStdin(Array("a,b\n1,x\n2,y\n".utf8)) {
      let table = try CSVReader.read("-")
      #expect(table.source == "<stdin>")
      #expect(try table.numeric("a") == [1, 2])
    }
    try withStdin(Array("a,b\n1,\n".utf8)) {
      let table = try CSVReader.read("-")
      let error = dataError { _ = try table.numeric("b") }
      #expect(error?.description == "<stdin>:2:2: column 'b': missing value")
    }
  }
}
