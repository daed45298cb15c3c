import Testing

@testable import Reports

@Test func textAndAttributesAreEscaped() {
  #expect(escapeText("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
  #expect(escapeAttribute(#"say "hi" & 'bye' <x>"#) == "say &quot;hi&quot; &amp; &#39;bye&#39; &lt;x&gt;")
  // Control characters XML forbids (here NUL and ESC) become U+FFFD; tab and newline stay.
  #expect(escapeText("a\u{0}b\u{1B}c\td\n") == "a\u{FFFD}b\u{FFFD}c\td\n")
  var m = Markup()
  m.open("g", [("data-series", "</g><script>")])
  m.element("text", text: "<script>alert(1)</script>")
  m.close()
  #expect(m.output == "<g data-series=\"&lt;/g&gt;&lt;script&gt;\"><text>&lt;script&gt;alert(1)&lt;/script&gt;</text></g>")
  #expect(m.isBalanced)
}

@Test func numbersAreCompact() {
  #expect(formatCompact(12.5, decimals: 2) == "12.5")
  #expect(formatCompact(3.0, decimals: 2) == "3")
  #expect(formatCompact(-0.001, decimals: 2) == "0")
  #expect(formatCompact(-7.456, decimals: 2) == "-7.46")
  #expect(formatCompact(0.05, decimals: 2) == "0.05")
  #expect(formatCompact(1234.5678, decimals: 0) == "1235")
  #expect(formatFixedDecimals(0.5, 2) == "0.50")
  #expect(formatFixedDecimals(2, 1) == "2.0")
  #expect(formatSignificant(0.000123456789, digits: 6) == "0.000123457")
  #expect(formatSignificant(1234567.8, digits: 6) == "1234568")
  #expect(formatSignificant(-2.5, digits: 6) == "-2.5")
  #expect(formatSignificant(1.5e-7, digits: 3) == "1.50e-07")
}

@Test func hugeNumbersAreWrittenInExponentForm() {
  // Beyond Int64 (about 9.2e18) an integer conversion would trap: from 1e18 on, exponent form.
  #expect(formatCompact(9e17, decimals: 0) == "900000000000000000")
  #expect(formatCompact(1e300, decimals: 0) == "1e300")
  #expect(formatCompact(-1.5e20, decimals: 2) == "-1.5e20")
  #expect(formatCompact(9.3e18, decimals: 6) == "9.3e18")
  #expect(formatCompact(.greatestFiniteMagnitude, decimals: 0) == "1.79769313486232e308")
  #expect(formatFixedDecimals(1e300, 2) == "1e300")
  // Log-axis ticks from a thousand billions on: 1e12, 5e28 (not "5000000000000000000B").
  #expect(ResolvedAxis.logLabel(1e9, format: .number) == "1B")
  #expect(ResolvedAxis.logLabel(1e12, format: .number) == "1e12")
  #expect(ResolvedAxis.logLabel(5e28, format: .number) == "5e28")
  #expect(ResolvedAxis.logLabel(2e300, format: .number) == "2e300")
}

@Test func paletteIsOkabeItoAndViridis() {
  // Okabe & Ito (2008): blue #0072B2 and vermillion #D55E00 first.
  #expect(Palette.series(0) == "#0072B2" && Palette.series(1) == "#D55E00")
  #expect(Palette.series(8) == Palette.series(0))
  // matplotlib's viridis ends and midpoint.
  #expect(Palette.sequential(0) == "#440154")
  #expect(Palette.sequential(1) == "#fde725")
  #expect(Palette.sequential(0.5) == "#21918c")
  #expect(Palette.sequential(-3) == "#440154" && Palette.sequential(.nan) == "#440154")
}
