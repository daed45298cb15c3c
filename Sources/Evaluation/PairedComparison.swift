import NumericCore

/// Models compared on the same units (customers, rows) by a per-unit loss,
/// with paired differences to the best: for model m and the best b,
/// dᵢ = loss_m,ᵢ − loss_b,ᵢ, the mean difference d̄ and its standard error
/// sd(d)/√n. Pairing removes the variation the units share, so differences
/// far smaller than either model's own spread can be told apart. A
/// difference within two standard errors of zero is reported as noise.
public struct PairedComparison: Sendable {
  /// One model's row.
  public struct Row: Sendable, Equatable {
    public var name: String
    /// Mean per-unit loss.
    public var meanLoss: Double
    /// d̄ to the best model (0 for the best).
    public var difference: Double
    /// sd(d)/√n (0 for the best).
    public var standardError: Double
    /// |d̄| ≤ 2·SE: not distinguishable from the best.
    public var withinNoise: Bool
  }

  public var rows: [Row]
  /// The index of the model with the lowest mean loss.
  public var best: Int

  /// - Parameter losses: n units × one column per model, the loss of every
  ///   unit (same units, same order).
  public init(names: [String], losses: Matrix) {
    precondition(names.count == losses.columns && losses.columns > 0 && losses.rows > 0)
    let n = losses.rows
    let means = (0..<losses.columns).map { losses.column($0).reduce(0, +) / Double(n) }
    let best = means.indices.min { means[$0] < means[$1] }!
    self.best = best
    rows = names.indices.map { m in
      guard m != best else { return Row(name: names[m], meanLoss: means[m], difference: 0, standardError: 0, withinNoise: true) }
      let d = (0..<n).map { losses[$0, m] - losses[$0, best] }
      let mean = d.reduce(0, +) / Double(n)
      let variance = n > 1 ? d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1) : 0
      let se = (variance / Double(n)).squareRoot()
      return Row(name: names[m], meanLoss: means[m], difference: mean, standardError: se, withinNoise: abs(mean) <= 2 * se)
    }
  }
}
