import ArgumentParser
import Evaluation
import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw compare`: models side by side on one evaluation set.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare models on one data set: a row per model, paired differences to the best, the winner named.",
    discussion: """
      With --kinds, each kind is fitted on the summary's calibration columns; with model files, the saved \
      models are used. Each predicts every customer's holdout purchases over her holdout duration; the table \
      gives the calibration log-likelihood, MAE, RMSE, total predicted vs actual, and the mean paired \
      difference in absolute error to the best model with its standard error (sd/√n over customers). A \
      difference within two standard errors is reported as noise. Saved logistic models are compared on a \
      labelled data set instead: ROC AUC, log loss, Brier, and paired differences in per-row log loss.
      """)

  @Argument(help: "Model files to compare (all logistic, or all bg-nbd/mbg-nbd/pareto-nbd); or use --kinds.")
  var models: [String] = []

  @Option(help: "Kinds to fit and compare, e.g. bg-nbd,pareto-nbd,mbg-nbd.")
  var kinds: String?

  @Option(help: "The summary with calibration and holdout columns (as `cvw summarize --observation-end` writes).")
  var data: String

  @OptionGroup var columns: SummaryColumnOptions

  @Option(help: "Column of holdout purchases.")
  var holdoutFrequency = "frequency_holdout"

  @Option(help: "Column of holdout durations (in the summary's time unit).")
  var holdoutDuration = "duration_holdout"

  @OptionGroup var format: FormatOption

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    guard (kinds == nil) != models.isEmpty else { throw ValidationError("give either model files or --kinds, not both or neither") }
    if let kinds {
      for name in splitList(kinds) where PurchaseModelKind(rawValue: name) == nil {
        throw ValidationError("unknown kind \(name) in --kinds; known: \(PurchaseModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
    }
  }

  func run() throws {
    runOptions.apply()
    ProgressMeter.process.beginReading(data)
    let table = try CSVReader.read(data)
    ProgressMeter.process.begin("fitting and comparing", unit: .elapsed)
    let files = try models.map { ($0, try ModelFile.load($0).model) }
    if !files.isEmpty, files.allSatisfy({ if case .logistic = $0.1 { true } else { false } }) {
      let logistic = files.compactMap { name, model -> (name: String, model: LogisticModel)? in
        if case .logistic(let m) = model { return (name, m) } else { return nil }
      }
      let result = try LogisticComparison(models: logistic, table: table)
      let text = format.format == .json ? try Self.json(result).serialized() : Self.text(result)
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    let calibration = try BetaGeo.Training(table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age)
    let holdout = try table.numeric(holdoutFrequency), duration = try table.numeric(holdoutDuration)
    var fitted = [(name: String, model: any PurchaseModel)]()
    if let kinds {
      for name in splitList(kinds) { fitted.append((name, try PurchaseModelKind(rawValue: name)!.fit(calibration))) }
    } else {
      for (path, model) in files {
        switch model {
        case .betaGeo(let m): fitted.append((path, m))
        case .modifiedBetaGeo(let m): fitted.append((path, m))
        case .paretoNBD(let m): fitted.append((path, m))
        case let other: throw ValidationError("\(path) is a \(other.kind) model; compare takes purchase models (bg-nbd, mbg-nbd, pareto-nbd)")
        }
      }
    }
    let result = try HoldoutComparison(models: fitted, calibration: calibration, holdoutPurchases: holdout, holdoutDuration: duration)
    let text = format.format == .json ? try Self.json(result).serialized() : Self.text(result)
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func json(_ r: LogisticComparison) -> JSON {
    .object([
      ("winner", .string(r.entries[r.comparison.best].name)),
      ("models", .array(zip(r.entries, r.comparison.rows).map { e, row in
        .object([
          ("name", .string(e.name)), ("auc", .number(e.auc)), ("logLoss", .number(e.logLoss)), ("brier", .number(e.brier)),
          ("logLossDifference", .number(row.difference)), ("logLossDifferenceStandardError", .number(row.standardError)),
          ("withinNoise", .bool(row.withinNoise)),
        ])
      })),
    ])
  }

  static func text(_ r: LogisticComparison) -> String {
    table(
      header: ["model", "AUC", "log loss", "Brier", "Δlog loss vs best ± SE"],
      rows: zip(r.entries, r.comparison.rows).map { e, row in
        [e.name, String(format: "%.5f", e.auc), String(format: "%.5f", e.logLoss), String(format: "%.5f", e.brier), delta(row)]
      },
      comparison: r.comparison, what: "log loss")
  }

  private static func delta(_ row: PairedComparison.Row) -> String {
    row.difference == 0 && row.standardError == 0
      ? "best" : String(format: "%+.5f ± %.5f%@", row.difference, row.standardError, row.withinNoise ? " (noise)" : "")
  }

  private static func table(header: [String], rows body: [[String]], comparison: PairedComparison, what: String) -> String {
    var lines = alignedColumns([header] + body)
    let winner = comparison.rows[comparison.best].name
    let close = comparison.rows.filter { $0.withinNoise && $0.name != winner }.map(\.name)
    lines.append("")
    lines.append("best \(what): \(winner)" + (close.isEmpty ? "" : "; within noise of it: \(close.joined(separator: ", "))"))
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ r: HoldoutComparison) -> JSON {
    .object([
      ("winner", .string(r.entries[r.comparison.best].name)),
      ("models", .array(zip(r.entries, r.comparison.rows).map { e, row in
        .object([
          ("name", .string(e.name)), ("logLikelihood", .number(e.logLikelihood)),
          ("mae", .number(e.evaluation.meanAbsoluteError)), ("rmse", .number(e.evaluation.rootMeanSquaredError)),
          ("totalPredicted", .number(e.evaluation.totalPredicted)), ("totalActual", .number(e.evaluation.totalActual)),
          ("maeDifference", .number(row.difference)), ("maeDifferenceStandardError", .number(row.standardError)),
          ("withinNoise", .bool(row.withinNoise)),
        ])
      })),
    ])
  }

  static func text(_ r: HoldoutComparison) -> String {
    table(
      header: ["model", "log-lik", "MAE", "RMSE", "predicted", "actual", "ΔMAE vs best ± SE"],
      rows: zip(r.entries, r.comparison.rows).map { e, row in
        [e.name, String(format: "%.2f", e.logLikelihood), String(format: "%.5f", e.evaluation.meanAbsoluteError),
         String(format: "%.5f", e.evaluation.rootMeanSquaredError), String(format: "%.1f", e.evaluation.totalPredicted),
         String(format: "%.0f", e.evaluation.totalActual), delta(row)]
      },
      comparison: r.comparison, what: "holdout MAE")
  }
}
