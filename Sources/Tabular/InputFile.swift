#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `read(2)` under a name that the `InputFile.read` method does not shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

/// An input opened for reading: a file, or stdin for `-`.
///
/// Reads go straight to `read(2)` into caller-owned memory (no Foundation
/// `Data` or `FileHandle` in between), retrying on EINTR.
final class InputFile {
  /// The name errors show: the path, or `<stdin>`.
  let name: String
  private let descriptor: Int32
  private let isStdin: Bool
  /// Bytes of stdin that an earlier `CSVReader.header("-")` consumed and this
  /// reader must see first.
  private var replay: [UInt8]
  private var replayOffset = 0
  /// Whether bytes read from stdin are remembered for a later reader.
  private let remembers: Bool

  /// Opens `path` (`-` for stdin). `remembering` makes stdin bytes available
  /// again to the next reader of `-` (for `CSVReader.header`).
  init(path: String, remembering: Bool = false) throws(DataError) {
    if path == "-" {
      name = "<stdin>"
      descriptor = STDIN_FILENO
      isStdin = true
      remembers = remembering
      replay = remembering ? StdinReplay.shared.peek() : StdinReplay.shared.take()
      return
    }
    name = path
    isStdin = false
    remembers = false
    replay = []
    var fd: Int32
    repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
    guard fd >= 0 else {
      throw DataError(file: path, message: "cannot open \(quotedForMessage(path)): \(systemErrorMessage(errno))")
    }
    descriptor = fd
  }

  deinit {
    if !isStdin { close(descriptor) }
  }

  /// Reads up to `count` bytes into `buffer`; 0 means end of input.
  func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws(DataError) -> Int {
    if replayOffset < replay.count {
      let n = min(count, replay.count - replayOffset)
      replay.withUnsafeBufferPointer { source in
        for k in 0..<n { buffer[k] = source[replayOffset + k] }
      }
      replayOffset += n
      return n
    }
    while true {
      let n = systemRead(descriptor, buffer, count)
      if n >= 0 {
        if remembers && n > 0 { StdinReplay.shared.append(UnsafeBufferPointer(start: buffer, count: n)) }
        return n
      }
      if errno == EINTR { continue }
      throw DataError(file: name, message: "cannot read \(quotedForMessage(name)): \(systemErrorMessage(errno))")
    }
  }

  /// The size of a regular file, for sizing the buffer in one allocation.
  var sizeHint: Int? {
    if isStdin { return nil }
    var info = stat()
    guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
  }

  /// The whole input, followed by `padding` zero bytes (the scanner's
  /// sentinel and room for 8-byte loads), in one contiguous block.
  ///
  /// A regular file of 1 MiB or more is mapped rather than copied (no copy,
  /// no zeroing of fresh pages: about a third of the time of reading a file
  /// from the page cache); like every mapped reader, it assumes the file is
  /// not truncated while being read.
  func readAll(padding: Int = NumberParsing.padding) throws(DataError) -> ByteBuffer {
    if let size = sizeHint, size >= 1 << 20, replay.isEmpty, let mapped = ByteBuffer(mapping: descriptor, size: size, padding: padding) {
      return mapped
    }
    var capacity = (sizeHint ?? (1 << 20) - padding) + padding
    let storage = ByteBuffer(capacity: capacity)
    var count = 0
    while true {
      if capacity - count - padding < 1 << 16 {
        // Not a regular file (or one that grew): double.
        capacity *= 2
        storage.reallocate(capacity: capacity, keeping: count)
      }
      let n = try read(into: storage.pointer + count, count: capacity - count - padding)
      if n == 0 { break }
      count += n
    }
    (storage.pointer + count).initialize(repeating: 0, count: padding)
    storage.count = count
    return storage
  }
}

/// A manually managed byte buffer: the reader's hot loops want a stable raw
/// pointer, and growing an `Array` through its uniqueness checks would copy.
final class ByteBuffer: @unchecked Sendable {
  // @unchecked: mutated only by the reader that owns it before it is shared.
  private(set) var pointer: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  /// Bytes of content (the sentinel padding lies beyond).
  var count = 0

  /// The length of the mapping when the bytes are mapped, else 0.
  private var mappedLength = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    pointer = .allocate(capacity: self.capacity)
  }

  /// Maps `size` bytes of the file `descriptor` followed by `padding` zero
  /// bytes; nil when the system refuses (the caller then reads instead).
  ///
  /// Zero pages are reserved first and the file is mapped over their start,
  /// so the bytes after the end of the file read as zeros even when the size
  /// is a multiple of the page size (where a plain mapping would fault).
  init?(mapping descriptor: Int32, size: Int, padding: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = (size + padding + page - 1) / page * page
    guard let reserved = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          reserved != MAP_FAILED else { return nil }
    // Not populated up front: pages come in as the parsing threads reach
    // them (in parallel, and about as fast thanks to the kernel's fault-around)
    // and leave once their part is parsed (`release`), so the whole file is
    // never resident in this process at once.
    guard let mapped = mmap(reserved, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, descriptor, 0), mapped == reserved else {
      munmap(reserved, length)
      return nil
    }
    pointer = mapped.assumingMemoryBound(to: UInt8.self)
    capacity = size + padding
    count = size
    mappedLength = length
  }

  deinit {
    if mappedLength > 0 {
      munmap(UnsafeMutableRawPointer(pointer), mappedLength)
    } else {
      pointer.deallocate()
    }
  }

  /// Gives the memory of the whole pages inside `range` back to the system
  /// when the bytes are mapped: the caller will not read them again (were
  /// they read, they would come back from the file). A no-op for bytes that
  /// were read into memory, which cannot be freed piecemeal.
  func release(_ range: Range<Int>) {
    guard mappedLength > 0 else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let base = Int(bitPattern: UnsafeRawPointer(pointer))
    let first = (base + range.lowerBound + page - 1) / page * page
    let last = (base + range.upperBound) / page * page
    guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(start, last - first, Int32(MADV_DONTNEED))
  }

  func reallocate(capacity newCapacity: Int, keeping count: Int) {
    let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    fresh.update(from: pointer, count: count)
    pointer.deallocate()
    pointer = fresh
    capacity = newCapacity
  }
}

/// Stdin bytes that `CSVReader.header("-")` has read and that the next reader
/// of `-` must see again, so that "check the header, then stream the rest"
/// works on a pipe.
final class StdinReplay: @unchecked Sendable {
  // @unchecked: every access goes through `lock`.
  static let shared = StdinReplay()
  private let lock = NSLock()
  private var bytes: [UInt8] = []

  func peek() -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return bytes
  }

  func take() -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    let taken = bytes
    bytes = []
    return taken
  }

  func append(_ more: UnsafeBufferPointer<UInt8>) {
    lock.lock()
    defer { lock.unlock() }
    bytes.append(contentsOf: more)
  }
}
