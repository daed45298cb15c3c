/// Why a model file was refused. Each message names the file and what to do.
public enum ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// Not valid JSON (truncated files included), with the position of the fault.
  case invalidJSON(path: String, line: Int, column: Int, message: String)
  /// Valid JSON, but not a cvw model (no `"format": "cvw-model"`).
  case notAModelFile(path: String)
  /// A `formatVersion` this cvw does not read.
  case unsupportedVersion(path: String, found: String, supported: [Int])
  /// A `kind` this cvw does not know.
  case unknownKind(path: String, kind: String, known: [String])
  /// A field is missing or of the wrong type.
  case invalidField(path: String, field: String, expected: String)
  /// The parameters do not reproduce a verification row: the file was edited
  /// or damaged, or this build computes differently.
  case verificationFailed(path: String, row: Int, output: String, expected: Double, computed: Double)
  /// A value to be written is NaN or infinite. Raised by `JSON.serialized`
  /// for every JSON output (model files, `--format json` tables), so its
  /// message says JSON, not model file.
  case nonFinite(field: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "cannot read model file \"\(path)\": \(reason)"
    case .invalidJSON(let path, let line, let column, let message):
      return "\(path):\(line):\(column): not a valid model file: \(message)"
    case .notAModelFile(let path):
      return "\(path): not a cvw model file (no \"format\": \"cvw-model\")"
    case .unsupportedVersion(let path, let found, let supported):
      return "\(path): model file format version \(found) is not supported; this cvw reads version "
        + supported.map(String.init).joined(separator: ", ") + " (was it written by a newer cvw?)"
    case .unknownKind(let path, let kind, let known):
      return "\(path): unknown model kind \"\(kind)\"; this cvw knows " + known.joined(separator: ", ")
    case .invalidField(let path, let field, let expected):
      return "\(path): field \"\(field)\": expected \(expected)"
    case .verificationFailed(let path, let row, let output, let expected, let computed):
      return "\(path): verification row \(row + 1) does not reproduce: the file says \(output) = \(expected), its parameters give "
        + "\(computed); the file was edited or damaged, refit the model"
    case .nonFinite(let field):
      return "cannot write JSON: \(field) is not a finite number (JSON holds no NaN or ∞)"
    }
  }
}
