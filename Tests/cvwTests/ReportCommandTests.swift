import Foundation
import Testing

private let repository = CommandRunner.repository
private let purchaseIntent = repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path
private let transactions = repository.appendingPathComponent("notebooks-data/transactions.csv").path
private let summary = repository.appendingPathComponent("notebooks-data/summary.csv").path

/// Fits the demo's models into the scratch directory: the purchase-intent
/// logistic model, and BG/NBD and Gamma-Gamma on a CDNOW summary with
/// holdout columns.
private func fitDemoModels(_ cli: CommandRunner) throws {
  for arguments in [
    ["fit", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id", "-o", "intent.json"],
    ["summarize", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
     "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "-o", "cdnow.csv"],
    ["fit", "bg-nbd", "cdnow.csv", "-o", "bg.json"],
    ["fit", "gamma-gamma", "cdnow.csv", "-o", "gg.json"],
  ] {
    let outcome = try cli.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1795305600"])
    #expect(outcome.status == 0, "\(arguments[0]): \(outcome.stderr)")
  }
}

/// The `data-chart` names in a page, in order.
private func chartNames(_ html: String) -> [String] {
  html.components(separatedBy: "data-chart=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

@Test func reportOfTwoModelsIsSelfContainedAndReproducible() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitDemoModels(cli)
  let arguments = [
    "report", "intent.json", purchaseIntent, "bg.json", "cdnow.csv", "--transactions", transactions,
    "--calibration-end", "1997-09-30", "--spend", "gg.json", "--horizon", "12", "--title", "Demo's report", "-o", "report.html",
  ]
  let first = try cli.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1795305600"])
  #expect(first.status == 0, "\(first.stderr)")
  let html = try String(contentsOfFile: cli.path("report.html"), encoding: .utf8)
  #expect(chartNames(html) == [
    "roc", "pr", "calibration", "gains", "lift", "coefficients", "score-histogram",
    "period-transactions", "holdout", "frequency-recency", "alive", "cumulative-transactions", "clv-distribution", "pareto",
  ])
  #expect(html.contains("end of calibration"))
  #expect(html.contains("<meta charset=\"utf-8\"/>"))
  let lower = html.lowercased()
  #expect(!lower.contains("<script") && !lower.contains("http:") && !lower.contains("https:") && !lower.contains("url("))
  // The header: the command line as typed, with the program called cvw, and the time stamp from SOURCE_DATE_EPOCH.
  // (an argument with a space or quote is quoted for a POSIX shell)
  #expect(html.contains(
    "<code>cvw report intent.json \(purchaseIntent) bg.json cdnow.csv --transactions \(transactions) --calibration-end 1997-09-30 "
      + "--spend gg.json --horizon 12 --title 'Demo'\\''s report' -o report.html</code>"))
  #expect(html.contains("<title>Demo's report</title>"))
  #expect(html.contains("2026-11-22T00:00:00Z"))
  // Both model cards with their data fingerprints.
  #expect(html.components(separatedBy: "<dt>training data</dt>").count == 3)
  #expect(html.contains("<td>frequency</td>") && html.contains("<td>alpha</td>"))
  // Byte-identical when run again.
  let second = try cli.run(arguments, environment: ["SOURCE_DATE_EPOCH": "1795305600"])
  #expect(second.status == 0)
  #expect(try Data(contentsOf: URL(fileURLWithPath: cli.path("report.html"))) == Data(html.utf8))
}

@Test func reportShowsTheCrossValidationBlock() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let cv = try cli.run(
    "cv", "logistic", purchaseIntent, "--target", "bought", "--exclude", "customer_id", "--folds", "3", "-o", "cv.json")
  #expect(cv.status == 0, "\(cv.stderr)")
  let report = try cli.run("report", "cv.json", purchaseIntent, "-o", "-")
  #expect(report.status == 0, "\(report.stderr)")
  #expect(report.stdout.contains("<h2>Cross-validation</h2>"))
  #expect(report.stdout.contains("<caption>Cross-validation: 3-fold, 3 folds, seed 42; mean and standard deviation over folds</caption>"))
  #expect(report.stdout.contains("<td>auc</td>"))
}

@Test func plotWritesOneStandaloneChart() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitDemoModels(cli)
  let roc = try cli.run("plot", "roc", "intent.json", purchaseIntent, "-o", "-")
  #expect(roc.status == 0 && roc.stdout.contains("AUC 0.780"), "\(roc.stderr)")
  let lift = try cli.run("plot", "lift", "intent.json", purchaseIntent, "-o", "lift.svg")
  #expect(lift.status == 0, "\(lift.stderr)")
  let svg = try String(contentsOfFile: cli.path("lift.svg"), encoding: .utf8)
  #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cvw-chart\" data-chart=\"lift\""))
  let holdout = try cli.run("plot", "holdout", "bg.json", "cdnow.csv", "-o", "-")
  #expect(holdout.status == 0, "\(holdout.stderr)")
  #expect(holdout.stdout.contains("data-chart=\"holdout\"") && holdout.stdout.contains("data-series=\"bg-nbd prediction\""))
  // A spend model alone: the distribution of its expected spend per purchase, and nothing that adds values up.
  let spend = try cli.run("report", "gg.json", "cdnow.csv", "-o", "-")
  #expect(spend.status == 0 && chartNames(spend.stdout) == ["clv-distribution"], "\(spend.stderr)")
  let spendPareto = try cli.run("plot", "pareto", "gg.json", "cdnow.csv", "-o", "-")
  #expect(spendPareto.status == 2 && spendPareto.stderr.contains("charts for it: clv-distribution"), "\(spendPareto.stderr)")
  let value = try cli.run("plot", "clv-distribution", "bg.json", "cdnow.csv", "--spend", "gg.json", "--horizon", "12", "-o", "clv.svg")
  #expect(value.status == 0, "\(value.stderr)")
  // The Pareto curve from a file of values joined on customer_id: 4 customers worth 70, 20, 10, 0; the top 20% (0.8 of
  // a customer) hold 56%.
  let four = try cli.write("four.csv", "customer_id,frequency,recency,T\n1,1,5,10\n2,2,8,10\n3,0,0,10\n4,1,3,10\n")
  let values = try cli.write("values.csv", "customer_id,clv\n4,20\n1,10\n3,0\n2,70\n")
  let pareto = try cli.run("plot", "pareto", "bg.json", four, "--clv", values, "-o", "-")
  #expect(pareto.status == 0, "\(pareto.stderr)")
  #expect(pareto.stdout.contains(">the top 20% hold 56%</text>"), "\(pareto.stdout.prefix(2000))")
}

@Test func reportAndPlotRefuseBadInputsAndWriteNothing() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitDemoModels(cli)
  let noTarget = try cli.write("no-target.csv", "frequency,recency,T,monetary_value\n1,2,3,4\n")
  let badRow = try cli.write("bad.csv", "frequency,recency,T\n1,2,3\n1,5,3\n")
  let negative = try cli.write("negative.csv", "customer_id,clv\n1,10\n2,-3\n")
  let before = try cli.files()
  // A chart of another model kind: a usage error listing the charts that apply.
  let wrongKind = try cli.run("plot", "holdout", "intent.json", purchaseIntent, "-o", "x.svg")
  #expect(wrongKind.status == 2)
  #expect(wrongKind.stderr.contains("chart 'holdout' does not apply to intent.json; charts for it: roc, pr, calibration"), "\(wrongKind.stderr)")
  // The holdout chart without holdout columns.
  let noHoldout = try cli.run("plot", "holdout", "bg.json", summary, "-o", "x.svg")
  #expect(noHoldout.status == 2 && noHoldout.stderr.contains("needs holdout columns"), "\(noHoldout.stderr)")
  let badValue = try cli.run("report", "bg.json", summary, "--clv", negative, "-o", "r.html")
  #expect(badValue.status == 2 && badValue.stderr.contains("negative.csv:3"), "\(badValue.stderr)")
  let noLog = try cli.run("plot", "cumulative-transactions", "bg.json", summary, "-o", "x.svg")
  #expect(noLog.status == 2 && noLog.stderr.contains("needs the transaction log"), "\(noLog.stderr)")
  let logForLogistic = try cli.run("report", "intent.json", purchaseIntent, "--transactions", transactions, "-o", "r.html")
  #expect(logForLogistic.status == 2 && logForLogistic.stderr.contains("--transactions tracks a purchase model"))
  let badDate = try cli.run("report", "bg.json", summary, "--transactions", transactions, "--calibration-end", "1997-13-01", "-o", "r.html")
  #expect(badDate.status == 2 && badDate.stderr.contains("--calibration-end"), "\(badDate.stderr)")
  let noCustomer = try cli.run("report", "bg.json", summary, "--transactions", transactions, "--customer", "id", "-o", "r.html")
  #expect(noCustomer.status == 2 && noCustomer.stderr.contains("transactions.csv"), "\(noCustomer.stderr)")
  // Data without the model's target column.
  let missing = try cli.run("report", "intent.json", noTarget, "-o", "r.html")
  #expect(missing.status == 2 && missing.stderr.contains("no-target.csv"), "\(missing.stderr)")
  // A bad summary row: file, line and column named.
  let bad = try cli.run("report", "bg.json", badRow, "-o", "r.html")
  #expect(bad.status == 2 && bad.stderr.contains("bad.csv:3"), "\(bad.stderr)")
  // Pairs, spend without a purchase model, a missing model file, an unknown chart.
  #expect(try cli.run("report", "intent.json", "-o", "r.html").status == 2)
  let spend = try cli.run("report", "intent.json", purchaseIntent, "--spend", "gg.json", "--horizon", "12", "-o", "r.html")
  #expect(spend.status == 2 && spend.stderr.contains("none was given"), "\(spend.stderr)")
  // The valuation options of cvw clv: --spend needs --horizon; summaries come in days, weeks or months.
  let noHorizon = try cli.run("report", "bg.json", summary, "--spend", "gg.json", "-o", "r.html")
  #expect(noHorizon.status == 2, "\(noHorizon.stderr)")
  #expect(noHorizon.stderr.contains("a lifetime value needs --spend and --horizon together"), "\(noHorizon.stderr)")
  let quarters = try cli.run("plot", "pareto", "bg.json", summary, "--spend", "gg.json", "--horizon", "4", "--time-unit", "quarter",
                             "-o", "x.svg")
  #expect(quarters.status == 2 && quarters.stderr.contains("'quarter' is invalid for '--time-unit"), "\(quarters.stderr)")
  let noDiscount = try cli.run("plot", "pareto", "bg.json", summary, "--spend", "gg.json", "--horizon", "4", "--discount=-1",
                               "-o", "x.svg")
  #expect(noDiscount.status == 2 && noDiscount.stderr.contains("--discount must be ≥ 0"), "\(noDiscount.stderr)")
  #expect(try cli.run("report", "absent.json", purchaseIntent, "-o", "r.html").status == 2)
  #expect(try cli.run("plot", "pie", "intent.json", purchaseIntent, "-o", "x.svg").status == 2)
  #expect(try cli.files() == before)
}

/// The "Customer value" section of a report page.
private func valueSection(_ html: String) throws -> Substring {
  let start = try #require(html.range(of: "<section id=\"value\">"))
  let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
  return html[start.lowerBound..<end.upperBound]
}

@Test(arguments: [
  ["--horizon", "12", "--discount", "0.01"],
  ["--horizon", "6", "--unit", "quarter", "--discount", "0.02", "--continuous", "--margin", "0.3"],
  ["--horizon", "52", "--unit", "week", "--time-unit", "day", "--units-per-period", "7.5"],
])
func reportValuesCustomersAsCLVDoes(_ valuation: [String]) throws {
  // `cvw report --spend` and `cvw clv` take the same valuation options and value the CDNOW customers alike: the
  // report's value section equals, bit for bit, the section drawn from `cvw clv`'s output with --clv (joined on
  // customer_id; CSV numbers round-trip exactly), but for the label.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitDemoModels(cli)
  let clv = try cli.run(
    ["clv", "--purchases", "bg.json", "--spend", "gg.json", "cdnow.csv", "--id", "customer_id", "-o", "clv.csv"] + valuation)
  #expect(clv.status == 0, "\(clv.stderr)")
  let fromCLV = try cli.run("report", "bg.json", "cdnow.csv", "--clv", "clv.csv", "-o", "-")
  #expect(fromCLV.status == 0, "\(fromCLV.stderr)")
  let fromSpend = try cli.run(["report", "bg.json", "cdnow.csv", "--spend", "gg.json", "-o", "-"] + valuation)
  #expect(fromSpend.status == 0, "\(fromSpend.stderr)")
  let horizon = valuation[1], unit = valuation.firstIndex(of: "--unit").map { valuation[$0 + 1] } ?? "month"
  let label = "\(horizon)-\(unit) CLV"
  let section = try valueSection(fromSpend.stdout)
  #expect(section.contains("customers, total \(label) "))
  #expect(section.replacingOccurrences(of: label, with: "CLV") == String(try valueSection(fromCLV.stdout)))
}

/// A bg-nbd model fitted on the CDNOW summary, in the scratch directory as bg.json.
private func fitBetaGeo(_ cli: CommandRunner) throws {
  let fit = try cli.run("fit", "bg-nbd", summary, "-o", "bg.json")
  #expect(fit.status == 0, "\(fit.stderr)")
}

@Test func heatmapsStaySmallForLongAndHugeAges() throws {
  // Recency rows are bounded as the frequency columns are: an age of 100000 units (a daily summary over centuries)
  // or 1e19 units gives 101 rows evenly spaced from 0 to T (3 frequency columns: 303 cells), not 100001 rows or a
  // crash; a frequency of 1e19 is shown up to 100 (and pooled in "7+").
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitBetaGeo(cli)
  let long = try cli.write("long.csv", "customer_id,frequency,recency,T\n1,2,50000,100000\n2,0,0,100000\n")
  let huge = try cli.write("huge.csv", "customer_id,frequency,recency,T\n1,2,1e18,1e19\n2,0,0,1e19\n")
  for (data, step) in [(long, "1000"), (huge, "100000000000000000")] {
    for chart in ["alive", "frequency-recency"] {
      let plot = try cli.run("plot", chart, "bg.json", data, "-o", "-")
      #expect(plot.status == 0, "\(chart) \(data): \(plot.stderr)")
      #expect(plot.stdout.components(separatedBy: "class=\"cell").count - 1 == 303)
      #expect(plot.stdout.contains("rows every \(step))"))
      #expect(plot.stdout.utf8.count < 100_000)
    }
  }
  let heavy = try cli.write("heavy.csv", "customer_id,frequency,recency,T\n1,1e19,30,38\n2,0,0,38\n")
  let periods = try cli.run("plot", "period-transactions", "bg.json", heavy, "-o", "-")
  #expect(periods.status == 0 && periods.stdout.contains(">7+</text>"), "\(periods.stderr)")
  let alive = try cli.run("plot", "alive", "bg.json", heavy, "-o", "-")
  #expect(alive.status == 0, "\(alive.stderr)")
  #expect(alive.stdout.components(separatedBy: "class=\"cell").count - 1 == 101 * 39)
  #expect(!alive.stdout.contains("rows every"))
}

@Test func valueChartsTakeZerosAndHugeValues() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitBetaGeo(cli)
  let five = try cli.write(
    "five.csv", "customer_id,frequency,recency,T\n1,1,5,10\n2,2,8,10\n3,0,0,10\n4,1,3,10\n5,3,9,10\n")
  // More than 1% worth 0: the zeros share the first bar, at the smallest positive value, on the log axis.
  let zeros = try cli.write("zeros.csv", "customer_id,clv\n1,0\n2,0\n3,5\n4,0\n5,10\n")
  let distribution = try cli.run("plot", "clv-distribution", "bg.json", five, "--clv", zeros, "-o", "-")
  #expect(distribution.status == 0, "\(distribution.stderr)")
  #expect(distribution.stdout.contains("Distribution of CLV (the 3 lowest in the first bar, 3 of them 0)"))
  let report = try cli.run("report", "bg.json", five, "--clv", zeros, "-o", "-")
  #expect(report.status == 0 && chartNames(report.stdout).suffix(2) == ["clv-distribution", "pareto"], "\(report.stderr)")
  // Values beyond Int64 are written in exponent form: a tick at 1e300.
  let huge = try cli.write("huge.csv", "customer_id,clv\n1,1e300\n2,1\n3,5\n4,2e299\n5,10\n")
  let hugePlot = try cli.run("plot", "clv-distribution", "bg.json", five, "--clv", huge, "-o", "-")
  #expect(hugePlot.status == 0 && hugePlot.stdout.contains(">1e300</text>"), "\(hugePlot.stderr)")
  let hugeReport = try cli.run("report", "bg.json", five, "--clv", huge, "-o", "-")
  #expect(hugeReport.status == 0, "\(hugeReport.stderr)")
  // Finite values whose total overflows: a data error, not a crash.
  let overflow = try cli.write("overflow.csv", "customer_id,clv\n1,1e308\n2,1e308\n3,1e308\n4,1\n5,1\n")
  let refused = try cli.run("report", "bg.json", five, "--clv", overflow, "-o", "r.html")
  #expect(refused.status == 2, "\(refused.stderr)")
  #expect(refused.stderr.contains("overflow.csv: column 'clv': the values of 'clv' add up to more than ≈ 1.8e308"), "\(refused.stderr)")
  #expect(!cli.exists("r.html"))
}

@Test func reportRefusesEmptySummariesAndBadHoldoutsAndJoinsCLVOnIDs() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try fitBetaGeo(cli)
  let empty = try cli.write("empty.csv", "customer_id,frequency,recency,T\n")
  let negativeDuration = try cli.write(
    "duration.csv", "customer_id,frequency,recency,T,frequency_holdout,duration_holdout\n1,1,5,10,0,39\n2,2,8,10,1,-39\n")
  let negativePurchases = try cli.write(
    "purchases.csv", "customer_id,frequency,recency,T,frequency_holdout,duration_holdout\n1,1,5,10,-1,39\n2,2,8,10,1,39\n")
  let two = try cli.write("two.csv", "id,frequency,recency,T\n7,1,5,10\n8,2,8,10\n")
  let missing = try cli.write("missing.csv", "id,clv\n7,10\n9,20\n")
  let repeated = try cli.write("repeated.csv", "id,clv\n7,10\n8,20\n7,30\n")
  let before = try cli.files()
  for command in [["report", "bg.json", empty, "-o", "r.html"], ["plot", "alive", "bg.json", empty, "-o", "x.svg"]] {
    let outcome = try cli.run(command)
    #expect(outcome.status == 2 && outcome.stderr.contains("empty.csv: has a header but no rows"), "\(outcome.stderr)")
  }
  let duration = try cli.run("report", "bg.json", negativeDuration, "-o", "r.html")
  #expect(duration.status == 2, "\(duration.stderr)")
  #expect(duration.stderr.contains("duration.csv:3:6: column 'duration_holdout': expected holdout duration ≥ 0, found -39"),
          "\(duration.stderr)")
  let purchases = try cli.run("report", "bg.json", negativePurchases, "-o", "r.html")
  #expect(purchases.status == 2, "\(purchases.stderr)")
  #expect(purchases.stderr.contains("purchases.csv:2:5: column 'frequency_holdout': expected holdout purchases ≥ 0, found -1"),
          "\(purchases.stderr)")
  // --clv is joined on --id: a customer of DATA missing from it, or an id it repeats, is an error.
  let noRow = try cli.run("report", "bg.json", two, "--clv", missing, "--id", "id", "-o", "r.html")
  #expect(noRow.status == 2 && noRow.stderr.contains("two.csv:3:1: column 'id': customer '8' has no row in"), "\(noRow.stderr)")
  let twice = try cli.run("report", "bg.json", two, "--clv", repeated, "--id", "id", "-o", "r.html")
  #expect(twice.status == 2 && twice.stderr.contains("repeated.csv:4:1: column 'id': customer '7' appears twice"),
          "\(twice.stderr)")
  let noID = try cli.run("report", "bg.json", two, "--clv", repeated, "-o", "r.html")
  #expect(noID.status == 2 && noID.stderr.contains("customer_id"), "\(noID.stderr)")
  #expect(try cli.files() == before)
  // In any order, with extra customers (left out, with a note): each customer gets her own value.
  let shuffled = try cli.write("shuffled.csv", "id,clv\n9,1000\n8,30\n7,10\n")
  let joined = try cli.run("report", "bg.json", two, "--clv", shuffled, "--id", "id", "-o", "-")
  #expect(joined.status == 0, "\(joined.stderr)")
  #expect(joined.stdout.contains("2 customers, total CLV 40, mean 20"), "\(joined.stdout)")
  #expect(joined.stderr.contains("1 customers of"), "\(joined.stderr)")
}

@Test func reportAndPlotReadStdinForOneInputOnly() throws {
  // A usage error before any file is read, so the model files need not exist.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  for arguments in [
    ["report", "bg.json", "-", "--clv", "-", "-o", "r.html"],
    ["report", "bg.json", "-", "--transactions", "-", "-o", "r.html"],
    ["report", "bg.json", "-", "bg.json", "-", "-o", "r.html"],
    ["plot", "pareto", "bg.json", "-", "--clv", "-", "-o", "x.svg"],
  ] {
    let run = try cli.run(arguments, stdin: "customer_id,clv\na,1\n")
    #expect(run.status == 2, "\(arguments): \(run.stderr)")
    #expect(run.stderr.contains("only one input can be read from stdin (-)"), "\(arguments): \(run.stderr)")
    #expect(try cli.files().isEmpty, "nothing written")
  }
}
