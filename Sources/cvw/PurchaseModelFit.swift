import ArgumentParser
import Models
import ModelStore
import Tabular

/// What `cvw fit bg-nbd|mbg-nbd|pareto-nbd` take: the summaries, their
/// columns, and the options every buy-till-you-die fit shares.
struct PurchaseModelFitOptions: ParsableArguments {
  @Argument(help: "Summaries: CSV with a header, or - for stdin.")
  var data: String

  @OptionGroup var columns: SummaryColumnOptions

  @OptionGroup var fit: CustomerModelFitOptions

  /// Fits `kind` and writes its model file.
  func fitAndSave(_ kind: PurchaseModelKind) throws {
    fit.runOptions.apply()
    let (table, provenance) = try readTrainingTable(data)
    let training = try BetaGeo.Training(
      table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age, weight: fit.weight)
    let model: StoredModel
    let report: BetaGeoFitReport
    switch kind {
    case .betaGeo:
      let m = try BetaGeo(penalizer: fit.penalizer).fit(training)
      (model, report) = (.betaGeo(m), m.report)
    case .modifiedBetaGeo:
      let m = try ModifiedBetaGeo(penalizer: fit.penalizer).fit(training)
      (model, report) = (.modifiedBetaGeo(m), m.report)
    case .paretoNBD:
      let m = try ParetoNBD(penalizer: fit.penalizer).fit(training)
      (model, report) = (.paretoNBD(m), m.report)
    }
    let file = try ModelFile(
      summaryModel: model, data: training, training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: fit.output)
    let parameters = model.parameters.map { "\($0.name) \(formatDouble($0.estimate))" }.joined(separator: ", ")
    note("cvw: fitted \(kind.rawValue) on \(training.rowCount) rows (\(report.distinctRows) distinct): \(parameters); "
      + "\(report.optimization.iterations) Newton iterations, converged; wrote \(fit.output)")
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

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard penalizer >= 0, penalizer.isFinite else { throw ValidationError("--penalizer must be ≥ 0, got \(penalizer)") }
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }
}
