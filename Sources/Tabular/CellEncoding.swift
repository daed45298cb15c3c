// Byte-level encoders for CSV cells, for writers that format rows in
// parallel chunks and hand the bytes to `CSVWriter.write(formatted:)`.

/// Appends x with at most `decimals` decimal places: the decimal
/// q/10^decimals nearest to x, q = x·10^decimals rounded to the nearest
/// integer (ties to even), trailing zeros
/// dropped (`-1.25`, `39`, `0.000012`). When x is the double nearest to such a
/// decimal (as `(x·10⁶).rounded()/10⁶` is) the text reads back to x exactly;
/// otherwise it is x rounded to `decimals` places. Integer arithmetic only,
/// several times faster than the shortest round-trip form (`formatDouble`),
/// which it falls back to for |q| ≥ 2⁵⁰ and non-finite x.
/// - Precondition: 0 ≤ decimals ≤ 15.
@inline(__always)
public func appendFixed(_ x: Double, decimals: Int, to buffer: inout [UInt8]) {
  precondition(decimals >= 0 && decimals <= 15)
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }  // exact: 10^k is a double for k ≤ 22
  let scaled = x * scale
  guard scaled.magnitude < 0x1p50 else {
    appendFormatted(x, to: &buffer)
    return
  }
  // Round to nearest (ties to even) by adding and removing 1.5·2⁵², which
  // leaves no fractional bits: exact for magnitudes below 2⁵¹, and no libm
  // call in the loop.
  var q = UInt64((scaled.magnitude + 0x1.8p52) - 0x1.8p52)
  if q == 0 {
    buffer.append(UInt8(ascii: "0"))
    return
  }
  var digits = decimals
  while digits > 0 && q % 10 == 0 {
    q /= 10
    digits -= 1
  }
  // At most 16 digits (q < 2⁵⁰ < 10¹⁶), a point, a leading zero and a sign,
  // written backwards into a stack buffer and appended in one go.
  var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
  withUnsafeMutableBytes(of: &text) { raw in
    let end = raw.count
    var i = end
    var written = 0
    repeat {
      if written == digits && digits > 0 {
        i -= 1
        raw[i] = UInt8(ascii: ".")
      }
      i -= 1
      raw[i] = UInt8(ascii: "0") + UInt8(q % 10)
      q /= 10
      written += 1
    } while q > 0 || written <= digits
    if scaled < 0 {
      i -= 1
      raw[i] = UInt8(ascii: "-")
    }
    let start = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + i
    buffer.append(contentsOf: UnsafeBufferPointer(start: start, count: end - i))
  }
}

extension CalendarDate {
  /// Appends `YYYY-MM-DD` for a day number in years 0–9999 (others as
  /// `format` writes them), without building a String.
  @inline(__always)
  public static func append(_ dayNumber: Int32, to buffer: inout [UInt8]) {
    let (year, month, day) = civil(Int(dayNumber))
    guard (0...9999).contains(year) else {
      buffer.append(contentsOf: format(dayNumber).utf8)
      return
    }
    let zero = UInt8(ascii: "0")
    buffer.append(zero + UInt8(year / 1000))
    buffer.append(zero + UInt8(year / 100 % 10))
    buffer.append(zero + UInt8(year / 10 % 10))
    buffer.append(zero + UInt8(year % 10))
    buffer.append(UInt8(ascii: "-"))
    buffer.append(zero + UInt8(month / 10))
    buffer.append(zero + UInt8(month % 10))
    buffer.append(UInt8(ascii: "-"))
    buffer.append(zero + UInt8(day / 10))
    buffer.append(zero + UInt8(day % 10))
  }
}
