import ArgumentParser
import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw segment rfm`: RFM scores, cells and named segments of customer
/// summaries, and a table per segment.
struct SegmentRFM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rfm",
    abstract: "RFM scores 1–5, the RFM cell and a named segment per customer, with a table per segment.",
    discussion: """
      R scores the time since the last purchase, T − recency (recent is high), ranked among all customers; F the \
      repeat purchases and M the mean spend per repeat purchase (monetary_value), ranked among the customers with a \
      repeat purchase — customers without one (frequency 0) score F = 1 and M = 1. Scores are quintiles of the middle \
      of each tie group: score = 1 + ⌊5 · (below + tied/2) / n⌋, n = customers ranked, below = those with a strictly \
      lower value, tied = those with this value; tied customers share a score, a tie group at the top scores high \
      and one at the bottom low, a constant column scores 3 (neutral) for everyone; a score that ties, or fewer than 5 \
      ranked customers, skip stays empty (noted on stderr). Segments, first matching rule wins (R F M): champions \
      4–5 4–5 4–5; loyal 3–5 4–5 any; potential loyalists 4–5 2–3 any; new 5 1 any; promising 4 1 any; need attention 3 3 any; about to sleep 3 1–2 any; can't lose 1–2 4–5 4–5; \
      at risk 1–2 3–5 any; lost 1 1 any; hibernating 1–2 1–2 any — every one of the 125 cells has a segment. \
      Revenue = frequency × monetary_value (repeat purchases). With --clv or the models, the table adds the mean \
      predicted value per segment. -o writes id, recency_score, frequency_score, monetary_score, rfm_cell, segment.
      """)

  @Argument(help: "Customer summaries (as cvw summarize writes them), or - for stdin.")
  var data: String

  @Option(help: "The customer id column.")
  var id = "customer_id"

  @OptionGroup var columns: SummaryColumnOptions

  @Option(help: "Column of the mean spend of the repeat purchases.")
  var monetaryValue = "monetary_value"

  @OptionGroup var predicted: PredictedValueOptions

  @OptionGroup var output: SegmentOutputOptions

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    try checkOneStdinInput([data, predicted.clv])
  }

  func run() throws {
    runOptions.apply()
    ProgressMeter.process.beginReading(data)
    let table = try CSVReader.read(data)
    ProgressMeter.process.begin("segmenting", unit: .elapsed)
    let ids = try customerIDs(table, column: id)
    guard !ids.isEmpty else { throw DataError(file: table.source, message: "has no customers: expected a row per customer") }
    let segmentation = try RFMSegmentation(
      table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age, monetaryValue: monetaryValue)
    let clv = try predicted.predicted(for: table, idName: id, ids: ids, needAlive: false)?.value
    let scores = segmentation.scores
    for (name, score) in [("recency", scores.recency), ("frequency", scores.frequency), ("monetary", scores.monetary)] {
      let counts = score.counts
      let empty = counts.indices.filter { counts[$0] == 0 }.map { String($0 + 1) }
      guard !empty.isEmpty else { continue }
      note("cvw: \(name) scores 1–5 hold \(counts.map(String.init).joined(separator: ", ")) customers: "
        + "\(empty.joined(separator: ", ")) left empty (\(Self.whyEmpty(score, name: name)); scores are never renumbered)")
    }
    let summary = Self.summary(segmentation, clv: clv)
    let perCustomer: [CSVWriter.Field] = [
      .strings(ids), .numbers(scores.recency.scores.map { Double($0) }), .numbers(scores.frequency.scores.map { Double($0) }),
      .numbers(scores.monetary.scores.map { Double($0) }), .strings((0..<scores.count).map { scores.cell($0) }),
      .strings(segmentation.segments.map(\.rawValue)),
    ]
    try output.write(
      customers: [id, "recency_score", "frequency_score", "monetary_score", "rfm_cell", "segment"], perCustomer,
      table: summary, json: { try Self.json(segmentation, summary).serialized() },
      text: { Self.text(segmentation, summary, source: table.source) })
  }

  /// Why `score` leaves some of 1…L empty: no one ranked (F and M without
  /// a repeat buyer), fewer ranked customers than scores, or ties.
  static func whyEmpty(_ score: QuantileScore, name: String) -> String {
    let n = score.rankedCount
    guard n > 0 else { return "no customer has a repeat purchase to rank by \(name): all score 1" }
    var causes = [String]()
    if n < score.levels {
      causes.append("only \(n) customer\(n == 1 ? " is" : "s are") ranked by \(name), fewer than the \(score.levels) scores")
    }
    if score.distinctRankedValues < n { causes.append("tied customers share one score") }
    return causes.joined(separator: "; ")
  }

  /// A row per segment: customers, shares, revenue, mean scores and the
  /// mean predicted value when there is one.
  static func summary(_ s: RFMSegmentation, clv: [Double]?) -> ResultTable {
    var columns: [(name: String, title: String)] = [
      ("segment", "segment"), ("customers", "customers"), ("customer_share", "share"), ("revenue", "revenue"),
      ("revenue_share", "revenue share"), ("mean_recency_score", "mean R"), ("mean_frequency_score", "mean F"),
      ("mean_monetary_score", "mean M"),
    ]
    if clv != nil { columns.append(("mean_clv", "mean CLV")) }
    var table = ResultTable(columns: columns)
    let g = s.summary
    let shares = g.customerShares, revenueShares = g.valueShares, means = s.meanScores
    let clvMeans = clv.map { g.means(of: $0) }
    for (k, segment) in RFMSegment.allCases.enumerated() {
      var row: [ResultTable.Cell] = [
        .text(segment.rawValue), .count(g.customers[k]), .share(shares[k]), .number(g.value[k]), .share(revenueShares[k]),
        .number(means.recency[k]), .number(means.frequency[k]), .number(means.monetary[k]),
      ]
      if let clvMeans { row.append(.number(clvMeans[k])) }
      table.append(row)
    }
    return table
  }

  static func text(_ s: RFMSegmentation, _ table: ResultTable, source: String) -> String {
    let n = s.scores.count
    return "RFM segments of \(n) customer\(n == 1 ? "" : "s") in \(source): scores 1–5 by quintile (ties share the "
      + "score of their middle; F and M among repeat buyers, 1 without a repeat purchase)\n"
      + "revenue = frequency × monetary value (the repeat purchases), total "
      + String(format: "%.2f", s.summary.totalValue) + "\n\n" + table.text()
  }

  static func json(_ s: RFMSegmentation, _ table: ResultTable) -> JSON {
    func counts(_ score: QuantileScore) -> JSON { .numbers(score.counts.map { Double($0) }) }
    func ranges(_ score: QuantileScore, negated: Bool) -> JSON {
      .array(score.ranges.map { range in
        guard let range else { return .null }
        return negated ? .numbers([-range.upperBound, -range.lowerBound]) : .numbers([range.lowerBound, range.upperBound])
      })
    }
    return .object([
      ("customers", .number(Double(s.scores.count))),
      ("revenue", .number(s.summary.totalValue)),
      ("revenueDefinition", .string("frequency × monetary_value")),
      // The values each score 1…5 took, [lowest, highest] (null: no one): R's are times since the last purchase.
      ("scoreRanges", .object([
        ("timeSinceLastPurchase", ranges(s.scores.recency, negated: true)),
        ("frequency", ranges(s.scores.frequency, negated: false)),
        ("monetary", ranges(s.scores.monetary, negated: false)),
      ])),
      ("scoreCounts", .object([
        ("recency", counts(s.scores.recency)), ("frequency", counts(s.scores.frequency)),
        ("monetary", counts(s.scores.monetary)),
      ])),
      ("segments", table.json()),
    ])
  }
}
