/// One column of a `Table`: numbers when every non-empty cell of the column
/// parsed as a number, text otherwise; dates and dictionary-encoded keys
/// when the reader was asked for them (`ColumnRequest`).
public enum Column: Sendable {
  /// A column of numbers (NaN where missing).
  case numeric(NumericColumn)
  /// A column of text.
  case text(TextColumn)
  /// A column of calendar dates as day numbers.
  case date(DateColumn)
  /// A dictionary-encoded text column (identifiers).
  case key(KeyColumn)

  /// The number of rows.
  public var count: Int {
    switch self {
    case .numeric(let column): column.count
    case .text(let column): column.count
    case .date(let column): column.count
    case .key(let column): column.count
    }
  }

  /// Whether the column was read as numbers.
  public var isNumeric: Bool {
    if case .numeric = self { return true }
    return false
  }

  /// Cell texts (numeric cells as originally written, dates as
  /// `YYYY-MM-DD`); nil where empty.
  public var texts: [String?] {
    switch self {
    case .numeric(let column): column.texts
    case .text(let column): column.values
    case .date(let column): column.texts
    case .key(let column): column.texts
    }
  }
}
