import NumericCore

/// Weighted mean and population standard deviation of each feature over the
/// rows of positive weight — StandardScaler's `fit(X, sample_weight=w)`, so
/// that pre-aggregated rows with counts as weights standardise exactly like
/// the expanded data — and which features are constant there.
struct ColumnMoments {
  var centers: [Double]
  /// Standard deviations, 1 for constant columns (StandardScaler's convention:
  /// a constant feature is left unscaled).
  var scales: [Double]
  /// Whether the feature takes one value on every row of positive weight,
  /// decided by min = max, never by a rounded variance.
  var isConstant: [Bool]

  /// - Parameter weights: per-row weights, or nil for all 1.
  init(design: Matrix, features d: Int, weights: [Double]?) {
    let n = design.rows
    centers = [Double](repeating: 0, count: d)
    scales = [Double](repeating: 1, count: d)
    isConstant = [Bool](repeating: true, count: d)
    var total = 0.0
    for i in 0..<n { total += weights?[i] ?? 1 }
    design.elements.withUnsafeBufferPointer { x in
      for j in 0..<d {
        let column = x.baseAddress! + (j + 1) * n
        var low = Double.infinity, high = -Double.infinity, sum = 0.0
        for i in 0..<n {
          let w = weights?[i] ?? 1
          guard w > 0 else { continue }
          low = min(low, column[i])
          high = max(high, column[i])
          sum += w * column[i]
        }
        let mean = sum / total
        centers[j] = low == high ? low : mean
        guard low < high else { continue }
        isConstant[j] = false
        // Scaled by the largest deviation so that squares of |x| ~ 1e160 do
        // not overflow.
        let largest = max(abs(high - mean), abs(low - mean))
        var squares = 0.0
        for i in 0..<n {
          let w = weights?[i] ?? 1
          guard w > 0 else { continue }
          let z = (column[i] - mean) / largest
          squares += w * z * z
        }
        scales[j] = largest * (squares / total).squareRoot()
      }
    }
  }
}
