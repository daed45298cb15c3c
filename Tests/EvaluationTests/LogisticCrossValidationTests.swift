import Foundation
import Models
import Tabular
import Testing

@testable import Evaluation

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

private func purchaseIntent() throws -> LogisticRegression.Training {
  let table = try CSVReader.read(repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path)
  return try LogisticRegression.Training(table: table, target: "bought", exclude: ["customer_id"])
}

/// cv_reference.json (make_cv_fixtures.py, scikit-learn 1.9.1): cross_validate with
/// StratifiedKFold(5, shuffle=True) for 20 shuffle seeds, mean AUC and log loss.
private struct Reference: Decodable {
  struct Case: Decodable {
    var penalty: String
    var C: Double?
    var meanAUC: Double
    var meanLogLoss: Double
  }
  var cases: [Case]
}

@Test func stratifiedCrossValidationMatchesScikitLearn() throws {
  let url = repository.appendingPathComponent("Tests/EvaluationTests/Fixtures/cv_reference.json")
  let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  let data = try purchaseIntent()
  let grid = reference.cases.map { c in LogisticRegression(penalty: c.C.map { .l2(C: $0) } ?? .none) }
  // Our shuffles differ from sklearn's; both are averaged over several seeds.
  var auc = [Double](repeating: 0, count: grid.count), loss = auc
  let seeds: [UInt64] = [1, 2, 3, 4, 5]
  for seed in seeds {
    let folds = try StratifiedKFold(folds: 5, shuffle: true, seed: seed).split(labels: data.outcomes)
    for (k, setting) in try LogisticCrossValidation(folds: folds, grid: grid).run(data).enumerated() {
      auc[k] += setting.mean.auc / Double(seeds.count)
      loss[k] += setting.mean.logLoss / Double(seeds.count)
    }
  }
  for (k, c) in reference.cases.enumerated() {
    #expect(abs(auc[k] - c.meanAUC) < 0.005, "AUC \(c.penalty) \(String(describing: c.C)): \(auc[k]) vs \(c.meanAUC)")
    #expect(abs(loss[k] - c.meanLogLoss) < 0.005, "log loss \(c.penalty) \(String(describing: c.C)): \(loss[k]) vs \(c.meanLogLoss)")
  }
}

@Test func warmStartsAndSelectionRules() throws {
  let data = try purchaseIntent()
  let folds = try StratifiedKFold(folds: 5, shuffle: true, seed: 9).split(labels: data.outcomes)
  let grid = [1e-4, 0.01, 1, 100].map { LogisticRegression(penalty: .l2(C: $0)) }
  let settings = try LogisticCrossValidation(folds: folds, grid: grid).run(data)
  let again = try LogisticCrossValidation(folds: folds, grid: grid).run(data)
  #expect(settings.map(\.mean.logLoss) == again.map(\.mean.logLoss))
  let best = LogisticCrossValidation.select(settings, by: .best)
  #expect(settings.allSatisfy { $0.mean.logLoss >= settings[best].mean.logLoss })
  let oneSE = LogisticCrossValidation.select(settings, by: .oneStandardError)
  let bound = settings[best].mean.logLoss + settings[best].standardDeviation.logLoss / 5.0.squareRoot()
  #expect(settings[oneSE].mean.logLoss <= bound)
  // The most regularised within the bound: no smaller C qualifies.
  for k in 0..<oneSE { #expect(settings[k].mean.logLoss > bound) }
  // Each fold's metrics equal a plain fit on that fold's training rows.
  let direct = try grid[2].fit(data.subset(folds[0].train))
  let (metrics, _) = try LogisticCrossValidation.metrics(direct, data.subset(folds[0].test))
  #expect(abs(metrics.auc - settings[2].folds[0].auc) < 1e-9)
}
