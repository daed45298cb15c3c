import Evaluation
import Foundation
import Models
import ModelStore
import Tabular

/// What `cvw cv` prints: a row per setting, the chosen setting's folds, and
/// the same as JSON (`folds`, `mean`, `sd`, `settings`, `selected`).
struct CrossValidationReport {
  let settings: [LogisticCrossValidation.Setting]
  /// Outcomes of the rows, for the pooled out-of-fold tables.
  let outcomes: [Double]
  let chosen: Int
  let scheme: String
  let seed: UInt64
  let select: LogisticCrossValidation.Selection

  private static func metrics(_ m: LogisticCrossValidation.Metrics) -> JSON {
    .object(m.named.map { ($0.0, .number($0.1)) })
  }

  private static func setting(_ e: LogisticRegression) -> JSON {
    .object([("penalty", .string(penaltyName(e.penalty))), ("C", .number(e.penalty.inverseStrength))])
  }

  private static func penaltyName(_ p: LogisticRegression.Penalty) -> String {
    switch p {
    case .none: "none"
    case .l2: "l2"
    case .l1: "l1"
    case .elasticNet: "elastic-net"
    }
  }

  func json() -> JSON {
    let selected = settings[chosen]
    return .object([
      ("scheme", .string(scheme)), ("seed", .number(Double(seed))), ("select", .string(select.rawValue)),
      ("selected", Self.setting(selected.estimator)),
      ("folds", .array(selected.folds.map { .object([("metrics", Self.metrics($0))]) })),
      ("mean", Self.metrics(selected.mean)), ("sd", Self.metrics(selected.standardDeviation)),
      ("lift", .array(((try? LiftTable(labels: outcomes, scores: selected.outOfFold))?.rows ?? []).map { r in
        .object([
          ("decile", .number(Double(r.group))), ("count", .number(Double(r.count))), ("positives", .number(Double(r.positives))),
          ("rate", .number(r.rate)), ("lift", .number(r.lift)), ("cumulativeGain", .number(r.cumulativeGain)),
        ])
      })),
      ("calibration", .array(((try? CalibrationTable(labels: outcomes, probabilities: selected.outOfFold))?.rows ?? []).map { r in
        .object([
          ("decile", .number(Double(r.group))), ("count", .number(Double(r.count))),
          ("meanPredicted", .number(r.meanPredicted)), ("observedRate", .number(r.observedRate)),
        ])
      })),
      ("settings", .array(settings.map { s in
        .object([("setting", Self.setting(s.estimator)), ("mean", Self.metrics(s.mean)), ("sd", Self.metrics(s.standardDeviation))])
      })),
    ])
  }

  /// The model file's `validation` block.
  func validationBlock() -> JSON {
    let selected = settings[chosen]
    return .object([
      ("scheme", .string(scheme)), ("seed", .number(Double(seed))), ("select", .string(select.rawValue)),
      ("folds", .number(Double(selected.folds.count))),
      ("metrics", Self.metrics(selected.mean)), ("sd", Self.metrics(selected.standardDeviation)),
      ("grid", .array(settings.map { s in .object([("setting", Self.setting(s.estimator)), ("meanLogLoss", .number(s.mean.logLoss))]) })),
    ])
  }

  func text() -> String {
    let names = ["auc", "averagePrecision", "logLoss", "brier", "accuracy", "f1"]
    let headers = ["AUC", "PR AUC", "log loss", "Brier", "accuracy", "F1"]
    func cell(_ m: LogisticCrossValidation.Setting, _ name: String) -> String {
      let mean = m.mean.named.first { $0.0 == name }!.1, sd = m.standardDeviation.named.first { $0.0 == name }!.1
      return String(format: "%.4f ± %.4f", mean, sd)
    }
    var lines = ["cross-validation: \(scheme), seed \(seed), \(settings[chosen].folds.count) folds; mean ± sd over folds", ""]
    let header = ["setting"] + headers
    var rows = settings.enumerated().map { k, s in
      [(k == chosen ? "* " : "  ") + Self.describe(s.estimator)] + names.map { cell(s, $0) }
    }
    rows.insert(header, at: 0)
    lines += alignedColumns(rows)
    lines.append("")
    lines.append("* chosen by \(select == .best ? "the lowest mean log loss" : "the one-standard-error rule")")
    lines.append("")
    lines.append("fold  " + headers.map { $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined(separator: " "))
    for (k, m) in settings[chosen].folds.enumerated() {
      let values = names.map { name in String(format: "%-9.4f", m.named.first { $0.0 == name }!.1) }
      lines.append(String(format: "%4d  ", k + 1) + values.joined(separator: " "))
    }
    let pooled = settings[chosen].outOfFold
    if let lift = try? LiftTable(labels: outcomes, scores: pooled),
       let calibration = try? CalibrationTable(labels: outcomes, probabilities: pooled) {
      lines += ["", "pooled out-of-fold deciles: lift (1 = highest scores) and calibration (1 = lowest predictions)",
                "decile  count  positive rate   lift  cumulative gain    mean predicted  observed rate"]
      for (l, c) in zip(lift.rows, calibration.rows) {
        lines.append(String(format: "%6d  %5d  %13.4f  %5.2f  %15.4f    %14.4f  %13.4f",
                            l.group, l.count, l.rate, l.lift, l.cumulativeGain, c.meanPredicted, c.observedRate))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func describe(_ e: LogisticRegression) -> String {
    guard let c = e.penalty.inverseStrength else { return "no penalty" }
    return "\(penaltyName(e.penalty)) C=\(formatDouble(c))"
  }

  func print(format: OutputFormat) throws {
    let text = format == .json ? try json().serialized() : text()
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
