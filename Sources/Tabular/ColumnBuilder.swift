/// Accumulates the cells of one column while records stream past.
///
/// Three modes: `infer` (numbers while every non-empty cell is a number,
/// switching to text at the first cell that is not), `number` (numbers
/// required: the first other cell is a fault for the caller to report) and
/// `text`.
struct ColumnBuilder {
  enum Mode { case infer, number, text }

  /// Why a cell could not be stored in a `number` column.
  enum Fault { case notANumber, missing, nonFinite }

  /// 0-based field index in the file.
  let field: Int
  private(set) var mode: Mode
  private var values: [Double] = []
  private var styles: [UInt8] = []
  private var verbatimRows: [Int] = []
  private var verbatimTexts: [String] = []
  private var texts: [String?] = []
  private var scratch: [UInt8] = []

  init(field: Int, mode: Mode, reserve: Int = 0) {
    self.field = field
    self.mode = mode
    if mode == .text { texts.reserveCapacity(reserve) } else { values.reserveCapacity(reserve) }
  }

  /// The number of cells appended.
  var count: Int { mode == .text ? texts.count : values.count }

  /// Appends the cell `span` (row `row` of this builder) and returns nil, or
  /// the fault that stops a `number` column (the cell is then not appended).
  @inline(__always)
  mutating func append(_ span: FieldSpan, _ bytes: UnsafePointer<UInt8>, row: Int) -> Fault? {
    if mode == .text {
      texts.append(ColumnBuilder.text(span, bytes, scratch: &scratch))
      return nil
    }
    if span.start == span.end {
      if mode == .number { return .missing }
      values.append(.nan)
      if !styles.isEmpty { styles.append(NumberParsing.canonical) }
      return nil
    }
    // A field with "" escapes holds a quote, so it is not a number.
    guard !span.escaped, let (value, style) = NumberParsing.parse(bytes, span.start, span.end) else {
      if mode == .number { return .notANumber }
      becomeText()
      texts.append(ColumnBuilder.text(span, bytes, scratch: &scratch))
      return nil
    }
    if mode == .number && !value.isFinite { return .nonFinite }
    values.append(value)
    if style != NumberParsing.canonical && styles.isEmpty {
      styles = [UInt8](repeating: NumberParsing.canonical, count: values.count - 1)
    }
    if !styles.isEmpty { styles.append(style) }
    if style == NumberParsing.verbatim {
      verbatimRows.append(row)
      verbatimTexts.append(ColumnBuilder.text(span, bytes, scratch: &scratch) ?? "")
    }
    return nil
  }

  /// Turns the numbers seen so far back into their texts and continues as a
  /// text column.
  private mutating func becomeText() {
    texts = finish().texts
    texts.reserveCapacity(values.capacity)
    values = []
    styles = []
    verbatimRows = []
    verbatimTexts = []
    mode = .text
  }

  /// The finished column.
  func finish() -> Column {
    if mode == .text { return .text(TextColumn(texts)) }
    return .numeric(NumericColumn(values: values, styles: styles,
                                  verbatimRows: verbatimRows, verbatimTexts: verbatimTexts))
  }

  /// Appends the cells of `other`, which continues this column (same field,
  /// later rows); the two become text if either is.
  mutating func append(contentsOf other: ColumnBuilder) {
    if mode != .text && other.mode != .text {
      let offset = values.count
      if !styles.isEmpty || !other.styles.isEmpty {
        if styles.isEmpty { styles = [UInt8](repeating: NumberParsing.canonical, count: offset) }
        if other.styles.isEmpty {
          styles.append(contentsOf: repeatElement(NumberParsing.canonical, count: other.values.count))
        } else {
          styles.append(contentsOf: other.styles)
        }
      }
      values.append(contentsOf: other.values)
      verbatimRows.append(contentsOf: other.verbatimRows.lazy.map { $0 + offset })
      verbatimTexts.append(contentsOf: other.verbatimTexts)
      return
    }
    if mode != .text { becomeText() }
    texts.append(contentsOf: other.finish().texts)
  }

  /// The text of a cell (unescaped), nil when empty.
  @inline(__always)
  static func text(_ span: FieldSpan, _ bytes: UnsafePointer<UInt8>, scratch: inout [UInt8]) -> String? {
    if span.start == span.end { return nil }
    if !span.escaped {
      return String(decoding: UnsafeBufferPointer(start: bytes + span.start, count: span.end - span.start),
                    as: UTF8.self)
    }
    scratch.removeAll(keepingCapacity: true)
    var k = span.start
    while k < span.end {
      scratch.append(bytes[k])
      // Inside a quoted field every quote is doubled; keep one.
      k += bytes[k] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: scratch, as: UTF8.self)
  }
}
