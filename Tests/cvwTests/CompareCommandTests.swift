import Foundation
import Testing

private let transactions = CommandRunner.repository.appendingPathComponent("notebooks-data/transactions.csv").path
private let predictions = CommandRunner.repository.appendingPathComponent("Tests/ModelsTests/Fixtures/clv_predictions.csv").path

@Test func comparingPurchaseModelsOnTheCDNOWHoldout() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let summary = try cli.run("summarize", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
                            "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "-o", "summary.csv")
  #expect(summary.status == 0, "\(summary.stderr)")
  let compare = try cli.run("compare", "--kinds", "bg-nbd,pareto-nbd,mbg-nbd", "--data", "summary.csv", "--format", "json")
  #expect(compare.status == 0, "\(compare.stderr)")
  let report = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as! [String: Any]
  let models = report["models"] as! [[String: Any]]
  #expect(models.map { $0["name"] as! String } == ["bg-nbd", "pareto-nbd", "mbg-nbd"])
  // CDNOW.md: 1,882 repeat purchases in the 39-week holdout.
  #expect(models.allSatisfy { $0["totalActual"] as! Double == 1882 })
  // Published calibration log-likelihoods: BG/NBD −9582.43, Pareto/NBD −9594.98 (on the rounded summary; ±0.01).
  #expect(abs((models[0]["logLikelihood"] as! Double) + 9582.43) < 0.01)
  #expect(abs((models[1]["logLikelihood"] as! Double) + 9594.98) < 0.02)
  // BG/NBD's holdout total equals the sum of lifetimes' per-customer
  // conditional_expected_number_of_purchases_up_to_time(39) (clv_predictions.csv:
  // 1653.42 on the 2-decimal summary, at lifetimes' parameters).
  let lifetimesTotal = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n").dropFirst()
    .reduce(0.0) { $0 + Double($1.split(separator: ",")[4])! }
  #expect(abs((models[0]["totalPredicted"] as! Double) - lifetimesTotal) < 0.5, "\(models[0]["totalPredicted"]!) vs \(lifetimesTotal)")
  // The winner has the smallest MAE; others carry a paired difference and its standard error.
  let winner = report["winner"] as! String
  let maes = Dictionary(uniqueKeysWithValues: models.map { ($0["name"] as! String, $0["mae"] as! Double) })
  #expect(maes[winner] == maes.values.min())
  for model in models where model["name"] as! String != winner {
    let difference = model["maeDifference"] as! Double, se = model["maeDifferenceStandardError"] as! Double
    #expect(abs(difference - ((model["mae"] as! Double) - maes[winner]!)) < 1e-12)
    #expect(se > 0 && (model["withinNoise"] as! Bool) == (abs(difference) <= 2 * se))
  }
  // Saved models give the same numbers as --kinds.
  #expect(try cli.run("fit", "bg-nbd", "summary.csv", "-o", "bg.json").status == 0)
  let saved = try cli.run("compare", "bg.json", "--data", "summary.csv", "--format", "json")
  let savedModels = (try JSONSerialization.jsonObject(with: Data(saved.stdout.utf8)) as! [String: Any])["models"] as! [[String: Any]]
  #expect(abs((savedModels[0]["mae"] as! Double) - (models[0]["mae"] as! Double)) < 1e-12)
}

@Test func holdoutEvaluationOfOneKind() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  #expect(try cli.run("summarize", transactions, "--customer", "customer_id", "--date", "date", "--calibration-end", "1997-09-30",
                      "--observation-end", "1998-06-30", "-o", "summary.csv").status == 0)
  let cv = try cli.run("cv", "bg-nbd", "summary.csv", "--format", "json")
  #expect(cv.status == 0, "\(cv.stderr)")
  let report = try JSONSerialization.jsonObject(with: Data(cv.stdout.utf8)) as! [String: Any]
  let rows = report["byFrequency"] as! [[String: Any]]
  // Frequencies 0…6 and 7+, covering every customer; the holdout totals 1,882 (CDNOW.md).
  #expect(rows.count == 8 && rows.reduce(0) { $0 + ($1["customers"] as! Double) } == 2357)
  #expect(report["totalActual"] as! Double == 1882)
  let compared = try cli.run("compare", "--kinds", "bg-nbd", "--data", "summary.csv", "--format", "json")
  let model = ((try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as! [String: Any])["models"] as! [[String: Any]])[0]
  #expect(model["mae"] as! Double == report["mae"] as! Double)
}

@Test func comparingSavedLogisticModels() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let data = CommandRunner.repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path
  #expect(try cli.run("fit", "logistic", data, "--target", "bought", "--exclude", "customer_id", "-o", "full.json").status == 0)
  #expect(try cli.run("fit", "logistic", data, "--target", "bought", "--features", "frequency", "-o", "small.json").status == 0)
  let compare = try cli.run("compare", "full.json", "small.json", "--data", data, "--format", "json")
  #expect(compare.status == 0, "\(compare.stderr)")
  let report = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as! [String: Any]
  let models = report["models"] as! [[String: Any]]
  #expect(report["winner"] as? String == "full.json")
  // The full model's in-sample log loss is −ℓ/n from its own fit: 1139.8154461093254 / 2357 (statsmodels).
  #expect(abs((models[0]["logLoss"] as! Double) - 1139.8154461093254 / 2357) < 1e-9)
  let difference = models[1]["logLossDifference"] as! Double, se = models[1]["logLossDifferenceStandardError"] as! Double
  #expect(abs(difference - ((models[1]["logLoss"] as! Double) - (models[0]["logLoss"] as! Double))) < 1e-12)
  #expect(difference > 2 * se && !(models[1]["withinNoise"] as! Bool))
  let mixed = try cli.run("compare", "full.json", "--data", data, "--kinds", "bg-nbd")
  #expect(mixed.status == 2)
}
