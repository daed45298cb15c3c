import NumericCore
import Foundation
import Testing
@testable import Tabular

struct CSVWriterTests {
  @Test func randomDoublesRoundTripBitForBit() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/out.csv"
    var rng = SeededGenerator(seed: 11)
    var a = [Double]()
    var b = [Double]()
    while a.count < 100_000 {
      let x = Double(bitPattern: rng.next())
      if x.isFinite { a.append(x) }
      b.append(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 64)
    }
    b = Array(b.prefix(a.count))
    let writer = try CSVWriter(path: path, header: ["a", "b"])
    // In batches, as a streaming scorer would write.
    for start in stride(from: 0, to: a.count, by: 30_000) {
      let end = min(a.count, start + 30_000)
      try writer.write([.numbers(Array(a[start..<end])), .numbers(Array(b[start..<end]))])
    }
    try writer.commit()
    let table = try CSVReader.read(path)
    #expect(try table.numeric("a").map(\.bitPattern) == a.map(\.bitPattern))
    #expect(try table.numeric("b").map(\.bitPattern) == b.map(\.bitPattern))
  }

  @Test func aWholeTableIsWrittenInOneGoOrNotAtAll() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/table.csv"
    try CSVWriter.write([.strings(["a", "b"]), .numbers([1.5, .nan])], header: ["id", "x"], to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,x\na,1.5\nb,\n")
    let missing = directory.path + "/no/such/directory/table.csv"
    #expect(throws: FileError.self) { try CSVWriter.write([.numbers([1])], header: ["x"], to: missing) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["table.csv"])
  }

  @Test func textIsQuotedOnlyWhenItMustBe() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/out.csv"
    let texts: [String?] = ["plain", "a, b", "say \"hi\"", "two\nlines", "cr\r", nil, "Zoë 🎉", " spaced ", "x"]
    let writer = try CSVWriter(path: path, header: ["id", "note, with comma"])
    try writer.write([.numbers((0..<texts.count).map(Double.init)), .strings(texts)])
    try writer.commit()
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("id,\"note, with comma\"\n0,plain\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n"))
    let table = try CSVReader.read(path)
    #expect(table.columnNames == ["id", "note, with comma"])
    #expect(try table.strings("note, with comma") == texts)
  }

  @Test func missingValuesAreEmptyCells() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/out.csv"
    let writer = try CSVWriter(path: path, header: ["x", "t"])
    try writer.write([.numbers([1, .nan, -0.0]), .strings(["a", nil, ""])])
    try writer.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "x,t\n1,a\n,\n-0,\n")
  }

  @Test func columnsPassThroughWithTheirOriginalText() throws {
    let directory = TemporaryDirectory()
    let table = try CSVReader.read(directory.file("in.csv", "id,x\n007,1.50\n8,2\n"))
    let path = directory.path + "/out.csv"
    let writer = try CSVWriter(path: path, header: ["id", "x"])
    try writer.write([.column(table.columns[0]), .column(table.columns[1])])
    try writer.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,x\n007,1.50\n8,2\n")
  }

  @Test func nothingAppearsUntilCommit() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/out.csv"
    let writer = try CSVWriter(path: path, header: ["x"])
    try writer.write([.numbers([1, 2, 3])])
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(directory.contents.count == 1)  // the hidden temporary file
    try writer.commit()
    #expect(directory.contents == ["out.csv"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n1\n2\n3\n")
  }

  @Test func discardOrAbandonLeavesNoFile() throws {
    let directory = TemporaryDirectory()
    let target = directory.file("out.csv", "old contents\n")
    let writer = try CSVWriter(path: target, header: ["x"])
    try writer.write([.numbers([1])])
    writer.discard()
    #expect(directory.contents == ["out.csv"])
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old contents\n")
    do {
      let abandoned = try CSVWriter(path: target, header: ["x"])
      try abandoned.write([.numbers([2])])
    }
    #expect(directory.contents == ["out.csv"])
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old contents\n")
  }

  @Test func failuresNameThePath() {
    #expect(throws: FileError(path: "/nonexistent/dir/out.csv",
                              message: "cannot create \"/nonexistent/dir/out.csv\": No such file or directory")) {
      _ = try CSVWriter(path: "/nonexistent/dir/out.csv", header: ["x"])
    }
  }

  @Test func largeOutputIsWrittenInFewBufferedCalls() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/big.csv"
    let values = (0..<300_000).map { Double($0) / 7 }
    let writer = try CSVWriter(path: path, header: ["v"])
    try writer.write([.numbers(values)])
    try writer.commit()
    let table = try CSVReader.read(path)
    #expect(try table.numeric("v") == values)
  }

  @Test func writeAtomicallyReplacesWholeFiles() throws {
    let directory = TemporaryDirectory()
    let target = directory.file("model.json", "old")
    try writeAtomically(Array("{\"new\": true}\n".utf8), to: target)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "{\"new\": true}\n")
    #expect(directory.contents == ["model.json"])
    #expect(throws: FileError.self) { try writeAtomically([1, 2, 3], to: directory.path + "/missing/x.json") }
  }

  /// `-o /dev/null` or a named pipe: renaming a temporary file over it would
  /// replace the device or pipe with a regular file.
  @Test func writeAtomicallyWritesIntoPipesInPlace() throws {
    let directory = TemporaryDirectory()
    let fifo = directory.path + "/pipe"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try writeAtomically(Array("through the pipe\n".utf8), to: fifo)
    var bytes = [UInt8](repeating: 0, count: 64)
    let count = read(reader, &bytes, bytes.count)
    #expect(String(decoding: bytes.prefix(max(0, count)), as: UTF8.self) == "through the pipe\n")
    var status = stat()
    #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    #expect(directory.contents == ["pipe"])
  }
}
