/// Where one field's content lies in the input bytes.
struct FieldSpan {
  /// First byte of the content (after an opening quote).
  var start: Int
  /// One past the last byte of the content (before a closing quote).
  var end: Int
  /// The field was quoted and contains `""` escapes, so its text must be
  /// unescaped before use.
  var escaped: Bool
  /// The field was quoted (its content may be empty yet present).
  var quoted: Bool
}

/// Receives the fields of each record as the scanner finds them.
///
/// The scanner offers every unquoted field to `plainField` first, so a sink
/// can parse a number straight from the bytes in the same pass (no second
/// scan of the field); fields it declines are scanned in full and handed to
/// `field`.
protocol FieldSink {
  /// May consume a plain number starting at `position` in field `field`;
  /// returns the position of the delimiter after it, or nil to decline.
  mutating func plainField(_ field: Int, _ bytes: UnsafePointer<UInt8>, _ position: Int) -> Int?
  /// Field `field` of the current record, scanned in full; `line` is the
  /// physical line it is on.
  mutating func field(_ field: Int, _ span: FieldSpan, _ bytes: UnsafePointer<UInt8>, line: Int) throws(DataError)
}

/// A sink that only keeps the spans (for the header).
struct SpanCollector: FieldSink {
  var spans: [FieldSpan] = []

  func plainField(_ field: Int, _ bytes: UnsafePointer<UInt8>, _ position: Int) -> Int? { nil }

  mutating func field(_ field: Int, _ span: FieldSpan, _ bytes: UnsafePointer<UInt8>, line: Int) {
    spans.append(span)
  }
}

/// What `RecordScanner.next(_:)` found.
enum ScanOutcome {
  /// A record; its fields went to the sink, their number is
  /// `RecordScanner.fieldCount`.
  case record
  /// An empty physical line, skipped (as pandas does) but counted.
  case blank
  /// The buffer ends inside a record and more input exists (the sink may
  /// have seen some of its fields and must forget them).
  case needMore
  /// The input is exhausted.
  case end
}

/// The RFC 4180 tokenizer: splits bytes into records and fields, one record
/// per call, and validates what a CSV reader must not silently accept (stray
/// quotes, unclosed quotes, bare carriage returns, NUL bytes, invalid UTF-8).
///
/// It works on any window of the input: with `isFinal == false` a record that
/// runs past the window's end answers `.needMore` without consuming anything,
/// so the streaming reader can refill and call again. The caller guarantees
/// that `bytes[end]` is readable and holds 0: that sentinel ends the inner
/// loops without a bounds check per byte.
struct RecordScanner {
  let bytes: UnsafePointer<UInt8>
  let end: Int
  let isFinal: Bool
  /// The file name for error messages.
  let file: String
  /// Header names for error messages (empty while reading the header).
  var columnNames: [String] = []

  /// Start of the next record.
  private(set) var position: Int
  /// Physical line (1-based) at `position`.
  private(set) var line: Int
  /// Line on which the last record returned began.
  private(set) var recordLine = 0
  /// Number of fields in the last record.
  private(set) var fieldCount = 0

  init(bytes: UnsafePointer<UInt8>, end: Int, isFinal: Bool, file: String, position: Int, line: Int) {
    self.bytes = bytes
    self.end = end
    self.isFinal = isFinal
    self.file = file
    self.position = position
    self.line = line
  }

  /// Scans the next record, handing its fields to `sink`.
  @inline(__always)
  mutating func next<Sink: FieldSink>(_ sink: inout Sink) throws(DataError) -> ScanOutcome {
    let p = bytes
    var i = position
    if i >= end { return isFinal ? .end : .needMore }

    // A blank line: LF, CRLF, or a lone CR that ends the input.
    if p[i] == 0x0A || p[i] == 0x0D {
      if p[i] == 0x0A {
        position = i + 1
      } else if i + 1 < end {
        guard p[i + 1] == 0x0A else { throw bareCarriageReturn(line: line, field: 0) }
        position = i + 2
      } else if isFinal {
        position = i + 1
      } else {
        return .needMore
      }
      line += 1
      return .blank
    }

    let startLine = line
    var newlinesInQuotes = 0
    var field = 0
    while true {
      var span = FieldSpan(start: i, end: i, escaped: false, quoted: false)
      if p[i] != 0x22, let after = sink.plainField(field, p, i) {
        // A number parsed in place; `after` is at its delimiter.
        i = after
      } else if p[i] == 0x22 && i < end {
        // Quoted field: runs to a quote not followed by another quote.
        let openLine = startLine + newlinesInQuotes
        span.quoted = true
        span.start = i + 1
        var j = i + 1
        while true {
          let c = p[j]
          if c == 0x22 {
            // (The sentinel is 0, so j < end here.)
            if j + 1 < end {
              if p[j + 1] == 0x22 {
                span.escaped = true
                j += 2
                continue
              }
              break
            }
            // The quote is the last byte available: "" or a closing quote?
            if !isFinal { return .needMore }
            break
          }
          if c >= 0x80 {
            guard let length = try utf8Length(at: j, line: startLine + newlinesInQuotes, field: field) else {
              return .needMore
            }
            j += length
            continue
          }
          if c == 0 {
            if j >= end {
              if !isFinal { return .needMore }
              throw DataError(file: file, line: openLine, column: field + 1, columnName: name(field),
                              message: "quoted field is not closed before the end of the file")
            }
            throw notText(byte: 0, line: startLine + newlinesInQuotes, field: field)
          }
          if c == 0x0A { newlinesInQuotes += 1 }
          j += 1
        }
        span.end = j
        i = j + 1
        // After the closing quote only a delimiter may follow.
        let c = p[i]
        if !(c == 0x2C || c == 0x0A || c == 0x0D || i >= end) {
          if c == 0x20 || c == 0x09 {
            // Allow spaces between the closing quote and the delimiter.
            var k = i
            while k < end && (p[k] == 0x20 || p[k] == 0x09) { k += 1 }
            if k >= end && !isFinal { return .needMore }
            if k < end && !(p[k] == 0x2C || p[k] == 0x0A || p[k] == 0x0D) {
              throw afterQuote(p[k], line: startLine + newlinesInQuotes, field: field)
            }
            i = k
          } else {
            throw afterQuote(c, line: startLine + newlinesInQuotes, field: field)
          }
        }
        try sink.field(field, span, p, line: openLine)
      } else {
        // Unquoted field: ordinary bytes are 0x23...0x7F except the comma.
        while true {
          let c = p[i]
          if c &- 0x23 <= 0x5C && c != 0x2C { i += 1; continue }
          if c == 0x2C || c == 0x0A || c == 0x0D { break }
          if c == 0 {
            if i >= end { break }
            throw notText(byte: 0, line: startLine + newlinesInQuotes, field: field)
          }
          if c == 0x22 {
            throw DataError(
              file: file, line: startLine + newlinesInQuotes, column: field + 1, columnName: name(field),
              message: "unexpected quote (\") inside an unquoted field; quote the whole field and double inner quotes (\"\")")
          }
          if c >= 0x80 {
            guard let length = try utf8Length(at: i, line: startLine + newlinesInQuotes, field: field) else {
              return .needMore
            }
            i += length
            continue
          }
          i += 1  // space, '!', tab and other control characters are data
        }
        // A field cut by the end of the window may go on in the next block.
        if i >= end && !isFinal { return .needMore }
        span.end = i
        try sink.field(field, span, p, line: startLine + newlinesInQuotes)
      }
      field += 1

      // The delimiter after the field.
      let c = p[i]
      if c == 0x2C {
        i += 1
        continue
      }
      if c == 0x0A {
        i += 1
      } else if c == 0x0D {
        if i + 1 < end {
          guard p[i + 1] == 0x0A else {
            throw bareCarriageReturn(line: startLine + newlinesInQuotes, field: field - 1)
          }
          i += 2
        } else if isFinal {
          i += 1
        } else {
          return .needMore
        }
      } else if i >= end {
        if !isFinal { return .needMore }
      } else {
        // Only a NUL right after a number gets here.
        throw notText(byte: c, line: startLine + newlinesInQuotes, field: field - 1)
      }
      position = i
      recordLine = startLine
      line = startLine + newlinesInQuotes + 1
      fieldCount = field
      return .record
    }
  }

  /// The length of the UTF-8 sequence at `i` (whose first byte is ≥ 0x80), nil
  /// when the window ends inside it and more input exists; throws when the
  /// bytes are not UTF-8 (overlong forms, surrogates and values past U+10FFFF
  /// included, as the Unicode standard's table 3-7 requires).
  @inline(never)
  private func utf8Length(at i: Int, line: Int, field: Int) throws(DataError) -> Int? {
    let p = bytes
    let lead = p[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; high = 0x9F
    case 0xF0: length = 4; low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; high = 0x8F
    default: throw invalidUTF8(lead, line: line, field: field)
    }
    for k in 1..<length {
      if i + k >= end {
        if !isFinal { return nil }
        throw invalidUTF8(lead, line: line, field: field)
      }
      let c = p[i + k]
      if c < low || c > high { throw invalidUTF8(c, line: line, field: field) }
      low = 0x80
      high = 0xBF
    }
    return length
  }

  private func name(_ field: Int) -> String? {
    field < columnNames.count ? columnNames[field] : nil
  }

  private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
  }

  private func notText(byte: UInt8, line: Int, field: Int) -> DataError {
    DataError(file: file, line: line, column: field + 1, columnName: name(field),
              message: "not a text file: found byte \(hex(byte))")
  }

  private func invalidUTF8(_ byte: UInt8, line: Int, field: Int) -> DataError {
    DataError(file: file, line: line, column: field + 1, columnName: name(field),
              message: "not a text file: invalid UTF-8 (byte \(hex(byte)))")
  }

  private func bareCarriageReturn(line: Int, field: Int) -> DataError {
    DataError(file: file, line: line, column: field + 1, columnName: name(field),
              message: "carriage return (CR) not followed by a line feed; lines must end in LF or CRLF")
  }

  private func afterQuote(_ byte: UInt8, line: Int, field: Int) -> DataError {
    let shown = byte < 0x80 ? quotedForMessage([byte]) : hex(byte)
    return DataError(file: file, line: line, column: field + 1, columnName: name(field),
                     message: "unexpected \(shown) after a closing quote; expected a comma or the end of the line")
  }
}
