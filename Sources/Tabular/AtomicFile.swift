#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to `path` atomically: into a temporary file in the same
/// directory, flushed to disk (`fsync`), then renamed over `path`, so readers
/// see either the old file or the whole new one, never a torn write. `-`
/// writes to stdout; an existing target that is not a regular file (a device
/// such as `/dev/null`, a named pipe) is written in place, since renaming
/// over it would replace the device. Throws a `FileError` naming the path.
public func writeAtomically(_ bytes: some Collection<UInt8>, to path: String) throws {
  let file = try AtomicFile(path: path)
  try file.append(bytes)
  try file.commit()
}

/// An output being written: a temporary file renamed into place by
/// `commit()` and removed if never committed, or stdout for `-`.
///
/// Writes are buffered (1 MiB) so that a large CSV costs few system calls.
final class AtomicFile {
  /// The path as given (`-` for stdout).
  let path: String
  /// The name errors show.
  let name: String
  private var descriptor: Int32
  private let temporaryPath: String?
  private var buffer: [UInt8] = []
  private var finished = false
  /// Flush once the buffer holds this much.
  static let flushThreshold = 1 << 20

  init(path: String) throws(FileError) {
    self.path = path
    buffer.reserveCapacity(AtomicFile.flushThreshold + (1 << 16))
    if path == "-" {
      name = "<stdout>"
      descriptor = STDOUT_FILENO
      temporaryPath = nil
      return
    }
    name = path
    if let special = try AtomicFile.openSpecialFile(path) {
      descriptor = special
      temporaryPath = nil
      return
    }
    // Same directory, so rename(2) is atomic (no cross-device move); hidden
    // and unique so concurrent runs and directory listings ignore it.
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var fd: Int32 = -1
    var candidate = ""
    for _ in 0..<16 {
      let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
      candidate = "\(directory).\(base).tmp-\(getpid())-\(tag)"
      repeat {
        fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      } while fd < 0 && errno == EINTR
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else {
      throw FileError(path: path, message: "cannot create \(quotedForMessage(path)): \(systemErrorMessage(errno))")
    }
    descriptor = fd
    temporaryPath = candidate
  }

  deinit {
    if !finished { discard() }
    if temporaryPath == nil, descriptor > STDERR_FILENO { close(descriptor) }
  }

  /// A descriptor for an existing target that is not a regular file or a
  /// directory, opened for writing in place; nil for anything else.
  private static func openSpecialFile(_ path: String) throws(FileError) -> Int32? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let type = status.st_mode & S_IFMT
    guard type != S_IFREG, type != S_IFDIR else { return nil }
    var fd: Int32
    repeat {
      fd = open(path, O_WRONLY | O_CLOEXEC)
    } while fd < 0 && errno == EINTR
    guard fd >= 0 else {
      throw FileError(path: path, message: "cannot open \(quotedForMessage(path)): \(systemErrorMessage(errno))")
    }
    return fd
  }

  /// Appends bytes, flushing when the buffer is full.
  func append(_ bytes: some Collection<UInt8>) throws(FileError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= AtomicFile.flushThreshold { try flush() }
  }

  /// Gives the caller the buffer to append to directly (the CSV writer's
  /// cells), then flushes if it has grown past the threshold.
  func withBuffer(_ body: (inout [UInt8]) -> Void) throws(FileError) {
    body(&buffer)
    if buffer.count >= AtomicFile.flushThreshold { try flush() }
  }

  /// Writes out the buffer.
  func flush() throws(FileError) {
    var failure: Int32 = 0
    buffer.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return }
      var offset = 0
      while offset < raw.count {
        let n = write(descriptor, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
    if failure != 0 {
      throw FileError(path: path, message: "cannot write \(quotedForMessage(name)): \(systemErrorMessage(failure))")
    }
  }

  /// Flushes and, for a file, syncs it and renames it over the target.
  func commit() throws(FileError) {
    guard !finished else { return }
    do {
      try flush()
    } catch {
      discard()
      throw error
    }
    guard let temporaryPath else {
      finished = true
      return
    }
    if fsync(descriptor) != 0 && errno != EINVAL {
      let code = errno
      discard()
      throw FileError(path: path, message: "cannot write \(quotedForMessage(path)): \(systemErrorMessage(code))")
    }
    close(descriptor)
    descriptor = -1
    if rename(temporaryPath, path) != 0 {
      let code = errno
      unlink(temporaryPath)
      finished = true
      throw FileError(path: path, message: "cannot replace \(quotedForMessage(path)): \(systemErrorMessage(code))")
    }
    finished = true
    // Persist the rename itself: sync the directory entry.
    let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "."
    let dirfd = open(directory, O_RDONLY | O_CLOEXEC)
    if dirfd >= 0 {
      _ = fsync(dirfd)
      close(dirfd)
    }
  }

  /// Abandons the output: removes the temporary file (stdout keeps what was
  /// already flushed, which cannot be taken back).
  func discard() {
    guard !finished else { return }
    finished = true
    buffer.removeAll()
    if let temporaryPath {
      if descriptor >= 0 { close(descriptor) }
      descriptor = -1
      unlink(temporaryPath)
    }
  }
}
