import Foundation
import Testing

private let transactions = CommandRunner.repository.appendingPathComponent("notebooks-data/transactions.csv").path

/// The summary CSV as rows of fields (no quoting in these files).
private func rows(_ text: String) -> [[Substring]] {
  text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
}

/// One bad input for `cvw summarize`: the message and where it points.
struct BadSummaryCase: CustomTestStringConvertible, Sendable {
  var name: String
  var contents: String
  var arguments: [String] = []
  var message: String
  var testDescription: String { name }
}

private let header = "customer,date,amount\n"

private let badCases: [BadSummaryCase] = [
  BadSummaryCase(name: "unparseable date", contents: header + "1,1997-01-01,2\n2,1997-13-01,3\n",
                 message: "tx.csv:3:2: column 'date': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-13-01\""),
  BadSummaryCase(name: "29 February 1900", contents: header + "1,1900-02-28,2\n\n1,1900-02-29,3\n",
                 message: "tx.csv:4:2: column 'date': expected a date YYYY-MM-DD or an ISO date-time, found \"1900-02-29\""),
  BadSummaryCase(name: "bad time", contents: header + "1,1997-01-01T25:00:00,2\n",
                 message: "tx.csv:2:2: column 'date': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-01-01T25:00:00\""),
  BadSummaryCase(name: "unparseable amount", contents: header + "1,1997-01-01,2\n2,1997-01-02,$3\n",
                 message: "tx.csv:3:3: column 'amount': expected a number, found \"$3\""),
  BadSummaryCase(name: "missing amount", contents: header + "1,1997-01-01,2\n2,1997-01-02,\n",
                 message: "tx.csv:3:3: column 'amount': missing value"),
  BadSummaryCase(name: "infinite amount", contents: header + "1,1997-01-01,inf\n",
                 message: "tx.csv:2:3: column 'amount': expected a finite number, found \"inf\""),
  BadSummaryCase(name: "missing customer", contents: header + "1,1997-01-01,2\n,1997-01-02,3\n",
                 message: "tx.csv:3:1: column 'customer': missing value"),
  BadSummaryCase(name: "missing date", contents: header + "1,1997-01-01,2\n2,,3\n",
                 message: "tx.csv:3:2: column 'date': missing value"),
  BadSummaryCase(name: "missing column", contents: header + "1,1997-01-01,2\n", arguments: ["--amount", "spend"],
                 message: "tx.csv:1: no column named \"spend\"; the columns are: \"customer\", \"date\", \"amount\""),
  BadSummaryCase(name: "ragged row", contents: header + "1,1997-01-01,2\n2,1997-01-02\n",
                 message: "tx.csv:3: expected 3 fields, found 2"),
  BadSummaryCase(name: "empty log", contents: header,
                 message: "tx.csv: the transaction log has no transactions (a header and no rows)"),
  BadSummaryCase(name: "empty file", contents: "", message: "tx.csv: the file is empty: expected a header line"),
  BadSummaryCase(name: "calibration end before every first purchase", contents: header + "1,1997-01-02,2\n2,1997-01-01,3\n",
                 arguments: ["--calibration-end", "1996-12-31"],
                 message: "tx.csv: the calibration end 1996-12-31 is before every customer's first purchase "
                   + "(the earliest is on 1997-01-01): no customer to summarise"),
  BadSummaryCase(name: "observation end not after the default calibration end", contents: header + "1,1997-01-02,2\n",
                 arguments: ["--observation-end", "1997-01-02"],
                 message: "tx.csv: the observation end 1997-01-02 must be after the calibration end 1997-01-02 "
                   + "(by default the last transaction date; set the calibration end before it)"),
]

@Suite struct SummarizeCommandTests {
  @Test func summarizesCDNOWLikeTheReferenceFile() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run("summarize", transactions, "--customer", "customer_id", "--date", "date", "--amount", "amount",
                          "--calibration-end", "1997-09-30", "--observation-end", "1998-06-30", "-o", "summary.csv")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr == "cvw: summarised 6919 transactions into 2357 customers "
      + "(calibration ends 1997-09-30, holdout to 1998-06-30, unit week)\n")
    let table = rows(try String(contentsOfFile: cli.path("summary.csv"), encoding: .utf8))
    #expect(table.count == 2358)
    #expect(table[0] == ["customer_id", "frequency", "recency", "T", "monetary_value", "frequency_holdout",
                         "monetary_value_holdout", "duration_holdout"])
    // Customer 1 (notebooks-data/summary.csv: 2, 30.43, 38.86, 22.35): exact
    // fractions, not rounded; 44.69 / 2 is 22.345 in decimal.
    #expect(table[1] == ["1", "2", "30.428571428571427", "38.857142857142854", "22.345", "1", "26.48", "39"])
    // CDNOW.md: 1,882 repeat purchases in the 39-week holdout.
    #expect(table.dropFirst().reduce(0) { $0 + Int($1[5])! } == 1882)
    #expect(try cli.files() == ["summary.csv"])
  }

  @Test func summaryWithoutAmountsOrHoldoutGoesToStdout() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    // Unsorted, with same-day purchases, date-times and a quoted id.
    try cli.write("tx.csv", """
      id,when,spend
      "b,2",1997-01-08T09:00:00Z,3
      a,1997-01-01,10
      a,1997-01-15T23:30:00-05:00,5
      a,1997-01-01 18:00,2
      "b,2",1997-01-08,4

      """)
    let run = try cli.run("summarize", "tx.csv", "--customer", "id", "--date", "when", "--unit", "day")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "id,frequency,recency,T\n\"b,2\",0,0,7\na,1,14,14\n")
    let piped = try cli.run("summarize", "-", "--customer", "id", "--date", "when", "--amount", "spend", "--unit", "month",
                            stdin: try String(contentsOfFile: cli.path("tx.csv"), encoding: .utf8))
    #expect(piped.status == 0, "\(piped.stderr)")
    // A month is 365.25 / 12 = 30.4375 days.
    let months = 14 / 30.4375
    #expect(piped.stdout == "id,frequency,recency,T,monetary_value\n\"b,2\",0,0,\(7 / 30.4375),0\na,1,\(months),\(months),5\n")
  }

  @Test func leftOutCustomersAndIgnoredTransactionsAreCounted() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("tx.csv", """
      c,d,m
      1,2020-01-01,1
      2,2020-01-05,2
      3,2020-02-01,3
      4,2020-02-02,3
      1,2020-01-20,4
      1,2020-03-01,5
      2,2020-03-02,6

      """)
    let run = try cli.run("summarize", "tx.csv", "--customer", "c", "--date", "d", "--amount", "m",
                          "--calibration-end", "2020-01-31", "--observation-end", "2020-02-29", "--unit", "day", "-o", "-")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == """
      c,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout
      1,1,19,30,4,0,0,29
      2,0,0,26,0,0,0,29

      """)
    #expect(run.stderr.contains("cvw: 2 customers first bought after the calibration end and are left out\n"))
    #expect(run.stderr.contains("cvw: 2 transactions after the observation end 2020-02-29 are ignored\n"))
    // A calibration end before the last date: the holdout runs to it.
    let split = try cli.run("summarize", "tx.csv", "--customer", "c", "--date", "d", "--calibration-end", "2020-01-31",
                            "--unit", "day")
    #expect(split.stdout.hasPrefix("c,frequency,recency,T,frequency_holdout,duration_holdout\n1,1,19,30,1,31\n"))
    #expect(split.stderr.contains("holdout to 2020-03-02"))
  }

  @Test(arguments: badCases)
  func badTransactionLogsAreRefusedWithTheirLocation(_ c: BadSummaryCase) throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    try cli.write("tx.csv", c.contents)
    let arguments = ["summarize", "tx.csv", "--customer", "customer", "--date", "date"]
      + (c.arguments.contains("--amount") ? [] : ["--amount", "amount"]) + c.arguments + ["-o", "out.csv"]
    let run = try cli.run(arguments)
    #expect(run.status == 2, "status \(run.status): \(run.stderr)")
    #expect(run.stderr == "cvw: error: \(c.message)\n")
    #expect(try cli.files() == ["tx.csv"], "nothing written")
    // To stdout, nothing is written either: every check comes before output.
    let toStdout = try cli.run(Array(arguments.dropLast(2)))
    #expect(toStdout.status == 2 && toStdout.stdout.isEmpty)
  }

  @Test(arguments: [
    (["--calibration-end", "1997-09-30", "--observation-end", "1997-09-01"],
     "--observation-end 1997-09-01 must be after --calibration-end 1997-09-30"),
    (["--calibration-end", "1997-09-30", "--observation-end", "1997-09-30"],
     "--observation-end 1997-09-30 must be after --calibration-end 1997-09-30"),
    (["--calibration-end", "1997-13-01"],
     "--calibration-end: expected a date YYYY-MM-DD or an ISO date-time, found \"1997-13-01\""),
    (["--observation-end", "30/06/1998"],
     "--observation-end: expected a date YYYY-MM-DD or an ISO date-time, found \"30/06/1998\""),
    (["--unit", "year"], "The value 'year' is invalid for '--unit <unit>'"),
    (["--amount", "date"], "--date and --amount both name the column 'date'"),
  ])
  func summarizeUsageErrorsExitWithStatus2(_ extra: [String], _ message: String) throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run(["summarize", transactions, "--customer", "customer_id", "--date", "date", "-o", "out.csv"] + extra)
    #expect(run.status == 2)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(try cli.files() == [])
  }
}

@Test func overflowingAmountsAreRefused() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("tx.csv", "customer_id,date,amount\n1,2020-01-01,1e308\n1,2020-01-02,1e308\n1,2020-01-03,1e308\n")
  let run = try cli.run("summarize", "tx.csv", "--customer", "customer_id", "--date", "date", "--amount", "amount", "-o", "s.csv")
  #expect(run.status == 2)
  #expect(run.stderr.contains("add up to more than a number can hold"), "\(run.stderr)")
  #expect(!cli.exists("s.csv"))
}
