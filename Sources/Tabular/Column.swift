/// One column of a `Table`: numbers when every non-empty cell of the column
/// parsed as a number, text otherwise.
public enum Column: Sendable {
  /// A column of numbers (NaN where missing).
  case numeric(NumericColumn)
  /// A column of text.
  case text(TextColumn)

  /// The number of rows.
  public var count: Int {
    switch self {
    case .numeric(let column): column.count
    case .text(let column): column.count
    }
  }

  /// Whether the column was read as numbers.
  public var isNumeric: Bool {
    if case .numeric = self { return true }
    return false
  }

  /// Cell texts (numeric cells as originally written); nil where empty.
  public var texts: [String?] {
    switch self {
    case .numeric(let column): column.texts
    case .text(let column): column.values
    }
  }
}
