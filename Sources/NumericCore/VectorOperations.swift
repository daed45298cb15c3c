// Small vector kernels shared by the optimisers and the fits.

/// ‖x‖∞ = maxᵢ |xᵢ|.
@inlinable
public func maxNorm(_ x: [Double]) -> Double {
  var m = 0.0
  for v in x { m = max(m, abs(v)) }
  return m
}

/// xᵀy.
@inlinable
public func dot(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count)
  var s = 0.0
  for i in x.indices { s += x[i] * y[i] }
  return s
}

/// Whether every value is finite (neither ±∞ nor NaN), in one branch-free
/// pass over fixed blocks in parallel: a value is non-finite exactly when its
/// exponent bits are all ones, and adding 2⁵² to the masked exponent then
/// carries into the top bit, which an OR over the block collects.
public func allFinite(_ values: [Double]) -> Bool {
  let blocks = rowBlocks(count: values.count, size: 1 << 16)
  return values.withUnsafeBufferPointer { buffer in
    let shared = UncheckedSendable(buffer)
    return ParallelChunks.mapReduce(
      chunkCount: blocks.count,
      map: { k in
        let exponent: UInt64 = 0x7FF0_0000_0000_0000
        var carries: UInt64 = 0
        for i in blocks[k] { carries |= (shared.value[i].bitPattern & exponent) &+ (1 << 52) }
        return carries & (1 << 63) == 0
      },
      initial: true, combine: { $0 = $0 && $1 })
  }
}
