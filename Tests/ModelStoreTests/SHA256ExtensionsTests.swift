import CSHA256
import Testing

@testable import ModelStore

/// The compression function of the processor's SHA extensions (where it has
/// them) against the portable C one, on the same random blocks and states.
@Test func shaExtensionsAgreeWithThePortableCompression() {
  var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next() -> UInt64 {
    // SeededGenerator (Steele, Lea & Flood 2014).
    seed &+= 0x9E37_79B9_7F4A_7C15
    var z = seed
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  for blocks in [1, 2, 3, 17, 1000] {
    let data = (0..<64 * blocks).map { _ in UInt8(truncatingIfNeeded: next()) }
    let start = (0..<8).map { _ in UInt32(truncatingIfNeeded: next()) }
    var fast = start
    var portable = start
    data.withUnsafeBufferPointer { bytes in
      csha256_compress(&fast, bytes.baseAddress!, blocks)
      csha256_compress_portable(&portable, bytes.baseAddress!, blocks)
    }
    #expect(fast == portable, "\(blocks) blocks")
  }
}

// The 896-bit message of the NIST CSRC examples, and messages whose padding
// just fits or spills into a second block (55, 56 and 64 bytes of 'a');
// expected digests as `sha256sum` (GNU coreutils) prints them.
@Test func sha256MatchesVectorsAtBlockBoundaries() {
  #expect(
    SHA256.hexDigest(of: Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
      + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8))
      == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
  #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 55))
    == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
  #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 56))
    == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
  #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 64))
    == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
}
