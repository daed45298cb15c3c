import Foundation
import Testing

/// The CSV as rows of fields (no quoting in these files), header first.
private func rows(_ text: String) -> [[Substring]] {
  text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
}

private func contents(_ cli: CommandRunner, _ name: String) throws -> String {
  try String(contentsOfFile: cli.path(name), encoding: .utf8)
}

/// The truth file as a dictionary.
private func truth(_ cli: CommandRunner, _ name: String) throws -> [String: Any] {
  let data = try Data(contentsOf: URL(fileURLWithPath: cli.path(name)))
  return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

@Suite("cvw simulate")
struct SimulateCommandTests {
  @Test func betaGeoSummariesHaveTheSummarizeColumns() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run("simulate", "bg-nbd", "--customers", "3000", "--seed", "1", "--spend", "6.25,3.74,15.44",
                          "--holdout", "13", "--horizon", "30-40", "-o", "sim.csv", "--truth", "truth.json")
    #expect(run.status == 0, "\(run.stderr)")
    let table = rows(try contents(cli, "sim.csv"))
    #expect(table[0] == ["customer_id", "frequency", "recency", "T", "monetary_value", "frequency_holdout",
                         "monetary_value_holdout", "duration_holdout"])
    #expect(table.count == 3001)
    for (k, row) in table.dropFirst().enumerated() {
      let x = Double(row[1])!, recency = Double(row[2])!, T = Double(row[3])!, m = Double(row[4])!
      #expect(row[0] == "\(k + 1)" && x == x.rounded() && x >= 0)
      #expect(0 <= recency && recency <= T && (30...40).contains(T) && (x > 0) == (m > 0) && (x > 0 || recency == 0))
      // recency and T with at most 6 decimals.
      let decimals = row[2].split(separator: ".").dropFirst().first?.count ?? 0
      #expect(decimals <= 6)
      #expect(row[7] == "13")
    }
    let t = try truth(cli, "truth.json")
    #expect(t["model"] as? String == "bg-nbd" && t["seed"] as? Double == 1 && t["customers"] as? Double == 3000)
    let parameters = try #require(t["parameters"] as? [String: Double])
    #expect(parameters == ["r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426])
    #expect(t["spend"] as? [String: Double] == ["p": 6.25, "q": 3.74, "v": 15.44])
    #expect(t["horizon"] as? [String: Double] == ["min": 30, "max": 40] && t["holdout"] as? Double == 13)

    // The output is what `cvw fit` and `cvw cv` read.
    let cv = try cli.run("cv", "bg-nbd", "sim.csv", "--format", "json")
    #expect(cv.status == 0, "\(cv.stderr)")
    let compare = try cli.run("compare", "--kinds", "bg-nbd,mbg-nbd", "--data", "sim.csv")
    #expect(compare.status == 0, "\(compare.stderr)")
    let spendFit = try cli.run("fit", "gamma-gamma", "sim.csv", "-o", "gg.json")
    #expect(spendFit.status == 0, "\(spendFit.stderr)")
  }

  /// Several chunks (8 192 customers each) so that threads interleave.
  @Test func sameSeedSameBytesForAnyThreadCount() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    var outputs: [String] = []
    for (threads, seed) in [("1", "42"), ("2", "42"), ("3", "42"), ("2", "43")] {
      let run = try cli.run(["simulate", "bg-nbd", "--customers", "20000", "--seed", seed, "--spend", "6.25,3.74,15.44",
                             "--holdout", "39", "-o", "-"], environment: ["CVW_THREADS": threads])
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(run.stdout)
    }
    #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
    #expect(outputs[0] != outputs[3] && outputs[0].count > 500_000)

    var logistic: [String] = []
    for (threads, seed) in [("1", "7"), ("3", "7"), ("2", "8")] {
      let run = try cli.run(["simulate", "logistic", "--rows", "20000", "--features", "20", "--seed", seed, "-o", "-"],
                            environment: ["CVW_THREADS": threads])
      #expect(run.status == 0, "\(run.stderr)")
      logistic.append(run.stdout)
    }
    #expect(logistic[0] == logistic[1] && logistic[0] != logistic[2])
  }

  /// The log of fixed-T customers (39 weeks = 273 days) shares every draw
  /// with the summaries of the same seed: one row per purchase, so the
  /// simulated frequency is the number of the customer's log rows up to the
  /// calibration end less the first, and the holdout frequency the number
  /// after it. `cvw summarize` of the log must give, customer by customer:
  /// T exactly; the frequency less the purchases that fell on an
  /// already-used day (summarize merges same-day purchases); recency at most
  /// one day later (⌈7·t⌉/7); monetary values equal where no purchases merged.
  @Test func transactionLogSummarisesBackToTheSummaries() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let common = ["--customers", "4000", "--seed", "3", "--spend", "6.25,3.74,15.44", "--holdout", "26"]
    let log = try cli.run(["simulate", "bg-nbd", "--transactions", "--start", "2020-01-01", "--unit", "week",
                           "-o", "log.csv", "--truth", "truth.json"] + common)
    #expect(log.status == 0, "\(log.stderr)")
    #expect(log.stderr.contains("--calibration-end 2020-09-30 --observation-end 2021-03-31"))
    let transactions = try #require(truth(cli, "truth.json")["transactions"] as? [String: Any])
    #expect(transactions["calibrationEnd"] as? String == "2020-09-30" && transactions["observationEnd"] as? String == "2021-03-31")
    let logRows = rows(try contents(cli, "log.csv"))
    #expect(logRows[0] == ["customer_id", "date", "amount"] && transactions["rows"] as? Double == Double(logRows.count - 1))
    // Per customer: rows and distinct days up to the calibration end, rows after it.
    var calibrationRows: [Substring: Int] = [:], holdoutRows: [Substring: Int] = [:]
    var days: [Substring: Set<Substring>] = [:]
    for row in logRows.dropFirst() {
      #expect(row[1] >= "2020-01-01" && row[1] <= "2021-03-31")
      if row[1] <= "2020-09-30" {
        calibrationRows[row[0], default: 0] += 1
        days[row[0], default: []].insert(row[1])
      } else {
        holdoutRows[row[0], default: 0] += 1
      }
    }

    let summarized = try cli.run("summarize", "log.csv", "--customer", "customer_id", "--date", "date", "--amount", "amount",
                                 "--calibration-end", "2020-09-30", "--observation-end", "2021-03-31", "--unit", "week",
                                 "-o", "summary.csv")
    #expect(summarized.status == 0, "\(summarized.stderr)")
    let direct = try cli.run(["simulate", "bg-nbd", "-o", "direct.csv"] + common)
    #expect(direct.status == 0, "\(direct.stderr)")
    let fromLog = rows(try contents(cli, "summary.csv")), simulated = rows(try contents(cli, "direct.csv"))
    #expect(fromLog[0] == simulated[0])
    #expect(fromLog.count == 4001 && simulated.count == 4001)
    var merged = 0
    for (a, b) in zip(fromLog.dropFirst(), simulated.dropFirst()) {
      let v = a.map { Double($0)! }, w = b.map { Double($0)! }
      #expect(a[0] == b[0] && v[3] == 39 && w[3] == 39 && v[7] == 26)
      #expect(Int(w[1]) == calibrationRows[b[0], default: 0] - 1 && Int(w[5]) == holdoutRows[b[0], default: 0])
      #expect(Int(v[1]) == (days[a[0]]?.count ?? 0) - 1)
      #expect(v[1] <= w[1] && v[5] <= w[5])
      if v[1] > 0 { #expect(v[2] >= w[2] - 1e-6 && v[2] <= w[2] + 1.0 / 7 + 1e-6) }
      if v[1] == w[1] && v[5] == w[5] {
        #expect(abs(v[4] - w[4]) <= 1e-9 * w[4] && abs(v[6] - w[6]) <= 1e-9 * w[6])
      } else {
        merged += 1
      }
    }
    // Same-day purchases happen (heavy buyers: λ is Gamma(0.243) spread) but
    // most customers must compare exactly.
    #expect(merged < 200)
  }

  @Test func logisticDataFitsBackToItsTruth() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run("simulate", "logistic", "--rows", "5000", "--features", "3", "--seed", "5", "-o", "lr.csv",
                          "--truth", "truth.json")
    #expect(run.status == 0, "\(run.stderr)")
    let table = rows(try contents(cli, "lr.csv"))
    #expect(table[0] == ["y", "x1", "x2", "x3"] && table.count == 5001)
    #expect(table.dropFirst().allSatisfy { $0[0] == "0" || $0[0] == "1" })
    let t = try truth(cli, "truth.json")
    let parameters = try #require(t["parameters"] as? [String: Any])
    let truthCoefficients = [parameters["intercept"] as! Double] + (parameters["coefficients"] as! [Double])
    #expect(truthCoefficients.count == 4 && truthCoefficients[0] == -1)

    let fit = try cli.run("fit", "logistic", "lr.csv", "--target", "y", "-o", "model.json")
    #expect(fit.status == 0, "\(fit.stderr)")
    let model = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.path("model.json")))) as! [String: Any]
    let fitted = model["parameters"] as! [String: Any]
    let estimates = [fitted["intercept"] as! Double] + (fitted["coefficients"] as! [Double])
    let covariance = model["covariance"] as! [[Double]]
    for k in 0..<4 {
      #expect(abs(estimates[k] - truthCoefficients[k]) < 4 * covariance[k][k].squareRoot(),
              "coefficient \(k): \(estimates[k]) vs \(truthCoefficients[k])")
    }
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var message: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static let badCases: [BadCase] = [
    BadCase(arguments: ["bg-nbd", "--customers", "0", "--seed", "1"], message: "--customers must be at least 1, found 0"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--a=-1"], message: "--a must be a positive number, found -1"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--alpha", "0"], message: "--alpha must be a positive number, found 0"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--horizon", "40-30"],
            message: "--horizon 40-30: expected 0.000001 ≤ low ≤ high ≤ 1000000"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--horizon", "thirty"],
            message: "--horizon must be a number (39) or a range low-high (30-40), found \"thirty\""),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--spend", "1,2"],
            message: "--spend must be three positive numbers p,q,v (Gamma-Gamma), found \"1,2\""),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--spend", "1,0,2"],
            message: "--spend must be three positive numbers p,q,v (Gamma-Gamma), found \"1,0,2\""),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--holdout=-2"],
            message: "--holdout must be a positive number up to 1000000, found -2"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--horizon", "1e9"],
            message: "--horizon 1e9: expected 0.000001 ≤ low ≤ high ≤ 1000000"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--transactions", "--horizon", "900000"],
            message: "--horizon and --holdout from the start date run past 9999-12-31"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--transactions", "--horizon", "0.1428571428571429"],
            message: "with --transactions T must be at least 1 day"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--start", "2020-01-01"],
            message: "--start needs --transactions"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--transactions", "--start", "2020-02-30"],
            message: "--start: expected a date YYYY-MM-DD or an ISO date-time, found \"2020-02-30\""),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--transactions", "--holdout", "1.5"],
            message: "--holdout 1.5 weeks is not a whole number of days"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "1", "--transactions", "--unit", "day", "--horizon", "0.5"],
            message: "--horizon 0.5 is shorter than one day; with --transactions T must be at least 1 day"),
    BadCase(arguments: ["bg-nbd", "--customers", "10", "--seed", "9007199254740992"],
            message: "--seed must be an integer in 0...9007199254740991, found 9007199254740992"),
    BadCase(arguments: ["logistic", "--rows", "0", "--features", "3", "--seed", "1"], message: "--rows must be at least 1, found 0"),
    BadCase(arguments: ["logistic", "--rows", "10", "--features", "0", "--seed", "1"], message: "--features must be at least 1, found 0"),
  ]

  @Test(arguments: badCases)
  func usageErrorsExitWithStatus2AndWriteNothing(_ bad: BadCase) throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run(["simulate"] + bad.arguments + ["-o", "out.csv", "--truth", "truth.json"])
    #expect(run.status == 2)
    #expect(run.stderr.contains(bad.message), "\(run.stderr)")
    #expect(try cli.files().isEmpty)
  }
}
