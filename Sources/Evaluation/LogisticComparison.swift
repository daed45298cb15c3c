import Foundation
import Models
import NumericCore
import Tabular

/// Saved logistic models on one labelled data set: each model's ROC AUC, log
/// loss and Brier score, and paired differences in per-row log loss,
/// −[y·ln p + (1 − y)·ln(1 − p)] (p clipped to [ε, 1 − ε] as `logLoss`), to
/// the best (`PairedComparison`).
public struct LogisticComparison: Sendable {
  public struct Entry: Sendable {
    public var name: String
    public var auc: Double
    public var logLoss: Double
    public var brier: Double
  }

  public var entries: [Entry]
  public var comparison: PairedComparison

  /// - Throws: `DataError` when the table lacks a model's feature or target,
  ///   or its target labels differ from the model's.
  public init(models: [(name: String, model: LogisticModel)], table: Table) throws {
    var entries = [Entry]()
    var losses = Matrix(rows: table.rowCount, columns: models.count)
    for (name, model) in models {
      let data = try LogisticRegression.Training(
        table: table, target: model.target.column, positive: model.target.positive, features: model.featureNames)
      let y = data.outcomes
      let p = try model.probabilities(for: table)
      let eps = Double.ulpOfOne
      for i in y.indices {
        let q = min(max(p[i], eps), 1 - eps)
        losses[i, entries.count] = -(y[i] * log(q) + (1 - y[i]) * log(1 - q))
      }
      entries.append(Entry(
        name: name, auc: try rocAUC(labels: y, scores: p), logLoss: try logLoss(labels: y, probabilities: p),
        brier: try brierScore(labels: y, probabilities: p)))
    }
    self.entries = entries
    comparison = PairedComparison(names: entries.map(\.name), losses: losses)
  }
}
