import CBLAS

// Kernels over a contiguous block of rows of a tall column-major matrix, the
// building blocks of one pass over the data in IRLS/Newton fits: the
// matrix stays where it is (BLAS reads the block through the leading
// dimension), only a block-sized scratch is ever copied.

extension Matrix {
  /// out[i − rows.lowerBound] = Σⱼ A[i, j]·x[j] for i in `rows` (`dgemv` on the block).
  public func multiplyRows(_ rows: Range<Int>, by x: [Double], into out: inout [Double]) {
    precondition(x.count == columns && out.count >= rows.count && rows.upperBound <= self.rows)
    guard !rows.isEmpty else { return }
    guard columns > 0 else {
      for i in 0..<rows.count { out[i] = 0 }
      return
    }
    elements.withUnsafeBufferPointer { a in
      cblas_dgemv(
        CblasColMajor, CblasNoTrans, Int32(rows.count), Int32(columns), 1,
        a.baseAddress! + rows.lowerBound, Int32(self.rows), x, 1, 0, &out, 1)
    }
  }

  /// g ← g + A[rows, :]ᵀ·v, with v indexed from 0 over the block (`dgemv`, transposed).
  public func accumulateTransposedRows(_ rows: Range<Int>, times v: [Double], into g: inout [Double]) {
    precondition(g.count == columns && v.count >= rows.count && rows.upperBound <= self.rows)
    guard !rows.isEmpty, columns > 0 else { return }
    elements.withUnsafeBufferPointer { a in
      cblas_dgemv(
        CblasColMajor, CblasTrans, Int32(rows.count), Int32(columns), 1,
        a.baseAddress! + rows.lowerBound, Int32(self.rows), v, 1, 1, &g, 1)
    }
  }

  /// H ← H + A[rows, :]ᵀ·diag(w)·A[rows, :] in the lower triangle of H, for
  /// weights w ≥ 0 indexed from 0 over the block: the block is copied once,
  /// scaled by √wᵢ, into `scratch`, then `dsyrk` accumulates it.
  public func accumulateWeightedGram(
    _ rows: Range<Int>, weights w: [Double], into h: inout Matrix, scratch: inout [Double]
  ) {
    let b = rows.count
    precondition(h.rows == columns && h.columns == columns && w.count >= b && rows.upperBound <= self.rows)
    guard b > 0, columns > 0 else { return }
    if scratch.count < b * columns { scratch = [Double](repeating: 0, count: b * columns) }
    elements.withUnsafeBufferPointer { a in
      scratch.withUnsafeMutableBufferPointer { s in
        w.withUnsafeBufferPointer { w in
          var root = [Double](repeating: 0, count: b)
          for i in 0..<b { root[i] = w[i].squareRoot() }
          for j in 0..<columns {
            let source = a.baseAddress! + j * self.rows + rows.lowerBound
            let target = s.baseAddress! + j * b
            for i in 0..<b { target[i] = source[i] * root[i] }
          }
        }
        cblas_dsyrk(
          CblasColMajor, CblasLower, CblasTrans, Int32(columns), Int32(b), 1,
          s.baseAddress!, Int32(b), 1, &h.elements, Int32(columns))
      }
    }
  }
}

/// Splits `0..<count` into consecutive ranges of at most `size` elements:
/// the unit of work of every pass over the rows.
public func rowBlocks(count: Int, size: Int) -> [Range<Int>] {
  precondition(size > 0)
  return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
}

/// Splits `0..<count` into at most `maxChunks` consecutive chunks of whole
/// `blockSize`-row blocks (the last may be shorter): the unit of parallel
/// work. The boundaries depend on the arguments alone, never on the thread
/// count, so partial results combined in chunk order are reproducible.
public func rowChunks(count: Int, blockSize: Int, maxChunks: Int) -> [Range<Int>] {
  precondition(blockSize > 0 && maxChunks > 0)
  let blocks = (count + blockSize - 1) / blockSize
  let blocksPerChunk = max(1, (blocks + maxChunks - 1) / maxChunks)
  return rowBlocks(count: count, size: blocksPerChunk * blockSize)
}
