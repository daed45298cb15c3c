/// How well a CLV model's predicted holdout purchases match the purchases
/// customers actually made in the holdout period. With pᵢ the predicted and
/// aᵢ the actual number of holdout purchases of customer i = 1…n:
///
///     MAE  = Σ |pᵢ − aᵢ| / n,       RMSE = √(Σ (pᵢ − aᵢ)² / n),
///     totalPredicted = Σ pᵢ,        totalActual = Σ aᵢ
///
/// and the calibration-by-frequency table of lifetimes'
/// `plot_calibration_purchases_vs_holdout_purchases`: customers grouped by
/// their calibration-period frequency x (repeat purchases) into buckets
/// 0, 1, …, K−1 and a last open bucket "K+" (x ≥ K), each with its number of
/// customers, mean actual and mean predicted holdout purchases. (lifetimes
/// shows only the first K buckets; the open one keeps every customer.)
public struct HoldoutEvaluation: Sendable, Hashable, Codable {
  /// One frequency bucket.
  public struct Row: Sendable, Hashable, Codable {
    /// The calibration frequency x, or K for the open bucket.
    public var frequency: Int
    /// Whether this is the open bucket x ≥ K.
    public var isOpenEnded: Bool
    /// Customers in the bucket.
    public var customers: Int
    /// Mean actual holdout purchases; nil for an empty bucket.
    public var meanActual: Double?
    /// Mean predicted holdout purchases; nil for an empty bucket.
    public var meanPredicted: Double?
  }

  /// Mean absolute error Σ|p − a|/n.
  public var meanAbsoluteError: Double
  /// Root mean squared error √(Σ(p − a)²/n).
  public var rootMeanSquaredError: Double
  /// Σ p.
  public var totalPredicted: Double
  /// Σ a.
  public var totalActual: Double
  /// Buckets 0…K−1 and K+, every bucket present (empty ones with nil means).
  public var byFrequency: [Row]

  /// - Parameters:
  ///   - predicted: predicted holdout purchases per customer.
  ///   - actual: actual holdout purchases per customer.
  ///   - calibrationFrequency: repeat purchases in the calibration period
  ///     (whole numbers ≥ 0; a fraction is rounded down).
  ///   - maxFrequency: K, the first frequency pooled into the open bucket (7).
  public init(
    predicted: [Double], actual: [Double], calibrationFrequency: [Double], maxFrequency k: Int = 7
  ) throws(MetricError) {
    let n = actual.count
    guard n > 0 else { throw .empty }
    guard predicted.count == n else { throw .lengthMismatch(expected: n, found: predicted.count, what: "predictions") }
    guard calibrationFrequency.count == n else {
      throw .lengthMismatch(expected: n, found: calibrationFrequency.count, what: "calibration frequencies")
    }
    precondition(k >= 1, "maxFrequency must be at least 1")
    for (values, what) in [(predicted, "prediction"), (actual, "actual purchases"), (calibrationFrequency, "frequency")] {
      for (row, v) in values.enumerated() where !v.isFinite || v < 0 { throw .invalidValue(row: row, value: v, what: what) }
    }
    var absolute = 0.0, squares = 0.0, sumP = 0.0, sumA = 0.0
    var count = [Int](repeating: 0, count: k + 1)
    var bucketA = [Double](repeating: 0, count: k + 1), bucketP = bucketA
    for i in 0..<n {
      let d = predicted[i] - actual[i]
      absolute += abs(d)
      squares += d * d
      sumP += predicted[i]
      sumA += actual[i]
      let b = calibrationFrequency[i] >= Double(k) ? k : Int(calibrationFrequency[i])
      count[b] += 1
      bucketA[b] += actual[i]
      bucketP[b] += predicted[i]
    }
    meanAbsoluteError = absolute / Double(n)
    rootMeanSquaredError = (squares / Double(n)).squareRoot()
    totalPredicted = sumP
    totalActual = sumA
    byFrequency = (0...k).map { b in
      Row(
        frequency: b, isOpenEnded: b == k, customers: count[b],
        meanActual: count[b] > 0 ? bucketA[b] / Double(count[b]) : nil,
        meanPredicted: count[b] > 0 ? bucketP[b] / Double(count[b]) : nil)
    }
  }
}
