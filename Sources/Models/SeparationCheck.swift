import NumericCore

/// Detection of (quasi-)complete separation in binary regression (Albert &
/// Anderson 1984): a direction w ≠ 0 with (2yᵢ − 1)·xᵢᵀw ≥ 0 for every row
/// of positive weight. Then the likelihood keeps rising along w and the
/// maximum-likelihood estimate does not exist (complete separation when every
/// inequality is strict, quasi-complete otherwise).
enum SeparationCheck {
  /// A single feature that separates the classes on its own (max of one class ≤
  /// min of the other), the most common cause in practice (a leaked label, a
  /// rare flag), reported with the thresholds that separate.
  static func singleColumn(
    design: Matrix, outcomes y: [Double], weights: [Double]?, names: [String], target: BinaryTarget
  ) -> FitError? {
    let n = design.rows
    for (j, name) in names.enumerated() {
      var low = [Double.infinity, .infinity], high = [-Double.infinity, -.infinity]
      design.elements.withUnsafeBufferPointer { x in
        let column = x.baseAddress! + (j + 1) * n
        for i in 0..<n where weights.map({ $0[i] > 0 }) ?? true {
          let c = Int(y[i])
          low[c] = min(low[c], column[i])
          high[c] = max(high[c], column[i])
        }
      }
      let (upward, downward) = (high[0] <= low[1], high[1] <= low[0])
      guard upward || downward else { continue }
      let (below, above) = upward ? (0, 1) : (1, 0)
      let complete = high[below] < low[above]
      let kind = complete ? "complete separation" : "quasi-complete separation"
      let label = [target.negative, target.positive]
      let detail = "\(kind): column '\(name)' alone predicts '\(target.column)': every row with \(target.column) = \(label[above]) "
        + "has \(name) ≥ \(low[above]) and every row with \(target.column) = \(label[below]) has \(name) ≤ \(high[below]); "
        + "the maximum-likelihood estimate does not exist (the coefficient of '\(name)' diverges). Drop the column or use --penalty l2"
      return .separation(columns: [name], detail: detail)
    }
    return nil
  }

  /// Checks whether `direction` (intercept first) is a separating direction:
  /// all margins mᵢ = (2yᵢ − 1)·xᵢᵀw ≥ −10⁻⁷·max|m|. Newton's last step on
  /// separated data points along the direction of divergence, so it serves as
  /// the certificate. Names the feature columns that carry the direction.
  static func certificate(
    direction w: [Double], design: Matrix, outcomes y: [Double], weights: [Double]?,
    names: [String], scales: [Double], target: BinaryTarget
  ) -> FitError? {
    let n = design.rows
    guard maxNorm(w) > 0 else { return nil }
    var margins = [Double](repeating: 0, count: n)
    design.multiplyRows(0..<n, by: w, into: &margins)
    var largest = 0.0, smallest = Double.infinity
    for i in 0..<n where weights.map({ $0[i] > 0 }) ?? true {
      margins[i] *= 2 * y[i] - 1
      largest = max(largest, abs(margins[i]))
      smallest = min(smallest, margins[i])
    }
    guard largest > 0, smallest >= -1e-7 * largest else { return nil }
    let strict = (0..<n).filter { i in (weights.map { $0[i] > 0 } ?? true) && margins[i] > 1e-7 * largest }.count
    let influence = names.indices.map { abs(w[$0 + 1]) * scales[$0] }
    let top = maxNorm(influence)
    let columns = names.indices.filter { influence[$0] > 1e-3 * top }.map { names[$0] }
    let active = weights.map { $0.filter { $0 > 0 }.count } ?? n
    let kind = strict == active ? "complete separation" : "quasi-complete separation"
    let list = columns.map { "'\($0)'" }.joined(separator: ", ")
    let detail = "\(kind): a combination of \(list) predicts '\(target.column)' exactly for \(strict) of \(active) rows; "
      + "the maximum-likelihood estimate does not exist (those coefficients diverge). Drop a column or use --penalty l2"
    return .separation(columns: columns, detail: detail)
  }
}
