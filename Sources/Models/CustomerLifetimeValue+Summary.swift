extension CustomerLifetimeValue {
  /// The mean value (see `CustomerLifetimeValue`) of some customers of a
  /// transaction summary, from a BG/NBD purchase model and a Gamma-Gamma
  /// spend model:
  ///
  ///     mean = (1/n) Σ_{k selected} value(m(x_k, z̄_k), s ↦ E[Y(s) | x_k, t_k, T_k])
  ///
  /// with (x, t, T, z̄) the summary's frequency, recency, age and monetary
  /// value, and m the Gamma-Gamma conditional mean spend. The summary's
  /// time unit must be the one the purchase model was fitted in.
  ///
  /// - Parameter include: whether to count the customer of an input code.
  /// - Returns: nil when no customer is selected.
  /// - Throws: `SpendPredictionError` (q ≤ 1), or the purchase model's
  ///   error for values outside its domain.
  /// - Precondition: the summary has monetary values (a log with amounts).
  public func meanValue(of summary: TransactionSummary, including include: (Int32) -> Bool,
                        purchases: BetaGeoModel, spend: GammaGammaModel) throws -> (mean: Double, customers: Int)?
  {
    guard let monetary = summary.monetaryValue else { preconditionFailure("the summary needs amounts") }
    var total = 0.0, count = 0
    for k in 0..<summary.count where include(summary.customers[k]) {
      let x = summary.frequency[k], t = summary.recency[k], T = summary.age[k]
      let perPurchase = try spend.conditionalExpectedAverageSpend(frequency: x, monetaryValue: monetary[k])
      total += try value(spend: perPurchase) { try purchases.expectedPurchases(over: $0, frequency: x, recency: t, age: T) }
      count += 1
    }
    return count > 0 ? (total / Double(count), count) : nil
  }
}
