extension CSVReader {
  /// Reads a whole CSV file (`-` = stdin) like `read(_:columns:)`, first
  /// handing its raw bytes to `inspect` — so that a caller can fingerprint
  /// exactly the bytes it trained on (stdin included) without reading twice.
  public static func read(
    _ path: String, columns: [String]? = nil, inspectingBytes inspect: (UnsafeBufferPointer<UInt8>) -> Void
  ) throws(DataError) -> Table {
    let input = try InputFile(path: path)
    let buffer = try input.readAll()
    inspect(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    return try parse(buffer, file: input.name, columns: columns)
  }
}
