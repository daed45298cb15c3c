import Foundation

/// A histogram of one or more classes of values over shared bins (e.g.
/// predicted scores of positives and negatives, predicted CLV): bins of
/// equal width at Heckbert nice numbers (`NiceTicks` with about `bins + 1`
/// edges) covering every value, so the classes are comparable bin by bin.
/// Classes are overlaid (translucent) or drawn side by side within each bin;
/// heights are counts, or shares of each class (so classes of very
/// different sizes compare). On a log10 x axis (for skewed positive values
/// such as CLV) the bins are equal in log₁₀ x: nice steps of log₁₀ x.
public struct Histogram: Sendable {
  /// How several classes share a bin.
  public enum Layout: Sendable { case overlaid, sideBySide }
  /// What bar heights show.
  public enum Height: Sendable { case count, shareOfClass }

  /// One class of values to bin.
  public typealias Series = NamedValues

  /// The chart's name (`data-chart`).
  public var name: String
  /// The title drawn above the chart.
  public var title: String
  /// The value axis (linear or log10).
  public var xAxis: Axis
  /// The title of the height axis.
  public var yLabel: String
  /// The classes.
  public var series: [Series]
  /// About how many bins (the nice step may give a few more or fewer).
  public var bins: Int
  /// Overlaid or side by side.
  public var layout: Layout
  /// Counts or shares of each class.
  public var height: Height
  /// A range the bins are confined to: values beyond it are counted in the
  /// first or last bin (say so in the title), so that a few extreme values
  /// do not squeeze the rest into a couple of bars. On a log axis a clip
  /// with a positive lower bound also takes values ≤ 0 (into the first bin).
  public var clip: ClosedRange<Double>?

  /// A histogram of `series`.
  public init(
    name: String, title: String, xAxis: Axis, yLabel: String, series: [Series], bins: Int = 20,
    layout: Layout = .overlaid, height: Height = .count, clip: ClosedRange<Double>? = nil
  ) {
    self.name = name
    self.title = title
    self.xAxis = xAxis
    self.yLabel = yLabel
    self.series = series
    self.bins = bins
    self.layout = layout
    self.height = height
    self.clip = clip
  }

  /// The shared bin edges (in log₁₀ x on a log axis) and each class's bin heights.
  func binned() throws(ChartError) -> (edges: NiceTicks, heights: [Double]) {
    let logarithmic = xAxis.scale == .log10
    guard !series.isEmpty else { throw ChartError(chart: name, "no series to draw") }
    precondition(bins >= 1, "a histogram needs at least one bin")
    var low = Double.infinity, high = -Double.infinity
    for s in series {
      guard !s.values.isEmpty else { throw ChartError(chart: name, series: s.name, "has no values") }
      try checkFinite(s.values, chart: name, series: s.name, what: "value", positive: logarithmic && clip == nil)
      for v in s.values {
        low = min(low, v)
        high = max(high, v)
      }
    }
    if let covers = xAxis.covers {
      low = min(low, covers.lowerBound)
      high = max(high, covers.upperBound)
    }
    if let clip {
      guard clip.lowerBound.isFinite, clip.upperBound.isFinite, !logarithmic || clip.lowerBound > 0 else {
        throw ChartError(chart: name, "the clip range \(clip) is not finite (or not positive on a log axis)")
      }
      low = min(max(low, clip.lowerBound), clip.upperBound)
      high = max(min(high, clip.upperBound), low)
    }
    // Values are confined to [low, high] before the log is taken: a clipped
    // value ≤ 0 lands in the first bin.
    let (linearLow, linearHigh) = (low, high)
    if logarithmic {
      low = log10(low)
      high = log10(high)
    }
    let edges = NiceTicks(covering: low, high, count: bins + 1)
    let binCount = edges.values.count - 1
    var heights = [Double](repeating: 0, count: binCount * series.count)
    for (k, s) in series.enumerated() {
      for value in s.values {
        let confined = min(max(value, linearLow), linearHigh)
        let v = min(max(logarithmic ? log10(confined) : confined, low), high)
        // Bins are [e_j, e_{j+1}), the last one closed. The quotient can
        // land a rounding error off (0.15 / 0.05 = 2.9999999999999996), so
        // the guess is checked against the edges themselves.
        var j = min(max(Int(((v - edges.lower) / edges.step).rounded(.down)), 0), binCount - 1)
        if j + 1 < binCount, v >= edges.values[j + 1] { j += 1 } else if j > 0, v < edges.values[j] { j -= 1 }
        heights[k * binCount + j] += 1
      }
      if height == .shareOfClass {
        let n = Double(s.values.count)
        for j in 0..<binCount { heights[k * binCount + j] /= n }
      }
    }
    return (edges, heights)
  }

  /// The chart as SVG (`standalone`: with namespace and pixel size).
  /// - Throws: `ChartError` for no series, an empty series or a non-finite value.
  public func svg(standalone: Bool = false) throws(ChartError) -> String {
    let (edges, heights) = try binned()
    let binCount = edges.values.count - 1
    let logarithmic = xAxis.scale == .log10
    func position(_ edge: Double) -> Double { logarithmic ? pow(10, edge) : edge }
    let x = ResolvedAxis(
      Axis(xAxis.label, scale: xAxis.scale, format: xAxis.format), min: position(edges.lower), max: position(edges.upper))
    let y = ResolvedAxis(
      Axis(yLabel, format: height == .shareOfClass ? .percent : .number), min: 0, max: heights.max()!)
    var canvas = ChartCanvas(
      chart: name, title: title, standalone: standalone,
      legend: series.enumerated().map { ($1.name, Palette.series($0), .swatch) }, leftLabels: y.labels)
    try canvas.axes(x: canvas.ticks(x, vertical: false), y: canvas.ticks(y, vertical: true), xLabel: xAxis.label, yLabel: yLabel)
    let zero = canvas.y(0)
    for (k, s) in series.enumerated() {
      var attributes = [("fill", Palette.series(k))]
      if layout == .overlaid && series.count > 1 { attributes.append(("fill-opacity", "0.55")) }
      canvas.beginSeries(s.name, attributes)
      for j in 0..<binCount {
        let h = heights[k * binCount + j]
        guard h > 0 else { continue }
        var x0 = canvas.x(x.fraction(position(edges.values[j]))), x1 = canvas.x(x.fraction(position(edges.values[j + 1])))
        if layout == .sideBySide {
          let w = (x1 - x0) / Double(series.count)
          x0 += Double(k) * w
          x1 = x0 + w
        }
        try canvas.rect(x0 + 0.5, zero, x1 - 0.5, canvas.y(y.fraction(h)), [("class", "bar")])
      }
      canvas.endSeries()
    }
    return canvas.finish()
  }
}
