#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error in input data, located as precisely as the fault allows.
///
/// Every reader error names the file and, where the fault has one, the physical
/// line (counting newlines inside quoted fields), the field index and the
/// column name, so that the user can open the file at the right spot.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path as given by the user, or `"<stdin>"` for `-`.
  public var file: String
  /// 1-based physical line in the file where the fault is.
  public var line: Int?
  /// 1-based field index.
  public var column: Int?
  /// The header name of the column, where known.
  public var columnName: String?
  /// What was expected and what was found.
  public var message: String

  /// Creates an error; every location part is optional because some faults
  /// (a missing file, an absent column) have no line or field.
  public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.message = message
  }

  /// One readable line, compiler style:
  /// `data.csv:17:3: column 'recency': expected a number, found "abc"`
  /// (`data.csv:17: ...` without a column; `data.csv: ...` without a line).
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    text += ": "
    if let columnName { text += "column '\(columnName)': " }
    return text + message
  }
}

/// An error writing an output file (as opposed to `DataError`, a fault in the
/// input): a full disk, a missing directory, a closed pipe.
///
/// Kept apart from `DataError` so that a command line can tell "your input is
/// wrong" from "the run failed" and exit with different statuses.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path as given by the caller, or `"<stdout>"` for `-`.
  public var path: String
  /// What failed and the system's reason, e.g. `cannot write "out.csv": No space left on device`.
  public var message: String

  /// Creates an error for `path`.
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }

  /// The message alone: it already names the path.
  public var description: String { message }
}

/// How much of a cell an error message shows.
let cellLimit = 40

/// Quotes text for an error message: `"abc"`, with control characters
/// escaped so that nothing can hide in an invisible byte, and shortened past
/// `limit` characters (cells, so that one bad cell cannot flood the
/// terminal; paths and column names are shown whole).
func quotedForMessage<C: Collection>(_ bytes: C, limit: Int? = cellLimit) -> String where C.Element == UInt8 {
  var text = ""
  var count = 0
  for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
    if count == limit {
      text += "…"
      break
    }
    switch scalar {
    case "\"": text += "\\\""
    case "\\": text += "\\\\"
    case "\n": text += "\\n"
    case "\r": text += "\\r"
    case "\t": text += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        text += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    count += 1
  }
  return "\"" + text + "\""
}

/// `quotedForMessage` for text that is already a `String` (by default
/// whole: paths and names).
func quotedForMessage(_ text: String, limit: Int? = nil) -> String {
  quotedForMessage(Array(text.utf8), limit: limit)
}

/// The system's description of an `errno` value, e.g. "No such file or directory".
func systemErrorMessage(_ code: Int32) -> String {
  String(cString: strerror(code))
}
