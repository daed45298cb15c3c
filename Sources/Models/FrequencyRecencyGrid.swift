/// A model's predictions over a grid of customer histories: for every
/// whole frequency x = 0…X and recency tₓ = 0…R (in time units) of a
/// customer of age T = R,
///
///     E[Y(t) | x, tₓ, T]    the expected purchases in the next t units
///     P(alive | x, tₓ, T)   the probability she has not dropped out
///
/// the heatmaps of lifetimes' `plot_frequency_recency_matrix` and
/// `plot_probability_alive_matrix` (Fader, Hardie & Lee 2005, figure 4),
/// with lifetimes' defaults: X the largest frequency in the data, R the
/// whole part of the largest age, T = R, t = 1.
///
/// Every tₓ ≤ R = T, so no cell has a recency beyond the age. A customer
/// with x = 0 repeat purchases has recency 0 by definition: the cells
/// x = 0, tₓ > 0 describe no customer and are nil (lifetimes fills them
/// with the formula's value at that tₓ, which for BG/NBD equals the tₓ = 0
/// cell; draw them blank or repeat the tₓ = 0 value).
public struct FrequencyRecencyGrid: Sendable, Hashable, Codable {
  /// X, the largest frequency (columns 0…X).
  public var maxFrequency: Int
  /// R, the largest recency (rows 0…R), also the age T of every cell.
  public var maxRecency: Int
  /// t, the horizon of the expected purchases.
  public var horizon: Double
  /// E[Y(t) | x, tₓ, T] at index tₓ·(X+1) + x (rows by recency, as
  /// lifetimes' matrix); nil where x = 0 and tₓ > 0.
  public var expectedPurchases: [Double?]
  /// P(alive | x, tₓ, T), laid out as `expectedPurchases`.
  public var probabilityAlive: [Double?]

  /// The grid for frequencies 0…maxFrequency and recencies 0…maxRecency at
  /// age T = maxRecency.
  /// - Throws: what the model's predictions throw.
  public init(model: any PurchaseModel, maxFrequency: Int, maxRecency: Int, horizon: Double = 1) throws {
    precondition(maxFrequency >= 0 && maxRecency >= 0 && horizon >= 0)
    self.maxFrequency = maxFrequency
    self.maxRecency = maxRecency
    self.horizon = horizon
    let columns = maxFrequency + 1, age = Double(maxRecency)
    let cells = try parallelMap(count: (maxRecency + 1) * columns, blockSize: 64) { cell -> (Double, Double)? in
      let x = Double(cell % columns), tx = Double(cell / columns)
      guard x > 0 || tx == 0 else { return nil }
      return (
        try model.expectedPurchases(over: horizon, frequency: x, recency: tx, age: age),
        try model.probabilityAlive(frequency: x, recency: tx, age: age)
      )
    }
    expectedPurchases = cells.map { $0?.0 }
    probabilityAlive = cells.map { $0?.1 }
  }

  /// The grid with lifetimes' defaults: X = the largest frequency in `data`,
  /// R = ⌊the largest age⌋.
  public init(model: any PurchaseModel, data: BetaGeo.Training, horizon: Double = 1) throws {
    let largestFrequency = data.frequency.max() ?? 0, largestAge = data.age.max() ?? 0
    try self.init(model: model, maxFrequency: Int(largestFrequency), maxRecency: Int(largestAge.rounded(.down)),
                  horizon: horizon)
  }

  /// E[Y(t) | x, tₓ, T = R]; nil for x = 0, tₓ > 0.
  public func expectedPurchases(frequency x: Int, recency tx: Int) -> Double? {
    expectedPurchases[index(x, tx)]
  }

  /// P(alive | x, tₓ, T = R); nil for x = 0, tₓ > 0.
  public func probabilityAlive(frequency x: Int, recency tx: Int) -> Double? {
    probabilityAlive[index(x, tx)]
  }

  private func index(_ x: Int, _ tx: Int) -> Int {
    precondition((0...maxFrequency).contains(x) && (0...maxRecency).contains(tx))
    return tx * (maxFrequency + 1) + x
  }
}
