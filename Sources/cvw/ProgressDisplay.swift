import Foundation
import Synchronization
import NumericCore

/// Draws the process's `ProgressMeter` as one self-updating line on stderr:
/// `reading data.csv  [#########---------]  48%  212.3 MB/s  ETA 0:02`.
///
/// Only for people: it draws when stderr is a terminal, never with `--quiet`,
/// and not before a stage has run for half a second (quick commands print
/// nothing). `CVW_PROGRESS=always` draws to any stderr without the delay
/// (for tests and logs), `CVW_PROGRESS=never` never draws. Each frame starts
/// with a carriage return and erases the line; `note` erases it before
/// writing a message, so messages and the bar never share a line.
final class ProgressDisplay: Sendable {
  enum Mode: Equatable {
    case never
    case terminal
    case always
  }

  static let shared = ProgressDisplay()

  private struct State {
    var mode: Mode = .never
    var running = false
    var lineDrawn = false
  }

  private let state = Mutex(State())
  private let refreshInterval: TimeInterval = 0.1

  /// The mode for this process: the environment's choice, else a terminal check.
  static func mode(quiet: Bool) -> Mode {
    if quiet { return .never }
    switch ProcessInfo.processInfo.environment["CVW_PROGRESS"] {
    case "always": return .always
    case "never": return .never
    default: return isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" ? .terminal : .never
    }
  }

  /// Starts the drawing thread (once); nothing happens in mode `.never`.
  func start(mode: Mode) {
    let starting = state.withLock { state -> Bool in
      state.mode = mode
      guard mode != .never, !state.running else { return false }
      state.running = true
      return true
    }
    guard starting else { return }
    let thread = Thread { [self] in
      while state.withLock({ $0.running }) {
        draw()
        Thread.sleep(forTimeInterval: refreshInterval)
      }
    }
    thread.start()
  }

  /// Stops drawing and erases the line (before the command's last message).
  func stop() {
    state.withLock { state in
      state.running = false
      erase(&state)
    }
  }

  /// Writes a message on its own line, erasing the bar first.
  func write(_ message: String) {
    state.withLock { state in
      erase(&state)
      FileHandle.standardError.write(Data(message.utf8))
    }
  }

  private func draw() {
    state.withLock { state in
      guard state.running, state.mode != .never else { return }
      guard let snapshot = ProgressMeter.process.snapshot() else {
        erase(&state)
        return
      }
      let elapsed = ProcessInfo.processInfo.systemUptime - snapshot.startedAt
      guard state.mode == .always || elapsed >= 0.5 else { return }
      let line = Self.render(snapshot, elapsed: elapsed, width: Self.terminalWidth())
      FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
      state.lineDrawn = true
    }
  }

  private func erase(_ state: inout State) {
    guard state.lineDrawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    state.lineDrawn = false
  }

  /// One frame: label, bar and percentage when the total is known, count,
  /// rate, and the estimated time left (remaining / mean rate so far).
  static func render(_ snapshot: ProgressMeter.Snapshot, elapsed: TimeInterval, width: Int) -> String {
    var parts = [snapshot.label]
    let rate = elapsed > 0 ? Double(snapshot.done) / elapsed : 0
    if snapshot.unit == .elapsed { return parts[0] + "  " + clock(elapsed) }
    if let total = snapshot.total, total > 0 {
      let fraction = min(1, max(0, Double(snapshot.done) / Double(total)))
      let barWidth = 24
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]")
      parts.append(String(format: "%3.0f%%", fraction * 100))
      if snapshot.unit == .steps { parts.append("\(snapshot.done)/\(total)") }
    } else {
      parts.append(count(snapshot.done, unit: snapshot.unit))
    }
    if snapshot.unit == .bytes || snapshot.unit == .rows, elapsed > 0 { parts.append(rateText(rate, unit: snapshot.unit)) }
    if let total = snapshot.total, total > 0, rate > 0, snapshot.done < total {
      parts.append("ETA " + clock(Double(total - snapshot.done) / rate))
    } else {
      parts.append(clock(elapsed))
    }
    let line = parts.joined(separator: "  ")
    return line.count > width - 1 ? String(line.prefix(max(0, width - 1))) : line
  }

  private static func count(_ value: Int64, unit: ProgressMeter.Unit) -> String {
    switch unit {
    case .bytes: return String(format: "%.1f MB", Double(value) / 1e6)
    case .rows: return "\(scaled(Double(value))) rows"
    case .steps, .elapsed: return "\(value) steps"
    }
  }

  private static func rateText(_ rate: Double, unit: ProgressMeter.Unit) -> String {
    switch unit {
    case .bytes: return String(format: "%.1f MB/s", rate / 1e6)
    case .rows: return "\(scaled(rate)) rows/s"
    case .steps, .elapsed: return ""
    }
  }

  private static func scaled(_ value: Double) -> String {
    switch value {
    case 1e9...: return String(format: "%.2fG", value / 1e9)
    case 1e6...: return String(format: "%.2fM", value / 1e6)
    case 1e4...: return String(format: "%.1fk", value / 1e3)
    default: return String(format: "%.0f", value)
    }
  }

  private static func clock(_ seconds: TimeInterval) -> String {
    let whole = Int(seconds.rounded(.up))
    return whole >= 3600
      ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
      : String(format: "%d:%02d", whole / 60, whole % 60)
  }

  private static func terminalWidth() -> Int {
    var size = winsize()
    return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
  }
}

extension ProgressMeter {
  /// Opens a stage that reads `path` (a file's size is the total; stdin's is unknown).
  func beginReading(_ path: String, verb: String = "reading") {
    let name = path == "-" ? "<stdin>" : (path as NSString).lastPathComponent
    let size = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int).flatMap { $0 }
    begin("\(verb) \(name)", total: size.map(Int64.init), unit: .bytes)
  }
}
