/// A parsed header: the names and where they were.
struct Header {
  /// Field names, in file order.
  var names: [String]
  /// Physical line on which the header record starts.
  var line: Int
}

/// Turns the records of a scanner into a `Table`: checks each record's field
/// count, hands the wanted fields to their `ColumnBuilder`s, and remembers
/// each row's line.
struct TableBuilder {
  let file: String
  let header: Header
  /// Table column names, in table order.
  let names: [String]
  private(set) var builders: [ColumnBuilder]
  private(set) var rowLines = RowLines(firstLine: 0)
  private(set) var rows = 0

  /// A builder for the columns `wanted` (table order, each with its mode).
  /// Throws when a wanted name is not in the header.
  init(file: String, header: Header, wanted: [(name: String, mode: ColumnBuilder.Mode)],
       reserve: Int = 0) throws(DataError) {
    self.file = file
    self.header = header
    var builders = [ColumnBuilder]()
    for (name, mode) in wanted {
      guard let field = header.names.firstIndex(of: name) else {
        throw Table.absentColumn(name, available: header.names, file: file, line: header.line)
      }
      builders.append(ColumnBuilder(field: field, mode: mode, reserve: reserve))
    }
    self.builders = builders
    names = wanted.map(\.name)
  }

  /// Adds the record the scanner just returned.
  @inline(__always)
  mutating func add(_ scanner: RecordScanner, _ bytes: UnsafePointer<UInt8>) throws(DataError) {
    guard scanner.fieldCount == header.names.count else {
      throw raggedRow(found: scanner.fieldCount, line: scanner.recordLine)
    }
    let spans = scanner.spans
    let row = rows
    for k in builders.indices {
      let span = spans[builders[k].field]
      if let fault = builders[k].append(span, bytes, row: row) {
        throw cellFault(fault, span: span, bytes: bytes, field: builders[k].field, line: scanner.recordLine)
      }
    }
    rowLines.append(row: row, line: scanner.recordLine)
    rows += 1
  }

  /// The rows so far as a table.
  func table() -> Table {
    Table(source: file, columnNames: names, columns: builders.map { $0.finish() },
          fieldIndices: builders.map(\.field), headerLine: header.line,
          rowLines: rowLines, rowCount: rows)
  }

  /// Starts a new batch of rows (for streaming), keeping the columns' modes.
  mutating func reset(reserve: Int) {
    builders = builders.map { ColumnBuilder(field: $0.field, mode: $0.mode, reserve: reserve) }
    rowLines = RowLines(firstLine: 0)
    rows = 0
  }

  /// Appends the rows of `other`, a builder for the rows that follow; lines
  /// in `other` are relative and shifted by `lineOffset`.
  mutating func append(contentsOf other: TableBuilder, lineOffset: Int) {
    for k in builders.indices { builders[k].append(contentsOf: other.builders[k]) }
    // Row lines: the first row and every jump of `other` become jumps here
    // (RowLines.append drops those that are not).
    if other.rows > 0 {
      rowLines.append(row: rows, line: other.rowLines.firstLine + lineOffset)
      for (row, line) in zip(other.rowLines.jumpRows, other.rowLines.jumpLines) {
        rowLines.append(row: rows + row, line: line + lineOffset)
      }
    }
    rows += other.rows
  }

  private func raggedRow(found: Int, line: Int) -> DataError {
    let expected = header.names.count
    return DataError(file: file, line: line, column: found > expected ? expected + 1 : nil,
                     message: "expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)")
  }

  private func cellFault(_ fault: ColumnBuilder.Fault, span: FieldSpan, bytes: UnsafePointer<UInt8>,
                         field: Int, line: Int) -> DataError {
    var scratch = [UInt8]()
    let text = ColumnBuilder.text(span, bytes, scratch: &scratch) ?? ""
    let message: String
    switch fault {
    case .notANumber: message = "expected a number, found \(quotedForMessage(text))"
    case .missing: message = "missing value"
    case .nonFinite: message = "expected a finite number, found \(quotedForMessage(text))"
    }
    return DataError(file: file, line: line, column: field + 1, columnName: header.names[field], message: message)
  }
}

extension Header {
  /// Reads the header record from `scanner`, skipping blank lines; nil when
  /// the window ends first and more input exists. Throws for an empty file,
  /// empty names and duplicate names.
  static func read(_ scanner: inout RecordScanner, _ bytes: UnsafePointer<UInt8>) throws(DataError) -> Header? {
    while true {
      switch try scanner.next() {
      case .blank: continue
      case .needMore: return nil
      case .end:
        throw DataError(file: scanner.file, message: "the file is empty: expected a header line")
      case .record:
        var names = [String]()
        var scratch = [UInt8]()
        var seen = [String: Int]()
        for k in 0..<scanner.fieldCount {
          let span = scanner.spans[k]
          var name = ColumnBuilder.text(span, bytes, scratch: &scratch) ?? ""
          // "a, b" is common in hand-written headers; the spaces are not part of the name.
          if !span.quoted { name = name.trimmingSpaces() }
          if name.isEmpty {
            throw DataError(file: scanner.file, line: scanner.recordLine, column: k + 1,
                            message: "column \(k + 1) of the header has an empty name")
          }
          if let first = seen[name] {
            throw DataError(file: scanner.file, line: scanner.recordLine, column: k + 1, columnName: name,
                            message: "column \(quotedForMessage(name)) appears twice (fields \(first + 1) and \(k + 1))")
          }
          seen[name] = k
          names.append(name)
        }
        return Header(names: names, line: scanner.recordLine)
      }
    }
  }
}
