import ArgumentParser

/// How results are printed: a table for people or JSON for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}

/// `--format`, shared by every command that prints results.
struct FormatOption: ParsableArguments {
  @Option(help: "Output format: text (a table for people) or json.")
  var format: OutputFormat = .text
}
