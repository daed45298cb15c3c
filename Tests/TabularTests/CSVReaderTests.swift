import NumericCore
import Foundation
import Testing
@testable import Tabular

struct CSVReaderTests {
  @Test func readsAndInfersColumnTypes() throws {
    let table = try readCSV("id,recency,churned,name\n1,3.5,0,ann\n2,10,1,bob\n3,0.25,0,\n")
    #expect(table.columnNames == ["id", "recency", "churned", "name"])
    #expect(table.rowCount == 3)
    #expect(table.columns.map(\.isNumeric) == [true, true, true, false])
    #expect(try table.numeric("recency") == [3.5, 10, 0.25])
    #expect(try table.numeric("churned") == [0, 1, 0])
    #expect(try table.strings("name") == ["ann", "bob", nil])
    #expect(table.index(of: "churned") == 2)
    #expect(table.index(of: "nope") == nil)
  }

  @Test func stringsOfNumericColumnsAreTheOriginalText() throws {
    let cells = ["1.0", "007", " 5 ", "1e3", "12.50", "-0", "0.30000000000000004", "5.", ".5", "+2", "inf",
                 "123456789012345678901", "0.1000", "-12"]
    let table = try readCSV("x\n" + cells.joined(separator: "\n") + "\n")
    #expect(table.columns[0].isNumeric)
    #expect(try table.strings("x") == cells)
  }

  @Test func quotedFieldsHoldCommasQuotesAndNewlines() throws {
    let text = "id,comment,amount\n1,\"a, b\",2\n2,\"say \"\"hi\"\"\",3\n3,\"two\nlines\",\"4\"\n4,\"\",5\n"
    let table = try readCSV(text)
    #expect(try table.strings("comment") == ["a, b", "say \"hi\"", "two\nlines", nil])
    #expect(try table.numeric("amount") == [2, 3, 4, 5])
    // Row 3 starts on line 4; its field spans lines 4–5, so row 4 is on line 6.
    #expect((0..<4).map(table.line(ofRow:)) == [2, 3, 4, 6])
  }

  @Test func handlesLineEndingsByteOrderMarkAndBlankLines() throws {
    let expected: [Double] = [1, 2, 3]
    for text in ["a,b\r\n1,x\r\n2,y\r\n3,z\r\n", "a,b\n1,x\n2,y\n3,z", "a,b\r\n1,x\r\n2,y\r\n3,z",
                 "\u{FEFF}a,b\n1,x\n2,y\n3,z\n", "a,b\n1,x\n\n2,y\n3,z\n\n\n", "a,b\n1,x\n2,y\n3,z\r"] {
      let table = try readCSV(text)
      #expect(table.columnNames == ["a", "b"], "\(text.debugDescription)")
      #expect(try table.numeric("a") == expected, "\(text.debugDescription)")
      #expect(try table.strings("b") == ["x", "y", "z"], "\(text.debugDescription)")
    }
    // Blank lines count: the row after one is a line further on.
    let table = try readCSV("\n\na,b\n1,x\n\n2,y\n")
    #expect(table.line(ofRow: 0) == 4)
    #expect(table.line(ofRow: 1) == 6)
  }

  @Test func headerOnlyIsAnEmptyTable() throws {
    for text in ["a,b\n", "a,b", "a,b\r\n\n"] {
      let table = try readCSV(text)
      #expect(table.columnNames == ["a", "b"])
      #expect(table.rowCount == 0)
      #expect(try table.numeric("a") == [])
    }
  }

  @Test func headerNamesAreTrimmedUnlessQuoted() throws {
    let table = try readCSV("a, b ,\" c \"\n1,2,3\n")
    #expect(table.columnNames == ["a", "b", " c "])
  }

  @Test func keepsOnlyTheSelectedColumnsInTheGivenOrder() throws {
    let table = try readCSV("a,b,c\n1,x,3\n4,y,6\n", columns: ["c", "a"])
    #expect(table.columnNames == ["c", "a"])
    #expect(try table.numeric("c") == [3, 6])
    // Other columns are still checked.
    let error = dataError { _ = try readCSV("a,b,c\n1,x,3\n4,y\n", columns: ["a"]) }
    #expect(error?.line == 3)
    #expect(error?.message == "expected 3 fields, found 2")
  }

  @Test func missingSelectedColumnIsAnErrorAtTheHeader() {
    let error = dataError { _ = try readCSV("\nid,Recency\n1,2\n", columns: ["recency"]) }
    #expect(error?.line == 2)
    #expect(error?.message == "no column named \"recency\" (did you mean \"Recency\"?); the columns are: \"id\", \"Recency\"")
  }

  @Test func numericNamesTheFirstBadCell() throws {
    let table = try readCSV("id,score\n1,0.5\n2,abc\n3,\n")
    #expect(!table.columns[1].isNumeric)
    let error = dataError { _ = try table.numeric("score") }
    #expect(error == DataError(file: table.source, line: 3, column: 2, columnName: "score",
                               message: "expected a number, found \"abc\""))
    #expect(error?.description.hasSuffix("data.csv:3:2: column 'score': expected a number, found \"abc\"") == true)
  }

  @Test func numericRefusesMissingCells() throws {
    let table = try readCSV("id,score\n1,0.5\n2,\n3,1\n")
    #expect(table.columns[1].isNumeric)
    let error = dataError { _ = try table.numeric("score") }
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.message == "missing value")
    #expect(try table.strings("score") == ["0.5", nil, "1"])
  }

  @Test func numericRefusesNonFiniteLiterals() throws {
    for literal in ["NaN", "inf", "-Infinity", "1e400"] {
      let table = try readCSV("a,b\n1,2\n3,\(literal)\n")
      #expect(table.columns[1].isNumeric)
      let error = dataError { _ = try table.numeric("b") }
      #expect(error?.line == 3)
      #expect(error?.message == "expected a finite number, found \"\(literal)\"")
    }
  }

  @Test func absentColumnListsTheColumns() throws {
    let table = try readCSV("a,b\n1,2\n")
    let error = dataError { _ = try table.numeric("c") }
    #expect(error?.line == 1)
    #expect(error?.column == nil)
    #expect(error?.message == "no column named \"c\"; the columns are: \"a\", \"b\"")
    #expect(dataError { _ = try table.strings("c") } == error)
  }

  @Test func textColumnsOfNumbersCanBeReadAsNumbers() throws {
    let table = Table(columnNames: ["t"], columns: [.text(TextColumn(["1", " 2.5", "1e2"]))])
    #expect(try table.numeric("t") == [1, 2.5, 100])
    #expect(table.line(ofRow: 0) == 2)
  }

  @Test func parallelPartsGiveTheSameTable() throws {
    // Quoted newlines, quotes, blank lines and CRLF near every split point.
    var rng = SeededGenerator(seed: 7)
    var text = "id,note,x\r\n"
    for row in 0..<400 {
      let note = ["plain", "\"with, comma\"", "\"two\nlines\"", "\"q\"\"uote\"", "", "\"\"\"\n\"\"\""][row % 6]
      text += "\(row),\(note),\(Double(Int.random(in: 0...1000, using: &rng)) / 8)"
      text += row % 7 == 0 ? "\n\n" : "\r\n"
    }
    let directory = TemporaryDirectory()
    let input = try InputFile(path: directory.file("data.csv", text))
    let buffer = try input.readAll()
    let reference = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: 1)
    for parts in 2...9 {
      let table = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: parts)
      #expect(table.rowCount == reference.rowCount)
      #expect(try table.strings("note") == reference.strings("note"))
      #expect(try table.numeric("x") == reference.numeric("x"))
      #expect((0..<table.rowCount).map(table.line(ofRow:)) == (0..<table.rowCount).map(reference.line(ofRow:)))
    }
  }

  @Test func parallelPartsOfABodyWithoutRows() throws {
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", "a,b\n" + String(repeating: "\n", count: 5000))).readAll()
    for parts in 1...4 {
      let table = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: parts)
      #expect(table.rowCount == 0)
      #expect(try table.numeric("a") == [])
    }
  }

  @Test func parallelPartsReportTheFirstErrorWithItsTrueLine() throws {
    var text = "a,b\n"
    for row in 0..<300 { text += row == 250 ? "1,\"x\ny\"z\n" : "\(row),\"q\nr\"\n" }
    text += "1,\"unclosed\n"
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("data.csv", text)).readAll()
    for parts in 1...6 {
      let error = dataError { _ = try CSVReader.parse(buffer, file: "data.csv", columns: nil, parts: parts) }
      // Row 250 starts on line 2 + 2·250; its quote closes on the next line.
      #expect(error?.line == 503, "parts \(parts)")
      #expect(error?.message.hasPrefix("unexpected \"z\" after a closing quote") == true)
    }
  }

  @Test func readsLargeFilesThroughTheMappedPath() throws {
    // Over 1 MiB, with a size that is a multiple of the page size, so the
    // sentinel lives past the mapped file.
    var text = "a,b\n"
    var row = 0
    while text.utf8.count < (1 << 20) + 5000 {
      text += "\(row),\(row % 10)\n"
      row += 1
    }
    let pad = 4096 - text.utf8.count % 4096
    text += String(repeating: "\n", count: pad)
    #expect(text.utf8.count % 4096 == 0)
    let table = try readCSV(text)
    #expect(table.rowCount == row)
    #expect(try table.numeric("a").last == Double(row - 1))
  }
}
