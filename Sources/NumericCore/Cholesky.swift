import Foundation
import CBLAS

/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite
/// matrix (LAPACK `dpotrf`), with solves (`dpotrs`) and the inverse (`dpotri`).
public struct Cholesky: Sendable {
  /// Order of A.
  public let order: Int
  /// L in the lower triangle (the upper triangle holds leftovers of A).
  public let factor: Matrix

  /// Factors `a`, reading its lower triangle only.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite(order:)` naming the
  ///   first leading minor that is not positive definite.
  public init(_ a: Matrix) throws(LinearAlgebraError) {
    guard a.rows == a.columns else {
      throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)")
    }
    var l = a
    let n = a.rows
    if n > 0 {
      let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &l.elements, Int32(n))
      if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
      if info < 0 { throw .lapackFailure(routine: "dpotrf", info: Int(info)) }
    }
    order = n
    factor = l
  }

  /// Solves A·x = b.
  public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    guard b.count == order else {
      throw .dimensionMismatch("Cholesky solve: A is \(order)×\(order), b has \(b.count)")
    }
    guard order > 0 else { return [] }
    var x = b
    let info = LAPACKE_dpotrs(
      LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), 1, factor.elements, Int32(order), &x, Int32(order))
    if info != 0 { throw .lapackFailure(routine: "dpotrs", info: Int(info)) }
    return x
  }

  /// A⁻¹, both triangles filled.
  public func inverse() throws(LinearAlgebraError) -> Matrix {
    var inv = factor
    if order > 0 {
      let info = LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(order), &inv.elements, Int32(order))
      if info != 0 { throw .lapackFailure(routine: "dpotri", info: Int(info)) }
    }
    inv.symmetrizeFromLower()
    return inv
  }

  /// ln det A = 2·Σ ln Lᵢᵢ.
  public var logDeterminant: Double {
    (0..<order).reduce(0) { $0 + 2 * log(factor[$1, $1]) }
  }
}
