/// The 128-bit powers of ten that Eisel–Lemire multiplies by.
///
/// Entry q (for minExponent ≤ q ≤ maxExponent) is the 128 most significant
/// bits of 10^q, truncated (rounded down), normalised so the top bit is set;
/// stored as `table[2(q − minExponent)]` = high word and `+1` = low word.
/// Computed once with exact big-integer arithmetic instead of being pasted in
/// as 1,392 magic numbers, so the table can be checked by reading this file.
enum PowersOfTen {
  /// Smallest tabulated exponent: below 10⁻³⁴⁸ every 19-digit significand is
  /// already below the smallest subnormal.
  static let minExponent = -348
  /// Largest tabulated exponent: above 10³⁴⁷ everything overflows.
  static let maxExponent = 347

  /// High/low words, interleaved (see the type's comment). A pointer to
  /// memory that lives as long as the process, so that the hot path reads it
  /// without the retain and release an array would cost (`nonisolated(unsafe)`:
  /// written once, before any reader, by the lazy initialiser; then read-only).
  nonisolated(unsafe) static let table: UnsafePointer<UInt64> = {
    let words = makeTable()
    let pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: words.count)
    pointer.initialize(from: words, count: words.count)
    return UnsafePointer(pointer)
  }()

  /// 5^k for k = 0...27 (5²⁷ < 2⁶⁴), for `ExactDecimal`; a read-only
  /// process-lifetime pointer like `table`.
  nonisolated(unsafe) static let powersOfFive: UnsafePointer<UInt64> = {
    let pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: 28)
    pointer[0] = 1
    for k in 1..<28 { pointer[k] = pointer[k - 1] * 5 }
    return UnsafePointer(pointer)
  }()

  /// 10^k for k = 0...8, for accumulating up to eight digits at once; a
  /// read-only process-lifetime pointer like `table`.
  nonisolated(unsafe) static let smallPowers: UnsafePointer<UInt64> = {
    let pointer = UnsafeMutablePointer<UInt64>.allocate(capacity: 9)
    pointer[0] = 1
    for k in 1..<9 { pointer[k] = pointer[k - 1] * 10 }
    return UnsafePointer(pointer)
  }()

  private static func makeTable() -> [UInt64] {
    var result = [UInt64](repeating: 0, count: 2 * (maxExponent - minExponent + 1))
    func store(_ q: Int, _ words: (high: UInt64, low: UInt64)) {
      result[2 * (q - minExponent)] = words.high
      result[2 * (q - minExponent) + 1] = words.low
    }
    // 10^q for q ≥ 0: exact products, then the top 128 bits.
    var power = BigNatural(1)
    for q in 0...maxExponent {
      store(q, power.top128())
      power.multiply(by: 10)
    }
    // 10^−n: ⌊2^K / 10^n⌋ by repeated exact division (⌊⌊a/b⌋/c⌋ = ⌊a/(bc)⌋);
    // K = 1600 leaves more than 128 significant bits even for n = 348.
    var reciprocal = BigNatural(powerOfTwo: 1600)
    for n in 1...(-minExponent) {
      reciprocal.divide(by: 10)
      store(-n, reciprocal.top128())
    }
    return result
  }
}

/// Just enough of an arbitrary-precision natural number to build the table.
private struct BigNatural {
  /// Little-endian 64-bit limbs.
  var limbs: [UInt64]

  init(_ value: UInt64) { limbs = [value] }

  init(powerOfTwo k: Int) {
    limbs = [UInt64](repeating: 0, count: k / 64 + 1)
    limbs[k / 64] = 1 << UInt64(k % 64)
  }

  mutating func multiply(by factor: UInt64) {
    var carry: UInt64 = 0
    for k in limbs.indices {
      let (high, low) = limbs[k].multipliedFullWidth(by: factor)
      let (sum, overflow) = low.addingReportingOverflow(carry)
      limbs[k] = sum
      carry = high &+ (overflow ? 1 : 0)
    }
    if carry != 0 { limbs.append(carry) }
  }

  mutating func divide(by divisor: UInt64) {
    var remainder: UInt64 = 0
    for k in limbs.indices.reversed() {
      let (quotient, r) = divisor.dividingFullWidth((high: remainder, low: limbs[k]))
      limbs[k] = quotient
      remainder = r
    }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
  }

  /// The 64 bits starting at bit `offset` (bits below 0 read as zero).
  private func bits(at offset: Int) -> UInt64 {
    if offset <= -64 { return 0 }
    if offset < 0 { return limbs[0] << UInt64(-offset) }
    let index = offset / 64
    let shift = UInt64(offset % 64)
    let low = index < limbs.count ? limbs[index] >> shift : 0
    let high = shift > 0 && index + 1 < limbs.count ? limbs[index + 1] << (64 - shift) : 0
    return low | high
  }

  /// The top 128 bits, shifted so that bit 127 is the leading one.
  func top128() -> (high: UInt64, low: UInt64) {
    var top = limbs.count - 1
    while top > 0 && limbs[top] == 0 { top -= 1 }
    let bitLength = 64 * top + (64 - limbs[top].leadingZeroBitCount)
    let start = bitLength - 128
    return (bits(at: start + 64), bits(at: start))
  }
}
