import ArgumentParser
import Foundation
import Models
import ModelStore
import Reports
import Tabular

/// Maps every failure to one readable line on stderr and the documented exit
/// status: 2 bad usage or bad input, 3 no convergence, 1 anything else
/// (an output that cannot be written included).
enum ErrorReport {
  static func report(_ error: Error) -> Int32 {
    switch error {
    case let e as DataError: return fail(e.description, 2)
    case let e as FileError: return fail(e.description, 1)
    case let e as ModelFileError: return fail(e.description, 2)
    case let e as ChartError: return fail(e.description, 2)
    case let e as FitError:
      if case .notConverged = e { return fail(e.description, 3) }
      return fail(e.description, 2)
    default:
      let code = CVW.exitCode(for: error)
      if code == .success {
        CVW.exit(withError: error)  // --help, --version: printed to stdout, status 0
      }
      if code == .validationFailure {
        let message = CVW.fullMessage(for: error)
        FileHandle.standardError.write(Data((message.hasPrefix("Error:") ? message : "Error: \(message)").utf8 + [10]))
        return 2
      }
      return fail(String(describing: error), 1)
    }
  }

  private static func fail(_ message: String, _ status: Int32) -> Int32 {
    ProgressDisplay.shared.stop()
    FileHandle.standardError.write(Data("cvw: error: \(message)\n".utf8))
    return status
  }
}

/// Diagnostics for people on stderr (never mixed into data on stdout), on a
/// line of their own below any progress bar; silenced by `--quiet`.
func note(_ message: String) {
  guard !RunOptions.quietMessages.load(ordering: .relaxed) else { return }
  ProgressDisplay.shared.write("\(message)\n")
}
