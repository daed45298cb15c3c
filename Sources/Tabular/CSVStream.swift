import NumericCore
extension CSVReader {
  /// Streams a CSV file (`-` = stdin) in chunks of at most `chunkRows` rows,
  /// in bounded memory whatever the file size (one block of input, the
  /// longest record, and one chunk), so it works on pipes of any length.
  ///
  /// Each chunk is a Table holding exactly the requested columns, in the
  /// order `numeric` then `text` (a name in both is read as a number; its
  /// `strings` still give the original text). `numeric` columns are already
  /// checked as finite numbers: text, missing cells and `nan`/`inf` literals
  /// are `DataError`s as in `Table.numeric`, with the true line in the file.
  /// `text` columns are text. `Table.line(ofRow:)` on a chunk gives the true
  /// file line. Calls `body` for each chunk in order; a file with a header
  /// and no rows calls it never. A missing column is an error at the header
  /// line before any chunk.
  public static func stream(_ path: String, numeric: [String], text: [String] = [], chunkRows: Int = 65_536,
                            _ body: (Table) throws -> Void) throws {
    try stream(path, numeric: numeric, text: text, chunkRows: chunkRows, blockSize: 1 << 20, body)
  }

  /// `stream` with the read size exposed, so tests can put block boundaries
  /// at every byte.
  static func stream(_ path: String, numeric: [String], text: [String], chunkRows: Int, blockSize: Int,
                     _ body: (Table) throws -> Void) throws {
    let rowsPerChunk = max(1, chunkRows)
    let input = try InputFile(path: path)
    let reader = BlockReader(input: input, blockSize: blockSize)
    var (position, line) = try skipByteOrderMark(reader)

    var found: Header?
    while found == nil {
      var scanner = RecordScanner(bytes: reader.bytes, end: reader.count, isFinal: reader.atEnd,
                                  file: input.name, position: position, line: line)
      found = try Header.read(&scanner, reader.bytes)
      line = scanner.line
      if found == nil {
        try reader.refill(consumed: scanner.position)
        position = 0
      } else {
        position = scanner.position
      }
    }
    guard let header = found else { return }

    var wanted = [(name: String, mode: ColumnBuffer.Mode)]()
    for name in numeric where !wanted.contains(where: { $0.name == name }) { wanted.append((name, .number)) }
    for name in text where !wanted.contains(where: { $0.name == name }) { wanted.append((name, .text)) }
    let reserve = min(rowsPerChunk, 1 << 16)
    var builder = try TableBuilder(file: input.name, header: header, wanted: wanted, reserve: reserve)

    while true {
      var scanner = RecordScanner(bytes: reader.bytes, end: reader.count, isFinal: reader.atEnd,
                                  file: input.name, position: position, line: line)
      scanner.columnNames = header.names
      var cells = builder.cells
      scanning: while true {
        switch try scanner.next(&cells) {
        case .record:
          try builder.endRecord(scanner)
          if builder.rows == rowsPerChunk {
            try body(builder.table())
            builder = builder.emptyCopy(reserve: reserve)
            cells = builder.cells
          }
        case .blank:
          continue
        case .needMore:
          // The record runs past the block: forget its first fields and
          // parse it again once the rest is in.
          try builder.rollback()
          break scanning
        case .end:
          if builder.rows > 0 { try body(builder.table()) }
          return
        }
      }
      line = scanner.line
      ProgressMeter.process.advance(by: Int64(scanner.position - position))
      try reader.refill(consumed: scanner.position)
      position = 0
    }
  }
}
