/// A model's predictions over a grid of customer histories: for whole
/// frequencies x = 0…X and recencies tₓ from 0 to T (in time units) of a
/// customer of age T,
///
///     E[Y(t) | x, tₓ, T]    the expected purchases in the next t units
///     P(alive | x, tₓ, T)   the probability she has not dropped out
///
/// the heatmaps of lifetimes' `plot_frequency_recency_matrix` and
/// `plot_probability_alive_matrix` (Fader, Hardie & Lee 2005, figure 4),
/// with lifetimes' defaults: X the largest frequency in the data, T the
/// whole part of the largest age, t = 1, and the recencies tₓ = 0, 1, …, T.
///
/// So that a chart stays readable (and small) whatever the data, the grid is
/// bounded: X is at most `frequencyCap` (heavier buyers are not shown), and
/// when T ≥ `rowCap` the recencies are `rowCap` evenly spaced values
/// tₓ = k·T/(rowCap − 1), k = 0…rowCap − 1, from 0 to T (coarser steps than
/// one time unit: a daily summary over years, or a huge age, still gives at
/// most `rowCap` rows). For T < `rowCap` the grid is lifetimes' exactly.
///
/// Every tₓ ≤ T, so no cell has a recency beyond the age. A customer with
/// x = 0 repeat purchases has recency 0 by definition: the cells x = 0,
/// tₓ > 0 describe no customer and are nil (lifetimes fills them with the
/// formula's value at that tₓ, which for BG/NBD equals the tₓ = 0 cell;
/// draw them blank or repeat the tₓ = 0 value).
public struct FrequencyRecencyGrid: Sendable, Hashable, Codable {
  /// X, the largest frequency (columns 0…X).
  public var maxFrequency: Int
  /// T, the age of every cell: the largest recency (the last row).
  public var age: Double
  /// The recencies tₓ of the rows, increasing from 0 to T.
  public var recencies: [Double]
  /// t, the horizon of the expected purchases.
  public var horizon: Double
  /// E[Y(t) | x, tₓ, T] at index row·(X+1) + x, rows as `recencies` (as
  /// lifetimes' matrix); nil where x = 0 and tₓ > 0.
  public var expectedPurchases: [Double?]
  /// P(alive | x, tₓ, T), laid out as `expectedPurchases`.
  public var probabilityAlive: [Double?]

  /// The largest frequency `init(model:data:)` shows by default.
  public static let defaultFrequencyCap = 100
  /// The most recency rows `init(model:data:)` makes by default.
  public static let defaultRowCap = 101

  /// The grid for frequencies 0…maxFrequency and `rows` recencies evenly
  /// spaced from 0 to `age` (tₓ = k·age/(rows − 1)), at age T = `age`.
  /// - Precondition: maxFrequency ≥ 0; age finite and ≥ 0; rows ≥ 1, and
  ///   rows = 1 only when age = 0; horizon ≥ 0.
  /// - Throws: what the model's predictions throw.
  public init(model: any PurchaseModel, maxFrequency: Int, age: Double, rows: Int, horizon: Double = 1) throws {
    precondition(maxFrequency >= 0 && age.isFinite && age >= 0 && horizon >= 0)
    precondition(rows >= 1 && (rows > 1 || age == 0), "a grid over ages > 0 needs at least two rows")
    self.maxFrequency = maxFrequency
    self.age = age
    self.horizon = horizon
    // k·T/(rows − 1) is exactly k when rows − 1 = T (the lifetimes grid).
    let recencies = rows == 1 ? [0] : (0..<rows).map { $0 == rows - 1 ? age : Double($0) * age / Double(rows - 1) }
    self.recencies = recencies
    let columns = maxFrequency + 1
    let cells = try parallelMap(count: rows * columns, blockSize: 64) { cell -> (Double, Double)? in
      let x = Double(cell % columns), tx = recencies[cell / columns]
      guard x > 0 || tx == 0 else { return nil }
      return (
        try model.expectedPurchases(over: horizon, frequency: x, recency: tx, age: age),
        try model.probabilityAlive(frequency: x, recency: tx, age: age)
      )
    }
    expectedPurchases = cells.map { $0?.0 }
    probabilityAlive = cells.map { $0?.1 }
  }

  /// The grid with lifetimes' defaults, bounded: X = the largest frequency
  /// in `data` but at most `frequencyCap`, T = ⌊the largest age⌋, and the
  /// recencies 0, 1, …, T, or `rowCap` evenly spaced ones from 0 to T when
  /// T ≥ `rowCap`.
  /// - Precondition: frequencyCap ≥ 0, rowCap ≥ 2.
  public init(
    model: any PurchaseModel, data: BetaGeo.Training, horizon: Double = 1,
    frequencyCap: Int = defaultFrequencyCap, rowCap: Int = defaultRowCap
  ) throws {
    precondition(frequencyCap >= 0 && rowCap >= 2)
    // Capped before converting: a frequency beyond Int's range is still a
    // Double (the data are checked finite and ≥ 0).
    let largestFrequency = min(data.frequency.max() ?? 0, Double(frequencyCap))
    let age = (data.age.max() ?? 0).rounded(.down)
    let rows = age < Double(rowCap) ? Int(age) + 1 : rowCap
    try self.init(model: model, maxFrequency: Int(largestFrequency), age: age, rows: rows, horizon: horizon)
  }

  /// E[Y(t) | x, tₓ, T] at frequency x and the recency of row `row`
  /// (`recencies[row]`); nil for x = 0, tₓ > 0.
  public func expectedPurchases(frequency x: Int, row: Int) -> Double? {
    expectedPurchases[index(x, row)]
  }

  /// P(alive | x, tₓ, T) at frequency x and the recency of row `row`; nil
  /// for x = 0, tₓ > 0.
  public func probabilityAlive(frequency x: Int, row: Int) -> Double? {
    probabilityAlive[index(x, row)]
  }

  private func index(_ x: Int, _ row: Int) -> Int {
    precondition((0...maxFrequency).contains(x) && recencies.indices.contains(row))
    return row * (maxFrequency + 1) + x
  }
}
