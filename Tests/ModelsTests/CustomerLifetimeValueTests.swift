import Foundation
import Numerics
import NumericCore
import Tabular
import Testing

@testable import Models

@Test func discreteDiscountingMatchesLifetimes() throws {
  // clv_reference.json (make_clv_fixtures.py, lifetimes 0.11.3):
  // customer_lifetime_value(time=12, discount_rate=0.01, freq="W"), i.e. months of
  // 4.345 weeks, at lifetimes' parameters; the spend is lifetimes' Gamma-Gamma
  // conditional mean, read from clv_predictions.csv.
  let model = try Fixtures.lifetimesBetaGeo()
  let table = try CSVReader.read(Fixtures.path("clv_predictions.csv"))
  let x = try table.numeric("frequency"), t = try table.numeric("recency"), T = try table.numeric("T")
  let spend = try table.strings("expected_average_spend"), clv = try table.strings("clv_12_months")
  let valuation = CustomerLifetimeValue(periods: 12, unitsPerPeriod: 4.345, discounting: .discrete(rate: 0.01))
  var checked = 0
  for i in 0..<table.rowCount {
    guard let m = spend[i].flatMap(Double.init), let expected = clv[i].flatMap(Double.init) else { continue }
    let ours = try valuation.value(spend: m) { try model.expectedPurchases(over: $0, frequency: x[i], recency: t[i], age: T[i]) }
    #expect(abs(ours - expected) <= 1e-9 * abs(expected) + 1e-12, "row \(i + 1): \(ours) vs \(expected)")
    checked += 1
  }
  #expect(checked == 946)
}

@Test func continuousDiscountingApproachesTheIntegral() throws {
  // With E(s) = λ·s (a constant rate) the integral is λ·u·(1 − e^(−δH))/δ.
  let rate = 0.3, delta = 0.05, u = 4.345
  let valuation = CustomerLifetimeValue(periods: 12, unitsPerPeriod: u, discounting: .continuous(rate: delta), margin: 0.2)
  let value = valuation.value(spend: 10) { rate * $0 }
  let exact = 0.2 * 10 * rate * u * (1 - exp(-delta * 12)) / delta
  #expect(value.isApproximatelyEqual(to: exact, relativeTolerance: 1e-5))
  // No discounting: the expected spend over the horizon.
  let flat = CustomerLifetimeValue(periods: 12, unitsPerPeriod: u, discounting: .discrete(rate: 0)).value(spend: 10) { rate * $0 }
  #expect(flat.isApproximatelyEqual(to: 10 * rate * 12 * u, relativeTolerance: 1e-12))
}
