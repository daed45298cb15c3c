import Tabular
import Testing
import NumericCore

private func fixed(_ x: Double, _ decimals: Int) -> String {
  var bytes: [UInt8] = []
  appendFixed(x, decimals: decimals, to: &bytes)
  return String(decoding: bytes, as: UTF8.self)
}

@Suite("Cell encoding")
struct CellEncodingTests {
  @Test func fixedDecimals() {
    #expect(fixed(0, 6) == "0")
    #expect(fixed(-0.0, 6) == "0")
    #expect(fixed(-0.0000004, 6) == "0")
    #expect(fixed(39, 6) == "39")
    #expect(fixed(-39, 0) == "-39")
    #expect(fixed(1.25, 6) == "1.25")
    #expect(fixed(-1.2345674, 6) == "-1.234567")
    // Exact ties go to even.
    #expect(fixed(0.5, 0) == "0" && fixed(1.5, 0) == "2" && fixed(-2.5, 0) == "-2" && fixed(0.25, 1) == "0.2")
    #expect(fixed(0.000012, 6) == "0.000012")
    #expect(fixed(0.1, 1) == "0.1")
    #expect(fixed(13.44539651, 6) == "13.445397")
    #expect(fixed(999_999.9999996, 6) == "1000000")
    // Beyond 2⁵⁰ and non-finite values: the shortest round-trip form.
    #expect(fixed(1e20, 6) == "1e+20")
    #expect(fixed(.infinity, 6) == "inf" && fixed(.nan, 6) == "nan")
  }

  /// Values on the 10⁻⁶ grid (as the simulators write them) read back to
  /// the same double, and the text is `formatDouble`'s where that is plain.
  @Test func gridValuesRoundTrip() {
    var generator = SeededGenerator(seed: 17)
    for _ in 0..<20_000 {
      let raw = Double(Int64(bitPattern: generator.next()) >> 20) / 1e6  // |x| < 2⁴³/10⁶
      let x = (raw * 1e6).rounded() / 1e6
      let text = fixed(x, 6)
      #expect(Double(text) == x, "\(x) → \(text)")
      if x.magnitude >= 1e-4 { #expect(text == formatDouble(x)) }
    }
  }

  @Test func calendarDates() {
    for day: Int32 in [-719_528, -700_000, -1, 0, 10_000, 19_000, 2_932_896] {
      var bytes: [UInt8] = []
      CalendarDate.append(day, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == CalendarDate.format(day))
    }
    var bytes: [UInt8] = []
    CalendarDate.append(Int32(CalendarDate.dayNumber("2020-02-29")!), to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == "2020-02-29")
  }
}
