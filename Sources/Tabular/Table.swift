/// A table of named, typed columns read from CSV.
///
/// Tables are values: columns are contiguous arrays (`[Double]` or
/// `[String?]`), and the table remembers where each row came from in its
/// file, so that every later complaint about a cell can name file, line and
/// column.
public struct Table: Sendable {
  /// The file name for messages (`"<stdin>"` for stdin).
  public let source: String
  /// Column names, in the table's order.
  public let columnNames: [String]
  /// Columns, parallel to `columnNames`, all of `rowCount` rows.
  public let columns: [Column]
  /// 0-based field index in the file of each column (for error messages).
  let fieldIndices: [Int]
  /// Physical line of the header.
  let headerLine: Int
  /// Physical line of each row.
  let rowLines: RowLines
  private let storedRowCount: Int

  /// The number of data rows.
  public var rowCount: Int { storedRowCount }

  /// A table built in memory (rows are numbered as if from a file with a
  /// one-line header: row r is on line r + 2).
  ///
  /// - Precondition: names are distinct and all columns have the same length;
  ///   these are programming errors, not input faults.
  public init(source: String = "<memory>", columnNames: [String], columns: [Column]) {
    precondition(columnNames.count == columns.count, "one name per column")
    precondition(Set(columnNames).count == columnNames.count, "column names must be distinct")
    let rows = columns.first?.count ?? 0
    precondition(columns.allSatisfy { $0.count == rows }, "columns must have the same length")
    self.init(source: source, columnNames: columnNames, columns: columns,
              fieldIndices: Array(columns.indices), headerLine: 1,
              rowLines: RowLines(firstLine: 2), rowCount: rows)
  }

  init(source: String, columnNames: [String], columns: [Column], fieldIndices: [Int],
       headerLine: Int, rowLines: RowLines, rowCount: Int) {
    self.source = source
    self.columnNames = columnNames
    self.columns = columns
    self.fieldIndices = fieldIndices
    self.headerLine = headerLine
    self.rowLines = rowLines
    storedRowCount = rowCount
  }

  /// The position of the column named `name` (exact, case-sensitive match).
  public func index(of name: String) -> Int? {
    columnNames.firstIndex(of: name)
  }

  /// Physical 1-based line where data row `row` (0-based) starts: the header
  /// is line 1 (later if blank lines precede it or it holds quoted newlines),
  /// and blank lines and newlines inside quoted fields are counted.
  public func line(ofRow row: Int) -> Int {
    rowLines.line(ofRow: row)
  }

  /// The column named `name`; throws a `DataError` at the header line, listing
  /// the available columns, when there is none.
  public func column(_ name: String) throws(DataError) -> Column {
    columns[try position(of: name)]
  }

  /// Values of a numeric column.
  ///
  /// Throws a `DataError` naming file, line and column when the column is
  /// absent (at the header line, listing the available columns), holds text
  /// (at the first cell that is not a number: `expected a number, found "abc"`),
  /// a missing (empty) cell (`missing value`), or a non-finite literal such as
  /// NaN, inf, -Infinity or an overflowing `1e400`
  /// (`expected a finite number, found "inf"`). The first faulty row is named.
  public func numeric(_ name: String) throws(DataError) -> [Double] {
    let k = try position(of: name)
    switch columns[k] {
    case .numeric(let column):
      guard let row = column.firstNonFinite() else { return column.values }
      if let text = column.verbatimText(row) {
        throw cellError(k, row, "expected a finite number, found \(quotedForMessage(text, limit: cellLimit))")
      }
      throw cellError(k, row, "missing value")
    case .text, .date, .key:
      // A text column may still hold numbers (a stream's text column, or a
      // table built in memory): parse them with the reader's rules.
      let cells = columns[k].texts
      var values = [Double]()
      values.reserveCapacity(cells.count)
      for (row, cell) in cells.enumerated() {
        guard let cell else { throw cellError(k, row, "missing value") }
        guard let (value, _) = NumberParsing.parse(cell) else {
          throw cellError(k, row, "expected a number, found \(quotedForMessage(cell, limit: cellLimit))")
        }
        guard value.isFinite else {
          throw cellError(k, row, "expected a finite number, found \(quotedForMessage(cell, limit: cellLimit))")
        }
        values.append(value)
      }
      return values
    }
  }

  /// Day numbers (days from 1970-01-01, see `CalendarDate`) of a date
  /// column.
  ///
  /// A column read with `ColumnRequest.date` is already parsed; any other
  /// column's cells are parsed here. Throws a `DataError` naming file, line
  /// and column at the first cell that is missing (`missing value`) or not a
  /// date (`expected a date YYYY-MM-DD or an ISO date-time, found "…"`), and
  /// at the header line when the column is absent.
  public func days(_ name: String) throws(DataError) -> [Int32] {
    let k = try position(of: name)
    if case .date(let column) = columns[k] { return column.days }
    let cells = columns[k].texts
    var days = [Int32]()
    days.reserveCapacity(cells.count)
    for (row, cell) in cells.enumerated() {
      days.append(try CalendarDate.dayNumber(cell, file: source, line: line(ofRow: row), column: fieldIndices[k] + 1,
                                             columnName: columnNames[k]))
    }
    return days
  }

  /// A column dictionary-encoded: codes in order of first appearance and
  /// the distinct texts (exactly as written).
  ///
  /// A column read with `ColumnRequest.key` is returned as it is; any other
  /// is encoded here. Throws a `DataError` at the first missing cell
  /// (`missing value`), and at the header line when the column is absent.
  public func keys(_ name: String) throws(DataError) -> KeyColumn {
    let k = try position(of: name)
    if case .key(let column) = columns[k] { return column }
    let cells = columns[k].texts
    if let encoded = KeyColumn(encoding: cells) { return encoded }
    let row = cells.firstIndex(where: { $0 == nil }) ?? 0
    throw cellError(k, row, "missing value")
  }

  /// Cell texts of any column; numeric columns give back the text exactly as
  /// written in the file (`1.0` stays `1.0`, `007` stays `007`); nil where the
  /// cell was empty. Throws as `numeric(_:)` when the column is absent.
  public func strings(_ name: String) throws(DataError) -> [String?] {
    columns[try position(of: name)].texts
  }

  private func position(of name: String) throws(DataError) -> Int {
    guard let k = index(of: name) else {
      throw Table.absentColumn(name, available: columnNames, file: source, line: headerLine)
    }
    return k
  }

  private func cellError(_ k: Int, _ row: Int, _ message: String) -> DataError {
    DataError(file: source, line: line(ofRow: row), column: fieldIndices[k] + 1,
              columnName: columnNames[k], message: message)
  }

  /// The error for a column name that the header does not have, with a hint
  /// when the name differs only in case or surrounding spaces.
  static func absentColumn(_ name: String, available: [String], file: String, line: Int) -> DataError {
    var message = "no column named \(quotedForMessage(name))"
    let folded = name.trimmingSpaces().lowercased()
    if let near = available.first(where: { $0.trimmingSpaces().lowercased() == folded }) {
      message += " (did you mean \(quotedForMessage(near))?)"
    }
    let shown = available.prefix(30).map { quotedForMessage($0) }.joined(separator: ", ")
    message += available.isEmpty ? "; the file has no columns" : "; the columns are: \(shown)"
    if available.count > 30 { message += " and \(available.count - 30) more" }
    return DataError(file: file, line: line, message: message)
  }
}

/// Maps 0-based data rows to physical 1-based lines.
///
/// Rows usually sit on consecutive lines, so only the exceptions are stored:
/// each "jump" (after a blank line or a quoted field holding newlines) records
/// a row and its true line; rows in between count on from the last jump.
struct RowLines: Sendable {
  /// Line of row 0.
  var firstLine: Int
  /// Rows whose line is not the previous row's line + 1, ascending.
  var jumpRows: [Int] = []
  /// Their lines.
  var jumpLines: [Int] = []

  init(firstLine: Int) {
    self.firstLine = firstLine
  }

  func line(ofRow row: Int) -> Int {
    // The last jump at or before `row`.
    var low = 0
    var high = jumpRows.count
    while low < high {
      let mid = (low + high) / 2
      if jumpRows[mid] <= row { low = mid + 1 } else { high = mid }
    }
    if low == 0 { return firstLine + row }
    return jumpLines[low - 1] + (row - jumpRows[low - 1])
  }

  /// The line `row` would have without a new jump (rows arrive in order).
  @inline(__always)
  func expectedLine(ofRow row: Int) -> Int {
    guard let lastRow = jumpRows.last, let lastLine = jumpLines.last else { return firstLine + row }
    return lastLine + (row - lastRow)
  }

  /// Records that `row` (the next row, in order) starts on `line`.
  @inline(__always)
  mutating func append(row: Int, line: Int) {
    if row == 0 {
      firstLine = line
    } else if line != expectedLine(ofRow: row) {
      jumpRows.append(row)
      jumpLines.append(line)
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
          let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
    else { return "" }
    return String(scalars[first...last])
  }
}
