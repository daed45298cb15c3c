import Foundation
import Testing

private let transactions = CommandRunner.repository.appendingPathComponent("notebooks-data/transactions.csv").path
private let quartersFixture = CommandRunner.repository
  .appendingPathComponent("Tests/ModelsTests/Fixtures/kpi_cdnow_quarters.csv").path

/// The log of CustomerKPIsTests (same rows, ids A–E), whose January–March
/// 2024 KPIs are computed by hand there: E = 2, 2, 2; new 1, 0, 1;
/// reactivated 0, 1, 1; S = 2, 2, 2; CRR 0.5, 0.5, 0; AOV 80/3, 70/3, 25;
/// frequency 1.5, 1.5, 1; lifetime 2, 2, 1; historical CLV 80, 70, 25.
private let smallLog = """
  id,day,spend
  E,2024-03-15,12
  A,2024-01-20,15
  A,2024-01-03,20
  B,2024-01-10,40
  C,2024-02-02,35
  A,2023-12-05,10
  C,2023-11-20,50
  D,2023-12-24,60
  A,2024-03-02,30
  C,2024-02-01,25
  A,2024-01-03,5
  B,2024-02-14,10
  E,2024-03-15,8

  """

private let logArguments = ["kpi", "log.csv", "--customer", "id", "--date", "day", "--amount", "spend"]
private let months = ["--period", "month", "--from", "2024-01-01", "--to", "2024-03-31"]

/// The CSV as rows of fields (no quoting in these files; CDNOW's rows end
/// in CRLF, one Character).
private func rows(_ text: String) -> [[String]] {
  text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite struct KPICommandTests {
  @Test func cdnowQuartersOf1997MatchPandas() throws {
    // make_kpi_fixtures.py: the same definitions in pandas.
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run("kpi", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
                          "--period", "quarter", "--from", "1997-01-01", "--to", "1997-12-31", "--format", "csv")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr == "cvw: CRR, churn, lifetime and historical CLV are undefined for 1997-Q1: "
      + "no customer was active in the quarter before (S = 0)\n")
    let output = rows(run.stdout), reference = rows(try String(contentsOfFile: quartersFixture, encoding: .utf8))
    #expect(output.count == 5 && reference.count == 5)
    #expect(output.map { $0[0] } == reference.map { $0[0] })
    #expect(output.dropFirst().map { [$0[1], $0[2], $0[3]] } == [
      ["1997-01-01", "1997-03-31", "false"], ["1997-04-01", "1997-06-30", "false"],
      ["1997-07-01", "1997-09-30", "false"], ["1997-10-01", "1997-12-31", "false"],
    ])
    // Every reference column, by name; empty cells (undefined) must match.
    for (j, name) in reference[0].enumerated().dropFirst() {
      let k = try #require(output[0].firstIndex(of: name), "column \(name)")
      for r in 1..<min(output.count, reference.count) {
        let expected = reference[r][j], found = output[r][k]
        if expected.isEmpty || found.isEmpty {
          #expect(expected == found, "\(name) \(reference[r][0])")
        } else {
          let e = Double(expected)!, f = Double(found)!
          #expect(abs(e - f) <= 1e-12 * max(1, abs(e)), "\(name) \(reference[r][0]): \(f) vs \(e)")
        }
      }
    }
  }

  @Test func textTableShowsKPIsDownAndPeriodsAcross() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    let run = try cli.run(logArguments + months)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "customer KPIs per month: log.csv, 13 transactions, 5 customers, 2023-11-20 to 2024-03-15")
    // The hand-computed values (CustomerKPIsTests); March is partial (*).
    #expect(Array(lines[2...17]) == [
      "                           2024-01  2024-02  2024-03*",
      "active customers E               2        2         2",
      "new customers                    1        0         1",
      "reactivated customers            0        1         1",
      "retained customers R             1        1         0",
      "customers at start S             2        2         2",
      "retention rate CRR           50.0%    50.0%      0.0%",
      "churn rate                   50.0%    50.0%    100.0%",
      "repeat customers                 1        1         0",
      "repeat-purchase rate         50.0%    50.0%      0.0%",
      "orders                           3        3         2",
      "revenue                      80.00    70.00     50.00",
      "average order value          26.67    23.33     25.00",
      "purchase frequency           1.500    1.500     1.000",
      "average lifetime (months)    2.000    2.000     1.000",
      "historical CLV               80.00    70.00     25.00",
    ])
    #expect(lines.contains("* the log covers only part of the period"))
    #expect(run.stderr == "cvw: the log (2023-11-20 to 2024-03-15) covers only part of 2024-03\n")
  }

  @Test func jsonHasNullsForUndefinedKPIsAndCSACFromASpendFile() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    // 90 + 10 in January, nothing in February, 40 in March; 1 row outside.
    try cli.write("spend.csv", "date,amount,channel\n2024-01-02,90,search\n2024-01-31,10,tv\n2024-03-31,40,tv\n2024-04-01,5,tv\n")
    let run = try cli.run(logArguments + months + ["--marketing-spend-file", "spend.csv", "--format", "json",
                                                   "-o", "kpi.json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("cvw: CAC is undefined for 2024-02: no new customer\n"))
    #expect(run.stderr.contains("cvw: 1 row of spend.csv is dated outside the reported periods and ignored\n"))
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.path("kpi.json"))))
    let object = try #require(json as? [String: Any])
    #expect(object["periodUnit"] as? String == "month")
    let periods = try #require(object["periods"] as? [[String: Any]])
    #expect(periods.map { $0["period"] as? String } == ["2024-01", "2024-02", "2024-03"])
    #expect(periods.map { $0["retentionRate"] as? Double } == [0.5, 0.5, 0])
    #expect(periods.map { $0["reactivatedCustomers"] as? Int } == [0, 1, 1])
    #expect(periods.map { $0["marketingSpend"] as? Double } == [100, 0, 40])
    // CAC = 100/1 and 40/1; February has no new customer: null, not NaN or ∞.
    #expect(periods[0]["acquisitionCost"] as? Double == 100 && periods[2]["acquisitionCost"] as? Double == 40)
    #expect(periods[1]["acquisitionCost"] is NSNull)
    #expect(periods.map { $0["partial"] as? Bool } == [false, false, true])
  }

  @Test func withoutAPeriodOrARangeTheLogIsReportedPerQuarter() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    // Neither --period nor --from/--to: quarters, so that every quarter but the first has customers at start.
    // 2023-Q4: C (11-20), A (12-05), D (12-24) active, all new; nothing in Q3: S = 0, CRR and churn empty; the log
    // starts on 11-20, after the first day of both Q4 and its baseline Q3 (partial, partial baseline).
    // 2024-Q1: A (3 days), B (2), C (2), E (1): E = 4; new B, E; retained A, C; S = 3 (C, A, D); CRR 2/3;
    // repeat A, B, C → 3/4; orders 8, frequency 2; lifetime 1/(1/3) = 3; the log ends on 03-15 (partial).
    let run = try cli.run("kpi", "log.csv", "--customer", "id", "--date", "day", "--format", "csv")
    #expect(run.status == 0, "\(run.stderr)")
    let table = rows(run.stdout)
    #expect(table[0] == ["period", "start", "end", "partial", "partial_baseline", "active_customers", "new_customers",
                         "reactivated_customers", "retained_customers", "customers_at_start", "retention_rate",
                         "churn_rate", "repeat_customers", "repeat_purchase_rate", "orders", "purchase_frequency",
                         "average_lifetime"])
    #expect(table.count == 3)
    #expect(table[1] == ["2023-Q4", "2023-10-01", "2023-12-31", "true", "true", "3", "3", "0", "0", "0", "", "",
                         "0", "0", "3", "1", ""])
    // Its baseline, 2023-Q4, is partial too: S counts the customers of 11-20 … 12-31 (†).
    #expect(Array(table[2][0..<10]) == ["2024-Q1", "2024-01-01", "2024-03-31", "true", "true", "4", "2", "0", "2", "3"])
    let numbers = table[2][10...].map { Double($0)! }
    for (found, expected) in zip(numbers, [2.0 / 3, 1.0 / 3, 3, 0.75, 8, 2, 3]) {
      #expect(abs(found - expected) <= 1e-15 * expected, "\(table[2])")
    }
    #expect(run.stderr.hasPrefix("cvw: CRR, churn, lifetime and historical CLV are undefined for 2023-Q4: "))
    // --from/--to alone still give one span with the same number of days before it as its baseline.
    let span = try cli.run("kpi", "log.csv", "--customer", "id", "--date", "day", "--from", "2024-01-01", "--to", "2024-03-31",
                           "--format", "csv", "--quiet")
    #expect(rows(span.stdout).dropFirst().map { $0[0] } == ["2024-01-01..2024-03-31"])
  }

  @Test func aPeriodWhoseBaselineTheLogCoversOnlyInPartIsMarked() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    // The log starts on 2023-11-20: December's baseline (November) holds only its last 11 days (S = 1, C), so
    // December is marked †; January's baseline, December, is whole.
    let run = try cli.run(logArguments + ["--period", "month", "--from", "2023-12-01", "--to", "2024-01-31"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("                           2023-12†  2024-01\n"), "\(run.stdout)")
    #expect(run.stdout.contains("customers at start S              1        2\n"), "\(run.stdout)")
    #expect(run.stdout.contains("\n† the log starts after the first day of the month before: S (and CRR, churn, lifetime,\n"
      + "  historical CLV) and new vs reactivated rest on only part of that month\n"), "\(run.stdout)")
    #expect(run.stderr == "cvw: the log (2023-11-20 to 2024-03-15) covers only part of the month before 2023-12 (†): "
      + "their S and the KPIs built on it count a shorter baseline\n")
    let json = try cli.run(logArguments + ["--period", "month", "--from", "2023-12-01", "--to", "2024-01-31",
                                           "--format", "json", "--quiet"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let periods = try #require(object["periods"] as? [[String: Any]])
    #expect(periods.map { $0["partialBaseline"] as? Bool } == [true, false])
    #expect(periods.map { $0["partial"] as? Bool } == [false, false])
  }

  @Test func calendarPeriodsWhollyOutsideTheLogAreLeftOut() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    // The log runs 2023-11-20 … 2024-03-15: April to June 2024 would report everyone as churned.
    let run = try cli.run(logArguments + ["--period", "month", "--from", "2024-02-01", "--to", "2024-06-30",
                                          "--format", "csv"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) }
      == ["2024-02", "2024-03"], "\(run.stdout)")
    #expect(run.stderr.contains("cvw: reporting 2024-02-01 to 2024-03-31: no period wholly outside the log "
      + "(the log runs from 2023-11-20 to 2024-03-15)\n"), "\(run.stderr)")
  }

  @Test func notesSummariseLongListsOfPeriods() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    // Two purchases 11 years apart, by month: 132 months, S = 0 in all but 2000-02.
    try cli.write("far.csv", "id,day\nA,2000-01-15\nB,2010-12-15\n")
    let run = try cli.run("kpi", "far.csv", "--customer", "id", "--date", "day", "--period", "month", "-o", "out.txt")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("cvw: CRR, churn, lifetime and historical CLV are undefined for 2000-01, 2000-03, …, "
      + "2010-12 (131 periods): no customer was active in the month before (S = 0)\n"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 3 && run.stderr.count < 500, "\(run.stderr)")
  }

  @Test func surveyGivesNPSAndCSATWithBlanksSkipped() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    // nps: 10, 9, 7, 6, 0 answered, one blank → promoters 2, passives 1,
    // detractors 2 of 5: NPS = 100 · (2 − 2)/5 = 0. csat on 1–5: 5, 4, 3, 2
    // answered, two blank → satisfied 5, 4: CSAT = 2/4 = 0.5.
    try cli.write("survey.csv", "who,score,sat\na,10,5\nb,9,\nc,7,4\nd,,3\ne,6,2\nf,0,\n")
    let run = try cli.run("kpi", "--survey", "survey.csv", "--nps-column", "score", "--csat-column", "sat",
                          "--format", "json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let survey = try #require(object["survey"] as? [String: Any])
    let nps = try #require(survey["nps"] as? [String: Any]), csat = try #require(survey["csat"] as? [String: Any])
    #expect(nps["score"] as? Double == 0 && nps["promoters"] as? Int == 2 && nps["detractors"] as? Int == 2)
    #expect(nps["answers"] as? Int == 5 && nps["blanksSkipped"] as? Int == 1)
    #expect(csat["score"] as? Double == 0.5 && csat["satisfied"] as? Int == 2 && csat["blanksSkipped"] as? Int == 2)
    #expect(run.stderr == "cvw: 1 blank answer in 'score' of survey.csv skipped (NPS)\n"
      + "cvw: 2 blank answers in 'sat' of survey.csv skipped (CSAT)\n")
    // Text and CSV, and another threshold: csat ≥ 5 is 1 of 4.
    let text = try cli.run("kpi", "--survey", "survey.csv", "--nps-column", "score", "--csat-column", "sat",
                           "--satisfied", "5", "--quiet")
    #expect(text.stdout == """
      survey: survey.csv, 6 rows
        NPS  ('score', 0-10): +0.0 points  promoters 2 (40.0%), passives 1, detractors 2 (40.0%); 5 answers, 1 blank skipped
        CSAT ('sat', 5-5 of 1-5): 25.0%  1 of 4 answers satisfied, 2 blank skipped

      """)
    let csv = try cli.run("kpi", "--survey", "survey.csv", "--nps-column", "score", "--format", "csv", "--quiet")
    #expect(csv.stdout == "nps,nps_promoters,nps_passives,nps_detractors,nps_answers\n0,2,1,2,5\n")
  }

  @Test func satisfiedDefaultsToTheTopTwoAnswersOfTheScale() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    // On 0-10 the top two answers are 9 and 10: 10, 9 of 10, 9, 8, 4 → 50% (not the 4 of a 1-5 scale: 100%).
    try cli.write("survey.csv", "who,sat\na,10\nb,9\nc,8\nd,4\n")
    let run = try cli.run("kpi", "--survey", "survey.csv", "--csat-column", "sat", "--csat-scale", "0-10")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("CSAT ('sat', 9-10 of 0-10): 50.0%  2 of 4 answers satisfied"), "\(run.stdout)")
    // A two-answer scale counts its top answer only: 1 of 1, 0, 1, 0.
    try cli.write("yes-no.csv", "who,ok\na,1\nb,0\nc,1\nd,0\n")
    let binary = try cli.run("kpi", "--survey", "yes-no.csv", "--csat-column", "ok", "--csat-scale", "0-1", "--quiet")
    #expect(binary.stdout.contains("CSAT ('ok', 1-1 of 0-1): 50.0%  2 of 4 answers satisfied"), "\(binary.stdout)")
  }

  @Test func datedSurveyAnswersGiveNPSAndCSATPerPeriod() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    // January: NPS 10 (promoter), 3 (detractor) → (1 − 1)/2 = 0; CSAT 5, 2
    // → 1/2. February: NPS 9 → +100; CSAT blank → undefined, 0 answers.
    // March: NPS blank → undefined; CSAT 4 → 1. April is outside.
    try cli.write("survey.csv", """
      who,when,score,sat
      a,2024-01-05,10,5
      b,2024-01-20,3,2
      c,2024-02-10,9,
      d,2024-03-01,,4
      e,2024-04-02,0,1

      """)
    let run = try cli.run(logArguments + months + ["--survey", "survey.csv", "--survey-date", "when", "--nps-column", "score",
                                                   "--csat-column", "sat", "--format", "csv"])
    #expect(run.status == 0, "\(run.stderr)")
    let table = rows(run.stdout)
    let first = try #require(table[0].firstIndex(of: "nps"))
    #expect(Array(table[0][first...]) == ["nps", "nps_answers", "csat", "csat_answers"])
    #expect(table.dropFirst().map { Array($0[first...]) } == [["0", "2", "0.5", "2"], ["100", "1", "", "0"], ["", "0", "1", "1"]])
    #expect(run.stderr.contains("cvw: 1 row of survey.csv is dated outside the reported periods: counted in the survey's "
      + "overall scores only\n"))
    // The overall scores, over all five rows: NPS 10, 3, 9, 0 → 0; CSAT 5, 2, 4, 1 → 1/2.
    let text = try cli.run(logArguments + months + ["--survey", "survey.csv", "--survey-date", "when", "--nps-column", "score",
                                                    "--csat-column", "sat", "--quiet"])
    #expect(text.stdout.contains("\nNPS (points)                  +0.0   +100.0         —\n"))
    #expect(text.stdout.contains("\n  NPS  ('score', 0-10): +0.0 points  promoters 2 (50.0%), passives 0, detractors 2 (50.0%); "
      + "4 answers, 1 blank skipped\n"))
    #expect(text.stdout.contains("\n  CSAT ('sat', 4-5 of 1-5): 50.0%  2 of 4 answers satisfied, 1 blank skipped\n"))
  }

  @Test func modelCLVIsTheMeanOfTheCLVColumnBesideTheHistoricalOne() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("log.csv", smallLog)
    try cli.write("clv.csv", "customer_id,clv\n1,10\n2,20\n3,60\n")  // mean 30
    let run = try cli.run(logArguments + months + ["--clv", "clv.csv", "--format", "csv", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let table = rows(run.stdout)
    let historical = try #require(table[0].firstIndex(of: "historical_clv")), model = try #require(table[0].firstIndex(of: "model_clv"))
    #expect(table.dropFirst().map { [$0[historical], $0[model]] } == [["80", "30"], ["70", "30"], ["25", "30"]])
    let text = try cli.run(logArguments + months + ["--clv", "clv.csv", "--quiet"])
    #expect(text.stdout.contains("\nmodel-based CLV: 30.00 (mean of 'clv' over 3 customers in clv.csv)\n"))
  }

  @Test func modelCLVPerPeriodIsCVWCLVAveragedOverThePeriodsActiveCustomers() throws {
    // The same numbers the long way: summarise at the end of 1997-Q3, fit,
    // value every customer with `cvw clv`, and average over the customers
    // with a transaction in the quarter.
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    for arguments in [
      ["summarize", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
       "--calibration-end", "1997-09-30", "-o", "summary.csv"],
      ["fit", "bg-nbd", "summary.csv", "-o", "bg.json"], ["fit", "gamma-gamma", "summary.csv", "-o", "gg.json"],
      ["clv", "--purchases", "bg.json", "--spend", "gg.json", "summary.csv", "--horizon", "12", "--unit", "month",
       "--discount", "0.01", "--id", "customer_id", "-o", "clv.csv"],
    ] {
      let run = try cli.run(arguments + ["--quiet"])
      #expect(run.status == 0, "\(arguments[0]): \(run.stderr)")
    }
    var value = [String: Double]()
    for row in rows(try String(contentsOfFile: cli.path("clv.csv"), encoding: .utf8)).dropFirst() {
      value[row[0]] = Double(row[4])!
    }
    var active = Set<String>()
    for row in rows(try String(contentsOfFile: transactions, encoding: .utf8)).dropFirst()
    where row[1] >= "1997-07-01" && row[1] <= "1997-09-30" {
      active.insert(row[0])
    }
    #expect(active.count == 418)
    let expected = active.reduce(0) { $0 + value[$1]! } / Double(active.count)
    let run = try cli.run("kpi", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
                          "--from", "1997-07-01", "--to", "1997-09-30", "--purchases", "bg.json", "--spend", "gg.json",
                          "--horizon", "12", "--discount", "0.01", "--format", "json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let period = try #require((object["periods"] as? [[String: Any]])?.first)
    let found = try #require(period["modelCLV"] as? Double)
    #expect(abs(found - expected) <= 1e-12 * expected, "\(found) vs \(expected)")
    #expect(object["modelCLVHorizon"] as? String == "12 months")
  }
}

/// One bad input for `cvw kpi`: the files, the arguments and the message.
struct BadKPICase: CustomTestStringConvertible, Sendable {
  var name: String
  var files: [String: String] = [:]
  var arguments: [String]
  var message: String
  var testDescription: String { name }
}

private let survey = "who,score,sat\na,10,5\nb,9,\n"
private let badKPICases: [BadKPICase] = [
  BadKPICase(name: "from after to", arguments: logArguments + ["--from", "2024-02-01", "--to", "2024-01-31"],
             message: "Error: --from 2024-02-01 is after --to 2024-01-31: the period is empty"),
  BadKPICase(name: "no transaction in the period", arguments: logArguments + ["--from", "2024-04-01", "--to", "2024-06-30"],
             message: "cvw: error: log.csv: empty period: no transaction from 2024-04-01 to 2024-06-30 "
               + "(the log runs from 2023-11-20 to 2024-03-15)"),
  BadKPICase(name: "from after the log", arguments: logArguments + ["--from", "2024-04-01", "--period", "quarter"],
             message: "cvw: error: log.csv: empty period: --from 2024-04-01 is after every transaction "
               + "(the log runs from 2023-11-20 to 2024-03-15)"),
  BadKPICase(name: "missing column", arguments: ["kpi", "log.csv", "--customer", "id", "--date", "when"],
             message: "cvw: error: log.csv:1: no column named \"when\"; the columns are: \"id\", \"day\", \"spend\""),
  BadKPICase(name: "bad date", files: ["log.csv": "id,day,spend\nA,2024-01-01,1\nB,2024-02-30,2\n"], arguments: logArguments,
             message: "cvw: error: log.csv:3:2: column 'day': expected a date YYYY-MM-DD or an ISO date-time, found \"2024-02-30\""),
  BadKPICase(name: "bad --from", arguments: logArguments + ["--from", "2024-1-1"],
             message: "Error: --from: expected a date YYYY-MM-DD or an ISO date-time, found \"2024-1-1\""),
  BadKPICase(name: "NPS answer off the scale", files: ["s.csv": survey + "c,11,4\n"],
             arguments: ["kpi", "--survey", "s.csv", "--nps-column", "score"],
             message: "cvw: error: s.csv:4:2: column 'score': expected a whole number from 0 to 10, found \"11\""),
  BadKPICase(name: "NPS answer not whole", files: ["s.csv": survey + "c,8.5,4\n"],
             arguments: ["kpi", "--survey", "s.csv", "--nps-column", "score"],
             message: "cvw: error: s.csv:4:2: column 'score': expected a whole number from 0 to 10, found \"8.5\""),
  BadKPICase(name: "CSAT answer off the scale", files: ["s.csv": survey + "c,8,0\n"],
             arguments: ["kpi", "--survey", "s.csv", "--csat-column", "sat"],
             message: "cvw: error: s.csv:4:3: column 'sat': expected a whole number from 1 to 5, found \"0\""),
  BadKPICase(name: "missing survey column", files: ["s.csv": survey],
             arguments: ["kpi", "--survey", "s.csv", "--nps-column", "nps"],
             message: "cvw: error: s.csv:1: no column named \"nps\"; the columns are: \"who\", \"score\", \"sat\""),
  BadKPICase(name: "survey without columns", files: ["s.csv": survey], arguments: ["kpi", "--survey", "s.csv"],
             message: "Error: --survey needs --nps-column, --csat-column or both"),
  BadKPICase(name: "bad scale", files: ["s.csv": survey],
             arguments: ["kpi", "--survey", "s.csv", "--csat-column", "sat", "--csat-scale", "5-1"],
             message: "Error: --csat-scale: expected LOW-HIGH with whole numbers LOW < HIGH (e.g. 1-5), found \"5-1\""),
  BadKPICase(name: "threshold off the scale", files: ["s.csv": survey],
             arguments: ["kpi", "--survey", "s.csv", "--csat-column", "sat", "--satisfied", "6"],
             message: "Error: --satisfied 6 is not on the scale 1-5"),
  BadKPICase(name: "negative spend", files: ["m.csv": "date,amount\n2024-01-01,5\n2024-02-01,-3\n"],
             arguments: logArguments + ["--marketing-spend-file", "m.csv"],
             message: "cvw: error: m.csv:3:2: column 'amount': expected a spend ≥ 0, found -3"),
  BadKPICase(name: "one spend for several periods", arguments: logArguments + ["--period", "month", "--marketing-spend", "10"],
             message: "Error: --marketing-spend is one period's spend: give --from and --to (one period, no --period), "
               + "or --marketing-spend-file for several"),
  BadKPICase(name: "one spend for the default quarters", arguments: logArguments + ["--marketing-spend", "10"],
             message: "Error: --marketing-spend is one period's spend: give --from and --to (one period, no --period), "
               + "or --marketing-spend-file for several"),
  // Sums beyond the largest double (≈ 1.8e308) are refused in every format, never written as inf or nan.
  BadKPICase(name: "revenue overflowing", files: ["big.csv": "id,day,spend\nA,2024-01-02,1e308\nA,2024-01-05,1e308\n"],
             arguments: ["kpi", "big.csv", "--customer", "id", "--date", "day", "--amount", "spend"],
             message: "cvw: error: big.csv: the revenue of 2024-Q1 overflows (inf; beyond ≈ 1.8e308): "
               + "the amounts are too large to add up"),
  BadKPICase(name: "revenue overflowing (json)", files: ["big.csv": "id,day,spend\nA,2024-01-02,1e308\nA,2024-01-05,1e308\n"],
             arguments: ["kpi", "big.csv", "--customer", "id", "--date", "day", "--amount", "spend", "--format", "json"],
             message: "cvw: error: big.csv: the revenue of 2024-Q1 overflows (inf; beyond ≈ 1.8e308): "
               + "the amounts are too large to add up"),
  BadKPICase(name: "marketing spend overflowing", files: ["m.csv": "date,amount\n2024-01-01,1e308\n2024-01-02,1e308\n"],
             arguments: logArguments + months + ["--marketing-spend-file", "m.csv", "--format", "csv"],
             message: "cvw: error: m.csv: the marketing spend of 2024-01 overflows (inf; beyond ≈ 1.8e308): "
               + "the amounts are too large to add up"),
  BadKPICase(name: "CLV mean overflowing", files: ["clv.csv": "customer_id,clv\n1,1e308\n2,1e308\n"],
             arguments: logArguments + months + ["--clv", "clv.csv", "--format", "json"],
             message: "cvw: error: clv.csv: column 'clv': the mean of 'clv' overflows (inf): the values are too large to add up"),
  BadKPICase(name: "no input", arguments: ["kpi"], message: "Error: give a transaction log, a --survey, or both"),
  BadKPICase(name: "bad survey date", files: ["s.csv": "who,when,score\na,2024-01-05,9\nb,yesterday,7\n"],
             arguments: logArguments + ["--survey", "s.csv", "--survey-date", "when", "--nps-column", "score"],
             message: "cvw: error: s.csv:3:2: column 'when': expected a date YYYY-MM-DD or an ISO date-time, found \"yesterday\""),
  BadKPICase(name: "survey date without a log", files: ["s.csv": survey],
             arguments: ["kpi", "--survey", "s.csv", "--survey-date", "who", "--nps-column", "score"],
             message: "Error: --survey-date splits the answers by the log's periods: give the transaction log"),
  BadKPICase(name: "purchases without spend", arguments: logArguments + ["--purchases", "bg.json"],
             message: "Error: a lifetime value needs --purchases, --spend and --horizon together"),
  BadKPICase(name: "model CLV without amounts",
             arguments: ["kpi", "log.csv", "--customer", "id", "--date", "day", "--purchases", "bg.json", "--spend", "gg.json",
                         "--horizon", "12"],
             message: "Error: --purchases and --spend value the log's customers: give the log and --amount"),
  BadKPICase(name: "CLV file without the column", files: ["clv.csv": "customer_id,value\n1,2\n"],
             arguments: logArguments + ["--clv", "clv.csv"],
             message: "cvw: error: clv.csv:1: no column named \"clv\"; the columns are: \"customer_id\", \"value\""),
]

@Test(arguments: badKPICases)
func badKPIInputsAreRefusedAndNothingIsWritten(_ c: BadKPICase) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("log.csv", smallLog)
  for (name, contents) in c.files { try cli.write(name, contents) }
  let before = try cli.files()
  let run = try cli.run(c.arguments + ["-o", "out.txt"])
  #expect(run.status == 2, "status \(run.status): \(run.stderr)")
  #expect(run.stderr.hasPrefix(c.message + "\n"), "\(run.stderr)")
  #expect(try cli.files() == before, "nothing written")
  let toStdout = try cli.run(c.arguments)
  #expect(toStdout.status == 2 && toStdout.stdout.isEmpty)
}
