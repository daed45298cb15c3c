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

/// How a table of results is written: text for people, JSON or CSV for
/// machines.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case csv
}

/// `--format text|json|csv` and `-o`, shared by commands whose result is a
/// table.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: text (tables for people), json or csv.")
  var format: TableFormat = .text

  @Option(name: .shortAndLong, help: "Where to write the result, or - for stdout; a file is written atomically.")
  var output: String = "-"
}
