import ArgumentParser
import NumericCore
import Synchronization

/// `--threads` and `--quiet`, shared by every command that does long work.
struct RunOptions: ParsableArguments {
  @Option(help: "Worker threads (default: CVW_THREADS, else every core). Results do not depend on it.")
  var threads: Int?

  @Flag(help: "No progress bar and no summary lines on stderr (errors are still reported).")
  var quiet = false

  func validate() throws {
    if let threads, !(1...ParallelChunks.maximumThreads).contains(threads) {
      throw ValidationError("--threads must be between 1 and \(ParallelChunks.maximumThreads), not \(threads).")
    }
  }

  /// Applies the options to this process: the thread count and the progress display.
  func apply() {
    if let threads { ParallelChunks.setThreadCount(threads) }
    RunOptions.quietMessages.store(quiet, ordering: .relaxed)
    ProgressDisplay.shared.start(mode: ProgressDisplay.mode(quiet: quiet))
  }

  /// Whether `note` stays silent: set by `apply()` before any work starts.
  static let quietMessages = Atomic<Bool>(false)
}
