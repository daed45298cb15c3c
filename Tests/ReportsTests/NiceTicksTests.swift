import Testing

@testable import Reports

// Expected ticks worked by hand from Heckbert's algorithm (Graphics Gems,
// 1990): range = nice_ceil(max − min), step = nice_round(range / (count − 1)),
// ends ⌊min/step⌋·step and ⌈max/step⌉·step.

@Test func unitIntervalGetsFifths() {
  // range nice_ceil(1) = 1, step nice_round(0.25) = 0.2 (2.5 < 3 rounds to 2).
  let t = NiceTicks(covering: 0, 1, count: 5)
  #expect(t.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
  #expect(t.step == 0.2 && t.exponent == -1)
}

@Test func looseLabellingCoversTheData() {
  // range 24.2 → nice_ceil 50, step nice_round(12.5) = 10, ends −10 and 30.
  let t = NiceTicks(covering: -0.5, 23.7, count: 5)
  #expect(t.values == [-10, 0, 10, 20, 30])
}

@Test func smallStepsAreExactDecimals() {
  // range 0.0741 → 0.1, step nice_round(0.025) = 0.02; 0.06 is 6/100, not 3·0.02.
  let t = NiceTicks(covering: 0.013, 0.0871, count: 5)
  #expect(t.values == [0, 0.02, 0.04, 0.06, 0.08, 0.1])
  #expect(t.values[3] == 0.06)
  #expect(t.exponent == -2)
}

@Test func emptyRangeIsWidened() {
  // [5, 5] → [4.5, 5.5]: step 0.2, ends ⌊22.5⌋·0.2 = 4.4 and ⌈27.5⌉·0.2 = 5.6.
  let t = NiceTicks(covering: 5, 5, count: 5)
  #expect(t.values.first == 4.4 && t.values.last == 5.6)
  #expect(NiceTicks(covering: 0, 0).values == [-1, -0.5, 0, 0.5, 1])
}

@Test func powerOfTenRangesDoNotSlipADecade() {
  // log10 of exact powers of ten must not round the step's exponent down.
  #expect(NiceTicks(covering: 0, 1000, count: 6).values == [0, 200, 400, 600, 800, 1000])
  #expect(NiceTicks(covering: 0, 0.001, count: 6).values.last == 0.001)
}

@Test func logTicksUseOneTwoFiveOnShortAxes() {
  #expect(LogTicks(covering: 1, 1000).values == [1, 10, 100, 1000])
  #expect(LogTicks(covering: 2, 40).values == [1, 2, 5, 10, 20, 50, 100])
  let t = LogTicks(covering: 500, 2e6)
  #expect(t.values == [100, 1000, 10_000, 100_000, 1e6, 1e7])
  #expect(t.lower == 100 && t.upper == 1e7)
  // Eleven decades: every second power of ten, the top rounded up to keep the step.
  let wide = LogTicks(covering: 3e-7, 1176)
  #expect(wide.values == [1e-7, 1e-5, 1e-3, 1e-1, 10, 1000, 1e5])
  #expect(wide.values.map { ResolvedAxis.logLabel($0, format: .number) } == ["1e-7", "1e-5", "0.001", "0.1", "10", "1000", "100k"])
}

@Test func tickLabelsShareDecimalsAndSuffixes() {
  let millions = NiceTicks(covering: 0, 1e6, count: 6)
  #expect(ResolvedAxis.labels(millions.values, format: .number, exponent: millions.exponent)
    == ["0", "0.2M", "0.4M", "0.6M", "0.8M", "1.0M"])
  let thousands = NiceTicks(covering: 0, 4000, count: 5)
  #expect(ResolvedAxis.labels(thousands.values, format: .number, exponent: thousands.exponent) == ["0", "1000", "2000", "3000", "4000"])
  let tens = NiceTicks(covering: 0, 40_000, count: 5)
  #expect(ResolvedAxis.labels(tens.values, format: .number, exponent: tens.exponent) == ["0", "10k", "20k", "30k", "40k"])
  let fractions = NiceTicks(covering: -0.5, 0.5, count: 5)
  #expect(ResolvedAxis.labels(fractions.values, format: .number, exponent: fractions.exponent)
    == ["\u{2212}0.6", "\u{2212}0.4", "\u{2212}0.2", "0", "0.2", "0.4", "0.6"])
  let unit = NiceTicks(covering: 0, 1, count: 6)
  #expect(ResolvedAxis.labels(unit.values, format: .percent, exponent: unit.exponent) == ["0%", "20%", "40%", "60%", "80%", "100%"])
  let fine = NiceTicks(covering: 0, 0.05, count: 6)
  #expect(ResolvedAxis.labels(fine.values, format: .percent, exponent: fine.exponent) == ["0%", "1%", "2%", "3%", "4%", "5%"])
  let finer = NiceTicks(covering: 0, 0.005, count: 6)
  #expect(ResolvedAxis.labels(finer.values, format: .percent, exponent: finer.exponent).last == "0.5%")
  #expect(LogTicks(covering: 1, 1e6).values.map { ResolvedAxis.logLabel($0, format: .number) }
    == ["1", "10", "100", "1000", "10k", "100k", "1M"])
}
