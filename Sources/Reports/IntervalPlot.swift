/// An interval ("forest") plot: one row per named estimate, a dot at the
/// estimate and a bar over its interval (e.g. coefficients ± 1.96·SE, the
/// Wald 95 % interval), names on the y axis, and a reference line at zero
/// (no effect) when zero lies in range. The plot grows in height with the
/// number of rows.
public struct IntervalPlot: Sendable {
  /// One estimate.
  public struct Interval: Sendable {
    /// The name on the y axis.
    public var name: String
    /// The point estimate.
    public var estimate: Double
    /// The interval's ends; nil where no interval is defined (a penalised
    /// fit without standard errors): only the dot is drawn.
    public var lower: Double?
    /// See `lower`.
    public var upper: Double?

    /// An estimate with an optional interval.
    public init(_ name: String, estimate: Double, lower: Double? = nil, upper: Double? = nil) {
      self.name = name
      self.estimate = estimate
      self.lower = lower
      self.upper = upper
    }
  }

  /// The chart's name (`data-chart`).
  public var name: String
  /// The title drawn above the chart.
  public var title: String
  /// The estimate axis.
  public var xAxis: Axis
  /// The rows, top to bottom.
  public var intervals: [Interval]
  /// The title of the name axis, e.g. "feature".
  public var nameLabel: String
  /// The name of the one series (`data-series`), e.g. "coefficient".
  public var seriesName: String

  /// An interval plot of `intervals`.
  public init(
    name: String, title: String, xAxis: Axis, intervals: [Interval], nameLabel: String, seriesName: String = "estimate"
  ) {
    self.name = name
    self.title = title
    self.xAxis = xAxis
    self.intervals = intervals
    self.nameLabel = nameLabel
    self.seriesName = seriesName
  }

  /// The chart as SVG (`standalone`: with namespace and pixel size).
  /// - Throws: `ChartError` for no rows, a non-finite estimate or bound, or
  ///   an interval that does not contain its estimate.
  public func svg(standalone: Bool = false) throws(ChartError) -> String {
    guard !intervals.isEmpty else { throw ChartError(chart: name, series: seriesName, "no estimates to draw") }
    var values: [Double] = []
    for item in intervals {
      let ends = [item.estimate] + [item.lower, item.upper].compactMap { $0 }
      for v in ends where !v.isFinite {
        throw ChartError(chart: name, series: seriesName, "'\(item.name)' has a non-finite estimate or bound (\(v))")
      }
      if let l = item.lower, let u = item.upper, !(l <= item.estimate && item.estimate <= u) {
        throw ChartError(chart: name, series: seriesName, "'\(item.name)': the interval does not contain the estimate")
      }
      values += ends
    }
    var linear = xAxis
    linear.scale = .linear
    let x = ResolvedAxis(linear, min: values.min()!, max: values.max()!)
    let rowHeight = 24.0
    let height = max(240, 40 + 8 + Double(intervals.count) * rowHeight + 48)
    var canvas = ChartCanvas(
      chart: name, title: title, height: height, standalone: standalone, legend: [],
      leftLabels: intervals.map(\.name))
    let band = (canvas.bottom - canvas.top) / Double(intervals.count)
    let yTicks = TickMarks(
      positions: intervals.indices.map { canvas.top + (Double($0) + 0.5) * band }, labels: intervals.map(\.name))
    try canvas.axes(x: canvas.ticks(x, vertical: false), y: yTicks, xLabel: xAxis.label, yLabel: nameLabel, yGrid: false)
    if x.lower <= 0 && 0 <= x.upper {
      let zx = canvas.x(x.fraction(0))
      try canvas.line(zx, canvas.top, zx, canvas.bottom, [
        ("class", "reference"), ("stroke", Palette.reference), ("stroke-dasharray", "4 4"), ("stroke-width", "1.5"),
      ])
    }
    let colour = Palette.series(0)
    canvas.beginSeries(seriesName, [("stroke", colour), ("fill", colour)])
    for (i, item) in intervals.enumerated() {
      let cy = yTicks.positions[i]
      canvas.markup.open("g", [("class", "interval"), ("data-name", item.name)])
      canvas.markup.element(
        "title", text: "\(item.name): \(ResolvedAxis.label(item.estimate, format: xAxis.format, decimals: 4))"
          + (item.lower.flatMap { l in item.upper.map { u in
            " [\(ResolvedAxis.label(l, format: xAxis.format, decimals: 4)), \(ResolvedAxis.label(u, format: xAxis.format, decimals: 4))]"
          } } ?? ""))
      if let l = item.lower, let u = item.upper {
        try canvas.line(canvas.x(x.fraction(l)), cy, canvas.x(x.fraction(u)), cy, [("stroke-width", "2")])
      }
      canvas.markup.empty("circle", [
        ("cx", try canvas.number(canvas.x(x.fraction(item.estimate)), "x")), ("cy", try canvas.number(cy, "y")),
        ("r", "4"), ("stroke", "#ffffff"), ("stroke-width", "1"),
      ])
      canvas.markup.close()
    }
    canvas.endSeries()
    return canvas.finish()
  }
}
