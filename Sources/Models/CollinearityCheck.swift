import NumericCore

/// Finds the first feature column that is an exact linear function of the
/// intercept and the columns before it.
///
/// Works on the weighted correlation matrix R of the centred, scaled
/// features over the rows of positive weight (built block by block with
/// `dsyrk`, so means of 10⁶ and spreads of 10⁻³ do not cancel
/// catastrophically) and runs Cholesky column by column: the pivot of column
/// j is 1 − R²ⱼ, the share of its variance not explained by the columns
/// before it. A pivot under `tolerance` marks column j as dependent; the
/// regression of j on the earlier columns (through the partial factor) names
/// the columns it depends on. Constant columns are caught before, by
/// `ColumnMoments`.
///
/// - Parameters:
///   - design: n × (1 + d), a leading column of ones then the features.
///   - names: the d feature names.
/// - Returns: nil when the design has full column rank.
func firstCollinearColumn(
  design: Matrix, names: [String], moments: ColumnMoments, weights: [Double]?, tolerance: Double = 1e-10
) -> (column: String, dependsOn: [String])? {
  let d = names.count
  guard d > 1 else { return nil }
  let n = design.rows
  let total = weights?.reduce(0, +) ?? Double(n)
  var r = Matrix(rows: d, columns: d)
  var block = [Double]()
  for rows in rowBlocks(count: n, size: 4096) {
    let b = rows.count
    if block.count != b * d { block = [Double](repeating: 0, count: b * d) }
    design.elements.withUnsafeBufferPointer { x in
      for j in 0..<d {
        let source = (j + 1) * n + rows.lowerBound
        for i in 0..<b {
          let root = ((weights?[rows.lowerBound + i] ?? 1) / total).squareRoot()
          block[j * b + i] = root * (x[source + i] - moments.centers[j]) / moments.scales[j]
        }
      }
    }
    try? syrk(Matrix(rows: b, columns: d, columnMajor: block), beta: 1, into: &r)
  }
  r.symmetrizeFromLower()
  // Left-looking Cholesky, L stored in place of R's lower triangle.
  var l = Matrix(rows: d, columns: d)
  for j in 0..<d {
    var pivot = r[j, j]
    for k in 0..<j { pivot -= l[j, k] * l[j, k] }
    if pivot <= tolerance * r[j, j] {
      // Solve L₍ⱼ₎ᵀ·c = L₍ⱼ₎⁻¹·R[:j, j] for the regression of column j on the columns before it.
      var z = [Double](repeating: 0, count: j)
      for i in 0..<j {
        var s = r[i, j]
        for k in 0..<i { s -= l[i, k] * z[k] }
        z[i] = s / l[i, i]
      }
      var c = [Double](repeating: 0, count: j)
      for i in (0..<j).reversed() {
        var s = z[i]
        for k in (i + 1)..<max(j, i + 1) { s -= l[k, i] * c[k] }
        c[i] = s / l[i, i]
      }
      let largest = maxNorm(c)
      let involved = (0..<j).filter { abs(c[$0]) > 1e-6 * largest }.map { names[$0] }
      return (names[j], involved)
    }
    l[j, j] = pivot.squareRoot()
    for i in (j + 1)..<max(d, j + 1) {
      var s = r[i, j]
      for k in 0..<j { s -= l[i, k] * l[j, k] }
      l[i, j] = s / l[j, j]
    }
  }
  return nil
}
