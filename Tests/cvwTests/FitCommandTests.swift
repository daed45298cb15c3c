import Foundation
import Testing

private let purchaseIntent = CommandRunner.repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path

@Test func fitInspectAndScoreEndToEnd() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fit = try cli.run("fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id", "-o", "m.json")
  #expect(fit.status == 0, "\(fit.stderr)")
  #expect(fit.stderr.contains("fitted logistic-regression on 2357 rows, 4 features"))
  let card = try cli.run("inspect", "m.json")
  #expect(card.status == 0)
  #expect(card.stdout.contains("frequency"))
  #expect(card.stdout.contains("log-likelihood -1139.8154"))
  let json = try cli.run("inspect", "m.json", "--format", "json")
  let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
  let parameters = parsed["parameters"] as! [[String: Any]]
  #expect(parameters.map { $0["name"] as! String } == ["intercept", "frequency", "recency", "T", "monetary_value"])
  // statsmodels Logit (Tests/ModelsTests/Fixtures/logistic_reference.json).
  #expect(abs((parameters[1]["estimate"] as! Double) - 0.20501503294671505) < 1e-9)
  #expect(abs((parameters[1]["standardError"] as! Double) - 0.04385762634255715) < 1e-9)
  let score = try cli.run("score", "m.json", purchaseIntent, "--id", "customer_id", "-o", "scores.csv")
  #expect(score.status == 0, "\(score.stderr)")
  let lines = try String(contentsOfFile: cli.path("scores.csv"), encoding: .utf8).split(separator: "\n")
  #expect(lines.count == 2358)
  #expect(lines[0] == "customer_id,probability")
  // Customer 1 (x = 2, t_x = 30.43, T = 38.86, m = 22.34): σ(η) with statsmodels' coefficients.
  let eta = 0.49860654714160335 + 0.20501503294671505 * 2 + 0.07255983919328939 * 30.43
    - 0.06947818217364073 * 38.86 + 0.0018145140340619585 * 22.34
  let first = lines[1].split(separator: ",")
  #expect(first[0] == "1")
  #expect(abs(Double(first[1])! - 1 / (1 + exp(-eta))) < 1e-9)
}

@Test func scoringIsAFilterFromStdinToStdout() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let data = "frequency,recency,T,monetary_value,bought\n2,30.43,38.86,22.34,1\n0,0,38.86,0,0\n1,1.71,38.86,11.77,0\n3,5,20,10,1\n"
  try cli.write("train.csv", data)
  #expect(try cli.run("fit", "logistic", "train.csv", "--target", "bought", "--penalty", "l2", "-o", "m.json").status == 0)
  let rows = "frequency,recency,T,monetary_value\n2,30.43,38.86,22.34\n0,0,38.86,0\n"
  let piped = try cli.run("score", "m.json", "-", stdin: rows)
  #expect(piped.status == 0, "\(piped.stderr)")
  try cli.write("rows.csv", rows)
  let fromFile = try cli.run("score", "m.json", "rows.csv", "-o", "-")
  #expect(piped.stdout == fromFile.stdout)
  let lines = piped.stdout.split(separator: "\n")
  #expect(lines.count == 3 && lines[0] == "probability")
}

@Test func nonConvergenceExitsWithStatus3AndWritesNothing() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fit = try cli.run("fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id",
                        "--max-iterations", "1", "-o", "m.json")
  #expect(fit.status == 3)
  #expect(fit.stderr.contains("did not converge after 1 iterations"))
  #expect(!cli.exists("m.json"))
}

@Test(arguments: [
  (["--features", "a", "--exclude", "b"], "cannot be combined"),
  (["--C", "2"], "--C sets the strength of a penalty"),
  (["--penalty", "l2", "--C", "0"], "--C must be a positive number"),
  (["--penalty", "l3"], "The value 'l3' is invalid for '--penalty <penalty>'"),
  (["--standardize"], "--standardize only changes what a penalty penalises"),
  (["--penalty", "l1", "--l1-ratio", "0.5"], "--l1-ratio sets the L1 share of --penalty elastic-net"),
  (["--penalty", "elastic-net", "--l1-ratio", "1.5"], "--l1-ratio must lie in [0, 1]"),
  (["--penalty", "l1", "--solver", "lbfgs"], "always uses proximal Newton"),
])
func usageErrorsExitWithStatus2(_ extra: [String], _ message: String) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fit = try cli.run(["fit", "logistic", purchaseIntent, "--target", "bought", "-o", "m.json"] + extra)
  #expect(fit.status == 2)
  #expect(fit.stderr.contains(message), "\(fit.stderr)")
  #expect(!cli.exists("m.json"))
}

@Test func separationIsReportedByColumn() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fixture = CommandRunner.repository.appendingPathComponent("Tests/ModelsTests/Fixtures/separation.csv").path
  let fit = try cli.run("fit", "logistic", fixture, "--target", "y", "-o", "m.json")
  #expect(fit.status == 2)
  #expect(fit.stderr.contains("complete separation: column 'leak' alone predicts 'y'"))
  #expect(!cli.exists("m.json"))
}

@Test func twoRowsCannotIdentifyTheModel() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("two.csv", "x,y\n1,0\n2,1\n")
  let fit = try cli.run("fit", "logistic", "two.csv", "--target", "y", "-o", "m.json")
  #expect(fit.status == 2)
  #expect(fit.stderr.contains("complete separation: column 'x' alone predicts 'y'"), "\(fit.stderr)")
  try cli.write("one.csv", "x,y\n1,0\n")
  let one = try cli.run("fit", "logistic", "one.csv", "--target", "y", "--penalty", "l2", "-o", "m.json")
  #expect(one.status == 2)
  #expect(one.stderr.contains("only one class"), "\(one.stderr)")
  #expect(!cli.exists("m.json"))
}

@Test func lassoZerosAreExactInTheModelCard() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  // make_sparse_fixtures.py's l1_C0.01_standardized: T and monetary_value are 0.
  let fit = try cli.run("fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id",
                        "--penalty", "l1", "--C", "0.01", "--standardize", "-o", "m.json")
  #expect(fit.status == 0, "\(fit.stderr)")
  #expect(fit.stderr.contains("proximal-newton"))
  let card = try cli.run("inspect", "m.json")
  #expect(card.stdout.contains("l1, C = 0.01, standardized features"), "\(card.stdout)")
  let rows = card.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
  #expect(rows.first { $0.first == "T" }?.dropFirst().first == "0")
  #expect(rows.first { $0.first == "monetary_value" }?.dropFirst().first == "0")
  let json = try cli.run("inspect", "m.json", "--format", "json")
  let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
  let parameters = parsed["parameters"] as! [[String: Any]]
  #expect(parameters.map { $0["estimate"] as! Double }[3...] == [0, 0])
  let configuration = parsed["configuration"] as! [String: Any]
  #expect(configuration["penalty"] as? String == "l1" && configuration["l1Ratio"] as? Double == 1)
  let score = try cli.run("score", "m.json", purchaseIntent, "--id", "customer_id", "-o", "scores.csv")
  #expect(score.status == 0, "\(score.stderr)")

  let net = try cli.run("fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id",
                        "--penalty", "elastic-net", "--C", "0.05", "--l1-ratio", "0.25", "-o", "n.json")
  #expect(net.status == 0, "\(net.stderr)")
  let netCard = try cli.run("inspect", "n.json", "--format", "json")
  let netParsed = try JSONSerialization.jsonObject(with: Data(netCard.stdout.utf8)) as! [String: Any]
  let netConfiguration = netParsed["configuration"] as! [String: Any]
  #expect(netConfiguration["penalty"] as? String == "elastic-net" && netConfiguration["l1Ratio"] as? Double == 0.25)
  #expect(try cli.run("inspect", "n.json").stdout.contains("elastic-net, C = 0.05, l1 ratio = 0.25"))
  // Files of the other penalties keep the key, null.
  #expect(try cli.run("fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id",
                      "--penalty", "l2", "-o", "r.json").status == 0)
  #expect(try String(contentsOfFile: cli.path("r.json"), encoding: .utf8).contains("\"l1Ratio\": null"))
}

@Test func crossValidationWithAGridSavesTheChosenModel() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let cv = try cli.run("cv", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id", "--stratify",
                       "--penalty", "l2", "--grid", "C=0.01,0.1,1,10", "--select", "one-se", "--format", "json", "-o", "m.json")
  #expect(cv.status == 0, "\(cv.stderr)")
  let report = try JSONSerialization.jsonObject(with: Data(cv.stdout.utf8)) as! [String: Any]
  #expect((report["folds"] as! [[String: Any]]).count == 5)
  let mean = report["mean"] as! [String: Double]
  // scikit-learn cross_validate, StratifiedKFold(5, shuffle=True): AUC 0.7786, log loss 0.4862 (cv_reference.json).
  #expect(abs(mean["auc"]! - 0.7786) < 0.005 && abs(mean["logLoss"]! - 0.4862) < 0.005)
  #expect((report["settings"] as! [Any]).count == 4)
  // Pooled out-of-fold deciles: every row once, gains reaching 1.
  let lift = report["lift"] as! [[String: Double]], calibration = report["calibration"] as! [[String: Double]]
  #expect(lift.count == 10 && calibration.count == 10)
  #expect(lift.reduce(0) { $0 + $1["count"]! } == 2357 && abs(lift[9]["cumulativeGain"]! - 1) < 1e-12)
  #expect(lift[0]["lift"]! > 2)
  let card = try JSONSerialization.jsonObject(with: Data(try cli.run("inspect", "m.json", "--format", "json").stdout.utf8)) as! [String: Any]
  let validation = card["validation"] as! [String: Any]
  #expect(validation["scheme"] as? String == "stratified-5-fold")
  #expect((validation["grid"] as! [Any]).count == 4)
  let bad = try cli.run("cv", "logistic", purchaseIntent, "--target", "bought", "--grid", "C=0.1")
  #expect(bad.status == 2 && bad.stderr.contains("--grid C=… needs a penalty"))
}
