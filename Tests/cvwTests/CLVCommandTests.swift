import Foundation
import Testing

private let summary = CommandRunner.repository.appendingPathComponent("notebooks-data/summary.csv").path

@Test func spendModelAndLifetimeValueEndToEnd() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let gg = try cli.run("fit", "gamma-gamma", summary, "-o", "gg.json")
  #expect(gg.status == 0, "\(gg.stderr)")
  #expect(gg.stderr.contains("1411 customers without repeat purchases or with mean spend ≤ 0 are left out"))
  let card = try JSONSerialization.jsonObject(with: Data(try cli.run("inspect", "gg.json", "--format", "json").stdout.utf8)) as! [String: Any]
  // Fader & Hardie (2013) / CLVTools on CDNOW: p 6.2488, q 3.7446, v 15.4477, ℓ −4055.92.
  let estimates = (card["parameters"] as! [[String: Any]]).map { $0["estimate"] as! Double }
  for (value, published) in zip(estimates, [6.2488, 3.7446, 15.4477]) { #expect(abs(value - published) < 1e-4 * published) }
  #expect(abs((card["logLikelihood"] as! Double) + 4055.92) < 0.01)
  #expect(try cli.run("fit", "bg-nbd", summary, "-o", "bg.json").status == 0)
  // lifetimes' customer_lifetime_value(time=12, discount_rate=0.01, freq="W"): months of 4.345 weeks.
  let clv = try cli.run("clv", "--purchases", "bg.json", "--spend", "gg.json", summary, "--horizon", "12",
                        "--discount", "0.01", "--units-per-period", "4.345", "--id", "customer_id", "-o", "clv.csv")
  #expect(clv.status == 0, "\(clv.stderr)")
  let lines = try String(contentsOfFile: cli.path("clv.csv"), encoding: .utf8).split(separator: "\n")
  #expect(lines[0] == "customer_id,probability_alive,expected_purchases,expected_spend,clv")
  #expect(lines.count == 2358)
  // Customer 1: 36.2784964397881 in clv_reference.json (at lifetimes' own parameters, within ~1e-8 of ours).
  #expect(abs(Double(lines[1].split(separator: ",")[4])! - 36.2784964397881) < 1e-5)
  let spend = try cli.run("score", "gg.json", summary, "--id", "customer_id")
  #expect(spend.stdout.hasPrefix("customer_id,expected_spend\n1,24.6586"), "\(spend.stdout.prefix(80))")
}

@Test func lifetimeValueRefusesTheWrongModels() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  #expect(try cli.run("fit", "bg-nbd", summary, "-o", "bg.json").status == 0)
  let swapped = try cli.run("clv", "--purchases", "bg.json", "--spend", "bg.json", summary, "--horizon", "12")
  #expect(swapped.status == 2)
  #expect(swapped.stderr.contains("--spend needs a gamma-gamma model file"), "\(swapped.stderr)")
  let badHorizon = try cli.run("clv", "--purchases", "bg.json", "--spend", "bg.json", summary, "--horizon", "0")
  #expect(badHorizon.status == 2 && badHorizon.stderr.contains("--horizon must be at least 1"))
  // Summaries come in days, weeks or months (cvw summarize --unit); another unit is given by --units-per-period.
  let quarters = try cli.run("clv", "--purchases", "bg.json", "--spend", "bg.json", summary, "--horizon", "4", "--time-unit", "quarter")
  #expect(quarters.status == 2, "\(quarters.stderr)")
  #expect(quarters.stderr.contains("The value 'quarter' is invalid for '--time-unit <time-unit>'. Please provide one of 'day', 'week' or 'month'."))
  let noHorizon = try cli.run("clv", "--purchases", "bg.json", "--spend", "bg.json", summary)
  #expect(noHorizon.status == 2 && noHorizon.stderr.contains("a lifetime value needs --purchases, --spend and --horizon together"))
}
