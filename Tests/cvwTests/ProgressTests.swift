import Foundation
import Testing

/// The progress bar: on stderr, only for a terminal (forced here with
/// CVW_PROGRESS=always, as a terminal cannot be attached to a test), never
/// with --quiet, and never mixed into the data on stdout.
@Suite("Progress on stderr")
struct ProgressTests {
  /// 600k customers take long enough for several frames even in release builds.
  static let arguments = ["simulate", "bg-nbd", "--customers", "600000", "--seed", "3", "-o", "-"]

  @Test func forcedProgressShowsRowsRateAndETAOnStderrOnly() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let run = try cli.run(Self.arguments, environment: ["CVW_PROGRESS": "always", "CVW_THREADS": "1"])
    #expect(run.status == 0, "\(run.stderr)")
    let frames = run.stderr.split(separator: "\r").map { $0.replacingOccurrences(of: "\u{1B}[2K", with: "") }.filter { !$0.isEmpty }
    #expect(frames.contains { $0.hasPrefix("simulating  [") && $0.contains("%") && $0.contains("rows/s") })
    // A frame drawn before the first chunk is done has no rate to project.
    #expect(frames.count < 3 || frames.contains { $0.contains("ETA ") })
    #expect(!run.stdout.contains("\r") && !run.stdout.contains("simulating"))
    #expect(run.stdout.split(separator: "\n").count == 600_001)
  }

  @Test func quietAndPipesGetNoProgress() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    let quiet = try cli.run(Self.arguments + ["--quiet"], environment: ["CVW_PROGRESS": "always"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    // stderr is a pipe here: no terminal, no bar.
    let piped = try cli.run(Self.arguments)
    #expect(piped.status == 0 && !piped.stderr.contains("\r"))
  }

  @Test func threadsMustBeInRange() throws {
    let cli = try CommandRunner()
    defer { cli.cleanUp() }
    for threads in ["0", "1025", "3000000000000000000"] {
      let run = try cli.run(["simulate", "logistic", "--rows", "10", "--features", "2", "--seed", "1", "-o", "-", "--threads", threads])
      #expect(run.status == 2 && run.stderr.contains("--threads must be between 1 and 1024"), "\(run.stderr)")
    }
  }
}
