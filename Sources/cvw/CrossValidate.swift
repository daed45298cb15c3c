import ArgumentParser

/// `cvw cv MODEL …`: cross-validation, one subcommand per model family.
struct CrossValidate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cv",
    abstract: "Cross-validate a model, optionally over a grid of settings, and save the chosen one.",
    subcommands: [CrossValidateLogistic.self, CrossValidateBetaGeo.self, CrossValidateModifiedBetaGeo.self, CrossValidateParetoNBD.self])
}
