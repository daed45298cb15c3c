import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw fit gamma-gamma`: the Gamma-Gamma model of spend per purchase.
struct FitGammaGamma: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gamma-gamma",
    abstract: "Fit the Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Colombo & Jiang 1999) to customer summaries.",
    discussion: """
      Customers with frequency 0 or a mean spend ≤ 0 are left out and counted. The model assumes spend \
      independent of frequency: cvw warns when their correlation is 0.3 or more.
      """)

  @Argument(help: "Summaries: CSV with a header, or - for stdin.")
  var data: String

  @Option(help: "Column of repeat purchases.")
  var frequency = "frequency"

  @Option(help: "Column of the mean spend of the repeat purchases.")
  var monetaryValue = "monetary_value"

  @OptionGroup var fit: CustomerModelFitOptions

  func run() throws {
    fit.runOptions.apply()
    let (table, provenance) = try readTrainingTable(data)
    let training = try GammaGamma.Training(table: table, frequency: frequency, monetaryValue: monetaryValue, weight: fit.weight)
    let model = try GammaGamma(penalizer: fit.penalizer).fit(training)
    let file = try ModelFile(
      gammaGamma: model, data: training, training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: fit.output)
    if model.report.customersLeftOut > 0 {
      note("cvw: \(formatDouble(model.report.customersLeftOut)) customers without repeat purchases or with mean spend ≤ 0 are left out")
    }
    for warning in model.warnings { note("cvw: warning: \(warning)") }
    note("cvw: fitted gamma-gamma on \(formatDouble(model.report.customersUsed)) customers: p \(formatDouble(model.p)), "
      + "q \(formatDouble(model.q)), v \(formatDouble(model.v)); wrote \(fit.output)")
  }
}
