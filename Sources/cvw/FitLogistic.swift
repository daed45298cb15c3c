import ArgumentParser
import Foundation
import Models
import ModelStore
import Tabular

/// `cvw fit logistic`: a binary logistic regression (purchase intent, churn).
struct FitLogistic: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logistic",
    abstract: "Fit a binary logistic regression (scikit-learn's and statsmodels' conventions).",
    discussion: """
      Features default to every numeric column except the target, the weight and --exclude. \
      Without a penalty the model card has standard errors, z, p-values and 95% intervals \
      (as statsmodels' Logit); --penalty l2 minimises ½‖w‖² + C·Σ loss (as scikit-learn), \
      --penalty l1 ‖w‖₁ + C·Σ loss and --penalty elastic-net \
      ρ‖w‖₁ + (1 − ρ)/2·‖w‖² + C·Σ loss with ρ = --l1-ratio (proximal Newton; coefficients \
      the penalty removes are exactly 0), with the intercept never penalised.
      """)

  @Argument(help: "Training data: CSV with a header, or - for stdin.")
  var data: String

  @OptionGroup var model: LogisticOptions

  @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
  var output: String

  @OptionGroup var runOptions: RunOptions

  func validate() throws {
    if output == "-" { throw ValidationError("-o needs a file name: a model file is not written to stdout") }
  }

  func run() throws {
    runOptions.apply()
    let (table, provenance) = try readTrainingTable(data)
    let training = try model.training(table)
    let estimator = model.estimator()
    let fitted = try estimator.fit(training)
    let file = ModelFile(
      logistic: fitted, data: training,
      training: try provenance.get(rows: training.rowCount), createdAt: try createdAt())
    try file.write(to: output)
    let o = fitted.report.optimization
    let features = fitted.featureNames
    let listed = features.count <= 8 ? features.joined(separator: ", ") : features.prefix(6).joined(separator: ", ") + ", …"
    note("cvw: fitted logistic-regression on \(training.rowCount) rows, \(features.count) feature\(features.count == 1 ? "" : "s") "
      + "(\(listed)): \(o.solver), \(o.iterations) iterations, converged "
      + "(gradient norm \(String(format: "%.2g", o.gradientNorm))); wrote \(output)")
  }
}

extension LogisticRegression.ClassWeight: ExpressibleByArgument {}
extension LogisticRegression.Solver: ExpressibleByArgument {}

/// "a, b,c" → ["a", "b", "c"].
func splitList(_ text: String) -> [String] {
  text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
