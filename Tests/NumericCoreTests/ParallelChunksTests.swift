import NumericCore
import Testing

@Suite("ParallelChunks", .serialized)
struct ParallelChunksTests {
  @Test("every chunk runs exactly once, for any thread count")
  func everyChunkOnce() {
    for threads in [1, 2, 3, 8] {
      ParallelChunks.setThreadCount(threads)
      defer { ParallelChunks.setThreadCount(nil) }
      var visits = [Int](repeating: 0, count: 1000)
      visits.withUnsafeMutableBufferPointer { counts in
        nonisolated(unsafe) let counts = counts
        ParallelChunks.forEach(chunkCount: 1000) { chunk in counts[chunk] += 1 }
      }
      #expect(visits.allSatisfy { $0 == 1 })
    }
  }

  @Test("a sum over chunks is bit-identical with 1, 2 and 7 threads")
  func reductionIndependentOfThreads() {
    let values = (0..<100_003).map { i in 1.0 / Double(i + 1) * (i.isMultiple(of: 3) ? -1e8 : 1) }
    let blocks = rowBlocks(count: values.count, size: 4096)
    func total() -> Double {
      ParallelChunks.mapReduce(
        chunkCount: blocks.count, map: { chunk in values[blocks[chunk]].reduce(0, +) },
        initial: 0.0, combine: { $0 += $1 })
    }
    var sums: [Double] = []
    for threads in [1, 2, 7] {
      ParallelChunks.setThreadCount(threads)
      sums.append(total())
    }
    ParallelChunks.setThreadCount(nil)
    #expect(sums[0].bitPattern == sums[1].bitPattern && sums[1].bitPattern == sums[2].bitPattern)
  }
}
