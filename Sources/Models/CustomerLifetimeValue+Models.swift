import Tabular

extension CustomerLifetimeValue {
  /// Per-customer value from a BG/NBD purchase model and a Gamma-Gamma spend
  /// model, for every row of a table holding both models' columns.
  public struct Valuation: Sendable {
    /// P(alive | history).
    public var probabilityAlive: [Double]
    /// E[Y(H·u) | history], purchases over the whole horizon.
    public var expectedPurchases: [Double]
    /// m, the Gamma-Gamma conditional mean spend per purchase.
    public var expectedSpend: [Double]
    /// The discounted value.
    public var value: [Double]
  }

  /// - Throws: `DataError` naming the line of a bad row.
  public func values(for table: Table, purchases: BetaGeoModel, spend: GammaGammaModel) throws -> Valuation {
    let (alive, expected) = try purchases.predictions(for: table, horizon: Double(periods) * unitsPerPeriod)
    let spendPerPurchase = try spend.conditionalExpectedAverageSpend(for: table)
    let x = try table.numeric(purchases.columns.frequency), t = try table.numeric(purchases.columns.recency)
    let T = try table.numeric(purchases.columns.age)
    var values = [Double](repeating: 0, count: table.rowCount)
    for i in values.indices {
      values[i] = try value(spend: spendPerPurchase[i]) {
        try purchases.expectedPurchases(over: $0, frequency: x[i], recency: t[i], age: T[i])
      }
    }
    return Valuation(probabilityAlive: alive, expectedPurchases: expected, expectedSpend: spendPerPurchase, value: values)
  }
}
