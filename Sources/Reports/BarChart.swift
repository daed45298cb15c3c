/// A grouped bar chart: categories along x, one bar per series in each
/// category (e.g. actual vs expected customers per repeat-purchase count,
/// lift by decile). The y axis always includes 0, where bars start.
public struct BarChart: Sendable {
  /// One series of bars, a value per category.
  public typealias Series = NamedValues

  /// The chart's name (`data-chart`).
  public var name: String
  /// The title drawn above the chart.
  public var title: String
  /// The categories, left to right.
  public var categories: [String]
  /// The title of the category axis.
  public var categoryLabel: String
  /// The value axis (linear; it always includes 0).
  public var yAxis: Axis
  /// The series, side by side within each category.
  public var series: [Series]
  /// A horizontal reference line (e.g. lift = 1), if any.
  public var referenceValue: Double?

  /// A grouped bar chart.
  public init(
    name: String, title: String, categories: [String], categoryLabel: String, yAxis: Axis, series: [Series],
    referenceValue: Double? = nil
  ) {
    self.name = name
    self.title = title
    self.categories = categories
    self.categoryLabel = categoryLabel
    self.yAxis = yAxis
    self.series = series
    self.referenceValue = referenceValue
  }

  /// The chart as SVG (`standalone`: with namespace and pixel size).
  /// - Throws: `ChartError` for no categories or series, a series whose
  ///   length differs from the categories', or a non-finite value.
  public func svg(standalone: Bool = false) throws(ChartError) -> String {
    guard !categories.isEmpty else { throw ChartError(chart: name, "no categories to draw") }
    guard !series.isEmpty else { throw ChartError(chart: name, "no series to draw") }
    var values: [Double] = [0]
    for s in series {
      guard s.values.count == categories.count else {
        throw ChartError(chart: name, series: s.name, "has \(s.values.count) values for \(categories.count) categories")
      }
      try checkFinite(s.values, chart: name, series: s.name, what: "value")
      values += s.values
    }
    if let referenceValue {
      guard referenceValue.isFinite else { throw ChartError(chart: name, "the reference value is \(referenceValue)") }
      values.append(referenceValue)
    }
    var linear = yAxis
    linear.scale = .linear
    let y = ResolvedAxis(linear, min: values.min()!, max: values.max()!)
    var canvas = ChartCanvas(
      chart: name, title: title, standalone: standalone,
      legend: series.enumerated().map { ($1.name, Palette.series($0), .swatch) }, leftLabels: y.labels)
    let band = (canvas.right - canvas.left) / Double(categories.count)
    // Long category lists keep every k-th label so that labels never overlap.
    let widest = categories.map { ChartCanvas.textWidth($0) }.max() ?? 0
    let every = max(1, Int(((widest + 6) / band).rounded(.up)))
    var xTicks = TickMarks(positions: [], labels: [])
    for (i, c) in categories.enumerated() where i % every == 0 {
      xTicks.positions.append(canvas.left + (Double(i) + 0.5) * band)
      xTicks.labels.append(c)
    }
    try canvas.axes(x: xTicks, y: canvas.ticks(y, vertical: true), xLabel: categoryLabel, yLabel: yAxis.label, xGrid: false)
    let zero = canvas.y(y.fraction(0))
    let inner = band * 0.8, barWidth = inner / Double(series.count)
    for (index, s) in series.enumerated() {
      canvas.beginSeries(s.name, [("fill", Palette.series(index))])
      for (i, v) in s.values.enumerated() {
        let x0 = canvas.left + Double(i) * band + (band - inner) / 2 + Double(index) * barWidth
        try canvas.rect(x0 + 0.5, zero, x0 + barWidth - 0.5, canvas.y(y.fraction(v)), [("class", "bar")])
      }
      canvas.endSeries()
    }
    if let referenceValue {
      let ry = canvas.y(y.fraction(referenceValue))
      try canvas.line(canvas.left, ry, canvas.right, ry, [
        ("class", "reference"), ("stroke", Palette.reference), ("stroke-dasharray", "4 4"), ("stroke-width", "1.5"),
      ])
    }
    return canvas.finish()
  }
}
