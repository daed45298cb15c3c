/// Shortest text that reads back to exactly the same `Double`.
///
/// - Integral values with |x| < 2⁵³ print as plain integers without a
///   fractional part: `1`, `-42`, `0`, and `-0` for negative zero (so that the
///   sign survives the round trip). An identifier or count written by cvw
///   therefore looks like one, and CSV files stay small.
/// - Everything else prints as Swift's `description`: the shortest digit
///   string that rounds back to x (Steele & White / Ryū-style shortest
///   round-trip), in plain notation for 1e-4 ≤ |x| < 2⁵³ (`0.1`, `3.25`) and
///   scientific otherwise (`1e-05`, `1.2345e+20`).
/// - Non-finite values print as `nan`, `inf`, `-inf`; the reader accepts these
///   spellings but `Table.numeric` refuses them.
///
/// Reading the text back with `CSVReader` or `Double(String)` gives the same
/// bit pattern for every finite x.
public func formatDouble(_ x: Double) -> String {
  if let integer = exactInteger(x) {
    return integer == 0 && x.sign == .minus ? "-0" : String(integer)
  }
  return x.description
}

/// x as an Int64 when it is integral and |x| < 2⁵³ (where every integer is a
/// double and the conversion is exact), else nil.
@inline(__always)
func exactInteger(_ x: Double) -> Int64? {
  guard x.magnitude < 9_007_199_254_740_992.0, x == x.rounded(.towardZero) else { return nil }
  return Int64(x)
}

/// Appends `formatDouble(x)` to `buffer` without building a `String` for the
/// common integral case.
@inline(__always)
public func appendFormatted(_ x: Double, to buffer: inout [UInt8]) {
  if let integer = exactInteger(x) {
    if integer == 0 {
      if x.sign == .minus { buffer.append(UInt8(ascii: "-")) }
      buffer.append(UInt8(ascii: "0"))
      return
    }
    var magnitude = integer.magnitude
    if integer < 0 { buffer.append(UInt8(ascii: "-")) }
    // At most 16 digits below 2⁵³.
    var digits: (UInt64, UInt64) = (0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { raw in
      while magnitude > 0 {
        raw[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      }
      for k in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[k]) }
    }
    return
  }
  // `write(to:)` renders into a stack buffer and hands the ASCII bytes to
  // `_writeASCII`, which `ByteAppender` takes directly: the same text as
  // `description` without allocating a String for it (2.5× faster for the
  // 17–24 characters of a typical double, which do not fit a small string).
  var appender = ByteAppender()
  swap(&appender.bytes, &buffer)
  x.write(to: &appender)
  swap(&appender.bytes, &buffer)
}

/// A text stream that appends to a byte array (see `appendFormatted`).
private struct ByteAppender: TextOutputStream {
  var bytes: [UInt8] = []

  mutating func write(_ string: String) {
    bytes.append(contentsOf: string.utf8)
  }

  mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: buffer)
  }
}
