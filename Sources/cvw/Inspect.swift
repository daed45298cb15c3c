import ArgumentParser
import ModelStore

/// `cvw inspect`: the model card of a saved model.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print a model file's card: parameters with standard errors and intervals, fit report, provenance.",
    discussion: "The file is fully checked first: format version, kind, fields, and its verification rows re-scored.")

  @Argument(help: "A model file written by `cvw fit`.")
  var model: String

  @OptionGroup var format: FormatOption

  func run() throws {
    try ModelCard(file: try ModelFile.load(model), path: model).print(format: format.format)
  }
}
