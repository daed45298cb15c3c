import Foundation
import Models
import NumericCore
import ModelStore
import Tabular

/// The model card of a saved model: what `cvw inspect` prints, as a table for
/// people or as JSON whose `parameters` array has the same shape for every
/// model kind.
struct ModelCard {
  let file: ModelFile
  let path: String

  func json() throws -> JSON {
    let document = try file.json()
    var members: [(String, JSON)] = [
      ("model", .string(path)),
      ("kind", .string(file.model.kind.rawValue)),
      ("tool", document["tool"] ?? .null),
      ("createdAt", .string(file.createdAt)),
      ("parameters", .array(file.model.parameters.map(Self.json))),
    ]
    switch file.model {
    case .logistic(let m):
      members += [
        ("logLikelihood", .number(m.report.logLikelihood)),
        ("nullLogLikelihood", .number(m.report.nullLogLikelihood)),
        ("pseudoRSquared", .number(m.report.pseudoRSquared)),
        ("aic", .number(m.aic)),
        ("bic", .number(m.bic)),
      ]
    case .betaGeo(let m):
      members.append(("logLikelihood", .number(m.report.logLikelihood)))
    case .modifiedBetaGeo(let m):
      members.append(("logLikelihood", .number(m.report.logLikelihood)))
    case .paretoNBD(let m):
      members.append(("logLikelihood", .number(m.report.logLikelihood)))
    case .gammaGamma(let m):
      members += [
        ("logLikelihood", .number(m.report.logLikelihood)), ("populationMeanSpend", .number(m.populationMeanSpend)),
        ("warnings", .array(m.warnings.map { .string($0) })),
      ]
    }
    for key in ["target", "configuration", "features", "training", "validation"] {
      if let value = document[key] { members.append((key, value)) }
    }
    members.append(("verificationRows", .number(Double(file.verification.count))))
    return .object(members)
  }

  static func json(_ p: ParameterEstimate) -> JSON {
    .object([
      ("name", .string(p.name)), ("estimate", .number(p.estimate)), ("standardError", .number(p.standardError)),
      ("z", .number(p.z)), ("pValue", .number(p.pValue)), ("lower95", .number(p.lower95)), ("upper95", .number(p.upper95)),
    ])
  }

  /// The card's label–value rows above the parameter table (a label "" continues the row before).
  func facts() -> [(label: String, value: String)] {
    var facts: [(label: String, value: String)] = []
    func row(_ label: String, _ value: String) { facts.append((label, value)) }
    row("kind", "\(file.model.kind) (written by cvw \(file.toolVersion) at \(file.createdAt))")
    switch file.model {
    case .logistic(let m):
      row("target", "\(m.target.column): P(\(m.target.column) = \(m.target.positive)) vs \(m.target.negative)")
      let c = m.configuration
      var setting =
        switch c.penalty {
        case .none: "none"
        case .l2(let strength): "l2, C = \(formatDouble(strength))"
        case .l1(let strength): "l1, C = \(formatDouble(strength))"
        case .elasticNet(let strength, let ratio):
          "elastic-net, C = \(formatDouble(strength)), l1 ratio = \(formatDouble(ratio))"
        }
      if c.standardize { setting += ", standardized features" }
      if c.classWeight == .balanced { setting += ", balanced class weights" }
      row("penalty", setting)
      row("training data", "\(file.training.source): \(file.training.rows) rows, sha256 \(file.training.sha256)")
      row("fit", Self.fit(m.report.optimization, space: ""))
      var fit = "log-likelihood \(Self.fixed(m.report.logLikelihood, 4)), null \(Self.fixed(m.report.nullLogLikelihood, 4)), "
        + "pseudo-R² \(Self.fixed(m.report.pseudoRSquared, 4))"
      if let aic = m.aic, let bic = m.bic { fit += ", AIC \(Self.fixed(aic, 2)), BIC \(Self.fixed(bic, 2))" }
      row("", fit)
    case .betaGeo(let m):
      summaryModelRows(columns: m.columns, penalizer: m.configuration.penalizer, report: m.report, row: row)
    case .modifiedBetaGeo(let m):
      summaryModelRows(columns: m.columns, penalizer: m.configuration.penalizer, report: m.report, row: row)
    case .paretoNBD(let m):
      summaryModelRows(columns: m.columns, penalizer: m.configuration.penalizer, report: m.report, row: row)
      row("", "gradient and Hessian by finite differences in log-parameters (no closed form for ₂F₁'s parameter derivatives)")
    case .gammaGamma(let m):
      row("columns", "frequency '\(m.frequencyColumn)', mean spend '\(m.monetaryValueColumn)'")
      row("penalizer", Self.penalizer(m.configuration.penalizer))
      row("training data", "\(file.training.source): \(file.training.rows) rows, \(formatDouble(m.report.customersUsed)) customers used, "
        + "\(formatDouble(m.report.customersLeftOut)) left out (no repeat purchase or spend ≤ 0), sha256 \(file.training.sha256)")
      row("fit", Self.fit(m.report.optimization, space: " in log-parameters"))
      var fit = "log-likelihood \(Self.fixed(m.report.logLikelihood, 4))"
      if let mean = m.populationMeanSpend { fit += ", population mean spend \(Self.significant(mean))" }
      if let r = m.report.correlation { fit += ", corr(frequency, spend) \(Self.fixed(r, 3))" }
      row("", fit)
      for warning in m.warnings { row("warning", warning) }
    }
    return facts
  }

  /// The verification row, below the parameter table.
  var verificationFact: (label: String, value: String) {
    ("verification", "\(file.verification.count) stored rows reproduce to \(Self.short(ModelFile.verificationTolerance)) relative")
  }

  /// The note under a parameter table without standard errors, if it has none.
  var missingStandardErrorsNote: String? {
    file.model.parameters.allSatisfy({ $0.standardError == nil })
      ? "(no standard errors: the likelihood's curvature does not describe a penalised or class-weighted fit)" : nil
  }

  func text() -> String {
    var lines = ["cvw model card: \(path)"]
    func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
    for (label, value) in facts() { row(label, value) }
    lines.append("")
    lines += parameterTable(file.model.parameters)
    if let note = missingStandardErrorsNote { lines.append(note) }
    lines.append("")
    row(verificationFact.label, verificationFact.value)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The rows BG/NBD, MBG/NBD and Pareto/NBD cards share.
  private func summaryModelRows(
    columns: SummaryColumns, penalizer: Double, report: BetaGeoFitReport, row: (String, String) -> Void
  ) {
    row("columns", "frequency '\(columns.frequency)', recency '\(columns.recency)', T '\(columns.age)'")
    row("penalizer", Self.penalizer(penalizer))
    row("training data", "\(file.training.source): \(file.training.rows) rows (\(report.distinctRows) distinct), "
      + "\(formatDouble(report.customers)) customers, sha256 \(file.training.sha256)")
    row("fit", Self.fit(report.optimization, space: " in log-parameters"))
    row("", "log-likelihood \(Self.fixed(report.logLikelihood, 4))")
  }

  private func parameterTable(_ parameters: [ParameterEstimate]) -> [String] {
    let header = ["parameter", "estimate", "std. error", "z", "P>|z|", "[0.025", "0.975]"]
    let rows = parameters.map { p in
      [p.name, Self.significant(p.estimate), p.standardError.map(Self.significant) ?? "-",
       p.z.map { Self.fixed($0, 3) } ?? "-", p.pValue.map(Self.pValue) ?? "-",
       p.lower95.map(Self.significant) ?? "-", p.upper95.map(Self.significant) ?? "-"]
    }
    return alignedColumns([header] + rows)
  }

  static func penalizer(_ c: Double) -> String { c == 0 ? "none (maximum likelihood)" : formatDouble(c) }

  static func fit(_ o: OptimizationReport, space: String) -> String {
    "\(o.solver)\(space), \(o.iterations) iterations, \(o.converged ? "converged" : "NOT converged"), gradient norm \(short(o.gradientNorm))"
  }

  static func significant(_ x: Double) -> String { String(format: "%.6g", x) }
  static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
  static func short(_ x: Double) -> String { String(format: "%.2g", x) }
  static func pValue(_ p: Double) -> String { p < 1e-4 ? "<1e-4" : String(format: "%.4f", p) }

  func print(format: OutputFormat) throws {
    let text = format == .json ? try json().serialized() : text()
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
