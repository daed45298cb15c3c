import ArgumentParser
import Evaluation
import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw cv logistic`: k-fold cross-validation of logistic regression.
struct CrossValidateLogistic: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logistic",
    abstract: "K-fold cross-validation of logistic regression: per-fold and mean ± sd of AUC, PR AUC, log loss, Brier, accuracy, precision, recall, F1.",
    discussion: """
      Folds are shuffled with --seed (the same seed gives the same folds, whatever the thread count). \
      With --grid C=…, every value is fitted on every fold (warm starts along the grid), one row per \
      setting; --select picks the best mean log loss or, with one-se, the most regularised setting within \
      one standard error of it. With -o the chosen setting is refitted on all rows and saved with a \
      `validation` block.
      """)

  @Argument(help: "Data: CSV with a header, or - for stdin.")
  var data: String

  @OptionGroup var model: LogisticOptions

  @Option(help: "Number of folds.")
  var folds = 5

  @Flag(help: "Keep the class proportions in every fold (stratified k-fold).")
  var stratify = false

  @Option(help: "A column of groups: no group is split across folds (grouped k-fold).")
  var group: String?

  @Option(help: "Repeat the k-fold split this many times with different shuffles.")
  var repeats = 1

  @Option(help: "Seed of the fold shuffle.")
  var seed: UInt64 = 42

  @Option(help: "A grid of inverse penalty strengths, e.g. C=0.01,0.1,1,10 (needs a penalty).")
  var grid: String?

  @Option(help: "How to choose along the grid: best (lowest mean log loss) or one-se.")
  var select: LogisticCrossValidation.Selection = .best

  @Option(name: .shortAndLong, help: "Refit the chosen setting on all rows and write its model file here.")
  var output: String?

  @OptionGroup var format: FormatOption

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
    guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
    if group != nil && (stratify || repeats > 1) {
      throw ValidationError("--group cannot be combined with --stratify or --repeats")
    }
    if let grid {
      guard model.penalty != .none else { throw ValidationError("--grid C=… needs a penalty (--penalty l2, l1 or elastic-net)") }
      _ = try gridValues(grid)
    }
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }

  /// "C=0.01,0.1,1" → [0.01, 0.1, 1].
  private func gridValues(_ text: String) throws -> [Double] {
    guard text.hasPrefix("C=") else { throw ValidationError("--grid takes C=v1,v2,…, got \(text)") }
    let values = splitList(String(text.dropFirst(2))).map { Double($0) }
    guard !values.isEmpty, values.allSatisfy({ $0.map { $0 > 0 && $0.isFinite } ?? false }) else {
      throw ValidationError("--grid values must be positive numbers, got \(text)")
    }
    return values.compactMap { $0 }
  }

  func run() throws {
    runOptions.apply()
    let (table, provenance) = try readTrainingTable(data)
    let training = try model.training(table)
    let splits: [Fold]
    if let group {
      let groups = try table.strings(group).map { $0 ?? "" }
      splits = try GroupKFold(folds: folds, shuffle: true, seed: seed).split(groups: groups)
    } else if stratify {
      splits = repeats > 1
        ? try RepeatedStratifiedKFold(folds: folds, repetitions: repeats, seed: seed).split(labels: training.outcomes)
        : try StratifiedKFold(folds: folds, shuffle: true, seed: seed).split(labels: training.outcomes)
    } else {
      splits = repeats > 1
        ? try RepeatedKFold(folds: folds, repetitions: repeats, seed: seed).split(count: training.rowCount)
        : try KFold(folds: folds, shuffle: true, seed: seed).split(count: training.rowCount)
    }
    let values: [Double?] = try grid.map(gridValues) ?? [nil]
    let estimators = values.map { model.estimator(c: $0) }
    ProgressMeter.process.begin("cross-validating: fits", total: Int64(splits.count * estimators.count), unit: .steps)
    let settings = try LogisticCrossValidation(folds: splits, grid: estimators).run(training) { _, _ in
      ProgressMeter.process.advance(by: 1)
    }
    ProgressMeter.process.begin("refitting", unit: .elapsed)
    let chosen = LogisticCrossValidation.select(settings, by: select)
    let scheme = (group != nil ? "grouped-" : stratify ? "stratified-" : "") + "\(folds)-fold" + (repeats > 1 ? "×\(repeats)" : "")
    let report = CrossValidationReport(
      settings: settings, outcomes: training.outcomes, chosen: chosen, scheme: scheme, seed: seed, select: select)
    if let output {
      let fitted = try estimators[chosen].fit(training)
      var file = ModelFile(logistic: fitted, data: training, training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
      file.validation = report.validationBlock()
      try file.write(to: output)
      note("cvw: refitted the chosen setting on all \(training.rowCount) rows; wrote \(output)")
    }
    try report.print(format: format.format)
  }
}

extension LogisticCrossValidation.Selection: ExpressibleByArgument {}
