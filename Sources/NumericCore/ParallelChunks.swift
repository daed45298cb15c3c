import Dispatch
import Foundation
import Synchronization

/// Data parallelism over a fixed partition of the work into chunks.
///
/// Every pass over many rows or customers is cut into chunks (`rowBlocks`)
/// whose boundaries depend only on the problem size, never on the number of threads; each chunk
/// writes its own partial result, and partial results are combined in chunk
/// order. A reduction therefore adds the same numbers in the same order
/// whatever the thread count, so results are bit-for-bit identical with 1, 2
/// or 64 threads (tested), not merely equal to rounding.
///
/// Threads: `ParallelChunks.threadCount`, by default the number of active
/// processors, or `CVW_THREADS` from the environment. The command-line tool
/// pins OpenBLAS to one thread (`setBLASThreadCount(1)`) so that BLAS calls
/// inside chunks do not start a second pool that competes for the same cores.
public enum ParallelChunks {
  private static let configuredThreads = Atomic<Int>(0)

  /// The number of threads a parallel pass uses (≥ 1).
  public static var threadCount: Int {
    let configured = configuredThreads.load(ordering: .relaxed)
    return configured > 0 ? configured : defaultThreadCount
  }

  /// Sets the number of threads for later passes; `nil` restores the default.
  public static func setThreadCount(_ count: Int?) {
    precondition(count.map { (1...maximumThreads).contains($0) } ?? true, "thread count must be in 1...\(maximumThreads)")
    configuredThreads.store(count ?? 0, ordering: .relaxed)
  }

  /// The most threads a pass uses (more is a typo, not a machine).
  public static let maximumThreads = 1024

  private static let defaultThreadCount: Int = {
    if let text = ProcessInfo.processInfo.environment["CVW_THREADS"], let n = Int(text), n >= 1 {
      return min(n, maximumThreads)
    }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }()

  /// Calls `body(chunk)` once for every chunk index in `0..<chunkCount`, on
  /// up to `threadCount` threads; returns when all have finished. Chunks are
  /// handed out in increasing order from a shared counter, so uneven chunks
  /// balance themselves. `body` must only write state owned by its chunk.
  public static func forEach(chunkCount: Int, _ body: (Int) -> Void) {
    let workers = min(threadCount, chunkCount)
    guard workers > 1 else {
      for chunk in 0..<chunkCount { body(chunk) }
      return
    }
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(body) { body in
      let shared = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let chunk = next.add(1, ordering: .relaxed).oldValue
          if chunk >= chunkCount { break }
          shared.value(chunk)
        }
      }
    }
  }

  /// Maps every chunk to a partial result in parallel and folds the partial
  /// results in chunk order: the same answer, to the bit, for any thread count.
  public static func mapReduce<Partial>(
    chunkCount: Int, map: (Int) -> Partial, initial: Partial, combine: (inout Partial, Partial) -> Void
  ) -> Partial {
    var partials = [Partial?](repeating: nil, count: chunkCount)
    partials.withUnsafeMutableBufferPointer { slots in
      let slots = UncheckedSendable(slots)
      forEach(chunkCount: chunkCount) { chunk in slots.value[chunk] = map(chunk) }
    }
    var result = initial
    for partial in partials { combine(&result, partial!) }
    return result
  }
}

/// A value (a buffer pointer, a closure) handed to worker threads that touch
/// disjoint parts of what it refers to: the caller vouches for the absence of
/// data races that the compiler cannot see.
public struct UncheckedSendable<Value>: @unchecked Sendable {
  public var value: Value
  public init(_ value: Value) { self.value = value }
}

/// One slot per chunk for what the workers of a parallel pass compute: the
/// worker of chunk k alone writes slot k, and the slots are read after the
/// pass has returned (which orders the writes before the reads). The slots
/// live in raw memory: an `Array` property would be swapped out and back by
/// every `withUnsafeMutableBufferPointer`, racing between workers.
public final class ChunkSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Value?>
  /// The number of slots.
  public let count: Int

  /// `count` empty slots.
  public init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  /// Slot k: nil until its worker has stored a value.
  public subscript(k: Int) -> Value? {
    get { slots[k] }
    set { slots[k] = newValue }
  }
}
