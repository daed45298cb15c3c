import Models

/// The pictures of customer values (predicted CLV): their distribution on a
/// log axis (values are heavily skewed: most customers are worth little, a
/// few a lot) and the Pareto curve, the share of the total value held by the
/// top x % of customers (from `ValueConcentration`).
public struct ValueReport: Sendable {
  /// One value per customer.
  public var values: [Double]
  /// What the values are, for labels ("12-month CLV").
  public var label: String
  /// The values sorted, largest first, with their cumulative shares.
  public var concentration: ValueConcentration
  /// The charts drawn, in order: both for values that add up (CLV); only the
  /// distribution for values that do not (expected spend per purchase).
  public var charts: [ReportChart]

  /// Values and what they are.
  /// - Throws: `ValueConcentration.Failure` for a negative or non-finite
  ///   value, or when every value is 0.
  public init(values: [Double], label: String, charts: [ReportChart] = ReportChart.value) throws(ValueConcentration.Failure) {
    precondition(charts.allSatisfy(ReportChart.value.contains), "value reports draw value charts")
    self.values = values
    self.label = label
    self.charts = charts
    concentration = try ValueConcentration(values)
  }

  /// One chart by name.
  /// - Throws: `ChartUnavailable` for a chart that does not show values;
  ///   `ChartError` for a non-finite value.
  public func chart(_ chart: ReportChart) throws -> any Chart {
    switch chart {
    case .clvDistribution:
      // The lowest 1% (nearest rank), and every 0, share the first bar, at
      // the smallest positive value when more than 1% are 0: a few customers
      // worth almost nothing would otherwise stretch the log axis over
      // decades where nobody is, and 0 has no place on it. (Values are ≥ 0
      // with a positive total, `ValueConcentration`: some value is > 0.)
      let positive = concentration.countAbove(0)
      let floor = max(Self.nearestRank(values.sorted(), 0.01), concentration.descending[positive - 1])
      let pooled = values.filter { $0 < floor }.count
      let zeros = values.count - positive
      let note = zeros == 0 ? "" : ", \(zeros) of them 0"
      return Histogram(
        name: chart.rawValue,
        title: "Distribution of \(label)" + (pooled > 0 ? " (the \(pooled) lowest in the first bar\(note))" : ""),
        xAxis: Axis(label, scale: .log10), yLabel: "customers", series: [.init(label, values: values)], bins: 30,
        clip: pooled > 0 ? floor...Double.greatestFiniteMagnitude : nil)
    case .pareto:
      let curve = concentration.curve(points: 200)
      let top20 = concentration.share(ofTop: 0.2)
      return LineChart(
        name: chart.rawValue, title: "Share of total \(label) held by the top customers",
        xAxis: Axis("share of customers, highest \(label) first", format: .percent, covers: 0...1),
        yAxis: Axis("share of total \(label)", format: .percent, covers: 0...1),
        series: [.init(label, x: curve.customerShare, y: curve.valueShare, area: true)],
        diagonal: true, marker: (x: 0.2, label: "the top 20% hold \(formatCompact(top20 * 100, decimals: 0))%"))
    default:
      throw ChartUnavailable(chart, "does not show customer values; value charts are "
        + ReportChart.value.map(\.rawValue).joined(separator: ", "))
    }
  }

  /// The q-quantile of sorted values by nearest rank: the value at index
  /// round(q·(n − 1)).
  static func nearestRank(_ sorted: [Double], _ q: Double) -> Double {
    sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded()))]
  }

  /// The report's section: summary statistics and the charts.
  public func sections(idPrefix: String) throws -> [HTMLReport.Section] {
    var section = HTMLReport.Section("Customer value", id: idPrefix + "value")
    let sorted = values.sorted()
    func quantile(_ q: Double) -> Double { Self.nearestRank(sorted, q) }
    let total = values.reduce(0, +)
    section.paragraph(
      "\(values.count) customers, total \(label) \(formatSignificant(total, digits: 6)), mean "
        + "\(formatSignificant(total / Double(max(values.count, 1)), digits: 4)); median \(formatSignificant(quantile(0.5), digits: 4)), "
        + "90th percentile \(formatSignificant(quantile(0.9), digits: 4)), maximum \(formatSignificant(sorted.last ?? 0, digits: 4)).")
    try section.charts(try charts.map { (try chart($0), nil) })
    guard charts.contains(.pareto) else { return [section] }
    section.table(HTMLTable(
      caption: "Concentration of \(label): the share of the total held by the top customers",
      header: ["top customers", "customers", "share of total", "value held"],
      rows: [0.01, 0.05, 0.1, 0.2, 0.5].map { f in
        let share = concentration.share(ofTop: f)
        return ["\(formatCompact(f * 100, decimals: 0))%", String(Int((f * Double(values.count)).rounded())),
                formatCompact(share * 100, decimals: 1) + "%", formatSignificant(share * concentration.total, digits: 6)]
      }))
    return [section]
  }
}
