import Foundation
import Numerics
import NumericCore
import Testing

@testable import NumericCore

/// A reproducible pseudo-random matrix (SeededGenerator), entries in [−1, 1).
func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
  var generator = SeededGenerator(seed: seed)
  var m = Matrix(rows: rows, columns: columns)
  for i in m.elements.indices { m.elements[i] = Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
  return m
}

func expectClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.count == b.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a, b) {
    #expect(x.isApproximatelyEqual(to: y, absoluteTolerance: tolerance, relativeTolerance: tolerance), "\(x) vs \(y)", sourceLocation: sourceLocation)
  }
}

@Test func matrixLayoutIsColumnMajor() {
  let m = Matrix(rows: 2, columns: 3, rowMajor: [1, 2, 3, 4, 5, 6])
  #expect(m.elements == [1, 4, 2, 5, 3, 6])
  #expect(m[1, 2] == 6)
  #expect(Array(m.column(1)) == [2, 5])
  #expect(m.transposed.rowMajorElements == [1, 4, 2, 5, 3, 6])
  #expect(m.rowMajorElements == [1, 2, 3, 4, 5, 6])
}

@Test func gemvMatchesNaiveLoops() throws {
  let a = randomMatrix(7, 4, seed: 1)
  let x = randomMatrix(4, 1, seed: 2).elements
  let xt = randomMatrix(7, 1, seed: 3).elements
  let y = try gemv(a, x)
  let yt = try gemv(a, transposed: true, xt)
  let naive = (0..<7).map { i in (0..<4).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
  let naiveT = (0..<4).map { j in (0..<7).reduce(0.0) { $0 + a[$1, j] * xt[$1] } }
  expectClose(y, naive)
  expectClose(yt, naiveT)
  var acc = [Double](repeating: 1, count: 7)
  try gemv(a, x, alpha: 2, beta: 3, into: &acc)
  expectClose(acc, naive.map { 2 * $0 + 3 })
}

@Test func gemmAndSyrkMatchNaiveLoops() throws {
  let a = randomMatrix(6, 3, seed: 4)
  let b = randomMatrix(6, 5, seed: 5)
  let c = try gemm(a, transposed: true, b)
  #expect(c.rows == 3 && c.columns == 5)
  for i in 0..<3 {
    for j in 0..<5 {
      let naive = (0..<6).reduce(0.0) { $0 + a[$1, i] * b[$1, j] }
      #expect(c[i, j].isApproximatelyEqual(to: naive, absoluteTolerance: 1e-13))
    }
  }
  let g = try gram(a)
  let viaGemm = try gemm(a, transposed: true, a)
  expectClose(g.elements, viaGemm.elements)
}

@Test func shapeMismatchesAreReportedNotTrapped() {
  let a = randomMatrix(3, 2, seed: 6)
  #expect(throws: LinearAlgebraError.self) { try gemv(a, [1, 2, 3]) }
  #expect(throws: LinearAlgebraError.self) { try gemm(a, a) }
  #expect(throws: LinearAlgebraError.self) { try Cholesky(a) }
}

@Test func choleskySolvesInvertsAndReportsTheFailingMinor() throws {
  let b = randomMatrix(5, 5, seed: 7)
  var spd = try gram(b)
  for i in 0..<5 { spd[i, i] += 1 }
  let factor = try Cholesky(spd)
  let rhs = [1.0, -2, 3, 0.5, 4]
  let x = try factor.solve(rhs)
  expectClose(try gemv(spd, x), rhs, tolerance: 1e-11)
  let product = try gemm(spd, try factor.inverse())
  expectClose(product.elements, Matrix.identity(5).elements, tolerance: 1e-11)
  // det of [[4, 2], [2, 3]] is 8.
  #expect(try Cholesky(Matrix(rows: 2, columns: 2, rowMajor: [4, 2, 2, 3])).logDeterminant.isApproximatelyEqual(to: log(8.0)))
  let indefinite = Matrix(rows: 3, columns: 3, rowMajor: [1, 0, 0, 0, 1, 2, 0, 2, 1])
  #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 3)) { try Cholesky(indefinite) }
}

@Test func rowBlockKernelsMatchWholeMatrixProducts() throws {
  let a = randomMatrix(103, 4, seed: 8)
  let beta = [0.5, -1, 2, 0.25]
  let w = randomMatrix(103, 1, seed: 9).elements.map { abs($0) }
  var eta = [Double](repeating: 0, count: 103)
  var gradient = [Double](repeating: 0, count: 4)
  var hessian = Matrix(rows: 4, columns: 4)
  var scratch = [Double]()
  for block in rowBlocks(count: 103, size: 10) {
    var out = [Double](repeating: 0, count: block.count)
    a.multiplyRows(block, by: beta, into: &out)
    for (k, i) in block.enumerated() { eta[i] = out[k] }
    a.accumulateTransposedRows(block, times: Array(w[block]), into: &gradient)
    a.accumulateWeightedGram(block, weights: Array(w[block]), into: &hessian, scratch: &scratch)
  }
  hessian.symmetrizeFromLower()
  expectClose(eta, try gemv(a, beta))
  expectClose(gradient, try gemv(a, transposed: true, w))
  var weighted = a
  for j in 0..<4 { for i in 0..<103 { weighted[i, j] *= w[i] } }
  expectClose(hessian.elements, try gemm(a, transposed: true, weighted).elements, tolerance: 1e-11)
  #expect(rowBlocks(count: 25, size: 10) == [0..<10, 10..<20, 20..<25])
  #expect(rowBlocks(count: 0, size: 10).isEmpty)
}
