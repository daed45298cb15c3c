import Foundation
import Synchronization

/// How much of a long piece of work is done: the current stage's label, a
/// count of units done and, when known, the total.
///
/// Work that may run for seconds (reading a large file, cross-validation
/// folds, scoring, simulating) advances the process's meter, `process`; a
/// command-line display on another thread samples it (`snapshot()`) and
/// labels the stages (`begin`). Advancing is one relaxed atomic add, cheap
/// enough to call once per part of a file from any thread, and harmless when
/// no stage is open (nothing reads the count); the meter never prints.
public final class ProgressMeter: Sendable {
  /// The meter of this process's long-running work.
  public static let process = ProgressMeter()

  /// What the count counts: it decides how rates are shown (MB/s, rows/s).
  public enum Unit: Sendable {
    case bytes
    case rows
    /// Whole pieces of work, such as the fits of a cross-validation.
    case steps
    /// Nothing is counted: the display shows the label and the time elapsed.
    case elapsed
  }

  /// The state of the current stage at one moment.
  public struct Snapshot: Sendable, Equatable {
    public var label: String
    public var done: Int64
    public var total: Int64?
    public var unit: Unit
    /// When the stage began (`ProcessInfo.systemUptime` seconds).
    public var startedAt: TimeInterval
  }

  private struct Stage {
    var label: String
    var total: Int64?
    var unit: Unit
    var startedAt: TimeInterval
  }

  private let stage = Mutex<Stage?>(nil)
  private let done = Atomic<Int64>(0)

  public init() {}

  /// Starts a new stage and resets the count; `total` is nil when unknown
  /// (a stream from stdin, iterations until convergence).
  public func begin(_ label: String, total: Int64? = nil, unit: Unit) {
    stage.withLock { $0 = Stage(label: label, total: total, unit: unit, startedAt: ProcessInfo.processInfo.systemUptime) }
    done.store(0, ordering: .relaxed)
  }

  /// Counts `units` more done in the current stage (any thread).
  public func advance(by units: Int64) {
    done.add(units, ordering: .relaxed)
  }

  /// Ends the current stage: a display stops showing it.
  public func end() {
    stage.withLock { $0 = nil }
  }

  /// The current stage, or nil between stages.
  public func snapshot() -> Snapshot? {
    stage.withLock { stage in
      stage.map {
        Snapshot(
          label: $0.label, done: done.load(ordering: .relaxed), total: $0.total, unit: $0.unit,
          startedAt: $0.startedAt)
      }
    }
  }
}
