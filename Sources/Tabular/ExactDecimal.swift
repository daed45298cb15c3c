/// Exact relations between a double and decimals with a fixed number of
/// fraction digits, in integer arithmetic.
///
/// For x = M·2^E (M the 53-bit significand) and f fraction digits,
/// x·10^f = M·5^f·2^(E+f), and M·5^f < 2⁵³·5²⁷ < 2¹¹⁷ fits 128 bits. That
/// gives, without any rounding:
/// - `isNearest`: whether the decimal w·10^−f is the f-digit decimal nearest
///   to x (|x·10^f − w| < ½), i.e. whether printing x with f fraction digits
///   gives back the text that was parsed;
/// - `fixed`: x printed with f fraction digits, correctly rounded.
/// A numeric column uses the pair to store "12.50" or "0.12614119254181344"
/// as a value plus one byte instead of as a string.
enum ExactDecimal {
  /// Fraction digits handled: 5²⁷ < 2⁶⁴.
  static let maxFractionDigits = 27

  /// `isNearest` for the per-cell path: the usual case (x a positive normal
  /// double, x·10^f = P·2^−s with 0 < s < 64) without the general checks,
  /// with 5^f read from `PowersOfTen.powersOfFive` (passed in by the caller,
  /// which fetched it once); anything else goes to `isNearest`.
  @inline(__always)
  static func isNearest(_ w: UInt64, fractionDigits f: Int, of x: Double, fives: UnsafePointer<UInt64>) -> Bool {
    let bits = x.bitPattern
    let biased = Int(truncatingIfNeeded: bits &>> 52)
    let t = biased &- 1075 &+ f
    guard biased > 0 && biased < 0x7FF && f >= 0 && f <= maxFractionDigits && t < 0 && t > -64 else {
      return isNearest(w, fractionDigits: f, of: x)
    }
    let significand = bits & 0x000F_FFFF_FFFF_FFFF | (1 << 52)
    return isNearest(w, significand.multipliedFullWidth(by: fives[f]), s: UInt64(truncatingIfNeeded: -t))
  }

  /// The test of `isNearest` for x·10^f = P·2^−s, 0 < s < 64. With
  /// W = w·2^s it is −2^(s−1) < P − W < 2^(s−1), that is
  /// 0 < P − W + 2^(s−1) < 2^s, in 128-bit arithmetic. Written without
  /// branches on purpose: whether P lies above or below W is a coin toss per
  /// cell, and mispredicting it cost more than the whole test.
  @inline(__always)
  private static func isNearest(_ w: UInt64, _ product: (high: UInt64, low: UInt64), s: UInt64) -> Bool {
    let (wideLow, wideHigh) = (w &<< s, w &>> (64 &- s))
    let (differenceLow, borrow) = product.low.subtractingReportingOverflow(wideLow)
    let differenceHigh = product.high &- wideHigh &- (borrow ? 1 : 0)
    let (shiftedLow, carry) = differenceLow.addingReportingOverflow(1 &<< (s &- 1))
    let shiftedHigh = differenceHigh &+ (carry ? 1 : 0)
    let outside: UInt64 = shiftedLow &- 1 < (1 &<< s) &- 1 ? 0 : 1
    return shiftedHigh | outside == 0
  }

  /// Whether |x·10^f − w| < ½ for finite x ≥ 0 and 0 ≤ f ≤ 27 (false
  /// outside that range, and at an exact tie).
  static func isNearest(_ w: UInt64, fractionDigits f: Int, of x: Double) -> Bool {
    guard f >= 0 && f <= maxFractionDigits, x.isFinite, x >= 0 else { return false }
    if x == 0 { return w == 0 }
    let (product, t) = scaledProduct(x, f)
    if t < 0 && t > -64 {
      return isNearest(w, (product.high, product.low), s: UInt64(-t))
    }
    if t >= 0 {
      // x·10^f = P·2^t is an integer: within ½ of w only when equal.
      guard let shifted = product.shiftedLeft(t) else { return false }
      return shifted == U128(high: 0, low: w)
    }
    // (2w − 1)·2^(s−1) < P < (2w + 1)·2^(s−1), s = −t.
    let s = -t
    let twice = U128(high: w >> 63, low: w << 1)
    guard let lower = twice.minusOne.shiftedLeft(s - 1) else { return false }  // P < 2¹¹⁷ < lower
    guard let upper = twice.plusOne.shiftedLeft(s - 1) else { return product > lower }
    return lower < product && product < upper
  }

  /// round(x·10^f) (half to even) for finite x ≥ 0, nil when it exceeds
  /// UInt64 or f is out of range.
  static func scaled(_ x: Double, fractionDigits f: Int) -> UInt64? {
    guard f >= 0 && f <= maxFractionDigits, x.isFinite, x >= 0 else { return nil }
    if x == 0 { return 0 }
    let (product, t) = scaledProduct(x, f)
    if t >= 0 {
      guard let shifted = product.shiftedLeft(t), shifted.high == 0 else { return nil }
      return shifted.low
    }
    let s = -t
    if s >= 128 { return 0 }  // P < 2¹¹⁷, so x·10^f < ½
    let quotient = product.shiftedRight(s)
    guard quotient.high == 0 else { return nil }
    let remainder = product.minus(quotient.shiftedLeft(s) ?? product)
    let half = U128(high: 0, low: 1).shiftedLeft(s - 1) ?? remainder
    var n = quotient.low
    if half < remainder || (remainder == half && n & 1 == 1) {
      guard n < UInt64.max else { return nil }
      n += 1
    }
    return n
  }

  /// x (any sign, finite) printed with exactly f ≥ 1 fraction digits,
  /// correctly rounded: `fixed(12.5, 2)` = "12.50". Nil out of range.
  static func fixed(_ x: Double, fractionDigits f: Int) -> String? {
    guard let n = scaled(x.magnitude, fractionDigits: f) else { return nil }
    var digits = Array(String(n).utf8)
    if digits.count <= f {
      digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: f + 1 - digits.count), at: 0)
    }
    digits.insert(UInt8(ascii: "."), at: digits.count - f)
    if x.sign == .minus { digits.insert(UInt8(ascii: "-"), at: 0) }
    return String(decoding: digits, as: UTF8.self)
  }

  /// P = M·5^f and t = E + f, so that x·10^f = P·2^t.
  @inline(__always)
  private static func scaledProduct(_ x: Double, _ f: Int) -> (U128, Int) {
    let bits = x.bitPattern
    let biased = Int((bits >> 52) & 0x7FF)
    let fraction = bits & 0x000F_FFFF_FFFF_FFFF
    // Subnormals have no implicit bit and the smallest exponent.
    let significand = biased == 0 ? fraction : fraction | (1 << 52)
    let exponent = (biased == 0 ? 1 : biased) - 1075
    let product = significand.multipliedFullWidth(by: PowersOfTen.powersOfFive[f])
    return (U128(high: product.high, low: product.low), exponent + f)
  }
}

/// Just the 128-bit unsigned arithmetic `ExactDecimal` needs (kept local so
/// the package need not require the platforms where `UInt128` exists).
struct U128: Equatable, Comparable {
  var high: UInt64
  var low: UInt64

  static func < (a: U128, b: U128) -> Bool {
    a.high < b.high || (a.high == b.high && a.low < b.low)
  }

  var plusOne: U128 {
    low == .max ? U128(high: high &+ 1, low: 0) : U128(high: high, low: low + 1)
  }

  var minusOne: U128 {
    low == 0 ? U128(high: high &- 1, low: .max) : U128(high: high, low: low - 1)
  }

  func minus(_ other: U128) -> U128 {
    let (low, borrow) = self.low.subtractingReportingOverflow(other.low)
    return U128(high: high &- other.high &- (borrow ? 1 : 0), low: low)
  }

  /// self·2^n, nil when bits would be lost.
  func shiftedLeft(_ n: Int) -> U128? {
    if n == 0 { return self }
    if n < 0 || n >= 128 { return n < 0 ? nil : (self == U128(high: 0, low: 0) ? self : nil) }
    if n >= 64 {
      guard high == 0, low >> UInt64(128 - n) == 0 else { return nil }
      return U128(high: low << UInt64(n - 64), low: 0)
    }
    guard high >> UInt64(64 - n) == 0 else { return nil }
    return U128(high: high << UInt64(n) | low >> UInt64(64 - n), low: low << UInt64(n))
  }

  /// ⌊self / 2^n⌋ for 0 ≤ n < 128.
  func shiftedRight(_ n: Int) -> U128 {
    if n == 0 { return self }
    if n >= 64 { return U128(high: 0, low: high >> UInt64(n - 64)) }
    return U128(high: high >> UInt64(n), low: low >> UInt64(n) | high << UInt64(64 - n))
  }
}
