#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NumericCore

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
  /// otherwise. Numbers are parsed exactly (correctly rounded). A file is
  /// mapped and parsed on `ParallelChunks.threadCount` threads (`CVW_THREADS`),
  /// in 4 MiB parts split at record boundaries; the table, and the first
  /// error in file order when there is one, do not depend on the thread count.
  /// This is the reader `cvw fit` uses.
  ///
  /// - Parameter columns: when given, only those columns are kept, in the
  ///   order given (all fields are still checked: field counts, quoting,
  ///   encoding); a name the header lacks is an error at the header line.
  public static func read(_ path: String, columns: [String]? = nil) throws(DataError) -> Table {
    let input = try InputFile(path: path)
    let buffer = try input.readAll()
    return try parse(buffer, file: input.name, columns: columns)
  }

  /// Reads a whole CSV file (`-` = stdin) into a Table of the requested
  /// columns, in the order requested, each stored as its request says:
  /// `.number` (finite numbers required), `.text`, `.inferred` (as `read`
  /// infers), `.date` (day numbers parsed from the bytes; see
  /// `CalendarDate`) or `.key` (text interned into codes, in order of first
  /// appearance). A cell that does not fit its request — text or NaN/inf
  /// in a number column, a cell that is not a date, an empty cell in a
  /// number, date or key column — is a `DataError` naming its line and
  /// column; so is a name the header lacks (at the header line). A second
  /// request for a name already requested is ignored.
  ///
  /// No `String` is made per cell of a number, date or key column (a key
  /// column makes one per distinct value), which is what lets a
  /// ten-million-row transaction log be read in well under a second.
  public static func read(_ path: String, requests: [ColumnRequest]) throws(DataError) -> Table {
    let input = try InputFile(path: path)
    let buffer = try input.readAll()
    var wanted = [(name: String, mode: ColumnBuffer.Mode)]()
    for request in requests where !wanted.contains(where: { $0.name == request.name }) {
      wanted.append((request.name, request.mode))
    }
    return try parse(buffer, file: input.name, wanted: wanted)
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
                                  file: input.name, position: position, line: line)
      if let header = try Header.read(&scanner, reader.bytes) { return header.names }
      position = 0
      line = scanner.line
      try reader.refill(consumed: scanner.position)
    }
  }

  /// Parses a whole input held in memory (followed by its zero padding).
  ///
  /// - Parameter parts: how many parts to parse in parallel; by default one
  ///   per `partSize` bytes (tests force many small parts).
  static func parse(_ buffer: ByteBuffer, file: String, columns: [String]?, parts: Int? = nil,
                    mergeBatchCells: Int = 1 << 23) throws(DataError) -> Table {
    try parse(buffer, file: file, wanted: columns.map { names in names.map { ($0, .infer) } }, parts: parts,
              mergeBatchCells: mergeBatchCells)
  }

  /// Bytes per part of a parallel parse. The parts depend only on the input,
  /// never on the thread count; small enough that two threads balance well
  /// and a finished part's bytes can be let go early, large enough that the
  /// per-part costs (a column buffer per column, a merge step) stay small.
  static let partSize = 4 << 20

  /// `parse` with each column's mode given (nil: every column, inferred).
  ///
  /// The body is cut at record boundaries into parts (`recordBoundaries`),
  /// parsed on `ParallelChunks.threadCount` threads, each part into its own
  /// builder with lines counted from its start; the parts are then joined in
  /// order. Values do not depend on the partition (parsing is exact), and the
  /// error reported is the first in file order: the first failed part's,
  /// whose line is shifted by the lines of the parts before it, which all
  /// parsed.
  ///
  /// - Parameter mergeBatchCells: cells per batch when joining the parts'
  ///   columns (tests make it small to join one column per batch).
  static func parse(_ buffer: ByteBuffer, file: String, wanted requested: [(name: String, mode: ColumnBuffer.Mode)]?,
                    parts: Int? = nil, mergeBatchCells: Int = 1 << 23) throws(DataError) -> Table {
    let bytes = UnsafePointer(buffer.pointer)
    let start = hasByteOrderMark(bytes, buffer.count) ? 3 : 0
    var scanner = RecordScanner(bytes: bytes, end: buffer.count, isFinal: true, file: file,
                                position: start, line: 1)
    guard let header = try Header.read(&scanner, bytes) else {
      // A final window never asks for more.
      throw DataError(file: file, message: "the file is empty: expected a header line")
    }
    var distinct = [(name: String, mode: ColumnBuffer.Mode)]()
    for (name, mode) in requested ?? header.names.map({ ($0, .infer) }) where !distinct.contains(where: { $0.name == name }) {
      distinct.append((name, mode))
    }
    let wanted = distinct
    // Checks the wanted names before any work starts.
    _ = try TableBuilder(file: file, header: header, wanted: wanted, reserve: 0)

    let bodyStart = scanner.position
    let bodyLength = buffer.count - bodyStart
    let partCount = max(1, parts ?? (bodyLength + partSize / 2) / partSize)
    let bounds = recordBoundaries(bytes, from: bodyStart, to: buffer.count, parts: partCount)

    // Each part gets its own builder and scanner; lines count from 0 at the
    // part's start and are shifted once the parts before it are known.
    let results = ChunkSlots<Result<(TableBuilder, Int), DataError>>(count: bounds.count - 1)
    let shared = SharedBytes(buffer)
    ParallelChunks.forEach(chunkCount: results.count) { k in
      let p = shared.pointer
      let start = bounds[k]
      let end = bounds[k + 1]
      do throws(DataError) {
        var builder = try TableBuilder(file: file, header: header, wanted: wanted,
                                       reserve: estimatedRows(p, from: start, to: end))
        var scanner = RecordScanner(bytes: p, end: end, isFinal: true, file: file, position: start, line: 0)
        scanner.columnNames = header.names
        var cells = builder.cells
        scanning: while true {
          switch try scanner.next(&cells) {
          case .record: try builder.endRecord(scanner)
          case .blank: continue
          case .end, .needMore: break scanning
          }
        }
        try builder.settle()  // here, so that the lookups run on this part's thread
        results[k] = .success((builder, scanner.line))
      } catch {
        results[k] = .failure(error)
      }
      // Nothing reads these bytes again: the columns hold copies.
      shared.buffer.release(start..<end)
      ProgressMeter.process.advance(by: Int64(end - start))
    }

    var builders = [TableBuilder]()
    var offsets = [Int]()
    var line = scanner.line  // the first line after the header
    for k in 0..<results.count {
      switch results[k] ?? .failure(DataError(file: file, message: "internal error: a part was not parsed")) {
      case .success(let (builder, lines)):
        builders.append(builder)
        offsets.append(line)
        line += lines
      case .failure(var error):
        error.line = error.line.map { $0 + line }
        throw error
      }
    }
    return try TableBuilder.merge(builders, lineOffsets: offsets, batchCells: mergeBatchCells)
  }

  /// Splits `bytes[from..<to]` into about `parts` ranges that each start at
  /// a record boundary: returns the boundaries, `from` first and `to` last.
  ///
  /// A boundary is the byte after the first line feed, past an even split
  /// point, that is outside quotes; whether a point is inside quotes is the
  /// parity of the quote characters before it (escaped `""` counts twice),
  /// counted between split points in parallel (`memchr`: files without
  /// quotes, the usual case, cost one fast pass).
  static func recordBoundaries(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int, parts: Int) -> [Int] {
    let length = to - from
    guard parts > 1, length > parts else { return [from, to] }
    let splits = (0...parts).map { $0 == parts ? to : from + length / parts * $0 }
    let counted = SharedCounts(count: parts)
    let shared = SharedBytes(bytes)
    ParallelChunks.forEach(chunkCount: parts) { k in
      counted.store(k, quoteCount(shared.pointer, from: splits[k], to: splits[k + 1]))
    }
    var bounds = [from]
    var inQuotes = false
    for k in 1..<parts {
      inQuotes = inQuotes != (counted.counts[k - 1] & 1 == 1)
      var position = splits[k]
      var quoted = inQuotes
      while position < to && (bytes[position] != 0x0A || quoted) {
        if bytes[position] == 0x22 { quoted.toggle() }
        position += 1
      }
      // Never go backwards, even in a malformed file: the first fault is
      // still found by the part that holds it, which starts correctly.
      bounds.append(max(min(position + 1, to), bounds[bounds.count - 1]))
    }
    bounds.append(to)
    return bounds
  }

  private static func quoteCount(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    var count = 0
    var k = from
    while k < to, let hit = memchr(bytes + k, 0x22, to - k) {
      count += 1
      k = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - bytes + 1
    }
    return count
  }

  /// About how many rows `bytes[from..<to]` holds, from the line feeds in
  /// its first 256 KiB (plus an eighth), so the column buffers rarely grow.
  private static func estimatedRows(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    let sample = min(to - from, 1 << 18)
    guard sample > 0 else { return 16 }
    var lines = 0
    var k = from
    while k < from + sample, let hit = memchr(bytes + k, 0x0A, from + sample - k) {
      lines += 1
      k = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - bytes + 1
    }
    let estimate = Double(lines + 1) * Double(to - from) / Double(sample)
    return Int(estimate * 1.125) + 16
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

/// The input bytes, shared read-only with the parsing threads.
private struct SharedBytes: @unchecked Sendable {
  // @unchecked: the bytes are not written while the threads read them.
  let pointer: UnsafePointer<UInt8>
  /// The buffer holding them, when the threads may release parts of it.
  let buffer: ByteBuffer!

  init(_ pointer: UnsafePointer<UInt8>) {
    self.pointer = pointer
    buffer = nil
  }

  init(_ buffer: ByteBuffer) {
    pointer = UnsafePointer(buffer.pointer)
    self.buffer = buffer
  }
}

/// One count per part, written by the parsing threads.
private final class SharedCounts: @unchecked Sendable {
  // @unchecked: thread k writes only slot k; the slots are read after
  // `ParallelChunks.forEach` has returned.
  let counts: UnsafeMutablePointer<Int>
  private let count: Int

  init(count: Int) {
    self.count = count
    counts = .allocate(capacity: count)
    counts.initialize(repeating: 0, count: count)
  }

  deinit { counts.deallocate() }

  func store(_ k: Int, _ value: Int) { counts[k] = value }
}

