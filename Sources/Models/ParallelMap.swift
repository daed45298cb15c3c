import NumericCore

/// `transform(i)` for every i in `0..<count`, in parallel over fixed blocks
/// of `blockSize` items, the results in index order. Each item is
/// independent, so the results do not depend on the thread count; when
/// several items fail, the error of the first failing one is thrown.
func parallelMap<Value>(count: Int, blockSize: Int, _ transform: (Int) throws -> Value) throws -> [Value] {
  let blocks = rowBlocks(count: count, size: blockSize)
  let results = ChunkSlots<Result<[Value], any Error>>(count: blocks.count)
  ParallelChunks.forEach(chunkCount: blocks.count) { k in
    results[k] = Result { try blocks[k].map(transform) }
  }
  var values = [Value]()
  values.reserveCapacity(count)
  for k in 0..<blocks.count { values += try results[k]!.get() }
  return values
}
