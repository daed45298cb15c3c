#if canImport(Glibc)
import Glibc
#endif
import NumericCore

/// The slots the merging threads write, one per column.
private struct JoinedColumns: @unchecked Sendable {
  // @unchecked: each thread writes only its batch's slots; they are read
  // after `ParallelChunks.forEach` has returned.
  let pointer: UnsafeMutablePointer<Result<Column, DataError>?>
  init(_ pointer: UnsafeMutablePointer<Result<Column, DataError>?>) { self.pointer = pointer }
}

/// glibc's `malloc_trim(0)`: gives the free memory of every allocator arena
/// back to the system. Looked up at run time (the Glibc module does not
/// import <malloc.h>); a no-op elsewhere.
private func returnFreedMemory() {
  #if canImport(Glibc)
  typealias Trim = @convention(c) (Int) -> Int32
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
  _ = unsafeBitCast(symbol, to: Trim.self)(0)
  #endif
}

/// A parsed header: the names and where they were.
struct Header {
  /// Field names, in file order.
  var names: [String]
  /// Physical line on which the header record starts.
  var line: Int
}

/// Turns the records of a scanner into a `Table`: its `cells` sink receives
/// each record's fields and hands the wanted ones to their `ColumnBuffer`s;
/// `endRecord` checks field counts and remembers each row's line.
struct TableBuilder {
  let file: String
  let header: Header
  /// Table column names, in table order.
  let names: [String]
  /// The column buffers (table order) and the field → column map.
  private(set) var store: ColumnStore
  /// The sink to hand the scanner: it writes into `store`.
  private(set) var cells: CellSink
  private(set) var rowLines = RowLines(firstLine: 0)
  /// Complete rows added.
  private(set) var rows = 0
  private let wanted: [(name: String, mode: ColumnBuffer.Mode)]

  /// A builder for the columns `wanted` (table order, each with its mode).
  /// Throws when a wanted name is not in the header.
  init(file: String, header: Header, wanted: [(name: String, mode: ColumnBuffer.Mode)],
       reserve: Int = 1024) throws(DataError) {
    self.file = file
    self.header = header
    self.wanted = wanted
    for (name, _) in wanted where !header.names.contains(name) {
      throw Table.absentColumn(name, available: header.names, file: file, line: header.line)
    }
    names = wanted.map(\.name)
    store = TableBuilder.makeStore(file: file, header: header, wanted: wanted, reserve: reserve)
    cells = CellSink(store)
  }

  private static func makeStore(file: String, header: Header, wanted: [(name: String, mode: ColumnBuffer.Mode)],
                                reserve: Int) -> ColumnStore {
    var slots = [Int](repeating: -1, count: header.names.count)
    var buffers = [ColumnBuffer]()
    for (name, mode) in wanted {
      let field = header.names.firstIndex(of: name) ?? 0
      slots[field] = buffers.count
      buffers.append(ColumnBuffer(field: field, mode: mode, reserve: reserve))
    }
    return ColumnStore(buffers, slotOfField: slots, file: file, header: header)
  }

  /// A builder for the same columns and modes, empty (for the next chunk of
  /// a stream).
  func emptyCopy(reserve: Int) -> TableBuilder {
    var copy = self
    copy.store = TableBuilder.makeStore(file: file, header: header, wanted: wanted, reserve: reserve)
    copy.cells = CellSink(copy.store)
    copy.rowLines = RowLines(firstLine: 0)
    copy.rows = 0
    return copy
  }

  /// The column buffers, in table order.
  var columns: [ColumnBuffer] {
    Array(UnsafeBufferPointer(start: store.columns, count: store.count))
  }

  /// Completes the record the scanner just returned: checks its field count
  /// and records its line.
  @inline(__always)
  mutating func endRecord(_ scanner: RecordScanner) throws(DataError) {
    guard scanner.fieldCount == header.names.count else {
      throw raggedRow(found: scanner.fieldCount, line: scanner.recordLine)
    }
    rowLines.append(row: rows, line: scanner.recordLine)
    rows += 1
  }

  /// Looks up the keys that `key` columns hold back for a batched lookup
  /// (see `ColumnBuffer.settle`): before the input bytes move or the
  /// columns are read.
  func settle() throws(DataError) {
    for k in 0..<store.count where !store.columns[k].settle() {
      throw DataError(file: file, columnName: names[k],
                      message: "more than \(KeyTable.capacityLimit) distinct values")
    }
  }

  /// Forgets the fields of an incomplete record (settling first: the
  /// bytes are about to move).
  func rollback() throws(DataError) {
    try settle()
    for k in 0..<store.count where store.columns[k].count > rows { store.columns[k].truncate(to: rows) }
  }

  /// The rows so far as a table.
  func table() throws(DataError) -> Table {
    try settle()
    return Table(source: file, columnNames: names, columns: columns.map { $0.finish() },
          fieldIndices: columns.map(\.field), headerLine: header.line,
          rowLines: rowLines, rowCount: rows)
  }

  /// One table from builders of consecutive parts of a file; the lines in
  /// part k are relative to the part's start and shifted by `lineOffsets[k]`.
  /// Columns are joined in parallel in batches of about `batchCells` cells.
  static func merge(_ parts: [TableBuilder], lineOffsets: [Int], batchCells: Int = 1 << 23) throws(DataError) -> Table {
    for part in parts { try part.settle() }
    let first = parts[0]
    let fields = first.columns.map(\.field)
    var rowLines = RowLines(firstLine: 0)
    var rows = 0
    for (part, offset) in zip(parts, lineOffsets) where part.rows > 0 {
      // The first row and every jump of a part may be jumps here (append
      // drops those that are not).
      rowLines.append(row: rows, line: part.rowLines.firstLine + offset)
      for (row, line) in zip(part.rowLines.jumpRows, part.rowLines.jumpLines) {
        rowLines.append(row: rows + row, line: line + offset)
      }
      rows += part.rows
    }
    // Columns are joined in parallel, in batches of about 8 Mi cells (~72 MB).
    // Each batch frees the parts' buffers it has copied and hands the memory
    // back to the system (the allocator would keep these part-sized blocks,
    // which the table's larger columns cannot reuse), so that the memory held
    // peaks near the table's size, not twice it.
    let columnCount = first.columns.count
    let perBatch = max(1, batchCells / max(rows, 1))
    let joined = UnsafeMutablePointer<Result<Column, DataError>?>.allocate(capacity: max(columnCount, 1))
    joined.initialize(repeating: nil, count: columnCount)
    defer {
      joined.deinitialize(count: columnCount)
      joined.deallocate()
    }
    let slots = JoinedColumns(joined)
    ParallelChunks.forEach(chunkCount: (columnCount + perBatch - 1) / perBatch) { batch in
      for k in batch * perBatch..<min((batch + 1) * perBatch, columnCount) {
        do throws(DataError) {
          slots.pointer[k] = .success(try ColumnBuffer.merge(parts.map { $0.store.columns[k] }))
        } catch {
          slots.pointer[k] = .failure(DataError(file: first.file, columnName: first.names[k], message: error.message))
        }
        for part in parts { part.store.empty(k) }
      }
      if parts.count > 1 { returnFreedMemory() }
    }
    var columns = [Column]()
    for k in 0..<columnCount {
      switch joined[k] {
      case .success(let column): columns.append(column)
      case .failure(let error): throw error
      case nil: throw DataError(file: first.file, message: "internal error: a column was not joined")
      }
    }
    return Table(source: first.file, columnNames: first.names, columns: columns,
                 fieldIndices: fields, headerLine: first.header.line,
                 rowLines: rowLines, rowCount: rows)
  }

  private func raggedRow(found: Int, line: Int) -> DataError {
    let expected = header.names.count
    return DataError(file: file, line: line, column: found > expected ? expected + 1 : nil,
                     message: "expected \(expected) field\(expected == 1 ? "" : "s"), found \(found)")
  }
}

extension Header {
  /// Reads the header record from `scanner`, skipping blank lines; nil when
  /// the window ends first and more input exists. Throws for an empty file,
  /// empty names and duplicate names.
  static func read(_ scanner: inout RecordScanner, _ bytes: UnsafePointer<UInt8>) throws(DataError) -> Header? {
    while true {
      var collector = SpanCollector()
      switch try scanner.next(&collector) {
      case .blank: continue
      case .needMore: return nil
      case .end:
        throw DataError(file: scanner.file, message: "the file is empty: expected a header line")
      case .record:
        var names = [String]()
        var scratch = [UInt8]()
        var seen = [String: Int]()
        for (k, span) in collector.spans.enumerated() {
          var name = ColumnBuffer.text(span, bytes, scratch: &scratch) ?? ""
          // "a, b" is common in hand-written headers; the spaces are not part of the name.
          if !span.quoted { name = name.trimmingSpaces() }
          if name.isEmpty {
            throw DataError(file: scanner.file, line: scanner.recordLine, column: k + 1,
                            message: "column \(k + 1) of the header has an empty name")
          }
          if let first = seen[name] {
            // The message names both fields; a column in the location would say one of them twice.
            throw DataError(file: scanner.file, line: scanner.recordLine,
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

/// The scanner's sink for data records: hands each wanted field to its
/// column buffer, parsing plain numbers in place. Only raw pointers on the
/// per-cell path (no reference counting); the store they point into is
/// kept alive by the `TableBuilder` that made the sink.
struct CellSink: FieldSink {
  private let columns: UnsafeMutablePointer<ColumnBuffer>
  private let slotOfField: UnsafeMutablePointer<Int>
  private let fieldCount: Int
  private let tables = NumberParsing.Tables()
  private let store: Unmanaged<ColumnStore>

  init(_ store: ColumnStore) {
    columns = store.columns
    slotOfField = store.slotOfField
    fieldCount = store.fieldCount
    self.store = Unmanaged.passUnretained(store)
  }

  @inline(__always)
  func plainField(_ field: Int, _ bytes: UnsafePointer<UInt8>, _ position: Int) -> Int? {
    guard field < fieldCount else { return nil }
    let slot = slotOfField[field]
    guard slot >= 0 else { return nil }
    let column = columns + slot
    let mode = column.pointee.mode
    guard mode == .infer || mode == .number, let (value, style, end) = NumberParsing.parsePlain(bytes, position, tables: tables) else {
      return nil
    }
    if style == NumberParsing.verbatim {
      column.pointee.append(value, verbatim: UnsafeBufferPointer(start: bytes + position, count: end - position))
    } else {
      column.pointee.append(value, style: style)
    }
    return end
  }

  @inline(__always)
  func field(_ field: Int, _ span: FieldSpan, _ bytes: UnsafePointer<UInt8>, line: Int) throws(DataError) {
    guard field < fieldCount else { return }
    let slot = slotOfField[field]
    guard slot >= 0 else { return }
    if let fault = columns[slot].append(span, bytes) {
      throw cellFault(fault, span: span, bytes: bytes, field: field, line: line)
    }
  }

  @inline(never)
  private func cellFault(_ fault: ColumnBuffer.Fault, span: FieldSpan, bytes: UnsafePointer<UInt8>,
                         field: Int, line: Int) -> DataError {
    var scratch = [UInt8]()
    let text = ColumnBuffer.text(span, bytes, scratch: &scratch) ?? ""
    let message: String
    switch fault {
    case .notANumber: message = "expected a number, found \(quotedForMessage(text, limit: cellLimit))"
    case .missing: message = "missing value"
    case .nonFinite: message = "expected a finite number, found \(quotedForMessage(text, limit: cellLimit))"
    case .notADate: message = "\(CalendarDate.expectation), found \(quotedForMessage(text, limit: cellLimit))"
    case .tooManyKeys: message = "more than \(KeyTable.capacityLimit) distinct values"
    }
    let store = self.store.takeUnretainedValue()
    return DataError(file: store.file, line: line, column: field + 1, columnName: store.header.names[field],
                     message: message)
  }
}
