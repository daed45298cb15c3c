/// Typed access to the members of a JSON object, each failure a
/// `ModelFileError.invalidField` naming the file and the dotted field path.
struct Fields {
  let json: JSON
  let path: String
  let prefix: String

  init(_ json: JSON, path: String, prefix: String = "") {
    self.json = json
    self.path = path
    self.prefix = prefix
  }

  private func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

  private func invalid(_ key: String, _ expected: String) -> ModelFileError {
    .invalidField(path: path, field: name(key), expected: expected)
  }

  func member(_ key: String) throws(ModelFileError) -> JSON {
    guard case .object = json else { throw .invalidField(path: path, field: prefix, expected: "an object") }
    guard let value = json[key] else { throw invalid(key, "a value (the field is missing)") }
    return value
  }

  func double(_ key: String) throws(ModelFileError) -> Double {
    guard case .number(let x) = try member(key) else { throw invalid(key, "a number") }
    return x
  }

  func optionalDouble(_ key: String) throws(ModelFileError) -> Double? {
    switch try member(key) {
    case .null: return nil
    case .number(let x): return x
    default: throw invalid(key, "a number or null")
    }
  }

  func integer(_ key: String) throws(ModelFileError) -> Int {
    let x = try double(key)
    guard x == x.rounded(), abs(x) < 1e15 else { throw invalid(key, "a whole number") }
    return Int(x)
  }

  func optionalInteger(_ key: String) throws(ModelFileError) -> Int? {
    switch try member(key) {
    case .null: return nil
    case .number: return try integer(key)
    default: throw invalid(key, "a whole number or null")
    }
  }

  func string(_ key: String) throws(ModelFileError) -> String {
    guard case .string(let s) = try member(key) else { throw invalid(key, "a string") }
    return s
  }

  func bool(_ key: String) throws(ModelFileError) -> Bool {
    guard case .bool(let b) = try member(key) else { throw invalid(key, "true or false") }
    return b
  }

  func doubles(_ key: String, count: Int? = nil) throws(ModelFileError) -> [Double] {
    guard let out = Self.numbers(try member(key)) else { throw invalid(key, "an array of numbers") }
    if let count, out.count != count { throw invalid(key, "\(count) numbers, found \(out.count)") }
    return out
  }

  /// The numbers of a JSON array of numbers, nil for anything else.
  static func numbers(_ json: JSON) -> [Double]? {
    guard case .array(let items) = json else { return nil }
    var out = [Double]()
    for item in items {
      guard case .number(let x) = item else { return nil }
      out.append(x)
    }
    return out
  }

  func array(_ key: String) throws(ModelFileError) -> [JSON] {
    guard case .array(let items) = try member(key) else { throw invalid(key, "an array") }
    return items
  }

  func object(_ key: String) throws(ModelFileError) -> Fields {
    let value = try member(key)
    guard case .object = value else { throw invalid(key, "an object") }
    return Fields(value, path: path, prefix: name(key))
  }

  func isNull(_ key: String) -> Bool { json[key] == nil || json[key] == .null }
}
