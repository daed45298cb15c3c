/// A chart that cannot be drawn truthfully: a non-finite or out-of-domain
/// value, or data of the wrong shape. Names the chart (its `data-chart`
/// name) and, where one is at fault, the series.
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The chart's name.
  public var chart: String
  /// The series at fault, if any.
  public var series: String?
  /// What is wrong.
  public var message: String

  /// An error in `chart` (and `series`).
  public init(chart: String, series: String? = nil, _ message: String) {
    self.chart = chart
    self.series = series
    self.message = message
  }

  public var description: String {
    "chart '\(chart)'" + (series.map { ", series '\($0)'" } ?? "") + ": " + message
  }
}

/// Tick marks placed along an axis: pixel positions and their labels.
struct TickMarks {
  var positions: [Double]
  var labels: [String]
}

/// How a legend entry shows its series.
enum LegendMark {
  case line(dashed: Bool)
  case swatch
}

/// The frame every chart shares, written as SVG: the root element with its
/// `viewBox` (so it scales to the width of its container), the title, the
/// legend, the plot area with grid lines and axes, and the series groups.
/// Every coordinate goes through `number`, which refuses non-finite values
/// with a `ChartError` naming the chart and the series being drawn.
///
/// Class names are stable (tests and the browser check rely on them):
/// `svg.cvw-chart[data-chart]`, `text.title`, `g.legend`, `g.axis.x`,
/// `g.axis.y` with `g.tick` children, `g.series[data-series]`.
struct ChartCanvas {
  static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
  static let tickFontSize = 11.0
  static let legendRowHeight = 18.0

  let chart: String
  let width: Double
  let height: Double
  /// The plot area in pixels.
  let left: Double, top: Double, right: Double, bottom: Double
  var markup = Markup()
  private var series: String?

  /// Estimated width in pixels of `text` at `fontSize` (system-ui averages
  /// about 0.58 em per character); used only for layout margins.
  static func textWidth(_ text: String, fontSize: Double = tickFontSize) -> Double {
    Double(text.count) * fontSize * 0.58
  }

  /// Opens the chart and draws its title and legend. Margins: `leftLabels`
  /// are the y tick labels (their width sets the left margin), `rightMargin`
  /// leaves room for a colour bar.
  init(
    chart: String, title: String, width: Double = 640, height: Double = 400, standalone: Bool,
    legend: [(name: String, colour: String, mark: LegendMark)], leftLabels: [String], rightMargin: Double = 20,
    bottomMargin: Double = 48
  ) {
    self.chart = chart
    self.width = width
    self.height = height
    let widestLabel = leftLabels.map { Self.textWidth($0) }.max() ?? 0
    left = (28 + widestLabel + 8).rounded()
    right = width - rightMargin
    bottom = height - bottomMargin
    // Legend rows: entries laid left to right from the plot's left edge.
    var rows: [[(x: Double, entry: Int)]] = []
    if legend.count > 1 {
      var x = left, row: [(x: Double, entry: Int)] = []
      for (i, entry) in legend.enumerated() {
        let w = 22 + Self.textWidth(entry.name, fontSize: 12) + 16
        if x + w > right, !row.isEmpty {
          rows.append(row)
          row = []
          x = left
        }
        row.append((x, i))
        x += w
      }
      rows.append(row)
    }
    top = 40 + Double(rows.count) * Self.legendRowHeight + 8

    var attributes = [("class", "cvw-chart"), ("data-chart", chart)]
    if standalone { attributes.insert(("xmlns", "http://www.w3.org/2000/svg"), at: 0) }
    attributes += [
      ("viewBox", "0 0 \(formatCompact(width, decimals: 2)) \(formatCompact(height, decimals: 2))"),
      ("role", "img"), ("font-family", Self.fontFamily), ("font-size", "11"), ("fill", Palette.ink),
    ]
    if standalone {
      attributes += [("width", formatCompact(width, decimals: 2)), ("height", formatCompact(height, decimals: 2))]
    }
    markup.open("svg", attributes)
    markup.element("title", text: title)
    markup.empty("rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
    markup.element(
      "text", [("class", "title"), ("x", "16"), ("y", "24"), ("font-size", "15"), ("font-weight", "600")], text: title)
    if !rows.isEmpty {
      markup.open("g", [("class", "legend"), ("font-size", "12")])
      for (r, row) in rows.enumerated() {
        let y = 40 + Double(r) * Self.legendRowHeight + 4
        for (x, i) in row {
          let entry = legend[i]
          markup.open("g", [("class", "item"), ("data-series", entry.name)])
          switch entry.mark {
          case .line(let dashed):
            var a = [
              ("x1", formatCompact(x, decimals: 2)), ("y1", formatCompact(y, decimals: 2)),
              ("x2", formatCompact(x + 16, decimals: 2)), ("y2", formatCompact(y, decimals: 2)),
              ("stroke", entry.colour), ("stroke-width", "2.5"),
            ]
            if dashed { a.append(("stroke-dasharray", "5 3")) }
            markup.empty("line", a)
          case .swatch:
            markup.empty("rect", [
              ("x", formatCompact(x, decimals: 2)), ("y", formatCompact(y - 5, decimals: 2)), ("width", "12"),
              ("height", "10"), ("rx", "2"), ("fill", entry.colour),
            ])
          }
          markup.element(
            "text", [("x", formatCompact(x + 22, decimals: 2)), ("y", formatCompact(y + 4, decimals: 2))], text: entry.name)
          markup.close()
        }
      }
      markup.close()
    }
  }

  /// `value` written as a coordinate (2 decimals), or a `ChartError` naming
  /// the chart and the series being drawn when it is NaN or infinite.
  func number(_ value: Double, _ what: String) throws(ChartError) -> String {
    guard value.isFinite else {
      throw ChartError(chart: chart, series: series, "non-finite \(what) (\(value)); nothing is drawn for NaN or infinity")
    }
    return formatCompact(value, decimals: 2)
  }

  /// The pixel x of a fraction 0…1 of the plot width.
  func x(_ fraction: Double) -> Double { left + fraction * (right - left) }
  /// The pixel y of a fraction 0…1 of the plot height (0 at the bottom).
  func y(_ fraction: Double) -> Double { bottom - fraction * (bottom - top) }

  /// Draws the axes: grid lines at the ticks (light), the axis lines
  /// (muted), tick labels and the axis titles.
  mutating func axes(x xTicks: TickMarks, y yTicks: TickMarks, xLabel: String, yLabel: String, xGrid: Bool = true, yGrid: Bool = true)
    throws(ChartError)
  {
    let l = try number(left, "plot edge"), r = try number(right, "plot edge")
    let t = try number(top, "plot edge"), b = try number(bottom, "plot edge")
    markup.open("g", [("class", "axis x"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for (position, label) in zip(xTicks.positions, xTicks.labels) {
      let p = try number(position, "x tick")
      markup.open("g", [("class", "tick")])
      if xGrid {
        markup.empty("line", [("class", "grid"), ("x1", p), ("y1", t), ("x2", p), ("y2", b), ("stroke", Palette.gridLine)])
      }
      markup.empty("line", [("x1", p), ("y1", b), ("x2", p), ("y2", try number(bottom + 5, "x tick")), ("stroke", Palette.axisLine)])
      markup.element("text", [("x", p), ("y", try number(bottom + 18, "x tick")), ("text-anchor", "middle")], text: label)
      markup.close()
    }
    markup.empty("line", [("class", "domain"), ("x1", l), ("y1", b), ("x2", r), ("y2", b), ("stroke", Palette.axisLine)])
    markup.element(
      "text",
      [("class", "label"), ("x", try number((left + right) / 2, "x label")), ("y", try number(height - 10, "x label")),
       ("text-anchor", "middle"), ("font-size", "12"), ("fill", Palette.ink)],
      text: xLabel)
    markup.close()

    markup.open("g", [("class", "axis y"), ("font-size", "11"), ("fill", Palette.mutedInk)])
    for (position, label) in zip(yTicks.positions, yTicks.labels) {
      let p = try number(position, "y tick")
      markup.open("g", [("class", "tick")])
      if yGrid {
        markup.empty("line", [("class", "grid"), ("x1", l), ("y1", p), ("x2", r), ("y2", p), ("stroke", Palette.gridLine)])
      }
      markup.empty("line", [("x1", try number(left - 5, "y tick")), ("y1", p), ("x2", l), ("y2", p), ("stroke", Palette.axisLine)])
      markup.element(
        "text", [("x", try number(left - 8, "y tick")), ("y", try number(position + 4, "y tick")), ("text-anchor", "end")],
        text: label)
      markup.close()
    }
    markup.empty("line", [("class", "domain"), ("x1", l), ("y1", t), ("x2", l), ("y2", b), ("stroke", Palette.axisLine)])
    let middle = try number((top + bottom) / 2, "y label")
    markup.element(
      "text",
      [("class", "label"), ("x", "0"), ("y", "0"), ("transform", "translate(16 \(middle)) rotate(-90)"),
       ("text-anchor", "middle"), ("font-size", "12"), ("fill", Palette.ink)],
      text: yLabel)
    markup.close()
  }

  /// Tick marks of a fitted numeric axis along x or y.
  func ticks(_ axis: ResolvedAxis, vertical: Bool) -> TickMarks {
    TickMarks(positions: axis.ticks.map { vertical ? y(axis.fraction($0)) : x(axis.fraction($0)) }, labels: axis.labels)
  }

  /// Opens `<g class="series" data-series="name">`; errors raised until
  /// `endSeries()` name this series.
  mutating func beginSeries(_ name: String, _ attributes: [(String, String)]) {
    series = name
    markup.open("g", [("class", "series"), ("data-series", name)] + attributes)
  }

  /// Closes the series group.
  mutating func endSeries() {
    markup.close()
    series = nil
  }

  /// An SVG path through `points` (pixels): `M x y L x y …`, dropping points
  /// within a quarter pixel of the last one kept (a curve with 10⁵ points
  /// draws no differently, at a fraction of the size), the last always kept.
  func path(_ points: [(x: Double, y: Double)], closed: Bool = false) throws(ChartError) -> String {
    var d = ""
    var last: (x: Double, y: Double)?
    for (i, p) in points.enumerated() {
      if let q = last, i != points.count - 1, abs(p.x - q.x) < 0.25, abs(p.y - q.y) < 0.25 { continue }
      d += (last == nil ? "M" : "L") + (try number(p.x, "x")) + " " + (try number(p.y, "y"))
      last = p
    }
    return closed ? d + "Z" : d
  }

  /// A line between two pixel points with extra attributes.
  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: [(String, String)]) throws(ChartError) {
    markup.empty("line", [
      ("x1", try number(x1, "x")), ("y1", try number(y1, "y")), ("x2", try number(x2, "x")), ("y2", try number(y2, "y")),
    ] + attributes)
  }

  /// A rectangle with corners (x0, y0), (x1, y1) in pixels, either order.
  mutating func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ attributes: [(String, String)]) throws(ChartError) {
    markup.empty("rect", [
      ("x", try number(Swift.min(x0, x1), "x")), ("y", try number(Swift.min(y0, y1), "y")),
      ("width", try number(abs(x1 - x0), "width")), ("height", try number(abs(y1 - y0), "height")),
    ] + attributes)
  }

  /// Closes the root element and returns the SVG.
  mutating func finish() -> String {
    markup.close()
    precondition(markup.isBalanced, "unbalanced chart markup")
    return markup.output
  }
}

/// Checks that every value is finite (and, on a log axis, positive) before
/// anything is drawn, naming the chart, the series and the position.
func checkFinite(_ values: [Double], chart: String, series: String, what: String, positive: Bool = false) throws(ChartError) {
  for (i, v) in values.enumerated() {
    guard v.isFinite else { throw ChartError(chart: chart, series: series, "\(what) \(i + 1) is \(v); nothing is drawn for NaN or infinity") }
    if positive, v <= 0 { throw ChartError(chart: chart, series: series, "\(what) \(i + 1) is \(v), not positive, on a logarithmic axis") }
  }
}
