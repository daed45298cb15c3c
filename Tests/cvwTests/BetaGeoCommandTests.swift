import Foundation
import Testing

private let summary = CommandRunner.repository.appendingPathComponent("notebooks-data/summary.csv").path

@Test func fitInspectAndScoreBetaGeo() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fit = try cli.run("fit", "bg-nbd", summary, "-o", "bg.json")
  #expect(fit.status == 0, "\(fit.stderr)")
  let card = try cli.run("inspect", "bg.json", "--format", "json")
  let parsed = try JSONSerialization.jsonObject(with: Data(card.stdout.utf8)) as! [String: Any]
  let parameters = parsed["parameters"] as! [[String: Any]]
  #expect(parameters.map { $0["name"] as! String } == ["r", "alpha", "a", "b"])
  // Fader, Hardie & Lee (2005): r 0.2426, ℓ −9582.43.
  #expect(abs((parameters[0]["estimate"] as! Double) - 0.2426) < 5e-5)
  #expect(abs((parsed["logLikelihood"] as! Double) + 9582.43) < 0.01)
  let score = try cli.run("score", "bg.json", summary, "--id", "customer_id", "--horizon", "39", "-o", "s.csv")
  #expect(score.status == 0, "\(score.stderr)")
  let lines = try String(contentsOfFile: cli.path("s.csv"), encoding: .utf8).split(separator: "\n")
  #expect(lines.count == 2358 && lines[0] == "customer_id,probability_alive,expected_purchases")
  // Customer 1: E[Y(39)] = 1.226 (FHL 2005).
  #expect(abs(Double(lines[1].split(separator: ",")[2])! - 1.226) < 5e-4)
  let noHorizon = try cli.run("score", "bg.json", summary)
  #expect(noHorizon.status == 2 && noHorizon.stderr.contains("needs --horizon"))
}

private let header = "customer_id,frequency,recency,T\n"

@Test(arguments: [
  ("non-integer frequency", "1,2.5,3,10\n", "data.csv:2:2: column 'frequency': expected a whole number of repeat purchases ≥ 0, found 2.5"),
  ("negative frequency", "1,-1,3,10\n", "data.csv:2:2: column 'frequency': expected a whole number of repeat purchases ≥ 0, found -1"),
  ("recency beyond T", "1,2,3,10\n2,1,12,10\n", "data.csv:3:3: column 'recency': recency 12 exceeds T = 10"),
  ("recency without repeat purchases", "1,0,3,10\n", "data.csv:2:3: column 'recency': recency 3 with frequency 0"),
  ("negative T", "1,0,0,-1\n", "data.csv:2:4: column 'T': expected an age T ≥ 0, found -1"),
  ("no repeat purchases", "1,0,0,10\n2,0,0,12\n", "no customer made a repeat purchase: BG/NBD is not identified"),
  ("header only", "", "no data rows"),
])
func badSummariesAreRefused(_ name: String, _ rows: String, _ message: String) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("data.csv", header + rows)
  let fit = try cli.run("fit", "bg-nbd", "data.csv", "-o", "bg.json")
  #expect(fit.status == 2, "\(name): \(fit.stderr)")
  #expect(fit.stderr.contains(message), "\(name): \(fit.stderr)")
  #expect(try cli.files() == ["data.csv"])
}

@Test func wholeNumbersWrittenAsDecimalsAreAccepted() throws {
  // pandas writes integer columns holding NaN as floats: "2.0".
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let lines = try String(contentsOfFile: summary, encoding: .utf8).split(separator: "\n")
  var decimals = String(lines[0]) + "\n"
  for line in lines.dropFirst() {
    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[1] += ".0"
    decimals += fields.joined(separator: ",") + "\n"
  }
  try cli.write("data.csv", decimals)
  let fit = try cli.run("fit", "bg-nbd", "data.csv", "-o", "bg.json")
  #expect(fit.status == 0, "\(fit.stderr)")
  #expect(fit.stderr.contains("r 0.2425929"), "\(fit.stderr)")
}

@Test(arguments: [
  // Fader & Hardie (Pareto/NBD): r 0.553, ℓ −9594.98 (BTYD); BTYDplus/lifetimes (MBG/NBD): r 0.525.
  ("pareto-nbd", ["r", "alpha", "s", "beta"], 0.553, -9594.98),
  ("mbg-nbd", ["r", "alpha", "a", "b"], 0.525, nil),
])
func fitInspectAndScoreOtherPurchaseModels(_ kind: String, _ names: [String], _ r: Double, _ logLikelihood: Double?) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let fit = try cli.run("fit", kind, summary, "-o", "m.json")
  #expect(fit.status == 0, "\(fit.stderr)")
  #expect(fit.stderr.contains("cvw: fitted \(kind) on 2357 rows"), "\(fit.stderr)")
  let card = try cli.run("inspect", "m.json", "--format", "json")
  let parsed = try JSONSerialization.jsonObject(with: Data(card.stdout.utf8)) as! [String: Any]
  #expect(parsed["kind"] as? String == kind)
  let parameters = parsed["parameters"] as! [[String: Any]]
  #expect(parameters.map { $0["name"] as! String } == names)
  #expect(abs((parameters[0]["estimate"] as! Double) - r) < 5e-4)
  #expect(parameters.allSatisfy { ($0["standardError"] as? Double ?? 0) > 0 })
  if let logLikelihood { #expect(abs((parsed["logLikelihood"] as! Double) - logLikelihood) < 0.01) }
  let text = try cli.run("inspect", "m.json")
  #expect(text.status == 0 && text.stdout.contains("kind            \(kind)"), "\(text.stdout)")
  let score = try cli.run("score", "m.json", summary, "--id", "customer_id", "--horizon", "39", "-o", "s.csv")
  #expect(score.status == 0, "\(score.stderr)")
  let lines = try String(contentsOfFile: cli.path("s.csv"), encoding: .utf8).split(separator: "\n")
  #expect(lines.count == 2358 && lines[0] == "customer_id,probability_alive,expected_purchases")
  for line in lines.dropFirst() {
    let fields = line.split(separator: ",")
    let (alive, expected) = (Double(fields[1])!, Double(fields[2])!)
    #expect(alive >= 0 && alive <= 1 && expected >= 0 && expected.isFinite, "\(line)")
  }
  let noHorizon = try cli.run("score", "m.json", summary)
  #expect(noHorizon.status == 2 && noHorizon.stderr.contains("scoring a \(kind) model needs --horizon"))
  try cli.write("bad.csv", "customer_id,frequency,recency,T\n1,2,12,10\n")
  let bad = try cli.run("fit", kind, "bad.csv", "-o", "b.json")
  #expect(bad.status == 2 && bad.stderr.contains("bad.csv:2:3: column 'recency': recency 12 exceeds T = 10"), "\(bad.stderr)")
}

@Test func scoresAreTheSameBytesForAnyThreadCount() throws {
  // Chunks of 2000 rows in blocks scored and formatted in parallel: the file
  // must not depend on how many threads did the work.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  #expect(try cli.run("fit", "bg-nbd", summary, "-o", "bg.json").status == 0)
  var outputs: [String] = []
  for threads in ["1", "2", "3"] {
    let score = try cli.run(
      ["score", "bg.json", summary, "--id", "customer_id", "--horizon", "39", "--chunk-rows", "2000", "-o", "s\(threads).csv"],
      environment: ["CVW_THREADS": threads])
    #expect(score.status == 0, "\(score.stderr)")
    outputs.append(try String(contentsOfFile: cli.path("s\(threads).csv"), encoding: .utf8))
  }
  #expect(outputs[0].split(separator: "\n").count == 2358)
  #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
}
