import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw fit bg-nbd`: the BG/NBD purchase model on RFM summaries.
struct FitBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bg-nbd",
    abstract: "Fit BG/NBD (Fader, Hardie & Lee 2005) to per-customer summaries, as `cvw summarize` writes them.",
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
    let training = try BetaGeo.Training(
      table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age, weight: fit.weight)
    let model = try BetaGeo(penalizer: fit.penalizer).fit(training)
    let file = try ModelFile(
      betaGeo: model, data: training, training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: fit.output)
    let o = model.report.optimization
    note("cvw: fitted bg-nbd on \(training.rowCount) rows (\(model.report.distinctRows) distinct): r \(formatDouble(model.r)), "
      + "alpha \(formatDouble(model.alpha)), a \(formatDouble(model.a)), b \(formatDouble(model.b)); "
      + "\(o.iterations) Newton iterations, converged; wrote \(fit.output)")
  }
}

/// The summary columns of buy-till-you-die models, shared by fit and score.
struct SummaryColumnOptions: ParsableArguments {
  @Option(help: "Column of repeat purchases.")
  var frequency = "frequency"
  @Option(help: "Column of the age at the last repeat purchase.")
  var recency = "recency"
  @Option(name: .customLong("T"), help: "Column of the age at the end of calibration.")
  var age = "T"
}

/// Options every buy-till-you-die fit shares: weights, penalty, model file.
struct CustomerModelFitOptions: ParsableArguments {
  @Option(help: "A column of non-negative weights: customers each row stands for.")
  var weight: String?

  @Option(help: "L2 penalty on the parameters (lifetimes' penalizer_coef); default 0.")
  var penalizer: Double = 0

  @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
  var output: String

  func validate() throws {
    guard penalizer >= 0, penalizer.isFinite else { throw ValidationError("--penalizer must be ≥ 0, got \(penalizer)") }
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }
}
