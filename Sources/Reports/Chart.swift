/// A chart that draws itself as SVG from plain data (numbers and labels; no
/// model types), the form the HTML report and `cvw plot` take.
public protocol Chart: Sendable {
  /// The chart's name, written as `data-chart` on the root element (e.g. "roc").
  var name: String { get }
  /// The chart as SVG: `standalone` adds the XML namespace and a pixel size
  /// for a file of its own; inline SVG in HTML needs neither.
  func svg(standalone: Bool) throws(ChartError) -> String
}

extension LineChart: Chart {}
extension BarChart: Chart {}
extension Histogram: Chart {}
extension Heatmap: Chart {}
extension IntervalPlot: Chart {}

/// A named list of values: a series of bars (one value per category) or a
/// class of values to bin in a histogram.
public struct NamedValues: Sendable {
  /// The name shown in the legend and in `data-series`.
  public var name: String
  /// The values.
  public var values: [Double]

  /// Values under a name.
  public init(_ name: String, values: [Double]) {
    self.name = name
    self.values = values
  }
}
