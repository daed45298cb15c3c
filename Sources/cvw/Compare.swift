import ArgumentParser
import Evaluation
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw compare`: models side by side on one evaluation set.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare purchase models on a calibration/holdout summary: a row per model, paired differences to the best.",
    discussion: """
      With --kinds, each kind is fitted on the summary's calibration columns; with model files, the saved \
      models are used. Each predicts every customer's holdout purchases over her holdout duration; the table \
      gives the calibration log-likelihood, MAE, RMSE, total predicted vs actual, and the mean paired \
      difference in absolute error to the best model with its standard error (sd/√n over customers). A \
      difference within two standard errors is reported as noise.
      """)

  @Argument(help: "Model files (bg-nbd, mbg-nbd, pareto-nbd) to compare; or use --kinds.")
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

  func validate() throws {
    guard (kinds == nil) != models.isEmpty else { throw ValidationError("give either model files or --kinds, not both or neither") }
    if let kinds {
      for name in splitList(kinds) where PurchaseModelKind(rawValue: name) == nil {
        throw ValidationError("unknown kind \(name) in --kinds; known: \(PurchaseModelKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
    }
  }

  func run() throws {
    let table = try CSVReader.read(data)
    let calibration = try BetaGeo.Training(table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age)
    let holdout = try table.numeric(holdoutFrequency), duration = try table.numeric(holdoutDuration)
    var fitted = [(name: String, model: any PurchaseModel)]()
    if let kinds {
      for name in splitList(kinds) { fitted.append((name, try PurchaseModelKind(rawValue: name)!.fit(calibration))) }
    } else {
      for path in models {
        switch try ModelFile.load(path).model {
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
    let header = ["model", "log-lik", "MAE", "RMSE", "predicted", "actual", "ΔMAE vs best ± SE"]
    var rows = [header]
    for (e, row) in zip(r.entries, r.comparison.rows) {
      let delta = row.difference == 0 && row.standardError == 0
        ? "best" : String(format: "%+.5f ± %.5f%@", row.difference, row.standardError, row.withinNoise ? " (noise)" : "")
      rows.append([
        e.name, String(format: "%.2f", e.logLikelihood), String(format: "%.5f", e.evaluation.meanAbsoluteError),
        String(format: "%.5f", e.evaluation.rootMeanSquaredError), String(format: "%.1f", e.evaluation.totalPredicted),
        String(format: "%.0f", e.evaluation.totalActual), delta,
      ])
    }
    let widths = header.indices.map { j in rows.map { $0[j].count }.max()! }
    var lines = rows.map { row in
      row.enumerated().map { j, c in j == 0 ? c.padding(toLength: widths[j], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[j] - c.count) + c }
        .joined(separator: "  ")
    }
    let winner = r.entries[r.comparison.best].name
    let close = r.comparison.rows.filter { $0.withinNoise && $0.name != winner }.map(\.name)
    lines.append("")
    lines.append("best holdout MAE: \(winner)" + (close.isEmpty ? "" : "; within noise of it: \(close.joined(separator: ", "))"))
    return lines.joined(separator: "\n") + "\n"
  }
}
