import ArgumentParser
import Foundation
import ModelStore
import Reports
import Tabular

/// `cvw report`: one self-contained HTML page of charts and tables for one
/// or more saved models, each on a data set.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a self-contained HTML report (inline SVG charts, no script, opens offline) for saved models on data.",
    discussion: """
      Takes MODEL DATA pairs: `cvw report m1.json d1.csv m2.json d2.csv -o report.html` puts both models in one page. \
      Logistic models: ROC and precision-recall curves, calibration, cumulative gains, lift by decile, coefficients \
      with 95% intervals, scores by class, the decile tables and the model file's cross-validation block. Purchase \
      models (bg-nbd, mbg-nbd, pareto-nbd): customers by repeat purchases, actual vs expected; holdout purchases by \
      calibration frequency when DATA has holdout columns; expected purchases and P(alive) over frequency × recency \
      (frequencies 0 to at most 100; recencies 0, 1, …, T, or 101 evenly spaced from 0 to T when T ≥ 101); \
      cumulative repeat transactions with --transactions; with --spend (bg-nbd; valued as `cvw clv` values them, \
      with the same --horizon, --unit, --time-unit, --units-per-period, --discount, --continuous and --margin) or \
      --clv (a file of values joined on the --id column, e.g. `cvw clv --id customer_id` output), the distribution of \
      CLV and the Pareto curve (the share of value held by the top x% of customers). \
      Gamma-gamma models: the distribution of expected spend per purchase. \
      Every model section starts with its card (parameters with standard errors, fit report, data fingerprint); the \
      page starts with the command line. With SOURCE_DATE_EPOCH set the file is byte-reproducible.
      """)

  @Argument(help: "MODEL DATA pairs: a model file written by `cvw fit`, then the CSV to evaluate it on.")
  var inputs: [String] = []

  @Option(name: .shortAndLong, help: "The HTML file to write (atomically), or - for stdout.")
  var output: String

  @Option(help: "The page title (default: the model files).")
  var title: String?

  @OptionGroup var options: ReportOptions

  func validate() throws {
    guard !inputs.isEmpty, inputs.count % 2 == 0 else {
      throw ValidationError("expected MODEL DATA pairs, got \(inputs.count) argument\(inputs.count == 1 ? "" : "s")")
    }
    try checkOneStdinInput(stride(from: 1, to: inputs.count, by: 2).map { inputs[$0] } + [options.clv, options.transactions])
  }

  func run() throws {
    let pairs = stride(from: 0, to: inputs.count, by: 2).map { (model: inputs[$0], data: inputs[$0 + 1]) }
    let models = try pairs.map { try ModelPictures(model: $0.model, data: $0.data, options: options) }
    try options.checkPurchaseModelGiven(models)
    var sections: [HTMLReport.Section] = []
    for (k, model) in models.enumerated() {
      sections += try model.sections(idPrefix: models.count > 1 ? "m\(k + 1)-" : "")
    }
    let report = HTMLReport(
      title: title ?? "cvw report: " + pairs.map(\.model).joined(separator: ", "),
      subtitle: ["Written by cvw \(cvwVersion) at \(try createdAt())."],
      command: commandLineForReport(), sections: sections)
    try writeAtomically(Array(report.html().utf8), to: output)
  }
}
