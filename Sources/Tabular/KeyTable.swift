#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings: gives each distinct key a dense code 0, 1, 2, … in
/// the order keys are first seen, so a column of ids becomes a column of
/// integers with one `String` per *distinct* id instead of one per cell.
///
/// An open-addressing hash table with linear probing over a power-of-two
/// array of 16-byte slots kept at most half full. A slot holds the code, the
/// key's first eight bytes, its length and 24 bits of its hash, so a key of
/// up to eight bytes (most ids) is found or refused by reading that one slot:
/// with a million customers the table outgrows the caches, and every other
/// memory touched per lookup would be another cache miss. Longer keys are
/// compared in full against a byte arena where the keys lie back to back.
/// Everything lives in manually managed buffers: the per-cell path runs
/// without reference counting or uniqueness checks.
///
/// `codes(_:starts:ends:count:into:)` looks up a batch of keys: it hashes
/// them all and touches their slots first, so that the cache misses of a
/// large table overlap instead of costing a full memory latency per key
/// (measured: 40% less time reading ten million rows with a million ids).
final class KeyTable {
  /// The largest number of distinct keys (codes are `Int32`).
  static let capacityLimit = Int(Int32.max) - 1

  private struct Slot {
    /// The key's first 8 bytes, little-endian, zero beyond its length.
    var prefix: UInt64
    /// min(length, 255) in the top byte, hash bits 40–63 below.
    var tag: UInt32
    /// code + 1; 0 marks an empty slot.
    var entry: Int32
  }

  /// Distinct keys so far.
  private(set) var count = 0
  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCapacity: Int
  private var arenaCount = 0
  /// Per code: the arena offset of its key; `offsets[count]` is the end of
  /// the last key (so key k is `offsets[k]..<offsets[k + 1]`).
  private var offsets: UnsafeMutablePointer<Int>
  /// Per code: the key's hash (read only when the slots are rebuilt).
  private var hashes: UnsafeMutablePointer<UInt64>
  private var codeCapacity: Int
  private var slots: SlotArray
  private var mask: Int
  /// Hashes and prefixes of the batch being looked up.
  private var batchHashes: UnsafeMutablePointer<UInt64>
  private var batchPrefixes: UnsafeMutablePointer<UInt64>
  /// The most keys `codes(_:starts:ends:count:into:)` takes at once.
  static let batchCapacity = 1024
  /// Keeps the slot touches of a batch from being optimised away.
  private var touched: Int32 = 0

  init(expectedKeys: Int = 1024) {
    codeCapacity = max(16, expectedKeys)
    var slotCount = 32
    while slotCount < 2 * codeCapacity { slotCount *= 2 }
    mask = slotCount - 1
    slots = SlotArray(count: slotCount)
    offsets = .allocate(capacity: codeCapacity + 1)
    offsets[0] = 0
    hashes = .allocate(capacity: codeCapacity)
    arenaCapacity = 16 * codeCapacity
    arena = .allocate(capacity: arenaCapacity)
    batchHashes = .allocate(capacity: KeyTable.batchCapacity)
    batchPrefixes = .allocate(capacity: KeyTable.batchCapacity)
  }

  deinit {
    slots.release()
    offsets.deallocate()
    hashes.deallocate()
    arena.deallocate()
    batchHashes.deallocate()
    batchPrefixes.deallocate()
  }

  /// The code of the key `bytes[0..<length]`, adding it when new; nil when
  /// the table already holds `capacityLimit` keys.
  @inline(__always)
  func code(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int32? {
    let prefix = KeyTable.prefix(bytes, length)
    return code(bytes, length, prefix: prefix, hash: KeyTable.hash(bytes, length, prefix: prefix))
  }

  /// The codes of the keys `bytes[starts[j]..<ends[j]]`, j < `count` (at
  /// most `batchCapacity`), into `output[j]`, added in order when new (so
  /// codes keep first-appearance order); false when the table fills up.
  func codes(_ bytes: UnsafePointer<UInt8>, starts: UnsafePointer<Int>, ends: UnsafePointer<Int>, count: Int,
             into output: UnsafeMutablePointer<Int32>) -> Bool {
    // First every hash, with a load of each key's first slot: the loads do
    // not depend on one another, so the processor keeps many in flight.
    var touched: Int32 = 0
    for j in 0..<count {
      let key = bytes + starts[j]
      let length = ends[j] - starts[j]
      let prefix = KeyTable.prefix(key, length)
      let hash = KeyTable.hash(key, length, prefix: prefix)
      batchPrefixes[j] = prefix
      batchHashes[j] = hash
      touched |= slots.pointer[Int(truncatingIfNeeded: hash) & mask].entry
    }
    self.touched = touched
    // Then the lookups, in order, mostly from the cache.
    for j in 0..<count {
      guard let code = code(bytes + starts[j], ends[j] - starts[j], prefix: batchPrefixes[j], hash: batchHashes[j])
      else { return false }
      output[j] = code
    }
    return true
  }

  @inline(__always)
  private func code(_ bytes: UnsafePointer<UInt8>, _ length: Int, prefix: UInt64, hash: UInt64) -> Int32? {
    let tag = UInt32(min(length, 255)) << 24 | UInt32(truncatingIfNeeded: hash >> 40) & 0xFF_FFFF
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let candidate = slots.pointer[slot]
      if candidate.entry == 0 { break }
      if candidate.tag == tag && candidate.prefix == prefix {
        // Up to 8 bytes, prefix and length are the whole key.
        let code = Int(candidate.entry) - 1
        if length <= 8 { return Int32(code) }
        let offset = offsets[code]
        if offsets[code + 1] - offset == length && memcmp(arena + offset, bytes, length) == 0 {
          return Int32(code)
        }
      }
      slot = (slot + 1) & mask
    }
    guard count < KeyTable.capacityLimit else { return nil }
    return insert(bytes, length, Slot(prefix: prefix, tag: tag, entry: 0), hash: hash, at: slot)
  }

  /// Adds a key known to be absent at the empty slot `slot`.
  private func insert(_ bytes: UnsafePointer<UInt8>, _ length: Int, _ filled: Slot, hash: UInt64, at slot: Int) -> Int32 {
    let code = count
    if code == codeCapacity { growCodes() }
    if arenaCount + length > arenaCapacity { growArena(atLeast: arenaCount + length) }
    (arena + arenaCount).initialize(from: bytes, count: length)
    arenaCount += length
    offsets[code + 1] = arenaCount
    hashes[code] = hash
    var filled = filled
    filled.entry = Int32(code + 1)
    slots.pointer[slot] = filled
    count += 1
    if 2 * count > mask + 1 { rehash() }
    return Int32(code)
  }

  /// The key of `code` as text.
  func key(_ code: Int32) -> String {
    let k = Int(code)
    return String(decoding: UnsafeBufferPointer(start: arena + offsets[k], count: offsets[k + 1] - offsets[k]),
                  as: UTF8.self)
  }

  /// Every key, in code order.
  var keys: [String] {
    (0..<count).map { key(Int32($0)) }
  }

  /// The code of every key of `other` in this table (adding those that are
  /// new, in `other`'s order): the map that renumbers `other`'s codes, nil
  /// when the table fills up.
  func absorb(_ other: KeyTable) -> [Int32]? {
    var map = [Int32]()
    map.reserveCapacity(other.count)
    for k in 0..<other.count {
      let offset = other.offsets[k]
      guard let code = code(other.arena + offset, other.offsets[k + 1] - offset) else { return nil }
      map.append(code)
    }
    return map
  }

  private func growCodes() {
    let bigger = 2 * codeCapacity
    let newOffsets = UnsafeMutablePointer<Int>.allocate(capacity: bigger + 1)
    newOffsets.initialize(from: offsets, count: count + 1)
    offsets.deallocate()
    offsets = newOffsets
    let newHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: bigger)
    newHashes.initialize(from: hashes, count: count)
    hashes.deallocate()
    hashes = newHashes
    codeCapacity = bigger
  }

  private func growArena(atLeast needed: Int) {
    let bigger = max(2 * arenaCapacity, needed)
    let newArena = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    newArena.initialize(from: arena, count: arenaCount)
    arena.deallocate()
    arena = newArena
    arenaCapacity = bigger
  }

  /// Doubles the slot array and places every key again (from the kept
  /// hashes and the old slots, so no key is hashed twice).
  private func rehash() {
    let oldSlots = slots
    let oldCount = mask + 1
    let slotCount = 2 * oldCount
    slots = SlotArray(count: slotCount)
    mask = slotCount - 1
    let new = slots.pointer
    for k in 0..<oldCount where oldSlots.pointer[k].entry != 0 {
      let old = oldSlots.pointer[k]
      var slot = Int(truncatingIfNeeded: hashes[Int(old.entry) - 1]) & mask
      while new[slot].entry != 0 { slot = (slot + 1) & mask }
      new[slot] = old
    }
    oldSlots.release()
  }

  /// Zeroed slots (all empty). A large array is mapped directly and asked
  /// for transparent huge pages: lookups land on random slots, and with 4 KiB
  /// pages a table of millions of keys would also miss the TLB on almost
  /// every one (measured: a third of the lookup time on a million keys).
  private struct SlotArray {
    let pointer: UnsafeMutablePointer<Slot>
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    private static let hugePage = 2 << 20

    init(count: Int) {
      let bytes = count * MemoryLayout<Slot>.stride
      #if os(Linux)
      if bytes >= 2 * SlotArray.hugePage {
        // One huge page more, to start the slots on a huge-page boundary.
        let length = bytes + SlotArray.hugePage
        if let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), base != MAP_FAILED {
          let address = Int(bitPattern: base)
          let aligned = (address + SlotArray.hugePage - 1) & ~(SlotArray.hugePage - 1)
          let start = base + (aligned - address)
          _ = madvise(start, bytes, MADV_HUGEPAGE)  // a hint: without it, plain pages
          pointer = start.bindMemory(to: Slot.self, capacity: count)  // mapped pages are zero
          mapping = base
          mappedLength = length
          return
        }
      }
      #endif
      pointer = .allocate(capacity: count)
      pointer.initialize(repeating: Slot(prefix: 0, tag: 0, entry: 0), count: count)
      mapping = nil
      mappedLength = 0
    }

    func release() {
      if let mapping {
        munmap(mapping, mappedLength)
      } else {
        pointer.deallocate()
      }
    }
  }

  /// The first min(length, 8) bytes as a little-endian integer, zero above.
  /// Reads only `bytes[0..<length]`: two overlapping 4-byte loads (or three
  /// single bytes) assemble a short key without a byte loop.
  @inline(__always)
  static func prefix(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
    let raw = UnsafeRawPointer(bytes)
    if length >= 8 { return UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) }
    if length >= 4 {
      let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)))
      return low | high << UInt64(8 * (length - 4))
    }
    if length > 0 {
      return UInt64(bytes[0]) | UInt64(bytes[length / 2]) << UInt64(8 * (length / 2))
        | UInt64(bytes[length - 1]) << UInt64(8 * (length - 1))
    }
    return 0
  }

  /// A 64-bit hash of `bytes[0..<length]` whose first eight bytes are
  /// `prefix`: each 8-byte word multiplied in and rotated (as in wyhash and
  /// xxHash), then the SplitMix64 finaliser, so that the low bits, which
  /// pick the slot, depend on every input bit. Not keyed: ids come from the
  /// user's own file.
  @inline(__always)
  static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int, prefix: UInt64) -> UInt64 {
    var h = UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15
    h = mixed(h, prefix)
    if length > 8 {
      let raw = UnsafeRawPointer(bytes)
      var i = 8
      while i + 8 <= length {
        h = mixed(h, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        i += 8
      }
      if i < length { h = mixed(h, KeyTable.prefix(bytes + i, length - i)) }
    }
    h ^= h >> 30
    h &*= 0xBF58_476D_1CE4_E5B9
    h ^= h >> 27
    h &*= 0x94D0_49BB_1331_11EB
    h ^= h >> 31
    return h
  }

  @inline(__always)
  private static func mixed(_ h: UInt64, _ word: UInt64) -> UInt64 {
    let x = h ^ (word &* 0xBF58_476D_1CE4_E5B9)
    return ((x << 27) | (x >> 37)) &* 0x94D0_49BB_1331_11EB
  }
}
