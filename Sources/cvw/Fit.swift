import ArgumentParser

/// `cvw fit MODEL …`: one subcommand per model family.
struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit a model to a data set and save it as a model file.",
    subcommands: [FitLogistic.self, FitBetaGeo.self, FitModifiedBetaGeo.self, FitParetoNBD.self, FitGammaGamma.self])
}
