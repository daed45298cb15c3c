import ArgumentParser
import Foundation
import ModelStore
import NumericCore

/// The `cvw` command: customer value workbench.
struct CVW: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cvw",
    abstract: "Customer value workbench: fit, validate, save and score churn and customer-value models.",
    discussion: """
      Exit status: 0 success, 1 failed run, 2 bad usage or bad input (data, model file), \
      3 a fit that did not converge. `-` means stdin or stdout wherever a file is read or written.
      """,
    version: cvwVersion,
    subcommands: [
      Summarize.self, Fit.self, CrossValidate.self, Compare.self, Inspect.self, Score.self, CLV.self, KPI.self, Segment.self,
      Simulate.self, Report.self, Plot.self,
    ])
}

@main
enum Main {
  static func main() {
    setBLASThreadCount(1)
    do {
      var command = try CVW.parseAsRoot()
      try command.run()
      ProgressDisplay.shared.stop()
    } catch {
      exit(ErrorReport.report(error))
    }
  }
}
