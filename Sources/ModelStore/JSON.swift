import Foundation

/// A JSON value whose objects keep their keys in order, so that a model file
/// reads in the order DESIGN.md documents and re-encodes to the same bytes.
/// Numbers are Doubles written in their shortest round-trip form (Swift's
/// `description`, Steele & White / Ryū), so they read back bit-for-bit.
public indirect enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// The member `key` of an object, nil if absent or not an object.
  public subscript(key: String) -> JSON? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// `.number`, or `.null` for nil.
  public static func number(_ x: Double?) -> JSON { x.map { .number($0) } ?? .null }
  /// `.string`, or `.null` for nil.
  public static func string(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
  /// An array of numbers.
  public static func numbers(_ xs: [Double]) -> JSON { .array(xs.map { .number($0) }) }

  /// Pretty-printed text, two spaces per level, arrays of numbers on one line.
  /// - Throws: `ModelFileError.nonFinite` for NaN or ±∞, which JSON cannot hold.
  public func serialized() throws -> String {
    var out = ""
    try write(into: &out, indent: 0, path: "")
    out.append("\n")
    return out
  }

  private func write(into out: inout String, indent: Int, path: String) throws {
    switch self {
    case .null: out.append("null")
    case .bool(let b): out.append(b ? "true" : "false")
    case .number(let x):
      guard x.isFinite else { throw ModelFileError.nonFinite(field: path) }
      out.append(Self.format(x))
    case .string(let s): Self.quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out.append("[]")
      } else if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
        out.append("[")
        for (k, item) in items.enumerated() {
          if k > 0 { out.append(", ") }
          try item.write(into: &out, indent: indent, path: "\(path)[\(k)]")
        }
        out.append("]")
      } else {
        out.append("[\n")
        for (k, item) in items.enumerated() {
          out.append(String(repeating: "  ", count: indent + 1))
          try item.write(into: &out, indent: indent + 1, path: "\(path)[\(k)]")
          out.append(k + 1 < items.count ? ",\n" : "\n")
        }
        out.append(String(repeating: "  ", count: indent) + "]")
      }
    case .object(let members):
      if members.isEmpty {
        out.append("{}")
        return
      }
      out.append("{\n")
      for (k, (key, value)) in members.enumerated() {
        out.append(String(repeating: "  ", count: indent + 1))
        Self.quote(key, into: &out)
        out.append(": ")
        try value.write(into: &out, indent: indent + 1, path: path.isEmpty ? key : "\(path).\(key)")
        out.append(k + 1 < members.count ? ",\n" : "\n")
      }
      out.append(String(repeating: "  ", count: indent) + "}")
    }
  }

  /// Integers that are exact in a Double print without a fraction ("3", not
  /// "3.0"); everything else in Swift's shortest round-trip form.
  static func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return x == 0 && x.sign == .minus ? "-0" : String(Int64(x)) }
    return x.description
  }

  private static func quote(_ s: String, into out: inout String) {
    out.append("\"")
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\r": out.append("\\r")
      case "\t": out.append("\\t")
      case _ where scalar.value < 0x20: out.append(String(format: "\\u%04x", scalar.value))
      default: out.unicodeScalars.append(scalar)
      }
    }
    out.append("\"")
  }
}

/// A strict RFC 8259 parser over bytes that reports the line and column of
/// the first fault (truncated files end in "unexpected end of file").
struct JSONParser {
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  struct Failure: Error {
    var line: Int
    var column: Int
    var message: String
  }

  static func parse(_ bytes: [UInt8]) throws(Failure) -> JSON {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.position == bytes.count else { throw parser.failure("unexpected text after the end of the JSON value") }
    return value
  }

  private func failure(_ message: String) -> Failure {
    var line = 1, column = 1
    for b in bytes[..<min(position, bytes.count)] {
      if b == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Failure(line: line, column: column, message: message)
  }

  private mutating func skipWhitespace() {
    while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
  }

  private mutating func expect(_ literal: String, _ result: JSON) throws(Failure) -> JSON {
    for b in literal.utf8 {
      guard position < bytes.count else { throw failure("unexpected end of file") }
      guard bytes[position] == b else { throw failure("invalid literal: expected \(literal)") }
      position += 1
    }
    return result
  }

  private mutating func value(depth: Int) throws(Failure) -> JSON {
    guard depth < 512 else { throw failure("nesting is too deep") }
    guard position < bytes.count else { throw failure("unexpected end of file") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("expected a JSON value")
    }
  }

  private mutating func object(depth: Int) throws(Failure) -> JSON {
    position += 1
    var members = [(String, JSON)]()
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of file") }
      guard bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a quoted member name") }
      let keyStart = position
      let key = try string()
      if members.contains(where: { $0.0 == key }) {
        position = keyStart
        throw failure("duplicate member \"\(key)\"")
      }
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of file") }
      guard bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
      position += 1
      skipWhitespace()
      members.append((key, try value(depth: depth + 1)))
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of file") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}' in an object") }
      position += 1
      return .object(members)
    }
  }

  private mutating func array(depth: Int) throws(Failure) -> JSON {
    position += 1
    var items = [JSON]()
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth + 1))
      skipWhitespace()
      guard position < bytes.count else { throw failure("unexpected end of file") }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']' in an array") }
      position += 1
      return .array(items)
    }
  }

  private mutating func string() throws(Failure) -> String {
    position += 1
    var scalars = String.UnicodeScalarView()
    var utf8 = [UInt8]()
    func flush() throws(Failure) {
      guard !utf8.isEmpty else { return }
      guard let s = String(validating: utf8, as: UTF8.self) else { throw failure("invalid UTF-8 in a string") }
      scalars.append(contentsOf: s.unicodeScalars)
      utf8.removeAll(keepingCapacity: true)
    }
    while true {
      guard position < bytes.count else { throw failure("unexpected end of file inside a string") }
      let b = bytes[position]
      position += 1
      switch b {
      case UInt8(ascii: "\""):
        try flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        try flush()
        guard position < bytes.count else { throw failure("unexpected end of file inside a string") }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw failure("unpaired surrogate in \\u escape") }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
          scalars.append(scalar)
        default: throw failure("invalid escape in a string")
        }
      case 0..<0x20: throw failure("control character inside a string")
      default: utf8.append(b)
      }
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard position + 4 <= bytes.count else { throw failure("unexpected end of file in a \\u escape") }
    guard let code = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
    else { throw failure("invalid \\u escape") }
    position += 4
    return code
  }

  private mutating func number() throws(Failure) -> Double {
    let start = position
    func digits() -> Int {
      let from = position
      while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
      return position - from
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    let integerStart = position
    let integerDigits = digits()
    guard integerDigits > 0 else { throw failure(position == bytes.count ? "unexpected end of file" : "invalid number") }
    if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
      position = start
      throw failure("invalid number: leading zero")
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else {
        throw failure(position == bytes.count ? "unexpected end of file" : "invalid number: no digits after '.'")
      }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
      guard digits() > 0 else {
        throw failure(position == bytes.count ? "unexpected end of file" : "invalid number: no digits in the exponent")
      }
    }
    guard let x = Double(String(decoding: bytes[start..<position], as: UTF8.self)), x.isFinite else {
      position = start
      throw failure("number out of range")
    }
    return x
  }
}
