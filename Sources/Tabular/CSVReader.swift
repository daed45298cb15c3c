/// Reads CSV (RFC 4180) into `Table`s.
///
/// The format: fields separated by commas, records by LF or CRLF (the last
/// record may lack one); a field may be quoted with `"`, and then may hold
/// commas, line breaks and `""` for a quote. A UTF-8 byte order mark at the
/// start is skipped. Empty fields are missing values. Blank lines are skipped
/// (as pandas does) but counted, so line numbers in messages are the ones an
/// editor shows. Spaces around an unquoted header name are dropped; spaces
/// around a number are allowed. The input must be UTF-8 text: NUL bytes and
/// invalid UTF-8 are errors, as are quotes inside unquoted fields, unclosed
/// quotes and carriage returns not followed by a line feed.
public enum CSVReader {
  /// Reads a whole CSV file (`-` = stdin) into a Table.
  ///
  /// Each column's type is inferred: numeric when every non-empty cell parses
  /// as a number (so a column of `0`/`1` is numeric; `nan`/`inf` literals count
  /// as numbers so that `Table.numeric` can refuse them by name), text
  /// otherwise. Numbers are parsed exactly (correctly rounded).
  ///
  /// - Parameter columns: when given, only those columns are kept, in the
  ///   order given (all fields are still checked: field counts, quoting,
  ///   encoding); a name the header lacks is an error at the header line.
  public static func read(_ path: String, columns: [String]? = nil) throws(DataError) -> Table {
    let input = try InputFile(path: path)
    let buffer = try input.readAll()
    return try parse(buffer, file: input.name, columns: columns)
  }

  /// The header of a file without reading the rest (for validating option
  /// values before work starts). For stdin (`-`) the bytes read are kept, and
  /// the next `read` or `stream` of `-` sees the whole input again.
  public static func header(_ path: String) throws(DataError) -> [String] {
    let input = try InputFile(path: path, remembering: true)
    let reader = BlockReader(input: input, blockSize: 1 << 16)
    var (position, line) = try skipByteOrderMark(reader)
    while true {
      var scanner = RecordScanner(bytes: reader.bytes, end: reader.count, isFinal: reader.atEnd,
                                  file: input.name, position: position, line: line, expectedFields: 0)
      if let header = try Header.read(&scanner, reader.bytes) { return header.names }
      position = 0
      line = scanner.line
      try reader.refill(consumed: scanner.position)
    }
  }

  /// Parses a whole input held in memory (with its 0 sentinel).
  static func parse(_ buffer: ByteBuffer, file: String, columns: [String]?) throws(DataError) -> Table {
    let bytes = UnsafePointer(buffer.pointer)
    let start = hasByteOrderMark(bytes, buffer.count) ? 3 : 0
    var scanner = RecordScanner(bytes: bytes, end: buffer.count, isFinal: true, file: file,
                                position: start, line: 1, expectedFields: 0)
    guard let header = try Header.read(&scanner, bytes) else {
      // A final window never asks for more.
      throw DataError(file: file, message: "the file is empty: expected a header line")
    }
    var wanted = [(name: String, mode: ColumnBuilder.Mode)]()
    for name in columns ?? header.names where !wanted.contains(where: { $0.name == name }) {
      wanted.append((name, .infer))
    }
    var builder = try TableBuilder(file: file, header: header, wanted: wanted)
    var records = RecordScanner(bytes: bytes, end: buffer.count, isFinal: true, file: file,
                                position: scanner.position, line: scanner.line,
                                expectedFields: header.names.count)
    records.columnNames = header.names
    while true {
      switch try records.next() {
      case .record: try builder.add(records, bytes)
      case .blank: continue
      case .end, .needMore: return builder.table()
      }
    }
  }

  /// Fills the first block and steps over a byte order mark; returns the
  /// position and line where the header starts.
  static func skipByteOrderMark(_ reader: BlockReader) throws(DataError) -> (position: Int, line: Int) {
    repeat { try reader.refill(consumed: 0) } while reader.count < 3 && !reader.atEnd
    return (hasByteOrderMark(reader.bytes, reader.count) ? 3 : 0, 1)
  }

  static func hasByteOrderMark(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
  }
}
