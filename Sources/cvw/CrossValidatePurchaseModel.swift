import ArgumentParser
import Evaluation
import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// `cvw cv bg-nbd|mbg-nbd|pareto-nbd`: a purchase model fitted on the
/// calibration columns of a summary and judged on its holdout columns.
struct PurchaseModelHoldoutOptions: ParsableArguments {
  @Argument(help: "A summary with calibration and holdout columns (cvw summarize --observation-end).")
  var data: String

  @OptionGroup var columns: SummaryColumnOptions

  @Option(help: "Column of holdout purchases.")
  var holdoutFrequency = "frequency_holdout"

  @Option(help: "Column of holdout durations (in the summary's time unit).")
  var holdoutDuration = "duration_holdout"

  @OptionGroup var format: FormatOption

  @OptionGroup var runOptions: RunOptions

  /// Fits `kind` on the calibration columns and prints its holdout evaluation:
  /// MAE, RMSE, totals and the calibration-by-frequency table (mean actual vs
  /// predicted holdout purchases per calibration frequency, lifetimes'
  /// calibration-vs-holdout plot in numbers).
  func run(_ kind: PurchaseModelKind) throws {
    runOptions.apply()
    ProgressMeter.process.beginReading(data)
    let table = try CSVReader.read(data)
    ProgressMeter.process.begin("fitting", unit: .elapsed)
    let calibration = try BetaGeo.Training(table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age)
    let model = try kind.fit(calibration)
    let result = try HoldoutComparison(
      models: [(kind.rawValue, model)], calibration: calibration,
      holdoutPurchases: try table.numeric(holdoutFrequency), holdoutDuration: try table.numeric(holdoutDuration))
    let e = result.entries[0].evaluation
    let text: String
    if format.format == .json {
      text = try JSON.object([
        ("kind", .string(kind.rawValue)), ("logLikelihood", .number(model.logLikelihood)),
        ("mae", .number(e.meanAbsoluteError)), ("rmse", .number(e.rootMeanSquaredError)),
        ("totalPredicted", .number(e.totalPredicted)), ("totalActual", .number(e.totalActual)),
        ("byFrequency", .array(e.byFrequency.map { row in
          .object([
            ("frequency", .number(Double(row.frequency))), ("openEnded", .bool(row.isOpenEnded)),
            ("customers", .number(Double(row.customers))), ("meanActual", .number(row.meanActual)),
            ("meanPredicted", .number(row.meanPredicted)),
          ])
        })),
      ]).serialized()
    } else {
      var lines = [
        "\(kind.rawValue) on \(data): fitted on the calibration columns, judged on the holdout",
        String(format: "log-likelihood %.2f   MAE %.5f   RMSE %.5f   holdout purchases predicted %.1f, actual %.0f",
               model.logLikelihood, e.meanAbsoluteError, e.rootMeanSquaredError, e.totalPredicted, e.totalActual),
        "", "calibration frequency  customers  mean actual  mean predicted",
      ]
      for row in e.byFrequency {
        let label = row.isOpenEnded ? "\(row.frequency)+" : "\(row.frequency)"
        let actual = row.meanActual.map { String(format: "%.4f", $0) } ?? "-"
        let predicted = row.meanPredicted.map { String(format: "%.4f", $0) } ?? "-"
        lines.append(label.padding(toLength: 21, withPad: " ", startingAt: 0) + String(format: "%10d", row.customers)
          + "  " + String(repeating: " ", count: max(0, 11 - actual.count)) + actual
          + "  " + String(repeating: " ", count: max(0, 14 - predicted.count)) + predicted)
      }
      text = lines.joined(separator: "\n") + "\n"
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}

/// `cvw cv bg-nbd`.
struct CrossValidateBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "bg-nbd", abstract: "BG/NBD on a calibration/holdout summary.")
  @OptionGroup var options: PurchaseModelHoldoutOptions
  func run() throws { try options.run(.betaGeo) }
}

/// `cvw cv mbg-nbd`.
struct CrossValidateModifiedBetaGeo: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "mbg-nbd", abstract: "MBG/NBD on a calibration/holdout summary.")
  @OptionGroup var options: PurchaseModelHoldoutOptions
  func run() throws { try options.run(.modifiedBetaGeo) }
}

/// `cvw cv pareto-nbd`.
struct CrossValidateParetoNBD: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "pareto-nbd", abstract: "Pareto/NBD on a calibration/holdout summary.")
  @OptionGroup var options: PurchaseModelHoldoutOptions
  func run() throws { try options.run(.paretoNBD) }
}
