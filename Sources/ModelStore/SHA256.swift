#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CSHA256

/// SHA-256 (FIPS 180-4), streaming: the training-data fingerprint in model
/// files, equal to what `sha256sum` prints for the same bytes.
///
/// Whole 64-byte blocks go to the C compression function of `CSHA256`
/// straight from the caller's memory, which uses the x86 SHA extensions
/// where the processor has them (about ten times the portable speed).
public struct SHA256: Sendable {
  /// H0…H7 (FIPS 180-4, 5.3.3 for the initial values).
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  /// Bytes of an incomplete block (fewer than 64).
  private var pending = [UInt8]()
  private var length: UInt64 = 0

  public init() {}

  /// Feeds more bytes.
  public mutating func update(_ bytes: some Collection<UInt8>) {
    if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
      let copy = Array(bytes)
      copy.withUnsafeBytes { update($0) }
    }
  }

  /// Feeds more bytes, hashing whole blocks in place (no copy of the input).
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return }
    length &+= UInt64(bytes.count)
    var offset = 0
    if !pending.isEmpty {
      let take = min(64 - pending.count, bytes.count)
      pending.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
      offset = take
      guard pending.count == 64 else { return }
      pending.withUnsafeBufferPointer { compress($0.baseAddress!, blocks: 1) }
      pending.removeAll(keepingCapacity: true)
    }
    let blocks = (bytes.count - offset) / 64
    if blocks > 0 {
      compress(base + offset, blocks: blocks)
      offset += 64 * blocks
    }
    pending.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: bytes.count - offset))
  }

  /// The digest as 64 lowercase hexadecimal digits of the bytes fed so far
  /// (more may be fed afterwards).
  public func hexDigest() -> String {
    var final = self
    return final.finish()
  }

  /// Pads the message (a 1 bit, zeros, the 64-bit length: FIPS 180-4, 5.1.1)
  /// and hashes the last block or two.
  private mutating func finish() -> String {
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    let bits = length &* 8
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    tail.withUnsafeBufferPointer { compress($0.baseAddress!, blocks: $0.count / 64) }
    pending = []
    let digits = Array("0123456789abcdef")
    return String(state.flatMap { word in (0..<8).reversed().map { digits[Int((word >> UInt32($0 * 4)) & 0xF)] } })
  }

  /// The digest of `bytes` in one call.
  public static func hexDigest(of bytes: some Collection<UInt8>) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finish()
  }

  private mutating func compress(_ blocks: UnsafePointer<UInt8>, blocks count: Int) {
    state.withUnsafeMutableBufferPointer { csha256_compress($0.baseAddress!, blocks, count) }
  }

  /// Whether this process hashes with the x86 SHA extensions.
  public static var usesProcessorExtensions: Bool { csha256_uses_sha_extensions() != 0 }
}

extension SHA256 {
  /// The digest of a file's bytes, read with `read(2)` in 1 MiB blocks into
  /// one reused buffer (bounded memory, no per-block allocation).
  public static func hexDigest(ofFile path: String) throws -> String {
    var descriptor: Int32
    repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else {
      throw ModelFileError.unreadable(path: path, reason: "cannot open it to fingerprint it")
    }
    defer { close(descriptor) }
    let blockSize = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
    defer { buffer.deallocate() }
    var hash = SHA256()
    while true {
      let n = read(descriptor, buffer, blockSize)
      if n < 0 {
        if errno == EINTR { continue }
        throw ModelFileError.unreadable(path: path, reason: "cannot read it to fingerprint it")
      }
      if n == 0 { break }
      hash.update(UnsafeRawBufferPointer(start: buffer, count: n))
    }
    return hash.hexDigest()
  }
}
