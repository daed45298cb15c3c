import ArgumentParser
import Reports
import Tabular

/// `cvw plot`: one chart of a saved model on data, as a standalone SVG file.
struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write one chart of a saved model on data as an SVG file.",
    discussion: """
      Charts: logistic models: \(ReportChart.logistic.map(\.rawValue).joined(separator: ", ")); \
      purchase models: \(ReportChart.purchase.map(\.rawValue).joined(separator: ", ")); customer values \
      (--spend with --horizon, valued as `cvw clv` values them; --clv joined on --id; or a gamma-gamma model's \
      expected spend): \
      \(ReportChart.value.map(\.rawValue).joined(separator: ", ")). \
      A chart that does not apply to the model is a usage error listing those that do.
      """)

  @Argument(help: "The chart: \(ReportChart.allCases.map(\.rawValue).joined(separator: ", ")).")
  var chart: ReportChart

  @Argument(help: "A model file written by `cvw fit`.")
  var model: String

  @Argument(help: "The CSV to evaluate the model on.")
  var data: String

  @Option(name: .shortAndLong, help: "The SVG file to write (atomically), or - for stdout.")
  var output: String

  @OptionGroup var options: ReportOptions

  func validate() throws {
    try checkOneStdinInput([data, options.clv, options.transactions])
  }

  func run() throws {
    let pictures = try ModelPictures(model: model, data: data, options: options)
    try options.checkPurchaseModelGiven([pictures])
    let svg = try pictures.chart(chart).svg(standalone: true)
    try writeAtomically(Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n").utf8), to: output)
  }
}

extension ReportChart: ExpressibleByArgument {}
