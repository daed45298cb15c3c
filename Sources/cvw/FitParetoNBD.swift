import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw fit pareto-nbd`: the Pareto/NBD purchase model on RFM summaries.
struct FitParetoNBD: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pareto-nbd",
    abstract: "Fit Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005) to per-customer summaries, as `cvw summarize` writes them.",
    discussion: """
      Identical (frequency, recency, T) rows are grouped automatically; --weight fits pre-aggregated rows \
      (one GROUP BY in any SQL engine). Times are in whatever unit the summary uses.
      """)

  @Argument(help: "Summaries: CSV with a header, or - for stdin.")
  var data: String

  @OptionGroup var columns: SummaryColumnOptions

  @OptionGroup var fit: CustomerModelFitOptions

  func run() throws {
    let (table, provenance) = try readTrainingTable(data)
    let training = try ParetoNBD.Training(
      table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age, weight: fit.weight)
    let model = try ParetoNBD(penalizer: fit.penalizer).fit(training)
    let file = try ModelFile(
      paretoNBD: model, data: training, training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: fit.output)
    let o = model.report.optimization
    note("cvw: fitted pareto-nbd on \(training.rowCount) rows (\(model.report.distinctRows) distinct): r \(formatDouble(model.r)), "
      + "alpha \(formatDouble(model.alpha)), s \(formatDouble(model.s)), beta \(formatDouble(model.beta)); "
      + "\(o.iterations) Newton iterations, converged; wrote \(fit.output)")
  }
}
