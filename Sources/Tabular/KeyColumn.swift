/// A dictionary-encoded text column: each row holds a code into `keys`, the
/// column's distinct values in the order they first appear in the file
/// (`keys[codes[r]]` is row r's text, exactly as written). Read with
/// `ColumnRequest.key`.
///
/// The encoding suits identifier columns (customer ids in a transaction
/// log): one `String` per distinct id rather than per row, and the codes
/// index per-entity arrays directly.
public struct KeyColumn: Sendable {
  /// One code per row, in `0..<keys.count`.
  public var codes: [Int32]
  /// The distinct values, in order of first appearance: code k is `keys[k]`.
  public var keys: [String]

  /// A column with these codes and keys.
  ///
  /// - Precondition: every code indexes `keys` (a programming error otherwise).
  public init(codes: [Int32], keys: [String]) {
    precondition(codes.allSatisfy { $0 >= 0 && Int($0) < keys.count }, "codes must index keys")
    self.codes = codes
    self.keys = keys
  }

  /// The reader's constructor: its codes come from a `KeyTable` of `keys`.
  init(uncheckedCodes codes: [Int32], keys: [String]) {
    self.codes = codes
    self.keys = keys
  }

  /// Encodes `values` (first appearance order); nil when a value is nil.
  public init?(encoding values: [String?]) {
    var index = [String: Int32]()
    var keys = [String]()
    var codes = [Int32]()
    codes.reserveCapacity(values.count)
    for value in values {
      guard let value else { return nil }
      if let code = index[value] {
        codes.append(code)
      } else {
        let code = Int32(keys.count)
        index[value] = code
        keys.append(value)
        codes.append(code)
      }
    }
    self.codes = codes
    self.keys = keys
  }

  /// The number of rows.
  public var count: Int { codes.count }

  /// Each row's text.
  public var texts: [String?] {
    codes.map { keys[Int($0)] }
  }
}
