/// Writes CSV to a file atomically or to stdout for `-`.
///
/// A file is written to a temporary file in the same directory and renamed
/// over the target on `commit()`; if the writer is discarded or released
/// without a commit the temporary file is removed, so a failed run leaves no
/// partial output. Output is buffered (1 MiB). Rows end in LF; text fields
/// holding a comma, quote, CR or LF are quoted with inner quotes doubled;
/// numbers are written with `formatDouble` (bit-exact round trip); NaN and nil
/// are written as empty (missing) cells.
///
/// Not `Sendable`: one writer belongs to one task, which feeds it in order.
public final class CSVWriter {
  /// A batch of values for one column.
  public enum Field {
    /// Numbers, written with `formatDouble`; NaN becomes an empty cell.
    case numbers([Double])
    /// Text; nil becomes an empty cell.
    case strings([String?])

    /// A table column as it was read (numeric cells keep their original text;
    /// dates are written `YYYY-MM-DD`).
    public static func column(_ column: Column) -> Field {
      .strings(column.texts)
    }

    /// The number of rows in the batch.
    public var count: Int {
      switch self {
      case .numbers(let values): values.count
      case .strings(let values): values.count
      }
    }
  }

  /// The column names written as the first line.
  public let header: [String]
  private let file: AtomicFile

  /// Opens `path` (`-` for stdout) and writes the header line. Throws a
  /// `FileError` naming the path when the temporary file cannot be created
  /// (missing directory, no permission).
  public init(path: String, header: [String]) throws {
    self.header = header
    file = try AtomicFile(path: path)
    try file.withBuffer { buffer in
      for (k, name) in header.enumerated() {
        if k > 0 { buffer.append(UInt8(ascii: ",")) }
        CSVWriter.appendText(name, to: &buffer)
      }
      buffer.append(UInt8(ascii: "\n"))
    }
  }

  /// Writes a whole table to `path` (`-` for stdout) in one go: the header,
  /// the rows, then `commit()`; on a failure the temporary file is removed,
  /// so nothing partial is left at `path`.
  public static func write(_ columns: [CSVWriter.Field], header: [String], to path: String) throws {
    let writer = try CSVWriter(path: path, header: header)
    do {
      try writer.write(columns)
      try writer.commit()
    } catch {
      writer.discard()
      throw error
    }
  }

  /// Appends rows column-wise: `columns[j]` holds the values of header column
  /// j for this batch.
  ///
  /// - Precondition: one field per header column, all of the same count
  ///   (a programming error otherwise, not an input fault).
  public func write(_ columns: [CSVWriter.Field]) throws {
    precondition(columns.count == header.count, "one field per header column")
    let rows = columns.first?.count ?? 0
    var row = 0
    while row < rows {
      // Rows in slices, so that the buffer flushes at about its threshold.
      let stop = min(rows, row + 4096)
      try file.withBuffer { buffer in CSVWriter.append(columns, rows: row..<stop, to: &buffer) }
      row = stop
    }
  }

  /// Appends rows already encoded as CSV — whole lines of this writer's
  /// columns, each ending in LF, as `append(_:rows:to:)`, `appendFormatted`
  /// or `appendFixed` make them — so that a caller can format blocks of rows
  /// on several threads and write them in order.
  public func write(formatted bytes: [UInt8]) throws {
    try file.append(bytes)
  }

  /// Formats `rows` of `columns` as CSV lines, exactly as `write` does, onto
  /// `buffer`.
  ///
  /// - Precondition: all fields hold the same number of rows, covering `rows`.
  public static func append(_ columns: [CSVWriter.Field], rows: Range<Int>, to buffer: inout [UInt8]) {
    let count = columns.first?.count ?? 0
    precondition(columns.allSatisfy { $0.count == count } && rows.upperBound <= count,
                 "all fields must hold the same number of rows")
    // The rows' numbers gathered once, row-major, into one buffer: binding
    // an enum's payload in the loop would retain and release its array at
    // every cell.
    let width = columns.count
    var numbers = [Double](repeating: .nan, count: rows.count * width)
    for (j, column) in columns.enumerated() {
      guard case .numbers(let values) = column else { continue }
      for (k, r) in rows.enumerated() { numbers[k * width + j] = values[r] }
    }
    let texts: [[String?]] = columns.map { if case .strings(let values) = $0 { values } else { [] } }
    let isNumber: [Bool] = columns.map { if case .numbers = $0 { true } else { false } }
    for (k, r) in rows.enumerated() {
      for j in columns.indices {
        if j > 0 { buffer.append(UInt8(ascii: ",")) }
        if isNumber[j] {
          let x = numbers[k * width + j]
          if !x.isNaN { appendFormatted(x, to: &buffer) }
        } else if let text = texts[j][r] {
          CSVWriter.appendText(text, to: &buffer)
        }
      }
      buffer.append(UInt8(ascii: "\n"))
    }
  }

  /// Flushes and renames the file into place (or flushes stdout).
  public func commit() throws {
    try file.commit()
  }

  /// Removes the temporary file; nothing is written to the target.
  public func discard() {
    file.discard()
  }

  /// Appends `text` as one CSV field, quoted when it must be.
  static func appendText(_ text: String, to buffer: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      var needsQuotes = false
      for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
        needsQuotes = true
        break
      }
      guard needsQuotes else {
        buffer.append(contentsOf: bytes)
        return
      }
      buffer.append(0x22)
      for byte in bytes {
        buffer.append(byte)
        if byte == 0x22 { buffer.append(0x22) }
      }
      buffer.append(0x22)
    }
  }
}
