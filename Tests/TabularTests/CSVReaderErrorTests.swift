import Foundation
import Testing
@testable import Tabular

/// Every malformed input gives one clear `DataError`, located.
struct CSVReaderErrorTests {
  private func error(_ text: String) -> DataError? {
    dataError { _ = try readCSV(text) }
  }

  private func error(_ bytes: [UInt8]) -> DataError? {
    let directory = TemporaryDirectory()
    let path = directory.file("data.csv", bytes)
    return dataError { _ = try CSVReader.read(path) }
  }

  @Test func missingFile() {
    let error = dataError { _ = try CSVReader.read("/nonexistent/x.csv") }
    #expect(error == DataError(file: "/nonexistent/x.csv",
                               message: "cannot open \"/nonexistent/x.csv\": No such file or directory"))
    #expect(dataError { _ = try CSVReader.header("/nonexistent/x.csv") } == error)
    // Long paths are shown whole (only cell values are shortened).
    let long = "/nonexistent/" + String(repeating: "deep/", count: 20) + "data.csv"
    #expect(dataError { _ = try CSVReader.read(long) }?.message == "cannot open \"\(long)\": No such file or directory")
  }

  @Test func emptyFile() {
    for text in ["", "\u{FEFF}", "\n\n", "\r\n"] {
      #expect(error(text)?.message == "the file is empty: expected a header line", "\(text.debugDescription)")
      #expect(error(text)?.line == nil)
    }
  }

  @Test func duplicateHeaderNames() {
    let error = error("a,x,b,c,x\n1,2,3,4,5\n")
    #expect(error?.line == 1)
    #expect(error?.description.hasSuffix("data.csv:1: column \"x\" appears twice (fields 2 and 5)") == true)
  }

  @Test func emptyHeaderName() {
    let error = error("a,,b\n1,2,3\n")
    #expect(error?.line == 1)
    #expect(error?.column == 2)
    #expect(error?.message == "column 2 of the header has an empty name")
  }

  @Test func raggedRows() {
    let fewer = error("a,b,c,d,e\n1,2,3,4,5\n1,2,3,4\n")
    #expect(fewer?.line == 3)
    #expect(fewer?.message == "expected 5 fields, found 4")
    let more = error("a,b\n1,2\n\n1,2,3\n")
    #expect(more?.line == 4)
    #expect(more?.column == 3)
    #expect(more?.message == "expected 2 fields, found 3")
  }

  @Test func unterminatedQuoteIsReportedWhereItOpened() {
    let error = error("a,b\n1,2\n3,\"open\nmore\nand more\n")
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.columnName == "b")
    #expect(error?.message == "quoted field is not closed before the end of the file")
  }

  @Test func strayQuoteInUnquotedField() {
    let error = error("a,b\n1,2\n3,ab\"c\n")
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.message.hasPrefix("unexpected quote (\") inside an unquoted field") == true)
  }

  @Test func textAfterClosingQuote() {
    let error = error("a,b\n1,\"x\"y\n")
    #expect(error?.line == 2)
    #expect(error?.message == "unexpected \"y\" after a closing quote; expected a comma or the end of the line")
  }

  @Test func nulBytesAreNotText() {
    let error = error(Array("a,b\n1,2\n3,4\u{0}5\n".utf8))
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.message == "not a text file: found byte 0x00")
    // Right after a number too, and in a header.
    #expect(self.error(Array("a,b\n1,2\u{0}\n".utf8))?.message == "not a text file: found byte 0x00")
    #expect(self.error([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])?.line == 1)
  }

  @Test func invalidUTF8() {
    for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] {
      let error = error(Array("a,b\n1,x\n2,".utf8) + bad + Array("y\n3,z\n".utf8))
      #expect(error?.line == 3, "\(bad)")
      #expect(error?.message.hasPrefix("not a text file: invalid UTF-8") == true, "\(bad)")
    }
    // Truncated at the end of the file, and inside quotes.
    #expect(error(Array("a\n".utf8) + [0xE2, 0x82])?.line == 2)
    #expect(error(Array("a\n\"x\ny".utf8) + [0xFF] + Array("\"\n".utf8))?.line == 3)
    // Valid multibyte text is fine.
    #expect(error("name\nZoë\n日本\n🎉\n") == nil)
  }

  @Test func bareCarriageReturn() {
    let error = error("a,b\r\n1,2\r3,4\r\n")
    #expect(error?.line == 2)
    #expect(error?.message == "carriage return (CR) not followed by a line feed; lines must end in LF or CRLF")
  }

  @Test func descriptionIsCompilerStyle() {
    #expect(DataError(file: "data.csv", line: 17, column: 3, columnName: "recency",
                      message: "expected a number, found \"abc\"").description
            == "data.csv:17:3: column 'recency': expected a number, found \"abc\"")
    #expect(DataError(file: "data.csv", line: 17, message: "expected 5 fields, found 4").description
            == "data.csv:17: expected 5 fields, found 4")
    #expect(DataError(file: "data.csv", message: "the file is empty: expected a header line").description
            == "data.csv: the file is empty: expected a header line")
  }

  @Test func longOrInvisibleCellsAreShownSafely() throws {
    let table = try readCSV("a\n1\n" + String(repeating: "x", count: 100) + "\n")
    let error = dataError { _ = try table.numeric("a") }
    #expect(error?.message == "expected a number, found \"" + String(repeating: "x", count: 40) + "…\"")
    let tab = try readCSV("a\n1\n\"\t\"\n")
    #expect(dataError { _ = try tab.numeric("a") }?.message == "expected a number, found \"\\t\"")
  }
}
