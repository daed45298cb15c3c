/// Accumulates the cells of one column while records stream past.
///
/// Five modes: `infer` (numbers while every non-empty cell is a number,
/// switching to text at the first cell that is not), `number` (numbers
/// required: the first other cell is a fault for the caller to report),
/// `text`, `date` (day numbers parsed from the bytes by `CalendarDate`; a
/// cell that is not a date, or is empty, is a fault) and `key` (text
/// interned by a `KeyTable` into `Int32` codes; an empty cell is a fault).
/// Numbers, days and codes go into manually grown buffers: the per-cell
/// append is a store and an increment, with none of `Array.append`'s
/// uniqueness checks.
///
/// The buffers are owned by a `ColumnStore`, which keeps the states of all
/// columns in one raw allocation so that the per-cell path reaches them
/// without reference counting; `release()` frees them.
struct ColumnBuffer {
  enum Mode { case infer, number, text, date, key }

  /// Why a cell could not be stored in a `number`, `date` or `key` column.
  enum Fault { case notANumber, missing, nonFinite, notADate, tooManyKeys }

  /// 0-based field index in the file.
  let field: Int
  private(set) var mode: Mode
  /// Cells appended.
  private(set) var count = 0
  private var capacity: Int
  private var values: UnsafeMutablePointer<Double>
  private var styles: UnsafeMutablePointer<UInt8>
  /// The bitwise or of all styles: 0 means every cell is canonical and the
  /// finished column needs no style array.
  private var styleUnion: UInt8 = 0
  private var verbatimRows: [Int] = []
  private var verbatimTexts: [String] = []
  private var texts: [String?] = []
  private var scratch: [UInt8] = []
  /// Day numbers (`date`) or key codes (`key`); `capacity` of them.
  private var integers: UnsafeMutablePointer<Int32>
  /// The interned keys of a `key` column.
  private var keys: KeyTable?
  /// Cells of a `key` column appended but not yet looked up: their spans
  /// in `pendingBytes`, for rows `count − pendingCount ..< count`. Keys are
  /// looked up in batches (see `KeyTable`); `settle()` finishes the batch,
  /// and must run before those bytes change or the column is read.
  private var pendingStarts: UnsafeMutablePointer<Int>
  private var pendingEnds: UnsafeMutablePointer<Int>
  private var pendingCount = 0
  private var pendingBytes: UnsafePointer<UInt8>?

  init(field: Int, mode: Mode, reserve: Int) {
    self.field = field
    self.mode = mode
    capacity = mode == .text ? 0 : max(reserve, 16)
    let usesIntegers = mode == .date || mode == .key
    values = .allocate(capacity: usesIntegers ? 0 : capacity)
    styles = .allocate(capacity: usesIntegers ? 0 : capacity)
    integers = .allocate(capacity: usesIntegers ? capacity : 0)
    if mode == .text { texts.reserveCapacity(reserve) }
    // A log has far fewer customers than rows; the table grows as needed.
    if mode == .key { keys = KeyTable(expectedKeys: max(1024, reserve / 16)) }
    let pending = mode == .key ? KeyTable.batchCapacity : 0
    pendingStarts = .allocate(capacity: pending)
    pendingEnds = .allocate(capacity: pending)
  }

  /// Frees the manually managed buffers (the owner calls this once).
  func release() {
    values.deallocate()
    styles.deallocate()
    integers.deallocate()
    pendingStarts.deallocate()
    pendingEnds.deallocate()
  }

  /// Stores a number whose style is not `verbatim`.
  @inline(__always)
  mutating func append(_ value: Double, style: UInt8) {
    if count == capacity { grow() }
    values[count] = value
    styles[count] = style
    styleUnion |= style
    count += 1
  }

  /// Stores a number and the exact text it came from.
  mutating func append(_ value: Double, verbatim bytes: UnsafeBufferPointer<UInt8>) {
    verbatimRows.append(count)
    verbatimTexts.append(String(decoding: bytes, as: UTF8.self))
    append(value, style: NumberParsing.verbatim)
  }

  /// Appends the fully scanned cell `span`; returns the fault that stops a
  /// `number` column (the cell is then not appended), else nil.
  @inline(__always)
  mutating func append(_ span: FieldSpan, _ bytes: UnsafePointer<UInt8>) -> Fault? {
    if mode == .date || mode == .key { return appendInteger(span, bytes) }
    if mode == .text {
      texts.append(ColumnBuffer.text(span, bytes, scratch: &scratch))
      count += 1
      return nil
    }
    if span.start == span.end {
      if mode == .number { return .missing }
      append(.nan, style: NumberParsing.canonical)
      return nil
    }
    // A field with "" escapes holds a quote, so it is not a number.
    guard !span.escaped, let (value, style) = NumberParsing.parse(bytes, span.start, span.end) else {
      if mode == .number { return .notANumber }
      becomeText()
      texts.append(ColumnBuffer.text(span, bytes, scratch: &scratch))
      count += 1
      return nil
    }
    if mode == .number && !value.isFinite { return .nonFinite }
    if style == NumberParsing.verbatim {
      append(value, verbatim: UnsafeBufferPointer(start: bytes + span.start, count: span.end - span.start))
    } else {
      append(value, style: style)
    }
    return nil
  }

  /// Appends a cell of a `date` or `key` column.
  @inline(__always)
  private mutating func appendInteger(_ span: FieldSpan, _ bytes: UnsafePointer<UInt8>) -> Fault? {
    if span.start == span.end { return .missing }
    if mode == .key && !span.escaped {
      // Held back for the batched lookup.
      if pendingCount > 0 && pendingBytes != bytes || pendingCount == KeyTable.batchCapacity {
        guard settle() else { return .tooManyKeys }
      }
      if count == capacity { grow() }
      integers[count] = -1  // until `settle()` (so that `grow()` copies initialised memory)
      pendingStarts[pendingCount] = span.start
      pendingEnds[pendingCount] = span.end
      pendingBytes = bytes
      pendingCount += 1
      count += 1
      return nil
    }
    let value: Int32
    if mode == .date {
      // A field with "" escapes holds a quote, so it is not a date.
      guard !span.escaped, let day = CalendarDate.parse(bytes, span.start, span.end) else { return .notADate }
      value = day
    } else {
      // An escaped key (rare) is unescaped and looked up at once, after the
      // held-back ones, so that codes keep first-appearance order.
      guard settle(), let keys else { return .tooManyKeys }
      scratch.removeAll(keepingCapacity: true)
      var k = span.start
      while k < span.end {
        scratch.append(bytes[k])
        k += bytes[k] == UInt8(ascii: "\"") ? 2 : 1
      }
      guard let code = scratch.withUnsafeBufferPointer({ keys.code($0.baseAddress ?? bytes, $0.count) }) else {
        return .tooManyKeys
      }
      value = code
    }
    if count == capacity { grow() }
    integers[count] = value
    count += 1
    return nil
  }

  /// Looks up the held-back keys of a `key` column (a no-op otherwise);
  /// false when the column has more distinct keys than codes can number.
  mutating func settle() -> Bool {
    guard pendingCount > 0, let keys, let bytes = pendingBytes else { return true }
    let settled = keys.codes(bytes, starts: pendingStarts, ends: pendingEnds, count: pendingCount,
                             into: integers + (count - pendingCount))
    pendingCount = 0
    pendingBytes = nil
    return settled
  }

  /// Forgets the cells after the first `rows` (a record cut by the end of a
  /// block is parsed again once the rest has been read). A `key` column
  /// keeps the keys that only the forgotten cells used: the streaming
  /// reader, the one caller, never asks for keys.
  mutating func truncate(to rows: Int) {
    guard rows < count else { return }
    if mode == .date || mode == .key {
      _ = settle()  // (a fault here belongs to a cell that is being forgotten)
      count = rows
      return
    }
    if mode == .text {
      texts.removeLast(count - rows)
    } else {
      while let last = verbatimRows.last, last >= rows {
        verbatimRows.removeLast()
        verbatimTexts.removeLast()
      }
    }
    count = rows
  }

  /// Turns the numbers seen so far back into their texts and continues as a
  /// text column.
  private mutating func becomeText() {
    texts = numericColumn().texts
    mode = .text
    values.deallocate()
    styles.deallocate()
    capacity = 0
    values = .allocate(capacity: 0)
    styles = .allocate(capacity: 0)
    verbatimRows = []
    verbatimTexts = []
  }

  private mutating func grow() {
    let bigger = max(2 * capacity, 16)
    if mode == .date || mode == .key {
      let newIntegers = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
      newIntegers.initialize(from: integers, count: count)
      integers.deallocate()
      integers = newIntegers
      capacity = bigger
      return
    }
    let newValues = UnsafeMutablePointer<Double>.allocate(capacity: bigger)
    let newStyles = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    newValues.update(from: values, count: count)
    newStyles.update(from: styles, count: count)
    values.deallocate()
    styles.deallocate()
    values = newValues
    styles = newStyles
    capacity = bigger
  }

  private func numericColumn() -> NumericColumn {
    NumericColumn(
      values: Array(UnsafeBufferPointer(start: values, count: count)),
      styles: styleUnion == 0 ? [] : Array(UnsafeBufferPointer(start: styles, count: count)),
      verbatimRows: verbatimRows, verbatimTexts: verbatimTexts)
  }

  private var integerArray: [Int32] {
    Array(UnsafeBufferPointer(start: integers, count: count))
  }

  /// The finished column.
  func finish() -> Column {
    switch mode {
    case .text: .text(TextColumn(texts))
    case .date: .date(DateColumn(integerArray))
    case .key: .key(KeyColumn(uncheckedCodes: integerArray, keys: keys?.keys ?? []))
    case .infer, .number: .numeric(numericColumn())
    }
  }

  /// One column from the buffers of consecutive parts of a file (in order):
  /// numeric when all parts are, else text. Numbers are copied once, straight
  /// into the final array.
  static func merge(_ parts: [ColumnBuffer]) throws(DataError) -> Column {
    if parts.count == 1 { return parts[0].finish() }
    if parts[0].mode == .date || parts[0].mode == .key { return try mergeIntegers(parts) }
    if parts.contains(where: { $0.mode == .text }) {
      var texts = [String?]()
      texts.reserveCapacity(parts.reduce(0) { $0 + $1.count })
      for part in parts { texts.append(contentsOf: part.finish().texts) }
      return .text(TextColumn(texts))
    }
    let total = parts.reduce(0) { $0 + $1.count }
    let values = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
      var offset = 0
      for part in parts {
        guard let base = buffer.baseAddress else { return }  // no rows at all
        (base + offset).initialize(from: part.values, count: part.count)
        offset += part.count
      }
      initialized = total
    }
    var styles = [UInt8]()
    if parts.contains(where: { $0.styleUnion != 0 }) {
      styles = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
        var offset = 0
        for part in parts {
          guard let base = buffer.baseAddress else { return }
          (base + offset).initialize(from: part.styles, count: part.count)
          offset += part.count
        }
        initialized = total
      }
    }
    var verbatimRows = [Int]()
    var verbatimTexts = [String]()
    var offset = 0
    for part in parts {
      verbatimRows.append(contentsOf: part.verbatimRows.lazy.map { $0 + offset })
      verbatimTexts.append(contentsOf: part.verbatimTexts)
      offset += part.count
    }
    return .numeric(NumericColumn(values: values, styles: styles,
                                  verbatimRows: verbatimRows, verbatimTexts: verbatimTexts))
  }

  /// `merge` for `date` and `key` columns. Keys are renumbered into the
  /// first part's table, part by part, so codes stay in order of first
  /// appearance in the whole file.
  private static func mergeIntegers(_ parts: [ColumnBuffer]) throws(DataError) -> Column {
    let total = parts.reduce(0) { $0 + $1.count }
    var maps = [[Int32]?](repeating: nil, count: parts.count)
    let table = parts[0].keys
    if let table {
      for k in 1..<parts.count {
        guard let other = parts[k].keys, let map = table.absorb(other) else {
          throw DataError(file: "", message: "more than \(KeyTable.capacityLimit) distinct values in a key column")
        }
        maps[k] = map
      }
    }
    let integers = [Int32](unsafeUninitializedCapacity: total) { buffer, initialized in
      var offset = 0
      for (k, part) in parts.enumerated() {
        guard let base = buffer.baseAddress else { return }  // no rows at all
        if let map = maps[k] {
          map.withUnsafeBufferPointer { map in
            for r in 0..<part.count { (base + offset + r).initialize(to: map[Int(part.integers[r])]) }
          }
        } else {
          (base + offset).initialize(from: part.integers, count: part.count)
        }
        offset += part.count
      }
      initialized = total
    }
    if let table { return .key(KeyColumn(uncheckedCodes: integers, keys: table.keys)) }
    return .date(DateColumn(integers))
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

/// Owns the `ColumnBuffer`s of one table builder in a single raw allocation,
/// with the map from file fields to columns, and frees them when released.
final class ColumnStore {
  /// The column states, `count` of them.
  let columns: UnsafeMutablePointer<ColumnBuffer>
  let count: Int
  /// For each field of the file, its column's index, or −1 when not kept.
  let slotOfField: UnsafeMutablePointer<Int>
  let fieldCount: Int
  /// For error messages.
  let file: String
  let header: Header

  init(_ buffers: [ColumnBuffer], slotOfField slots: [Int], file: String, header: Header) {
    self.file = file
    self.header = header
    count = buffers.count
    columns = .allocate(capacity: max(count, 1))
    columns.initialize(from: buffers, count: count)
    fieldCount = slots.count
    slotOfField = .allocate(capacity: max(fieldCount, 1))
    slotOfField.initialize(from: slots, count: fieldCount)
  }

  /// Frees column `k`'s cells once they have been copied out, leaving an
  /// empty column of the same field and mode.
  func empty(_ k: Int) {
    let emptied = ColumnBuffer(field: columns[k].field, mode: columns[k].mode, reserve: 0)
    columns[k].release()
    columns[k] = emptied
  }

  deinit {
    for k in 0..<count { columns[k].release() }
    columns.deinitialize(count: count)
    columns.deallocate()
    slotOfField.deallocate()
  }
}
