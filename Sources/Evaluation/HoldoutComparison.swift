import Models
import NumericCore

/// Purchase models judged on a calibration/holdout split in time: each
/// predicts every customer's purchases in her holdout window, E[Y(dᵢ) | xᵢ,
/// tₓᵢ, Tᵢ] with dᵢ the holdout duration, against the purchases she made
/// there; the models are then compared on the per-customer absolute error
/// (`PairedComparison`).
public struct HoldoutComparison: Sendable {
  /// One model's predictions and errors.
  public struct Entry: Sendable {
    public var name: String
    public var logLikelihood: Double
    public var predicted: [Double]
    public var evaluation: HoldoutEvaluation
  }

  public var entries: [Entry]
  /// Paired differences in absolute error to the best model.
  public var comparison: PairedComparison

  /// - Parameters:
  ///   - models: fitted on the calibration columns of `calibration`.
  ///   - holdoutPurchases: purchases in the holdout window, per customer.
  ///   - holdoutDuration: the holdout window's length in the calibration's time unit.
  public init(
    models: [(name: String, model: any PurchaseModel)], calibration: BetaGeo.Training,
    holdoutPurchases: [Double], holdoutDuration: [Double]
  ) throws {
    var entries = [Entry]()
    for (name, model) in models {
      var predicted = [Double](repeating: 0, count: calibration.rowCount)
      for i in predicted.indices {
        predicted[i] = try model.expectedPurchases(
          over: holdoutDuration[i], frequency: calibration.frequency[i], recency: calibration.recency[i], age: calibration.age[i])
      }
      let evaluation = try HoldoutEvaluation(
        predicted: predicted, actual: holdoutPurchases, calibrationFrequency: calibration.frequency)
      entries.append(Entry(name: name, logLikelihood: model.logLikelihood, predicted: predicted, evaluation: evaluation))
    }
    self.entries = entries
    var errors = Matrix(rows: calibration.rowCount, columns: entries.count)
    for (m, e) in entries.enumerated() {
      for i in 0..<calibration.rowCount { errors[i, m] = abs(e.predicted[i] - holdoutPurchases[i]) }
    }
    comparison = PairedComparison(names: entries.map(\.name), losses: errors)
  }
}
