import Foundation
import Testing

// Five customers, worked by hand:
//   score = 1 + ⌊5 · (below + tied/2) / n⌋
//   time since the last purchase T − recency: a 30, b 20, c 5, d 1, e 20 → R 1, 3, 4, 5, 3 (b and e tie:
//   below 1, tied 2 → 1 + ⌊5·2/5⌋ = 3)
//   frequency 0, 1, 2, 5, 0: ranked among the repeat buyers b, c, d (n = 3) → 1 + ⌊5·0.5/3⌋ = 1,
//   1 + ⌊5·1.5/3⌋ = 3, 1 + ⌊5·2.5/3⌋ = 5; a and e (no repeat purchase) 1 → F 1, 1, 3, 5, 1
//   monetary 0, 20, 30, 50, 0 → M 1, 1, 3, 5, 1 likewise
//   cells 111 lost, 311 about to sleep, 433 potential loyalists, 555 champions, 311 about to sleep
//   revenue F×M: 0, 20, 60, 250, 0 (total 330): customers above hold 100%, 93.9%, 75.8%, 0, 100% → C, B, A, A, C
//   predicted clv 3, 20, 60, 150, 100 (total 333): e (class C) has 150/333 = 45% above it → predicted A → potential
private let summary = """
  customer_id,frequency,recency,T,monetary_value
  a,0,0,30,0
  b,1,10,30,20
  c,2,25,30,30
  d,5,29,30,50
  e,0,0,20,0

  """

private let clv = """
  customer_id,probability_alive,expected_purchases,expected_spend,clv
  e,1,0.5,10,100
  d,0.9,3,50,150
  c,0.8,2,30,60
  b,0.5,1,20,20
  a,1,0.3,10,3

  """

@Test func rfmWritesScoresSegmentsAndATablePerSegment() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  try cli.write("clv.csv", clv)
  let run = try cli.run("segment", "rfm", "summary.csv", "--clv", "clv.csv", "-o", "rfm.csv", "--summary", "segments.csv")
  #expect(run.status == 0, "\(run.stderr)")
  #expect(try String(contentsOfFile: cli.path("rfm.csv"), encoding: .utf8) == """
    customer_id,recency_score,frequency_score,monetary_score,rfm_cell,segment
    a,1,1,1,111,lost
    b,3,1,1,311,about to sleep
    c,4,3,3,433,potential loyalists
    d,5,5,5,555,champions
    e,3,1,1,311,about to sleep

    """)
  let segments = try String(contentsOfFile: cli.path("segments.csv"), encoding: .utf8).split(separator: "\n")
  #expect(segments.count == 12)
  #expect(segments[0] == "segment,customers,customer_share,revenue,revenue_share,mean_recency_score,mean_frequency_score,mean_monetary_score,mean_clv")
  #expect(segments[1] == "champions,1,0.2,250,0.7575757575757576,5,5,5,150")
  #expect(segments[3] == "potential loyalists,1,0.2,60,0.18181818181818182,4,3,3,60")
  #expect(segments[4] == "new,0,0,0,0,,,,")
  #expect(segments[7] == "about to sleep,2,0.4,20,0.06060606060606061,3,1,1,60")
  #expect(segments[11] == "lost,1,0.2,0,0,1,1,1,3")
  // The table for people on stdout; the empty scores are noted on stderr.
  #expect(run.stdout.hasPrefix("RFM segments of 5 customers in summary.csv"), "\(run.stdout)")
  #expect(run.stdout.contains("champions                    1  20.0%   250.00          75.8%    5.00    5.00    5.00    150.00"), "\(run.stdout)")
  #expect(run.stderr.contains("frequency scores 1–5 hold 3, 0, 1, 0, 1 customers: 2, 4 left empty (only 3 customers are "
    + "ranked by frequency, fewer than the 5 scores; scores are never renumbered)"), "\(run.stderr)")
}

@Test func rfmPrintsJSONAndCSV() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  let json = try cli.run("segment", "rfm", "summary.csv", "--format", "json", "--quiet")
  #expect(json.status == 0, "\(json.stderr)")
  let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
  #expect(root["customers"] as? Double == 5)
  #expect(root["revenue"] as? Double == 330)
  let rows = try #require(root["segments"] as? [[String: Any]])
  #expect(rows.count == 11)
  #expect(rows.map { $0["customers"] as? Double ?? -1 }.reduce(0, +) == 5)
  #expect(rows[0]["segment"] as? String == "champions")
  // Within an ulp: Foundation's JSON parser on Linux does not always round the last digit correctly.
  #expect(abs((rows[0]["revenue_share"] as? Double ?? 0) - 250.0 / 330) < 1e-15)
  #expect(rows[3]["mean_recency_score"] is NSNull)  // "new" is empty
  // The values each score took: F 1 holds a, e (0) and b (1); R 3 the tied 20.
  let ranges = try #require(root["scoreRanges"] as? [String: [Any]])
  #expect(ranges["frequency"]?.map { $0 as? [Double] } == [[0, 1], nil, [2, 2], nil, [5, 5]])
  #expect(ranges["timeSinceLastPurchase"]?.map { $0 as? [Double] } == [[30, 30], nil, [20, 20], [5, 5], [1, 1]])
  let counts = try #require(root["scoreCounts"] as? [String: [Double]])
  #expect(counts["monetary"] == [3, 0, 1, 0, 1])
  let csv = try cli.run("segment", "rfm", "summary.csv", "--format", "csv")
  #expect(csv.stdout.split(separator: "\n").count == 12)
  #expect(csv.stdout.hasPrefix("segment,customers,customer_share,revenue,revenue_share,mean_recency_score"))
  // -o - sends the customers to stdout, and the table nowhere else unless --summary names a file.
  let piped = try cli.run("segment", "rfm", "-", "-o", "-", stdin: summary)
  #expect(piped.stdout.hasPrefix("customer_id,recency_score,frequency_score,monetary_score,rfm_cell,segment\na,1,1,1,111,lost\n"))
  #expect(piped.stdout.split(separator: "\n").count == 6)
}

@Test func hugeAgesScoreInOrderAndPrintAsJSON() throws {
  // T = 1e300 and 2e300, recency 0: times since the last purchase 1e300 and 2e300 stay finite and apart
  // (R 3 and 1, the ordinary customer 5; see RFMTests), so the score ranges are numbers JSON can hold.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("huge.csv", "customer_id,frequency,recency,T,monetary_value\na,1,5,10,1\nb,0,0,1e300,0\nc,0,0,2e300,0\n")
  let run = try cli.run("segment", "rfm", "huge.csv", "-o", "rfm.csv", "--format", "json", "--quiet")
  #expect(run.status == 0, "\(run.stderr)")
  #expect(try String(contentsOfFile: cli.path("rfm.csv"), encoding: .utf8).contains("\nb,3,1,1,311,"))
  let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  let ranges = try #require(root["scoreRanges"] as? [String: [Any]])
  #expect(ranges["timeSinceLastPurchase"]?.map { $0 as? [Double] } == [[2e300, 2e300], nil, [1e300, 1e300], nil, [5, 5]])
}

@Test(arguments: [
  // One customer: ranked alone, every score 3.
  ("customer_id,frequency,recency,T,monetary_value\na,1,5,10,2\n",
   "recency scores 1–5 hold 0, 0, 1, 0, 0 customers: 1, 2, 4, 5 left empty (only 1 customer is ranked by recency, "
     + "fewer than the 5 scores; scores are never renumbered)"),
  // No repeat buyer: F and M rank no one, every score 1.
  ("customer_id,frequency,recency,T,monetary_value\na,0,0,10,0\nb,0,0,20,0\n",
   "frequency scores 1–5 hold 2, 0, 0, 0, 0 customers: 2, 3, 4, 5 left empty (no customer has a repeat purchase to rank "
     + "by frequency: all score 1; scores are never renumbered)"),
  // Six customers, two times since the last purchase: ties alone.
  ("customer_id,frequency,recency,T,monetary_value\na,1,5,10,1\nb,2,5,10,2\nc,3,5,10,3\nd,4,0,10,4\ne,5,0,10,5\nf,6,0,10,6\n",
   "recency scores 1–5 hold 0, 3, 0, 3, 0 customers: 1, 3, 5 left empty (tied customers share one score; "
     + "scores are never renumbered)"),
])
func emptyScoresAreExplainedByTheirCause(_ data: String, _ message: String) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("data.csv", data)
  let run = try cli.run("segment", "rfm", "data.csv")
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stderr.contains(message), "\(run.stderr)")
}

@Test func abcClassesAndValueTiers() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  try cli.write("clv.csv", clv)
  let run = try cli.run("segment", "abc", "summary.csv", "--clv", "clv.csv", "-o", "abc.csv", "--format", "csv")
  #expect(run.status == 0, "\(run.stderr)")
  #expect(try String(contentsOfFile: cli.path("abc.csv"), encoding: .utf8) == """
    customer_id,value,class,predicted_value,tier
    a,0,C,3,low
    b,20,B,20,medium
    c,60,A,60,high
    d,250,A,150,high
    e,0,C,100,potential

    """)
  let lines = run.stdout.split(separator: "\n")
  #expect(lines[0] == "kind,group,customers,customer_share,value,value_share,predicted_value,predicted_share")
  #expect(lines[1] == "class,A,2,0.4,310,0.9393939393939394,210,0.6306306306306306")
  #expect(lines[3] == "class,C,2,0.4,0,0,103,0.30930930930930933")
  #expect(lines[6] == "tier,potential,1,0.2,0,0,100,0.3003003003003003")
  #expect(lines.count == 8)
  // P(alive) ≥ 0.95 makes a (class C, P(alive) 1) potential too.
  let alive = try cli.run("segment", "abc", "summary.csv", "--clv", "clv.csv", "--min-probability-alive", "0.95",
                          "-o", "alive.csv", "--quiet")
  #expect(alive.status == 0, "\(alive.stderr)")
  #expect(try String(contentsOfFile: cli.path("alive.csv"), encoding: .utf8).contains("a,0,C,3,potential\n"))
  // By a value column, without predictions: classes only; thresholds settable.
  let byCLV = try cli.run("segment", "abc", "clv.csv", "--value", "clv", "--thresholds", "0.5,0.9")
  #expect(byCLV.status == 0, "\(byCLV.stderr)")
  // clv 150 (45%), 100 (75%: crosses 50%, A), 60 (93%: crosses 90%, B), 20, 3: C.
  #expect(byCLV.stdout.contains("A              2  40.0%  250.00        75.1%"), "\(byCLV.stdout)")
  #expect(byCLV.stdout.contains("the top 20% of customers hold 45.0% of the value"), "\(byCLV.stdout)")
  let json = try cli.run("segment", "abc", "clv.csv", "--value", "clv", "--format", "json")
  let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
  #expect(root["total"] as? Double == 333)
  #expect((root["groups"] as? [Any])?.count == 3)
}

@Test func abcWithTheModelsMatchesAbcWithTheirValues() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  let cdnow = CommandRunner.repository.appendingPathComponent("notebooks-data/summary.csv").path
  #expect(try cli.run("fit", "bg-nbd", cdnow, "-o", "bg.json").status == 0)
  #expect(try cli.run("fit", "gamma-gamma", cdnow, "-o", "gg.json").status == 0)
  let models = ["--purchases", "bg.json", "--spend", "gg.json", "--horizon", "12", "--discount", "0.01"]
  #expect(try cli.run(["clv"] + models + [cdnow, "--id", "customer_id", "-o", "clv.csv"]).status == 0)
  let fromFile = try cli.run("segment", "abc", cdnow, "--clv", "clv.csv", "--format", "csv")
  let fromModels = try cli.run(["segment", "abc", cdnow, "--format", "csv"] + models)
  #expect(fromFile.status == 0 && fromModels.status == 0, "\(fromFile.stderr) \(fromModels.stderr)")
  #expect(fromFile.stdout == fromModels.stdout)
  // Historical C but predicted A: 210 CDNOW customers worth developing.
  #expect(fromFile.stdout.contains("tier,potential,210,"), "\(fromFile.stdout)")
  let rfm = try cli.run(["segment", "rfm", cdnow] + models)
  #expect(rfm.status == 0 && rfm.stdout.contains("mean CLV"), "\(rfm.stderr)")
}

@Test func everyPredictedValueZeroLeavesTheHistoricalTiers() throws {
  // No predicted value to rank: no one is potential by it; the classes (C, B, A, A, C) give the tiers, noted on stderr.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  try cli.write("zero.csv", "customer_id,clv\na,0\nb,0\nc,0\nd,0\ne,0\n")
  let run = try cli.run("segment", "abc", "summary.csv", "--clv", "zero.csv", "-o", "abc.csv", "--format", "json")
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stderr.contains("cvw: every predicted value from zero.csv is 0: no customer is potential by predicted value\n"),
          "\(run.stderr)")
  #expect(try String(contentsOfFile: cli.path("abc.csv"), encoding: .utf8) == """
    customer_id,value,class,predicted_value,tier
    a,0,C,0,low
    b,20,B,0,medium
    c,60,A,0,high
    d,250,A,0,high
    e,0,C,0,low

    """)
}

@Test(arguments: ["5", "-3"])
func aProbabilityAliveOutsideZeroOneIsRefused(_ p: String) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  try cli.write("clv.csv", clv.replacingOccurrences(of: "c,0.8,", with: "c,\(p),"))
  let run = try cli.run("segment", "abc", "summary.csv", "--clv", "clv.csv", "--min-probability-alive", "0.9", "-o", "abc.csv")
  #expect(run.status == 2, "\(run.stderr)")
  #expect(run.stderr.contains("clv.csv:4:2: column 'probability_alive': expected a probability in [0, 1], found \(p)"),
          "\(run.stderr)")
  #expect(try cli.files() == ["clv.csv", "summary.csv"], "nothing written")
}

@Test(arguments: [
  (["-o", "x.csv", "--summary", "x.csv"], "-o and --summary name the same file (x.csv)"),
  (["-o", "./x.csv", "--summary", "x.csv"], "-o and --summary name the same file (x.csv)"),
  (["-o", "-", "--summary", "-"], "-o and --summary cannot both be stdout"),
])
func oneFileForBothOutputsIsAUsageError(_ outputs: [String], _ message: String) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  for command in ["rfm", "abc"] {
    let run = try cli.run(["segment", command, "summary.csv"] + outputs)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(try cli.files() == ["summary.csv"], "nothing written")
  }
}

@Test func onlyOneInputReadsStdin() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  for command in ["rfm", "abc"] {
    let run = try cli.run(["segment", command, "-", "--clv", "-"], stdin: summary)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("only one input can be read from stdin (-)"), "\(run.stderr)")
  }
}

/// One bad input for `cvw segment`: the command's arguments and the message.
struct BadSegmentInput: CustomTestStringConvertible, Sendable {
  var name: String
  var data: String
  var arguments: [String]
  var message: String
  var testDescription: String { name }
}

private let badInputs: [BadSegmentInput] = [
  BadSegmentInput(name: "missing column", data: "customer_id,frequency,recency,T\na,1,2,3\n", arguments: ["rfm"],
                  message: "data.csv:1: no column named"),
  BadSegmentInput(name: "non-numeric cell", data: summary.replacingOccurrences(of: "b,1,10", with: "b,x,10"),
                  arguments: ["rfm"], message: "data.csv:3:2: column 'frequency': expected a number, found \"x\""),
  BadSegmentInput(name: "negative monetary value", data: summary.replacingOccurrences(of: "30,20", with: "30,-20"),
                  arguments: ["rfm"], message: "data.csv:3:5: column 'monetary_value': expected a mean spend ≥ 0, found -20"),
  BadSegmentInput(name: "negative monetary value (abc)", data: summary.replacingOccurrences(of: "30,20", with: "30,-20"),
                  arguments: ["abc"], message: "data.csv:3:5: column 'monetary_value': expected a value ≥ 0, found -20"),
  BadSegmentInput(name: "recency after T", data: summary.replacingOccurrences(of: "c,2,25", with: "c,2,35"),
                  arguments: ["rfm"], message: "data.csv:4:3: column 'recency': recency 35 exceeds T = 30"),
  BadSegmentInput(name: "repeated customer", data: summary.replacingOccurrences(of: "c,2,25", with: "b,2,25"),
                  arguments: ["rfm"], message: "data.csv:4:1: column 'customer_id': customer 'b' appears twice (first on line 3)"),
  BadSegmentInput(name: "customer without a value", data: summary, arguments: ["abc", "--clv", "clv.csv"],
                  message: "data.csv:6:1: column 'customer_id': customer 'e' has no row in clv.csv"),
  BadSegmentInput(name: "all values zero", data: "customer_id,frequency,monetary_value\na,0,0\nb,0,0\n", arguments: ["abc"],
                  message: "every value is 0: there is no value to classify by"),
  BadSegmentInput(name: "thresholds out of order", data: summary, arguments: ["abc", "--thresholds", "0.95,0.8"],
                  message: "--thresholds 0.95,0.8: need 0 < a < b ≤ 1"),
  BadSegmentInput(name: "thresholds not numbers", data: summary, arguments: ["abc", "--thresholds", "0.8"],
                  message: "--thresholds takes two shares a,b"),
  BadSegmentInput(name: "potential share out of range", data: summary, arguments: ["abc", "--potential-share", "1.5"],
                  message: "--potential-share must be in (0, 1], got 1.5"),
  BadSegmentInput(name: "P(alive) without predictions", data: summary, arguments: ["abc", "--min-probability-alive", "0.5"],
                  message: "--min-probability-alive needs --clv or the models"),
  BadSegmentInput(name: "both a value file and models", data: summary,
                  arguments: ["rfm", "--clv", "clv.csv", "--purchases", "bg.json", "--spend", "gg.json", "--horizon", "3"],
                  message: "give --clv or the models (--purchases, --spend), not both"),
  BadSegmentInput(name: "half the models", data: summary, arguments: ["rfm", "--purchases", "bg.json"],
                  message: "a lifetime value needs --purchases, --spend and --horizon together"),
  BadSegmentInput(name: "no customers", data: "customer_id,frequency,recency,T,monetary_value\n", arguments: ["rfm"],
                  message: "data.csv: has no customers"),
  // Sums beyond the largest double (≈ 1.8e308) are refused, never shown as inf or nan.
  BadSegmentInput(name: "values adding up to infinity (abc)", data: "customer_id,v\na,1.5e308\nb,1.5e308\nc,1\n",
                  arguments: ["abc", "--value", "v"],
                  message: "data.csv: column 'v': the values of 'v' add up to more than ≈ 1.8e308: the total overflows"),
  BadSegmentInput(name: "an infinite value (abc)", data: "customer_id,v\na,1\nb,inf\n", arguments: ["abc", "--value", "v"],
                  message: "data.csv:3:2: column 'v': expected a finite number, found \"inf\""),
  BadSegmentInput(name: "revenue overflowing (abc)", data: summary.replacingOccurrences(of: "d,5,29,30,50", with: "d,5,29,30,1e308"),
                  arguments: ["abc"], message: "data.csv:5:5: column 'monetary_value': the revenue frequency × monetary_value "
                    + "= 5 × 1e+308 overflows"),
  BadSegmentInput(name: "revenue overflowing (rfm)", data: summary.replacingOccurrences(of: "d,5,29,30,50", with: "d,5,29,30,1e308"),
                  arguments: ["rfm"], message: "data.csv:5:5: column 'monetary_value': the revenue frequency × monetary_value "
                    + "= 5 × 1e+308 overflows"),
  BadSegmentInput(name: "total revenue overflowing (rfm)",
                  data: summary.replacingOccurrences(of: "c,2,25,30,30", with: "c,1,25,30,1e308")
                    .replacingOccurrences(of: "d,5,29,30,50", with: "d,1,29,30,1e308"),
                  arguments: ["rfm"], message: "data.csv: column 'monetary_value': the total revenue frequency × "
                    + "monetary_value overflows"),
  BadSegmentInput(name: "predicted values adding up to infinity",
                  data: "customer_id,frequency,recency,T,monetary_value\na,1,2,3,4\nb,1,2,3,4\n",
                  arguments: ["rfm", "--clv", "big.csv"],
                  message: "big.csv: column 'clv': the values of 'clv' add up to more than ≈ 1.8e308"),
  BadSegmentInput(name: "negative margin", data: summary,
                  arguments: ["abc", "--purchases", "bg.json", "--spend", "gg.json", "--horizon", "3", "--margin=-0.3"],
                  message: "--margin must be a share of spend > 0 (e.g. 0.3 for 30%), got -0.3"),
]

@Test(arguments: badInputs)
func badSegmentInputsAreRefusedAndNothingIsWritten(_ c: BadSegmentInput) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("data.csv", c.data)
  try cli.write("clv.csv", clv.replacingOccurrences(of: "e,1,0.5,10,100\n", with: ""))
  try cli.write("big.csv", "customer_id,clv\na,1e308\nb,1e308\n")
  for format in ["text", "json", "csv"] {
    let run = try cli.run(["segment"] + c.arguments.prefix(1) + ["data.csv"] + c.arguments.dropFirst()
      + ["-o", "out.csv", "--summary", "table.csv", "--format", format])
    #expect(run.status == 2, "status \(run.status): \(run.stderr)")
    #expect(run.stderr.contains(c.message), "\(run.stderr)")
    #expect(run.stdout.isEmpty, "\(run.stdout)")
    #expect(try cli.files() == ["big.csv", "clv.csv", "data.csv"], "nothing written")
  }
}

@Test(arguments: [["-o", "out.csv", "--summary", "missing/table.csv"], ["-o", "missing/out.csv", "--summary", "table.csv"]])
func anUnwritableOutputLeavesNeitherFile(_ outputs: [String]) throws {
  // Both files are opened before either is committed: a path in a missing directory leaves nothing behind.
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("summary.csv", summary)
  for command in ["rfm", "abc"] {
    let run = try cli.run(["segment", command, "summary.csv"] + outputs)
    #expect(run.status != 0, "\(run.stdout)")
    #expect(run.stderr.contains("missing/"), "\(run.stderr)")
    #expect(try cli.files() == ["summary.csv"], "nothing written")
  }
}
