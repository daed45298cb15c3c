import NumericCore
import Foundation
import Testing
@testable import Tabular

/// The number parser against `Double(String)` (strtod semantics: correctly
/// rounded, ties to even), which is the reference throughout.
struct NumberParsingTests {
  @Test func acceptsTheDocumentedForms() {
    let cases: [(String, Double)] = [
      ("0", 0), ("-0", -0.0), ("42", 42), ("-17", -17), ("+3", 3), ("1.5", 1.5), ("-2.25", -2.25),
      (".5", 0.5), ("5.", 5), ("-.5", -0.5), ("1e-3", 1e-3), ("-2.5E+10", -2.5e10), ("1E5", 1e5),
      ("  7 ", 7), ("\t8", 8), ("007", 7), ("0.000123", 0.000123), ("123456789012345678", 123_456_789_012_345_680),
      ("1e400", .infinity), ("-1e400", -.infinity), ("1e-400", 0),
    ]
    for (text, expected) in cases {
      let value = parseNumber(text)
      #expect(value?.bitPattern == expected.bitPattern, "\(text) → \(String(describing: value))")
    }
    #expect(parseNumber("-0")?.sign == .minus)
  }

  @Test func acceptsNonFiniteLiteralsAsNumbers() {
    #expect(parseNumber("nan")?.isNaN == true)
    #expect(parseNumber("NaN")?.isNaN == true)
    #expect(parseNumber("inf") == .infinity)
    #expect(parseNumber("-Infinity") == -.infinity)
    #expect(parseNumber("+INF") == .infinity)
  }

  @Test func rejectsWhatIsNotANumber() {
    for text in ["", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "0x10", "1_000", "1,5", "--1", "+-1",
                 "1 2", "abc", "1a", "nanx", "infinit", "1e5.5", "١٢"] {
      #expect(parseNumber(text) == nil, "\(text) should not be a number")
    }
  }

  @Test func agreesWithStrtodOnHardCases() {
    let cases = [
      "9007199254740993", "9007199254740992.5", "2.2250738585072011e-308", "2.2250738585072012e-308",
      "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
      "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "0.1", "7.038531e-26",
      "8.533e+68", "4.1006e-184", "9.998e+307", "9.9538452227e-280", "6.47660115e-260", "7.4e+47",
      "5.92e+48", "7.35e+66", "8.32116e+55", "3.14159265358979323846264338327950288419716939937510",
      "0.30000000000000004", "123456789012345678901234567890", "1" + String(repeating: "0", count: 400),
      "0." + String(repeating: "0", count: 340) + "1", "179769313486231580793728971405301e276",
      "2.225073858507201136057409796709131975934819546351645648e-308", "1e23", "8.98846567431158e307",
    ]
    for text in cases {
      let expected = Double(text)
      #expect(parseNumber(text)?.bitPattern == expected?.bitPattern, "\(text)")
    }
  }

  @Test func agreesWithStrtodOnRandomDecimals() {
    var rng = SeededGenerator(seed: 1)
    for _ in 0..<100_000 {
      let digitCount = Int.random(in: 1...25, using: &rng)
      var digits = (0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }
      var text = ""
      if Bool.random(using: &rng) { text += "-" }
      if Bool.random(using: &rng) && digitCount > 1 {
        digits.insert(".", at: Int.random(in: 0...digitCount, using: &rng))
      }
      text += String(digits)
      if Int.random(in: 0..<3, using: &rng) == 0 { text += "e\(Int.random(in: -345...330, using: &rng))" }
      let expected = Double(text)
      #expect(parseNumber(text)?.bitPattern == expected?.bitPattern, "\(text)")
    }
  }

  @Test func digitRunsOfEveryLengthStopAtTheirDelimiter() throws {
    // The digit loops take up to eight bytes per load: runs of 1–20 digits
    // before and after the point, cut by a comma, CRLF, LF or the end of the
    // file, through both the in-place cell path and the general one.
    var rng = SeededGenerator(seed: 4)
    var cells = [String]()
    for integerDigits in 0...20 {
      for fractionDigits in [-1, 0] + Array(1...20) where integerDigits + max(fractionDigits, 0) > 0 {
        let integer = String((0..<integerDigits).map { _ in Character(String(Int.random(in: 1...9, using: &rng))) })
        let fraction = fractionDigits < 0 ? "" : "." + String((0..<fractionDigits).map { _ in
          Character(String(Int.random(in: 0...9, using: &rng)))
        })
        cells.append((Bool.random(using: &rng) ? "-" : "") + integer + fraction)
      }
    }
    for cell in cells {
      #expect(parseNumber(cell)?.bitPattern == Double(cell)?.bitPattern, "\(cell)")
      #expect(parseNumber(" \(cell)e0 ")?.bitPattern == Double(cell)?.bitPattern, "\(cell)")
    }
    var text = "a,b\n"
    for pair in stride(from: 0, to: cells.count - 1, by: 2) {
      text += cells[pair] + "," + cells[pair + 1] + (pair % 4 == 0 ? "\r\n" : "\n")
    }
    text += "1," + cells[cells.count - 1]  // the last cell ends the file
    let table = try readCSV(text)
    let read = try table.numeric("a") + table.numeric("b")
    let expected = stride(from: 0, to: cells.count - 1, by: 2).map { Double(cells[$0])! } + [1]
      + stride(from: 1, to: cells.count, by: 2).map { Double(cells[$0])! } + [Double(cells[cells.count - 1])!]
    #expect(read.map(\.bitPattern) == expected.map(\.bitPattern))
  }

  @Test func roundsExactHalfwayCasesToEven() {
    // The exact decimal midpoint between two neighbouring doubles, and the
    // same nudged by one unit in its last place either way: the cases that
    // defeat shortcuts and send the parser to its exact fallback.
    var rng = SeededGenerator(seed: 2)
    for _ in 0..<2_000 {
      let exponent = Int.random(in: -1074...(-900), using: &rng) + (Bool.random(using: &rng) ? 1000 : 0)
      let significand = UInt64.random(in: (1 << 52)..<(1 << 53), using: &rng)
      // (2M+1)·2^(e−1) lies halfway between M·2^e and (M+1)·2^e.
      let midpoint = exactDecimal(2 * significand + 1, timesTwoToThe: exponent - 1)
      for text in [midpoint, midpoint + "1", midpoint.hasSuffix("5") ? String(midpoint.dropLast()) + "49" : midpoint] {
        let expected = Double(text)
        #expect(parseNumber(text)?.bitPattern == expected?.bitPattern, "\(text)")
      }
    }
  }

  @Test func formatDoubleRoundTripsBitForBit() {
    var rng = SeededGenerator(seed: 3)
    var checked = 0
    while checked < 200_000 {
      // Random bit patterns cover every binade, subnormals included; half
      // the time a "human" value (a ratio of small integers) instead.
      let x = checked % 2 == 0
        ? Double(bitPattern: rng.next())
        : Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / Double(Int.random(in: 1...10_000, using: &rng))
      guard x.isFinite else { continue }
      let text = formatDouble(x)
      #expect(parseNumber(text)?.bitPattern == x.bitPattern, "\(x) → \(text)")
      #expect(Double(text)?.bitPattern == x.bitPattern, "\(x) → \(text)")
      checked += 1
    }
  }

  @Test func formatDoubleWritesIntegersPlainly() {
    #expect(formatDouble(1) == "1")
    #expect(formatDouble(-42) == "-42")
    #expect(formatDouble(0) == "0")
    #expect(formatDouble(-0.0) == "-0")
    #expect(formatDouble(9_007_199_254_740_991) == "9007199254740991")
    #expect(formatDouble(1e16) == "1e+16")
    #expect(formatDouble(0.1) == "0.1")
    #expect(formatDouble(1e-5) == "1e-05")
    #expect(formatDouble(.nan) == "nan")
    #expect(formatDouble(-.infinity) == "-inf")
    var bytes = [UInt8]()
    for x in [1.0, -0.0, 123456789.0, -5.0, 0.25, 1e300] {
      bytes.removeAll()
      appendFormatted(x, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == formatDouble(x))
    }
  }

  @Test func styleRebuildsTheOriginalText() {
    // Whatever style the parser assigns, the column must give back exactly
    // the text that was read.
    var rng = SeededGenerator(seed: 4)
    var texts = ["0", "-0", "1.0", "-0.0", "5.", "12.50", "0.0001", "0.00001", "1e3", "007", ".5", " 5",
                 "0.30000000000000004", "9007199254740993", "123456789012345.5", "1.000000000000000000001",
                 "0.1000000000000000055511151231257827", "100", "1.10", "99999999999999999"]
    for _ in 0..<50_000 {
      switch Int.random(in: 0..<4, using: &rng) {
      case 0:
        // Shortest round-trip texts, as Python's repr or Swift writes them.
        let x = Double(bitPattern: rng.next() >> 2 | 0x3F00_0000_0000_0000)
        texts.append(x.isFinite ? "\(x)" : "1")
      case 1:
        // Fixed decimals of 1 to 20 digits with trailing zeros.
        let integer = String(Int.random(in: 0...999_999, using: &rng))
        let fraction = (0..<Int.random(in: 1...14, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }
        texts.append(integer + "." + fraction.joined())
      case 2:
        texts.append(String(Int64.random(in: -99_999_999_999_999_999...99_999_999_999_999_999, using: &rng)))
      default:
        // Seventeen significant digits that may or may not be the nearest.
        let digits = (0..<17).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        texts.append("0." + digits)
      }
    }
    var values = [Double]()
    var styles = [UInt8]()
    var verbatimRows = [Int]()
    var verbatimTexts = [String]()
    for (row, text) in texts.enumerated() {
      guard let (value, style) = NumberParsing.parse(text) else {
        Issue.record("\(text) did not parse")
        continue
      }
      values.append(value)
      styles.append(style)
      if style == NumberParsing.verbatim {
        verbatimRows.append(row)
        verbatimTexts.append(text)
      }
    }
    let column = NumericColumn(values: values, styles: styles, verbatimRows: verbatimRows, verbatimTexts: verbatimTexts)
    for (row, text) in texts.enumerated() {
      #expect(column.text(at: row) == text)
    }
  }

  @Test func commonTextsNeedNoStoredCopy() {
    // Integers, money, and the shortest round-trip texts of doubles (what
    // pandas, Python and cvw write) are all rebuilt from the value.
    var rng = SeededGenerator(seed: 6)
    for _ in 0..<20_000 {
      let x = Double.random(in: -1e6...1e6, using: &rng)
      for text in ["\(x)", String(Int.random(in: -1_000_000_000...1_000_000_000, using: &rng)),
                   String(format: "%.2f", x), "\(x.rounded())", formatDouble(x.rounded())] {
        #expect(NumberParsing.parse(text)?.style != NumberParsing.verbatim, "\(text)")
      }
    }
  }

  @Test func isNearestAgreesWithPrintf() {
    // glibc's printf is exact: "%.{f}f" gives the nearest f-digit decimal.
    var rng = SeededGenerator(seed: 8)
    for _ in 0..<20_000 {
      let x = Double.random(in: 0..<1_000, using: &rng) * (Bool.random(using: &rng) ? 1 : 1e-3)
      let f = Int.random(in: 1...19, using: &rng)
      let digits = String(format: "%.\(f)f", x).filter { $0 != "." }
      guard let w = UInt64(digits), w > 1 else { continue }
      #expect(ExactDecimal.isNearest(w, fractionDigits: f, of: x), "\(x) \(f)")
      #expect(!ExactDecimal.isNearest(w + 1, fractionDigits: f, of: x), "\(x) \(f)")
      #expect(!ExactDecimal.isNearest(w - 1, fractionDigits: f, of: x), "\(x) \(f)")
    }
  }

  @Test func exactDecimalIsExact() {
    #expect(ExactDecimal.fixed(12.5, fractionDigits: 2) == "12.50")
    #expect(ExactDecimal.fixed(-0.0, fractionDigits: 1) == "-0.0")
    #expect(ExactDecimal.fixed(0.1, fractionDigits: 20) == "0.10000000000000000555")
    #expect(ExactDecimal.fixed(1e-5, fractionDigits: 6) == "0.000010")
    #expect(ExactDecimal.isNearest(1, fractionDigits: 1, of: 0.1))
    #expect(!ExactDecimal.isNearest(10_000_000_000_000_000_000 / 10, fractionDigits: 19, of: 0.1))
    // Against Foundation's exact printf on random values and digit counts.
    var rng = SeededGenerator(seed: 5)
    for _ in 0..<20_000 {
      let x = Double.random(in: 0..<1_000, using: &rng)
      let digits = Int.random(in: 1...12, using: &rng)
      #expect(ExactDecimal.fixed(x, fractionDigits: digits) == String(format: "%.\(digits)f", x))
    }
  }
}
