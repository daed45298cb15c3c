/// Actual against expected number of customers by repeat purchases in the
/// calibration period — the model check of lifetimes'
/// `plot_period_transactions` (Fader, Hardie & Lee 2005, figure 2), with
/// the expectation computed rather than simulated. For customers i with
/// weights wᵢ (1 unless rows stand for groups), repeat purchases xᵢ and
/// ages Tᵢ, and buckets k = 0…m−1 and an open bucket "m+":
///
///     actual_k   = Σᵢ wᵢ·1{xᵢ = k},          actual_m+   = Σᵢ wᵢ·1{xᵢ ≥ m}
///     expected_k = Σᵢ wᵢ·P(X(Tᵢ) = k),      expected_m+ = Σᵢ wᵢ·(1 − Σₖ₌₀^(m−1) P(X(Tᵢ) = k))
///
/// with P(X(t) = k) the model's unconditional probability of k repeat
/// purchases in a customer's first t time units: each customer is compared
/// with a customer of her own age drawn from the population. The
/// probabilities are computed once per distinct age, in parallel.
/// (lifetimes' chart draws the first m distinct frequencies of the data and
/// of one simulated data set; this keeps every customer, in the open bucket.)
public struct PeriodTransactions: Sendable, Hashable, Codable {
  /// One bucket.
  public struct Row: Sendable, Hashable, Codable {
    /// The repeat purchases k, or m for the open bucket.
    public var frequency: Int
    /// Whether this is the open bucket x ≥ m.
    public var isOpenEnded: Bool
    /// Customers with this many repeat purchases (Σ weights).
    public var actual: Double
    /// Customers the model expects with this many (Σ wᵢ·P).
    public var expected: Double
  }

  /// Buckets 0…m−1, then m+.
  public var rows: [Row]

  /// - Parameters:
  ///   - model: a fitted BG/NBD, MBG/NBD or Pareto/NBD model.
  ///   - data: the calibration summaries (checked as `BetaGeo.Training(table:)` checks them).
  ///   - maxFrequency: m, the first frequency pooled into the open bucket (7,
  ///     lifetimes' `max_frequency`).
  /// - Throws: what the model's `probabilityOfPurchases` throws.
  public init(model: any PurchaseModel, data: BetaGeo.Training, maxFrequency m: Int = 7) throws {
    precondition(m >= 1, "maxFrequency must be at least 1")
    var actual = [Double](repeating: 0, count: m + 1)
    // Customers by age: the distinct ages, ascending, with their total weight.
    var byAge = [(age: Double, weight: Double)]()
    byAge.reserveCapacity(data.rowCount)
    for i in 0..<data.rowCount {
      let x = data.frequency[i], w = data.weights?[i] ?? 1
      precondition(x >= 0 && x == x.rounded(), "frequency must be a whole number ≥ 0")
      actual[x >= Double(m) ? m : Int(x)] += w
      byAge.append((data.age[i], w))
    }
    byAge.sort { $0.age < $1.age }
    var ages = [Double](), weights = [Double]()
    for (age, w) in byAge {
      if age == ages.last { weights[weights.count - 1] += w } else {
        ages.append(age)
        weights.append(w)
      }
    }
    // P(X(age_j) = k) at j·m + k.
    let probabilities = try parallelMap(count: ages.count * m, blockSize: 64) { jk in
      try model.probabilityOfPurchases(jk % m, over: ages[jk / m])
    }
    var expected = [Double](repeating: 0, count: m + 1)
    for (j, w) in weights.enumerated() {
      var below = 0.0
      for k in 0..<m {
        let p = probabilities[j * m + k]
        expected[k] += w * p
        below += p
      }
      expected[m] += w * max(0, 1 - below)
    }
    rows = (0...m).map { k in Row(frequency: k, isOpenEnded: k == m, actual: actual[k], expected: expected[k]) }
  }
}
