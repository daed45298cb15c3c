import CBLAS

/// y ← α·op(A)·x + β·y, with op(A) = A or Aᵀ (BLAS `dgemv`).
public func gemv(
  _ a: Matrix, transposed: Bool = false, _ x: [Double],
  alpha: Double = 1, beta: Double = 0, into y: inout [Double]
) throws(LinearAlgebraError) {
  let (m, n) = transposed ? (a.columns, a.rows) : (a.rows, a.columns)
  guard x.count == n, y.count == m else {
    throw .dimensionMismatch("gemv: op(A) is \(m)×\(n), x has \(x.count), y has \(y.count)")
  }
  guard m > 0 else { return }
  guard n > 0 else {
    for i in 0..<m { y[i] *= beta }
    return
  }
  cblas_dgemv(
    CblasColMajor, transposed ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
    alpha, a.elements, Int32(max(1, a.rows)), x, 1, beta, &y, 1)
}

/// op(A)·x as a new vector.
public func gemv(_ a: Matrix, transposed: Bool = false, _ x: [Double]) throws(LinearAlgebraError) -> [Double] {
  var y = [Double](repeating: 0, count: transposed ? a.columns : a.rows)
  try gemv(a, transposed: transposed, x, into: &y)
  return y
}

/// C ← α·op(A)·op(B) + β·C (BLAS `dgemm`).
public func gemm(
  _ a: Matrix, transposed transposeA: Bool = false, _ b: Matrix, transposed transposeB: Bool = false,
  alpha: Double = 1, beta: Double = 0, into c: inout Matrix
) throws(LinearAlgebraError) {
  let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
  let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
  guard k == kb, c.rows == m, c.columns == n else {
    throw .dimensionMismatch("gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
  }
  guard m > 0, n > 0 else { return }
  guard k > 0 else {
    for i in c.elements.indices { c.elements[i] *= beta }
    return
  }
  cblas_dgemm(
    CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
    Int32(m), Int32(n), Int32(k), alpha, a.elements, Int32(max(1, a.rows)),
    b.elements, Int32(max(1, b.rows)), beta, &c.elements, Int32(max(1, m)))
}

/// op(A)·op(B) as a new matrix.
public func gemm(
  _ a: Matrix, transposed transposeA: Bool = false, _ b: Matrix, transposed transposeB: Bool = false
) throws(LinearAlgebraError) -> Matrix {
  var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
  try gemm(a, transposed: transposeA, b, transposed: transposeB, into: &c)
  return c
}

/// C ← α·AᵀA + β·C (`transposed: true`) or C ← α·AAᵀ + β·C (BLAS `dsyrk`).
/// Only the lower triangle of C is referenced and updated; call
/// `symmetrizeFromLower()` for the whole matrix.
public func syrk(
  _ a: Matrix, transposed: Bool = true, alpha: Double = 1, beta: Double = 0, into c: inout Matrix
) throws(LinearAlgebraError) {
  let (n, k) = transposed ? (a.columns, a.rows) : (a.rows, a.columns)
  guard c.rows == n, c.columns == n else {
    throw .dimensionMismatch("syrk: result is \(n)×\(n), C is \(c.rows)×\(c.columns)")
  }
  guard n > 0 else { return }
  guard k > 0 else {
    for i in c.elements.indices { c.elements[i] *= beta }
    return
  }
  cblas_dsyrk(
    CblasColMajor, CblasLower, transposed ? CblasTrans : CblasNoTrans, Int32(n), Int32(k),
    alpha, a.elements, Int32(max(1, a.rows)), beta, &c.elements, Int32(n))
}

/// The Gram matrix AᵀA, both triangles filled.
public func gram(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
  var c = Matrix(rows: a.columns, columns: a.columns)
  try syrk(a, transposed: true, into: &c)
  c.symmetrizeFromLower()
  return c
}

/// Sets the number of threads OpenBLAS uses inside one call.
///
/// cvw's passes over the data call BLAS on blocks of a few thousand rows,
/// where OpenBLAS's own threads cost more in hand-offs and spinning than they
/// gain; parallel work over row blocks is cvw's to schedule. One BLAS thread
/// keeps the two pools from fighting over the cores.
public func setBLASThreadCount(_ count: Int) {
  openblas_set_num_threads(Int32(max(1, count)))
}
