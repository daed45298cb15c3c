import Testing

@testable import Reports

private let roc = LineChart(
  name: "roc", title: "ROC curve",
  xAxis: Axis("False positive rate", format: .percent, covers: 0...1),
  yAxis: Axis("True positive rate", format: .percent, covers: 0...1),
  series: [
    .init("model (AUC 0.81)", x: [0, 0.1, 0.3, 1], y: [0, 0.5, 0.8, 1]),
    .init("other & <older>", x: [0, 0.2, 1], y: [0, 0.4, 1], interpolation: .step, markers: true, dashed: true),
  ],
  diagonal: true)

@Test func lineChartHasAxesSeriesAndLegend() throws {
  let svg = try roc.svg(standalone: true)
  let root = try checkChart(svg, name: "roc", title: "ROC curve", seriesCount: 2)
  #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
  #expect(root.find("line", classes: ["reference"]).count == 1)
  #expect(root.find("g", classes: ["series"])[1].attributes["data-series"] == "other & <older>")
  #expect(root.find("circle", classes: ["marker"]).count == 3)
  // Percent ticks 0%…100% on both axes.
  let xLabels = root.find("g", classes: ["axis", "x"])[0].find("g", classes: ["tick"]).map { $0.find("text")[0].allText }
  #expect(xLabels == ["0%", "20%", "40%", "60%", "80%", "100%"])
  // Inline (not standalone): no namespace, no pixel size.
  let inline = try XMLNode.parse(try roc.svg(standalone: false))
  #expect(inline.attributes["xmlns"] == nil && inline.attributes["width"] == nil)
}

@Test func singleSeriesHasNoLegend() throws {
  let chart = LineChart(
    name: "pareto", title: "Share of value", xAxis: Axis("top customers", format: .percent),
    yAxis: Axis("share of value", format: .percent), series: [.init("CLV", x: [0, 0.2, 1], y: [0, 0.8, 1], area: true)])
  let root = try checkChart(try chart.svg(), name: "pareto", title: "Share of value", seriesCount: 1)
  #expect(root.find("path", classes: ["area"]).count == 1)
}

@Test func logAxisChartIsInsideItsBox() throws {
  let chart = LineChart(
    name: "log", title: "Log", xAxis: Axis("x"), yAxis: Axis("y", scale: .log10),
    series: [.init("a", x: [1, 2, 3], y: [3, 400, 25_000])])
  let root = try checkChart(try chart.svg(), name: "log", title: "Log", seriesCount: 1)
  let yLabels = root.find("g", classes: ["axis", "y"])[0].find("g", classes: ["tick"]).map { $0.find("text")[0].allText }
  #expect(yLabels == ["1", "10", "100", "1000", "10k", "100k"])
  let bad = LineChart(
    name: "log", title: "Log", xAxis: Axis("x"), yAxis: Axis("y", scale: .log10), series: [.init("a", x: [1, 2], y: [0, 4])])
  #expect(throws: ChartError.self) { try bad.svg() }
}

@Test func nonFiniteValuesAreErrorsNamingChartAndSeries() {
  let chart = LineChart(
    name: "roc", title: "ROC", xAxis: Axis("x"), yAxis: Axis("y"),
    series: [.init("good", x: [0, 1], y: [0, 1]), .init("bad", x: [0, 1], y: [0, .nan])])
  #expect(throws: ChartError(chart: "roc", series: "bad", "y value 2 is nan; nothing is drawn for NaN or infinity")) {
    try chart.svg()
  }
  let bars = BarChart(
    name: "lift", title: "Lift", categories: ["1", "2"], categoryLabel: "decile", yAxis: Axis("lift"),
    series: [.init("lift", values: [2, .infinity])])
  #expect(throws: ChartError.self) { try bars.svg() }
  let heat = Heatmap(
    name: "alive", title: "P(alive)", xAxis: Axis("recency"), yAxis: Axis("frequency"), columns: [0, 1], rows: [0],
    values: [0.5, -.infinity], valueLabel: "P(alive)")
  #expect(throws: ChartError.self) { try heat.svg() }
  let forest = IntervalPlot(
    name: "coefficients", title: "C", xAxis: Axis("c"), intervals: [.init("a", estimate: 1, lower: .nan, upper: 2)],
    nameLabel: "feature")
  #expect(throws: ChartError.self) { try forest.svg() }
  let histogram = Histogram(name: "h", title: "H", xAxis: Axis("x"), yLabel: "n", series: [.init("a", values: [1, .nan])])
  #expect(throws: ChartError.self) { try histogram.svg() }
  let mismatched = LineChart(name: "m", title: "M", xAxis: Axis("x"), yAxis: Axis("y"), series: [.init("s", x: [0, 1], y: [0])])
  #expect(throws: ChartError.self) { try mismatched.svg() }
}

@Test func groupedBarChartDrawsOneBarPerCategoryAndSeries() throws {
  let chart = BarChart(
    name: "period-transactions", title: "Customers by repeat purchases",
    categories: ["0", "1", "2", "3", "4", "5", "6+"], categoryLabel: "repeat purchases",
    yAxis: Axis("customers"),
    series: [.init("actual", values: [1411, 439, 214, 100, 62, 38, 93]),
             .init("model", values: [1400.5, 450.2, 210, 105, 60, 40, 91])])
  let root = try checkChart(try chart.svg(), name: "period-transactions", title: "Customers by repeat purchases", seriesCount: 2)
  for series in root.find("g", classes: ["series"]) { #expect(series.find("rect", classes: ["bar"]).count == 7) }
  #expect(root.find("g", classes: ["axis", "x"])[0].find("g", classes: ["tick"]).count == 7)
  // Bars start at 0; range nice_ceil(1411) = 2000, step nice_round(400) = 500, top ⌈1411/500⌉·500.
  let yLabels = root.find("g", classes: ["axis", "y"])[0].find("g", classes: ["tick"]).map { $0.find("text")[0].allText }
  #expect(yLabels == ["0", "500", "1000", "1500"])
}

@Test func liftBarsWithReferenceLine() throws {
  let chart = BarChart(
    name: "lift", title: "Lift by decile", categories: (1...10).map(String.init), categoryLabel: "decile",
    yAxis: Axis("lift"), series: [.init("lift", values: [3.1, 2.2, 1.6, 1.2, 0.9, 0.7, 0.5, 0.4, 0.3, 0.1])],
    referenceValue: 1)
  let root = try checkChart(try chart.svg(), name: "lift", title: "Lift by decile", seriesCount: 1)
  #expect(root.find("line", classes: ["reference"]).count == 1)
}

@Test func histogramBinsAreSharedByClasses() throws {
  let negatives = (0..<200).map { Double($0) / 400 }  // 0 … 0.4975
  let positives = (0..<50).map { 0.5 + Double($0) / 100 }  // 0.5 … 0.99
  let chart = Histogram(
    name: "score-histogram", title: "Scores by class", xAxis: Axis("predicted probability", covers: 0...1),
    yLabel: "share of class", series: [.init("negative", values: negatives), .init("positive", values: positives)],
    bins: 20, layout: .overlaid, height: .shareOfClass)
  let (edges, heights) = try chart.binned()
  #expect(edges.values.count == 21 && edges.step == 0.05)
  // Each class's shares sum to 1; negatives fill bins 1–10 with 20 rows each.
  #expect(abs(heights[0..<20].reduce(0, +) - 1) < 1e-12 && abs(heights[20..<40].reduce(0, +) - 1) < 1e-12)
  #expect(heights[0..<10].allSatisfy { $0 == 0.1 } && heights[10..<20].allSatisfy { $0 == 0 })
  // The largest value lands in the last bin, closed on the right.
  let counts = try Histogram(name: "h", title: "H", xAxis: Axis("x"), yLabel: "n", series: [.init("a", values: [0, 1])], bins: 4)
    .binned()
  #expect(counts.heights.first == 1 && counts.heights.last == 1)
  try checkChart(try chart.svg(), name: "score-histogram", title: "Scores by class", seriesCount: 2)
  var sideBySide = chart
  sideBySide.layout = .sideBySide
  try checkChart(try sideBySide.svg(), name: "score-histogram", title: "Scores by class", seriesCount: 2)
}

@Test func heatmapHasCellsAndColourBar() throws {
  let columns = (0..<5).map(Double.init), rows = (0..<4).map(Double.init)
  var values: [Double?] = []
  for r in rows { for c in columns { values.append(c == 0 && r > 0 ? nil : r * 0.1 + c * 0.02) } }
  let chart = Heatmap(
    name: "alive", title: "P(alive) by frequency and recency", xAxis: Axis("recency (weeks)"),
    yAxis: Axis("frequency"), columns: columns, rows: rows, values: values, valueLabel: "P(alive)", valueFormat: .percent)
  let root = try checkChart(try chart.svg(), name: "alive", title: "P(alive) by frequency and recency", seriesCount: 1)
  #expect(root.find("rect", classes: ["cell"]).count == 20)
  #expect(root.find("rect", classes: ["cell", "missing"]).count == 3)
  let bar = root.find("g", classes: ["colour-bar"])
  #expect(bar.count == 1 && bar[0].find("text").count >= 3)
  // The lowest value is viridis' dark end, the highest its yellow end.
  let fills = root.find("rect", classes: ["cell"]).filter { !$0.classes.contains("missing") }.map { $0.attributes["fill"] }
  #expect(fills.first == "#440154" && fills.last == "#fde725")
  #expect(Heatmap.edges([0, 1, 3]) == [-0.5, 0.5, 2, 4])
  var wrong = chart
  wrong.values.removeLast()
  #expect(throws: ChartError.self) { try wrong.svg() }
}

@Test func intervalPlotHasNamesAndZeroLine() throws {
  let chart = IntervalPlot(
    name: "coefficients", title: "Coefficients with 95% intervals", xAxis: Axis("log-odds"),
    intervals: [
      .init("(intercept)", estimate: -1.2, lower: -1.5, upper: -0.9), .init("visits", estimate: 0.4, lower: 0.1, upper: 0.7),
      .init("penalised", estimate: 0.2),
    ],
    nameLabel: "feature", seriesName: "coefficient")
  let root = try checkChart(try chart.svg(), name: "coefficients", title: "Coefficients with 95% intervals", seriesCount: 1)
  let names = root.find("g", classes: ["axis", "y"])[0].find("g", classes: ["tick"]).map { $0.find("text")[0].allText }
  #expect(names == ["(intercept)", "visits", "penalised"])
  #expect(root.find("line", classes: ["reference"]).count == 1)
  #expect(root.find("g", classes: ["interval"]).count == 3)
  let outside = IntervalPlot(
    name: "c", title: "C", xAxis: Axis("x"), intervals: [.init("a", estimate: 3, lower: 0, upper: 1)], nameLabel: "f")
  #expect(throws: ChartError.self) { try outside.svg() }
}

@Test func longCurvesAreThinnedToThePixel() throws {
  let n = 100_000
  let x = (0...n).map { Double($0) / Double(n) }
  let chart = LineChart(name: "pr", title: "PR", xAxis: Axis("recall"), yAxis: Axis("precision"), series: [.init("m", x: x, y: x.map { 1 - $0 * $0 })])
  let svg = try chart.svg()
  try checkChart(svg, name: "pr", title: "PR", seriesCount: 1)
  #expect(svg.utf8.count < 60_000)
}

@Test func categoryAxisLabelsTheCategories() throws {
  let chart = LineChart(
    name: "holdout", title: "Holdout", xAxis: Axis("calibration frequency"), yAxis: Axis("mean purchases"),
    series: [.init("actual", x: [0, 1, 2], y: [0.2, 0.7, 3]), .init("model", x: [0, 1, 2], y: [0.2, 0.5, 2.8], dashed: true)],
    xCategories: ["0", "1", "2+"])
  let root = try checkChart(try chart.svg(), name: "holdout", title: "Holdout", seriesCount: 2)
  let labels = root.find("g", classes: ["axis", "x"])[0].find("g", classes: ["tick"]).map { $0.find("text")[0].allText }
  #expect(labels == ["0", "1", "2+"])
  var outside = chart
  outside.series[0].x[2] = 3
  #expect(throws: ChartError.self) { try outside.svg() }
}

@Test func logHistogramBinsInLogSpace() throws {
  // log10 values 0, 1, 2, 3; about 3 bins: range nice_ceil(3) = 5, step nice_round(5/3) = 2 → edges 0, 2, 4.
  let chart = Histogram(
    name: "clv-distribution", title: "CLV", xAxis: Axis("CLV", scale: .log10), yLabel: "customers",
    series: [.init("CLV", values: [1, 10, 100, 1000])], bins: 3)
  let (edges, heights) = try chart.binned()
  #expect(edges.values == [0, 2, 4] && heights == [2, 2])
  try checkChart(try chart.svg(), name: "clv-distribution", title: "CLV", seriesCount: 1)
  // Clipped at 10: log10 range 1…3, step nice_round(2/3) = 0.5, and the values 1 and 10 share the first bin.
  var clipped = chart
  clipped.clip = 10...1e9
  let pooled = try clipped.binned()
  #expect(pooled.edges.lower == 1 && pooled.heights.reduce(0, +) == 4 && pooled.heights.first == 2)
  let zero = Histogram(
    name: "clv-distribution", title: "CLV", xAxis: Axis("CLV", scale: .log10), yLabel: "customers",
    series: [.init("CLV", values: [0, 10])])
  #expect(throws: ChartError.self) { try zero.svg() }
  // A positive clip pools the values ≤ 0 into the first bin: log10 range 0…2 (1…100).
  var pooledZero = zero
  pooledZero.series = [.init("CLV", values: [0, -2, 1, 10, 100])]
  pooledZero.clip = 1...1e9
  pooledZero.bins = 2
  let zeros = try pooledZero.binned()
  #expect(zeros.edges.values == [0, 1, 2] && zeros.heights == [3, 2])
  try checkChart(try pooledZero.svg(), name: "clv-distribution", title: "CLV", seriesCount: 1)
}

@Test func markerLineIsLabelledInsideThePlot() throws {
  let chart = LineChart(
    name: "cumulative-transactions", title: "Tracking", xAxis: Axis("weeks"), yAxis: Axis("repeat transactions"),
    series: [.init("actual", x: [1, 2, 3, 4], y: [10, 30, 45, 60]), .init("model", x: [1, 2, 3, 4], y: [12, 28, 44, 58], dashed: true)],
    marker: (x: 3, label: "end of calibration"))
  let root = try checkChart(try chart.svg(), name: "cumulative-transactions", title: "Tracking", seriesCount: 2)
  let marker = root.find("g", classes: ["marker-line"])
  #expect(marker.count == 1 && marker[0].find("text")[0].allText == "end of calibration")
  #expect(marker[0].find("text")[0].attributes["text-anchor"] == "end")
}
