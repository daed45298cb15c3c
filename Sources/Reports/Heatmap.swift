/// A heatmap of values on a grid of numeric x (columns) and y (rows)
/// positions, e.g. expected purchases or P(alive) over recency ×
/// frequency (lifetimes' `plot_frequency_recency_matrix`), coloured by
/// viridis over [min, max] of the values (min dark, max yellow) with a colour bar beside it. Each
/// cell spans halfway to its neighbours, so uneven grids draw without gaps.
/// A cell without a value (nil: e.g. frequency 0 with recency > 0, which
/// describes no customer) is drawn light grey, class `cell missing`.
public struct Heatmap: Sendable {
  /// The chart's name (`data-chart`).
  public var name: String
  /// The title drawn above the chart.
  public var title: String
  /// The horizontal axis (linear; the columns' positions).
  public var xAxis: Axis
  /// The vertical axis (linear; the rows' positions, increasing upwards).
  public var yAxis: Axis
  /// Column positions, strictly increasing.
  public var columns: [Double]
  /// Row positions, strictly increasing.
  public var rows: [Double]
  /// Row-major values: `values[r * columns.count + c]` at (columns[c],
  /// rows[r]); nil for a cell that has none.
  public var values: [Double?]
  /// What the colour shows (the colour bar's title and `data-series`).
  public var valueLabel: String
  /// How colour-bar labels write values.
  public var valueFormat: ValueFormat

  /// A heatmap of `values` over `rows` × `columns`.
  public init(
    name: String, title: String, xAxis: Axis, yAxis: Axis, columns: [Double], rows: [Double], values: [Double?],
    valueLabel: String, valueFormat: ValueFormat = .number
  ) {
    self.name = name
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.columns = columns
    self.rows = rows
    self.values = values
    self.valueLabel = valueLabel
    self.valueFormat = valueFormat
  }

  /// Cell edges around increasing centres: midpoints between neighbours,
  /// the ends half a neighbour spacing out (±0.5 for a single centre).
  static func edges(_ centres: [Double]) -> [Double] {
    guard centres.count > 1 else { return [centres[0] - 0.5, centres[0] + 0.5] }
    var e = [centres[0] - (centres[1] - centres[0]) / 2]
    for i in 1..<centres.count { e.append((centres[i - 1] + centres[i]) / 2) }
    e.append(centres[centres.count - 1] + (centres[centres.count - 1] - centres[centres.count - 2]) / 2)
    return e
  }

  /// The chart as SVG (`standalone`: with namespace and pixel size).
  /// - Throws: `ChartError` for an empty grid, positions not strictly
  ///   increasing, a value count other than rows × columns, or a
  ///   non-finite value.
  public func svg(standalone: Bool = false) throws(ChartError) -> String {
    guard !columns.isEmpty, !rows.isEmpty else { throw ChartError(chart: name, series: valueLabel, "the grid is empty") }
    guard values.count == rows.count * columns.count else {
      throw ChartError(
        chart: name, series: valueLabel, "has \(values.count) values for \(rows.count) rows × \(columns.count) columns")
    }
    try checkFinite(columns, chart: name, series: valueLabel, what: "column position")
    try checkFinite(rows, chart: name, series: valueLabel, what: "row position")
    let present = values.compactMap { $0 }
    guard !present.isEmpty else { throw ChartError(chart: name, series: valueLabel, "every cell is empty") }
    try checkFinite(present, chart: name, series: valueLabel, what: "value")
    for (positions, what) in [(columns, "column"), (rows, "row")] {
      for i in positions.indices.dropFirst() where !(positions[i] > positions[i - 1]) {
        throw ChartError(chart: name, series: valueLabel, "\(what) positions must increase (position \(i + 1))")
      }
    }
    let xEdges = Self.edges(columns), yEdges = Self.edges(rows)
    let x = ResolvedAxis(tight: xAxis, min: xEdges.first!, max: xEdges.last!)
    let y = ResolvedAxis(tight: yAxis, min: yEdges.first!, max: yEdges.last!)
    // Colours span the values' own range (no colour wasted on nice margins);
    // the colour bar labels the nice ticks inside it.
    let low = present.min()!, high = present.max()!
    func colourFraction(_ v: Double) -> Double { high > low ? (v - low) / (high - low) : 0.5 }
    let scale = ResolvedAxis(tight: Axis(valueLabel, format: valueFormat), min: low, max: high, tickCount: 5)
    let barLabelWidth = scale.labels.map { ChartCanvas.textWidth($0) }.max() ?? 0
    var canvas = ChartCanvas(
      chart: name, title: title, standalone: standalone, legend: [], leftLabels: y.labels,
      rightMargin: 20 + 14 + 8 + barLabelWidth + 22)
    try canvas.axes(
      x: canvas.ticks(x, vertical: false), y: canvas.ticks(y, vertical: true), xLabel: xAxis.label, yLabel: yAxis.label,
      xGrid: false, yGrid: false)
    // Crisp edges: no anti-aliased seams between neighbouring cells.
    canvas.beginSeries(valueLabel, [("stroke", "none"), ("shape-rendering", "crispEdges")])
    for r in rows.indices {
      let y0 = canvas.y(y.fraction(yEdges[r])), y1 = canvas.y(y.fraction(yEdges[r + 1]))
      for c in columns.indices {
        let v = values[r * columns.count + c]
        try canvas.rect(
          canvas.x(x.fraction(xEdges[c])), y0, canvas.x(x.fraction(xEdges[c + 1])), y1,
          v.map { [("class", "cell"), ("fill", Palette.sequential(colourFraction($0)))] }
            ?? [("class", "cell missing"), ("fill", Palette.gridLine)])
      }
    }
    canvas.endSeries()
    // The colour bar: 64 bands of the scale, its ticks and title.
    let barLeft = canvas.right + 14, barRight = barLeft + 14
    canvas.markup.open(
      "g", [("class", "colour-bar"), ("font-size", "11"), ("fill", Palette.mutedInk), ("shape-rendering", "crispEdges")])
    let bands = 64
    for k in 0..<bands {
      let f0 = Double(k) / Double(bands), f1 = Double(k + 1) / Double(bands)
      try canvas.rect(
        barLeft, canvas.y(f0), barRight, canvas.y(f1), [("fill", Palette.sequential((f0 + f1) / 2))])
    }
    for (value, label) in zip(scale.ticks, scale.labels) {
      let ty = canvas.y(colourFraction(value))
      try canvas.line(barRight, ty, barRight + 4, ty, [("stroke", Palette.axisLine)])
      canvas.markup.element(
        "text", [("x", try canvas.number(barRight + 7, "x")), ("y", try canvas.number(ty + 4, "y"))], text: label)
    }
    let middle = try canvas.number((canvas.top + canvas.bottom) / 2, "y")
    let labelX = try canvas.number(canvas.width - 8, "x")
    canvas.markup.element(
      "text",
      [("class", "label"), ("x", "0"), ("y", "0"), ("transform", "translate(\(labelX) \(middle)) rotate(-90)"),
       ("text-anchor", "middle"), ("font-size", "12"), ("fill", Palette.ink)],
      text: valueLabel)
    canvas.markup.close()
    return canvas.finish()
  }
}
