/// A line or step chart of one or more series of (x, y) points, e.g. ROC and
/// precision-recall curves, cumulative gains, a Pareto curve, actual vs
/// expected cumulative transactions. Optionally with point markers, a
/// shaded area under a series, and the reference line y = x.
public struct LineChart: Sendable {
  /// One curve.
  public struct Series: Sendable {
    /// How consecutive points are joined.
    public enum Interpolation: Sendable { case linear, step }
    /// The name shown in the legend and in `data-series`.
    public var name: String
    /// x values.
    public var x: [Double]
    /// y values, as many as x.
    public var y: [Double]
    /// `.linear`: straight segments; `.step`: horizontal then vertical
    /// ("post" steps, as a precision-recall curve is drawn).
    public var interpolation: Interpolation
    /// Whether each point gets a marker (for short series).
    public var markers: Bool
    /// Whether the area between the curve and the x axis is shaded.
    public var area: Bool
    /// Whether the line is dashed (an expected / model curve beside an
    /// actual one).
    public var dashed: Bool

    /// A series; `x` and `y` must have the same length.
    public init(
      _ name: String, x: [Double], y: [Double], interpolation: Interpolation = .linear, markers: Bool = false,
      area: Bool = false, dashed: Bool = false
    ) {
      self.name = name
      self.x = x
      self.y = y
      self.interpolation = interpolation
      self.markers = markers
      self.area = area
      self.dashed = dashed
    }
  }

  /// The chart's name (`data-chart`), e.g. "roc".
  public var name: String
  /// The title drawn above the chart.
  public var title: String
  /// The horizontal axis.
  public var xAxis: Axis
  /// The vertical axis.
  public var yAxis: Axis
  /// The curves, drawn in order, coloured by `Palette.categorical`.
  public var series: [Series]
  /// Whether to draw the reference line y = x (a random classifier's ROC,
  /// perfect calibration) across the plot.
  public var diagonal: Bool
  /// Category labels for x = 0, 1, …, count − 1 (e.g. "0" … "6", "7+"):
  /// when set, the x axis is a category axis with these ticks and x values
  /// must lie in 0…count − 1.
  public var xCategories: [String]?
  /// A labelled vertical line at an x value (e.g. the end of the
  /// calibration period on a tracking chart), if any.
  public var marker: (x: Double, label: String)?

  /// A chart of `series` on the given axes.
  public init(
    name: String, title: String, xAxis: Axis, yAxis: Axis, series: [Series], diagonal: Bool = false,
    xCategories: [String]? = nil, marker: (x: Double, label: String)? = nil
  ) {
    self.name = name
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.diagonal = diagonal
    self.xCategories = xCategories
    self.marker = marker
  }

  /// The chart as SVG; `standalone` adds the XML namespace and a pixel size
  /// for a file of its own (inline SVG in HTML needs neither).
  /// - Throws: `ChartError` for no series, an empty series, mismatched
  ///   lengths, or a value that is not finite (or not positive on a log axis).
  public func svg(standalone: Bool = false) throws(ChartError) -> String {
    guard !series.isEmpty else { throw ChartError(chart: name, "no series to draw") }
    var xs: [Double] = [], ys: [Double] = []
    for s in series {
      guard !s.x.isEmpty else { throw ChartError(chart: name, series: s.name, "has no points") }
      guard s.x.count == s.y.count else {
        throw ChartError(chart: name, series: s.name, "has \(s.x.count) x values but \(s.y.count) y values")
      }
      try checkFinite(s.x, chart: name, series: s.name, what: "x value", positive: xAxis.scale == .log10)
      try checkFinite(s.y, chart: name, series: s.name, what: "y value", positive: yAxis.scale == .log10)
      xs += s.x
      ys += s.y
    }
    if let marker {
      guard marker.x.isFinite, xAxis.scale == .linear || marker.x > 0 else {
        throw ChartError(chart: name, "the marker '\(marker.label)' is at x = \(marker.x)")
      }
      xs.append(marker.x)
    }
    var xAxis = ResolvedAxis(self.xAxis, min: xs.min()!, max: xs.max()!)
    if let categories = xCategories {
      guard !categories.isEmpty, xs.allSatisfy({ $0 >= 0 && $0 <= Double(categories.count - 1) }) else {
        throw ChartError(chart: name, "x values must lie within the \(categories.count) categories")
      }
      // Half a category of margin on either side, ticks at the categories.
      xAxis = ResolvedAxis(
        scale: .linear, lower: -0.5, upper: Double(categories.count) - 0.5, ticks: categories.indices.map(Double.init),
        labels: categories)
    }
    var yAxis = ResolvedAxis(self.yAxis, min: ys.min()!, max: ys.max()!)
    if diagonal && xCategories == nil {
      // y = x must be a 45° line through the same range on both axes.
      let low = min(xAxis.lower, yAxis.lower), high = max(xAxis.upper, yAxis.upper)
      xAxis = ResolvedAxis(self.xAxis, min: low, max: high)
      yAxis = ResolvedAxis(self.yAxis, min: low, max: high)
    }
    var canvas = ChartCanvas(
      chart: name, title: title, standalone: standalone,
      legend: series.enumerated().map { ($1.name, Palette.series($0), .line(dashed: $1.dashed)) }, leftLabels: yAxis.labels)
    try canvas.axes(
      x: canvas.ticks(xAxis, vertical: false), y: canvas.ticks(yAxis, vertical: true), xLabel: self.xAxis.label,
      yLabel: self.yAxis.label)
    if diagonal {
      let low = max(xAxis.lower, yAxis.lower), high = min(xAxis.upper, yAxis.upper)
      try canvas.line(
        canvas.x(xAxis.fraction(low)), canvas.y(yAxis.fraction(low)), canvas.x(xAxis.fraction(high)),
        canvas.y(yAxis.fraction(high)),
        [("class", "reference"), ("stroke", Palette.reference), ("stroke-dasharray", "4 4"), ("stroke-width", "1.5")])
    }
    if let marker {
      let mx = canvas.x(xAxis.fraction(marker.x))
      canvas.markup.open("g", [("class", "marker-line")])
      try canvas.line(mx, canvas.top, mx, canvas.bottom, [
        ("class", "reference"), ("stroke", Palette.reference), ("stroke-dasharray", "2 3"), ("stroke-width", "1.5"),
      ])
      // The label sits inside the plot, left of the line when it is in the right half.
      let right = mx > (canvas.left + canvas.right) / 2
      canvas.markup.element(
        "text",
        [("x", try canvas.number(right ? mx - 6 : mx + 6, "x")), ("y", try canvas.number(canvas.top + 14, "y")),
         ("text-anchor", right ? "end" : "start"), ("fill", Palette.mutedInk)],
        text: marker.label)
      canvas.markup.close()
    }
    for (index, s) in series.enumerated() {
      let colour = Palette.series(index)
      canvas.beginSeries(s.name, [("stroke", colour), ("fill", colour)])
      var points: [(x: Double, y: Double)] = []
      points.reserveCapacity(s.x.count * (s.interpolation == .step ? 2 : 1))
      for i in s.x.indices {
        let p = (x: canvas.x(xAxis.fraction(s.x[i])), y: canvas.y(yAxis.fraction(s.y[i])))
        if s.interpolation == .step, let previous = points.last { points.append((p.x, previous.y)) }
        points.append(p)
      }
      if s.area {
        let base = canvas.y(yAxis.scale == .linear ? yAxis.fraction(min(max(0, yAxis.lower), yAxis.upper)) : 0)
        let outline = [(x: points.first!.x, y: base)] + points + [(x: points.last!.x, y: base)]
        canvas.markup.empty("path", [
          ("class", "area"), ("d", try canvas.path(outline, closed: true)), ("fill-opacity", "0.15"), ("stroke", "none"),
        ])
      }
      var line = [("class", "line"), ("d", try canvas.path(points)), ("fill", "none"), ("stroke-width", "2"),
                  ("stroke-linejoin", "round")]
      if s.dashed { line.append(("stroke-dasharray", "6 4")) }
      canvas.markup.empty("path", line)
      if s.markers {
        for i in s.x.indices {
          canvas.markup.empty("circle", [
            ("class", "marker"), ("cx", try canvas.number(canvas.x(xAxis.fraction(s.x[i])), "x")),
            ("cy", try canvas.number(canvas.y(yAxis.fraction(s.y[i])), "y")), ("r", "3.5"), ("stroke", "#ffffff"),
            ("stroke-width", "1"),
          ])
        }
      }
      canvas.endSeries()
    }
    return canvas.finish()
  }
}
