import Foundation

/// `x` rounded to `decimals` places (0…9) and written without exponent,
/// trailing zeros or a negative zero: 12.5 → "12.5", 3.0 → "3", −0.001 at
/// 2 places → "0". Locale-independent and exact for |x|·10^decimals < 2⁵³
/// (beyond that the integer part is written as rounded by Double); from
/// 10¹⁸ on, in exponent form with up to 15 significant digits: 1e300 →
/// "1e300", −1.5e20 → "-1.5e20" (digits no Double holds are not written).
/// Used for pixel coordinates (2 places) and tick labels.
public func formatCompact(_ x: Double, decimals: Int) -> String {
  precondition(x.isFinite, "formatCompact needs a finite number")
  precondition((0...9).contains(decimals), "decimals must be 0…9")
  var power = 1.0
  for _ in 0..<decimals { power *= 10 }
  let scaled = (x * power).rounded()
  guard abs(scaled) < 9.0e15 else {
    let whole = x.rounded()
    return abs(whole) < 1e18 ? String(Int64(whole)) : exponentForm(x)
  }
  var units = Int64(scaled)
  if units == 0 { return "0" }
  let negative = units < 0
  units = abs(units)
  var divisor: Int64 = 1
  for _ in 0..<decimals { divisor *= 10 }
  var text = String(units / divisor)
  var fraction = units % divisor
  if fraction != 0 {
    var digits = decimals
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let f = String(fraction)
    text += "." + String(repeating: "0", count: digits - f.count) + f
  }
  return negative ? "-" + text : text
}

/// A finite `x` as "m e k" with the mantissa m to 15 significant digits,
/// trailing zeros trimmed, and no "+" or leading zeros in the exponent:
/// 1.5e20 → "1.5e20", 1e-300 → "1e-300".
private func exponentForm(_ x: Double) -> String {
  let text = String(format: "%.14e", x)
  guard let e = text.firstIndex(of: "e") else { return text }
  var mantissa = String(text[..<e])
  if mantissa.contains(".") {
    while mantissa.hasSuffix("0") { mantissa.removeLast() }
    if mantissa.hasSuffix(".") { mantissa.removeLast() }
  }
  let exponent = Int(text[text.index(after: e)...])!
  return mantissa + "e" + String(exponent)
}

/// `x` to `digits` significant digits, without exponent for 10⁻⁴ ≤ |x| <
/// 10¹⁵ (trailing zeros trimmed; the integer part is never rounded), else in
/// scientific notation: 0.000123456789 → "0.000123457", 1234567.8 → "1234568".
public func formatSignificant(_ x: Double, digits: Int) -> String {
  precondition((1...15).contains(digits), "digits must be 1…15")
  guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
  if x == 0 { return "0" }
  let magnitude = Int(log10(abs(x)).rounded(.down))
  guard magnitude >= -4, magnitude < 15 else { return String(format: "%.\(digits - 1)e", x) }
  let decimals = max(0, digits - 1 - magnitude)
  guard decimals <= 9 else { return String(format: "%.\(digits)g", x) }
  return formatCompact(x, decimals: decimals)
}
