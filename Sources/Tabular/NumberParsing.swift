/// Decimal text → `Double`, correctly rounded, straight from the bytes of a cell.
///
/// Three tiers, each exact where it answers:
/// 1. Clinger's fast path (Clinger 1990): a significand w ≤ 2⁵³ and |q| ≤ 22
///    gives w·10^q or w/10^−q in one IEEE operation on two exact doubles, so
///    the single rounding is the correct one. Most hand-written data lands here.
/// 2. Eisel–Lemire (Lemire, "Number Parsing at a Gigabyte per Second", 2021):
///    w·10^q from one or two 64×64→128-bit products with a truncated 128-bit
///    power of ten; it declines (returns nil) whenever the truncation could
///    change the rounding, and for subnormal or overflowing results.
/// 3. Otherwise `Double(String)` (strtod semantics, correctly rounded) on the
///    already validated text. Only pathological inputs (long halfway cases,
///    subnormals, > 19 significant digits that the two-candidate test cannot
///    settle) get here.
///
/// Accepted syntax, after optional spaces or tabs around it:
/// `[+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?` with at least one
/// mantissa digit (`.5`, `5.`, `1e-3`, `-2.5E+10`), and the non-finite literals
/// `nan`, `inf`, `infinity` in any case with an optional sign. Hexadecimal,
/// digit separators and locale decimal commas are not numbers.
enum NumberParsing {
  /// How the original text of a cell relates to its value; a numeric column
  /// stores this one byte per cell instead of the text itself.
  ///
  /// - `0` (`canonical`): `formatDouble(value)`; integers such as `42`, `-7`.
  /// - `1` (`trailingPoint`): `formatDouble(value)` then `.`, as in `5.`.
  /// - `2...254`: the value printed with exactly `style − 1` fraction digits,
  ///   correctly rounded (`ExactDecimal.fixed`): `1.0`, `12.50`,
  ///   `0.12614119254181344`; used only where that gives the text back.
  /// - `255` (`verbatim`): anything else (`007`, `1e3`, ` 5`, `inf`); the
  ///   column keeps the text itself.
  static let canonical: UInt8 = 0
  /// See `canonical`.
  static let trailingPoint: UInt8 = 1
  /// See `canonical`: the text must be stored verbatim.
  static let verbatim: UInt8 = 255

  /// The tables the per-cell path reads, as plain pointers.
  struct Tables {
    let powersOfTen = PowersOfTen.table
    let powersOfFive = PowersOfTen.powersOfFive
    let smallPowers = PowersOfTen.smallPowers
  }

  /// Zero bytes a buffer must have after its content: the digit loops read
  /// eight bytes at a time and rely on a non-digit after every cell.
  static let padding = 16

  /// Parses `bytes[start..<end]` as a number.
  ///
  /// Returns nil when the text is not a number, else the value (possibly
  /// infinite or NaN for literals and overflow such as `1e400`) and the style
  /// byte describing how to rebuild the text (see `canonical`). The byte at
  /// `end` and the `padding` bytes after the buffer must be readable; the
  /// byte at `end` must not be a digit.
  @inline(__always)
  static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (value: Double, style: UInt8)? {
    var i = start
    var e = end
    while i < e && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
    while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
    if i == e { return nil }
    let trimmed = i != start || e != end
    let textStart = i

    var negative = false
    var plusSign = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if bytes[i] == UInt8(ascii: "+") {
      plusSign = true
      i += 1
    }

    // The digit loops need no `i < e` test: a cell is always followed by a
    // byte that is not a digit (its delimiter, a closing quote, the 0
    // sentinel, or the space that trimming stopped at).
    let integerStart = i
    let smallPowers = PowersOfTen.smallPowers
    var mantissa = digits(bytes, &i, 0, smallPowers)
    let integerDigits = i - integerStart
    var dot = -1
    if bytes[i] == UInt8(ascii: ".") && i < e {
      dot = i
      i += 1
      mantissa = digits(bytes, &i, mantissa, smallPowers)
    }
    let fractionDigits = dot < 0 ? 0 : i - dot - 1
    let digitsEnd = i
    if integerDigits + fractionDigits == 0 {
      return nonFiniteLiteral(bytes, i, e, negative: negative)
    }

    var exponent = -fractionDigits
    var hasExponent = false
    if i < e && (bytes[i] | 0x20) == UInt8(ascii: "e") {
      hasExponent = true
      i += 1
      var exponentNegative = false
      if i < e && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      let exponentStart = i
      var value = 0
      while i < e {
        let d = bytes[i] &- UInt8(ascii: "0")
        if d > 9 { break }
        // Saturate: any exponent this large already means 0 or infinity.
        if value < 100_000 { value = value * 10 + Int(d) }
        i += 1
      }
      if i == exponentStart { return nil }
      exponent += exponentNegative ? -value : value
    }
    if i != e { return nil }

    // Up to 19 digits the wrapping accumulation above is exact; longer
    // significands are redone keeping the first 19 significant digits.
    var truncated = false
    var long = false
    if integerDigits + fractionDigits > 19 {
      var firstNonzero = integerStart
      while firstNonzero < digitsEnd
        && (bytes[firstNonzero] == UInt8(ascii: "0") || bytes[firstNonzero] == UInt8(ascii: ".")) {
        firstNonzero += 1
      }
      long = true
      (mantissa, exponent, truncated) = longSignificand(bytes, firstNonzero, digitsEnd, exponent)
    }

    let value = toDouble(mantissa, exponent, negative: negative, truncated: truncated, powers: PowersOfTen.table)
      ?? slowParse(bytes, textStart, e)
    if trimmed || plusSign || hasExponent || long || !value.isFinite { return (value, verbatim) }
    return (value, style(bytes, integerStart, integerDigits, dot >= 0, fractionDigits, mantissa, value,
                         fives: PowersOfTen.powersOfFive))
  }

  /// The common case, fused with field scanning: a plain number
  /// `-?digits(.digits)?` of at most 19 digits starting at `start` and ending
  /// at a delimiter (comma, CR, LF, or the 0 after the last byte). Returns the
  /// value, its style and the position of the delimiter, or nil for anything
  /// else (which then goes through the general path).
  @inline(__always)
  ///
  /// `tables` are fetched once by the caller rather than through the lazy
  /// globals on every cell.
  static func parsePlain(_ bytes: UnsafePointer<UInt8>, _ start: Int,
                         tables: Tables) -> (value: Double, style: UInt8, end: Int)? {
    var i = start
    let negative = bytes[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    let integerStart = i
    var mantissa = digits(bytes, &i, 0, tables.smallPowers)
    let integerDigits = i - integerStart
    var hasDot = false
    var fractionDigits = 0
    if bytes[i] == UInt8(ascii: ".") {
      hasDot = true
      i += 1
      let fractionStart = i
      mantissa = digits(bytes, &i, mantissa, tables.smallPowers)
      fractionDigits = i - fractionStart
    }
    let c = bytes[i]
    guard c == 0x2C || c == 0x0A || c == 0x0D || c == 0,
          integerDigits + fractionDigits <= 19, integerDigits + fractionDigits > 0,
          let value = toDouble(mantissa, -fractionDigits, negative: negative, truncated: false,
                               powers: tables.powersOfTen)
    else { return nil }
    return (value, style(bytes, integerStart, integerDigits, hasDot, fractionDigits, mantissa, value,
                         fives: tables.powersOfFive), i)
  }

  /// Accumulates decimal digits from `i` onto `mantissa` (wrapping past 19
  /// digits, which callers check), eight bytes at a time: each load takes
  /// every leading digit of the eight (Lemire's SWAR conversion, with the
  /// digits that precede a delimiter shifted up so that zeros lead), so a
  /// run of digits costs one load per eight and no branch per digit.
  /// `powers` is `PowersOfTen.smallPowers`, fetched once by the caller.
  @inline(__always)
  private static func digits(_ bytes: UnsafePointer<UInt8>, _ i: inout Int, _ mantissa: UInt64,
                             _ powers: UnsafePointer<UInt64>) -> UInt64 {
    var m = mantissa
    while true {
      let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
      // A byte is a digit when its high nibble is 3 and adding 6 keeps it 3;
      // carries out of a non-digit byte only disturb the bytes after it.
      let nibbles = (word & 0xF0F0_F0F0_F0F0_F0F0)
        | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
      let nonDigits = nibbles ^ 0x3333_3333_3333_3333
      let count = nonDigits.trailingZeroBitCount >> 3  // leading digits, 0...8
      if count == 0 { return m }
      // Digit values in the first `count` bytes (no borrow reaches them:
      // digits are ≥ "0"), moved to the top; zero bytes fill in below.
      let values = (word &- 0x3030_3030_3030_3030) &<< UInt64(64 &- 8 &* count)
      m = m &* powers[count] &+ eightDigitValue(values)
      i &+= count
      if count < 8 { return m }
    }
  }

  /// The number whose eight decimal digits, most significant first, are the
  /// bytes of `v` from the lowest (each 0...9): three multiplies.
  @inline(__always)
  private static func eightDigitValue(_ v: UInt64) -> UInt64 {
    var v = v &* 10 &+ (v >> 8)
    v = ((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
      &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))) >> 32
    return v
  }

  /// The style byte (see `canonical`) of a plain number: sign, `integerDigits`
  /// digits from `integerStart`, an optional point and `fractionDigits`
  /// digits, all of them (≤ 19) accumulated in `mantissa`.
  @inline(__always)
  private static func style(_ bytes: UnsafePointer<UInt8>, _ integerStart: Int, _ integerDigits: Int,
                            _ hasDot: Bool, _ fractionDigits: Int, _ mantissa: UInt64,
                            _ value: Double, fives: UnsafePointer<UInt64>) -> UInt8 {
    // ".5" and "007" do not come back from a value.
    if integerDigits == 0 || (integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) { return verbatim }
    if fractionDigits == 0 {
      // Integers below 2⁵³ print as plain digits.
      guard value.magnitude < 9_007_199_254_740_992.0 else { return verbatim }
      return hasDot ? trailingPoint : canonical
    }
    // A decimal of at most 15 digits is always the nearest f-digit decimal
    // to its double (DBL_DIG = 15: the decimal grid is coarser than the
    // doubles'), so printing with f digits gives it back; longer ones (the
    // 17 digits of Python's repr, say) are checked exactly.
    if integerDigits + fractionDigits > 15
      && !ExactDecimal.isNearest(mantissa, fractionDigits: fractionDigits, of: value.magnitude, fives: fives) {
      return verbatim
    }
    return UInt8(fractionDigits + 1)
  }

  /// The first 19 significant digits of a longer digit string as a
  /// significand, the exponent adjusted for the digits dropped, and whether
  /// any dropped digit was nonzero.
  @inline(never)
  private static func longSignificand(
    _ bytes: UnsafePointer<UInt8>, _ firstNonzero: Int, _ digitsEnd: Int, _ exponent: Int
  ) -> (UInt64, Int, Bool) {
    var mantissa: UInt64 = 0
    var taken = 0
    var dropped = 0
    var truncated = false
    for k in firstNonzero..<digitsEnd where bytes[k] != UInt8(ascii: ".") {
      let digit = bytes[k] &- UInt8(ascii: "0")
      if taken < 19 {
        mantissa = mantissa * 10 + UInt64(digit)
        taken += 1
      } else {
        dropped += 1
        if digit != 0 { truncated = true }
      }
    }
    return (mantissa, exponent + dropped, truncated)
  }

  /// `nan`, `inf`, `infinity` (any case) after an optional sign.
  private static func nonFiniteLiteral(
    _ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, negative: Bool
  ) -> (value: Double, style: UInt8)? {
    let count = end - start
    func matches(_ word: StaticString) -> Bool {
      guard count == word.utf8CodeUnitCount else { return false }
      let w = word.utf8Start
      for k in 0..<count where bytes[start + k] | 0x20 != w[k] { return false }
      return true
    }
    if matches("nan") { return (.nan, verbatim) }
    if matches("inf") || matches("infinity") { return (negative ? -.infinity : .infinity, verbatim) }
    return nil
  }

  /// 10^k for k = 0...22, the powers of ten a double holds exactly (10²² <
  /// 2⁷⁴ has at most 53 significant bits). A switch rather than an array: it
  /// compiles to a constant table, with no lazy initialisation on the
  /// per-cell path.
  @inline(__always)
  static func exactPowerOfTen(_ k: Int) -> Double {
    switch k {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    case 22: 1e22
    default: .nan
    }
  }

  /// w·10^q correctly rounded, or nil when only the slow path can tell.
  @inline(__always)
  static func toDouble(_ w: UInt64, _ q: Int, negative: Bool, truncated: Bool,
                       powers: UnsafePointer<UInt64>) -> Double? {
    if w == 0 { return negative ? -0.0 : 0.0 }
    if !truncated && w <= 1 << 53 && q >= -22 && q <= 22 {
      let x = Double(w)
      let scaled = q >= 0 ? x * exactPowerOfTen(q) : x / exactPowerOfTen(-q)
      return negative ? -scaled : scaled
    }
    guard let low = eiselLemire(w, q, powers) else { return nil }
    if truncated {
      // The dropped digits put the true significand strictly between w and
      // w+1; when both round to the same double, so does everything between.
      guard let high = eiselLemire(w + 1, q, powers), high == low else { return nil }
    }
    return negative ? -low : low
  }

  /// The Eisel–Lemire step for a nonzero w < 2⁶⁴ and decimal exponent q;
  /// nil when it cannot prove the rounding (see the type's comment).
  static func eiselLemire(_ w: UInt64, _ q: Int, _ table: UnsafePointer<UInt64>) -> Double? {
    guard q >= PowersOfTen.minExponent && q <= PowersOfTen.maxExponent else { return nil }
    let leadingZeros = w.leadingZeroBitCount
    let normalized = w << UInt64(leadingZeros)
    // (217706·q) >> 16 = ⌊q·log₂10⌋ over the whole table range.
    var binaryExponent = UInt64(bitPattern: Int64((217706 &* q) >> 16 + 64 + 1023)) &- UInt64(leadingZeros)

    let index = 2 * (q - PowersOfTen.minExponent)
    var (high, low) = normalized.multipliedFullWidth(by: table[index])
    // Only when the top product is within one unit of a rounding boundary
    // can the truncated low half of the power matter.
    if high & 0x1FF == 0x1FF && low &+ normalized < normalized {
      let (yHigh, yLow) = normalized.multipliedFullWidth(by: table[index + 1])
      var mergedHigh = high
      let mergedLow = low &+ yHigh
      if mergedLow < low { mergedHigh &+= 1 }
      if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && yLow &+ normalized < normalized {
        return nil
      }
      high = mergedHigh
      low = mergedLow
    }

    let topBit = high >> 63
    var significand = high >> (topBit + 9)
    binaryExponent &-= 1 ^ topBit
    // Exactly halfway between two doubles (as far as 128 bits can tell).
    if low == 0 && high & 0x1FF == 0 && significand & 3 == 1 { return nil }
    significand &+= significand & 1
    significand >>= 1
    if significand >> 53 > 0 {
      significand >>= 1
      binaryExponent &+= 1
    }
    // Subnormal (exponent 0) or overflow (≥ 0x7FF): leave it to strtod.
    if binaryExponent &- 1 >= 0x7FF - 1 { return nil }
    return Double(bitPattern: binaryExponent << 52 | significand & 0x000F_FFFF_FFFF_FFFF)
  }

  /// The correctly rounded value of text that `parse` has already validated.
  private static func slowParse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
    let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
    return Double(text) ?? .nan
  }
}

extension NumberParsing {
  /// Parses a whole `String` with the same rules as cells (used for text
  /// columns asked for as numbers, and by tests).
  static func parse(_ text: String) -> (value: Double, style: UInt8)? {
    // Copied with zeros after the last byte: the digit loops rely on them.
    var bytes = Array(text.utf8)
    let count = bytes.count
    bytes.append(contentsOf: repeatElement(0, count: padding))
    return bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { parse($0, 0, count) }
    }
  }
}
