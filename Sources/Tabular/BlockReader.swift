/// A window over an input that slides forward block by block: the streaming
/// reader's memory is one block plus the longest record, whatever the size of
/// the input.
final class BlockReader {
  let input: InputFile
  /// Bytes read per refill (1 MiB by default; tests make it tiny to put block
  /// boundaries everywhere).
  let blockSize: Int
  private let buffer: ByteBuffer
  /// Bytes held; `NumberParsing.padding` zero bytes follow (the sentinel).
  private(set) var count = 0
  /// Whether the input has no more bytes beyond `count`.
  private(set) var atEnd = false

  init(input: InputFile, blockSize: Int) {
    self.input = input
    self.blockSize = max(1, blockSize)
    buffer = ByteBuffer(capacity: self.blockSize + NumberParsing.padding)
    buffer.pointer.initialize(repeating: 0, count: NumberParsing.padding)
  }

  /// The window's bytes (valid until the next `refill`).
  var bytes: UnsafePointer<UInt8> { UnsafePointer(buffer.pointer) }

  /// Drops the bytes before `consumed` (moving the rest, a partial record, to
  /// the front) and appends up to one block, stopping early only at the end
  /// of the input.
  func refill(consumed: Int) throws(DataError) {
    let kept = count - consumed
    if consumed > 0 && kept > 0 {
      buffer.pointer.update(from: buffer.pointer + consumed, count: kept)
    }
    count = kept
    let needed = kept + blockSize + NumberParsing.padding
    if buffer.capacity < needed {
      // A record longer than a block: grow, at least doubling.
      buffer.reallocate(capacity: max(2 * buffer.capacity, needed), keeping: kept)
    }
    let goal = kept + blockSize
    while count < goal {
      let n = try input.read(into: buffer.pointer + count, count: goal - count)
      if n == 0 {
        atEnd = true
        break
      }
      count += n
    }
    (buffer.pointer + count).update(repeating: 0, count: NumberParsing.padding)
  }
}
