/// A column of numbers, with enough information to give back each cell's
/// original text.
///
/// `values` holds one `Double` per row, NaN where the cell was empty. The text
/// of a cell is not stored as a `String`: almost every cell is rebuilt exactly
/// from its value and one style byte (an integer, or the value printed with a
/// known number of fraction digits: `1.0`, `12.50`, `0.12614119254181344`);
/// the few others (`007`, `1e3`, `inf`) are kept verbatim. So a numeric column
/// costs about 9 bytes a row, not 8 plus a string.
public struct NumericColumn: Sendable {
  /// One value per row; NaN where the cell was empty. Literals such as `inf`
  /// or `nan` and overflowing numbers (`1e400`) are kept as the non-finite
  /// value they denote; `Table.numeric` refuses them with their text.
  public var values: [Double]
  /// Per-row style bytes (see `NumberParsing.canonical`); empty when every
  /// cell is canonical, which is the common case and costs nothing.
  var styles: [UInt8]
  /// Rows whose text is kept verbatim, ascending, and their texts.
  var verbatimRows: [Int]
  var verbatimTexts: [String]

  /// A column of computed values: each cell's text is `formatDouble(value)`,
  /// and NaN marks a missing cell.
  public init(_ values: [Double]) {
    self.values = values
    styles = []
    verbatimRows = []
    verbatimTexts = []
  }

  init(values: [Double], styles: [UInt8], verbatimRows: [Int], verbatimTexts: [String]) {
    self.values = values
    self.styles = styles
    self.verbatimRows = verbatimRows
    self.verbatimTexts = verbatimTexts
  }

  /// The number of rows.
  public var count: Int { values.count }

  /// The cell's text as written in the file (for a column built from values,
  /// `formatDouble(value)`); nil where the cell was empty.
  public func text(at row: Int) -> String? {
    let style = styles.isEmpty ? NumberParsing.canonical : styles[row]
    if style == NumberParsing.verbatim, let k = verbatimIndex(row) { return verbatimTexts[k] }
    let value = values[row]
    if value.isNaN { return nil }
    switch style {
    case NumberParsing.canonical, NumberParsing.verbatim:
      return formatDouble(value)
    case NumberParsing.trailingPoint:
      return formatDouble(value) + "."
    default:
      return ExactDecimal.fixed(value, fractionDigits: Int(style) - 1) ?? formatDouble(value)
    }
  }

  /// All cell texts, as `text(at:)` gives them.
  public var texts: [String?] {
    (0..<count).map(text(at:))
  }

  /// The verbatim text of `row`, if it has one.
  func verbatimText(_ row: Int) -> String? {
    verbatimIndex(row).map { verbatimTexts[$0] }
  }

  private func verbatimIndex(_ row: Int) -> Int? {
    var low = 0
    var high = verbatimRows.count
    while low < high {
      let mid = (low + high) / 2
      if verbatimRows[mid] < row { low = mid + 1 } else { high = mid }
    }
    return low < verbatimRows.count && verbatimRows[low] == row ? low : nil
  }

  /// The first row whose value is not finite (missing, NaN, ±inf), if any.
  func firstNonFinite() -> Int? {
    values.withUnsafeBufferPointer { buffer in
      // Sum-free scan: the comparison vectorises and exits at the first fault.
      for k in buffer.indices where !buffer[k].isFinite { return k }
      return nil
    }
  }
}
