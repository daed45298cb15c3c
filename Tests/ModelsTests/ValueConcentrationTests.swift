import Models
import Testing

@Test func concentrationRefusesATotalThatOverflows() {
  // Each value is finite, but 1e308 + 1e308 is not: every share C_k / C_n would be 0 or NaN.
  #expect(throws: ValueConcentration.Failure.totalOverflow) { try ValueConcentration([1e308, 1, 1e308]) }
  #expect(ValueConcentration.Failure.totalOverflow.description.contains("add up to more than 1.8e308"))
  // Just below the limit is fine.
  let v = try? ValueConcentration([.greatestFiniteMagnitude / 2, .greatestFiniteMagnitude / 2])
  #expect(v?.share(ofTop: 0.5) == 0.5)
}
