/// A dense matrix of `Double`s stored column-major in one contiguous array,
/// the layout BLAS and LAPACK expect (element (i, j) at `elements[i + j·rows]`).
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements, column after column; `count == rows · columns`.
  public var elements: [Double]

  /// A `rows × columns` matrix with every element equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing column-major elements.
  public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
    precondition(elements.count == rows * columns, "expected \(rows * columns) elements, got \(elements.count)")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from elements listed row after row (as matrices are written on paper).
  public init(rows: Int, columns: Int, rowMajor: [Double]) {
    precondition(rowMajor.count == rows * columns, "expected \(rows * columns) elements, got \(rowMajor.count)")
    self.init(rows: rows, columns: columns)
    for i in 0..<rows {
      for j in 0..<columns { elements[i + j * rows] = rowMajor[i * columns + j] }
    }
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i + i * n] = 1 }
    return m
  }

  /// Element (row, column), both 0-based.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row + column * rows] }
    set { elements[row + column * rows] = newValue }
  }

  /// The elements of column `j`, a contiguous slice.
  public func column(_ j: Int) -> ArraySlice<Double> {
    elements[(j * rows)..<((j + 1) * rows)]
  }

  /// The elements listed row after row.
  public var rowMajorElements: [Double] {
    var out = [Double]()
    out.reserveCapacity(elements.count)
    for i in 0..<rows {
      for j in 0..<columns { out.append(elements[i + j * rows]) }
    }
    return out
  }

  /// The transpose Aᵀ.
  public var transposed: Matrix {
    Matrix(rows: columns, columns: rows, rowMajor: elements)
  }

  /// The main diagonal.
  public var diagonal: [Double] {
    (0..<min(rows, columns)).map { elements[$0 + $0 * rows] }
  }

  /// Copies the lower triangle of a square matrix into its upper triangle, so
  /// that a result of `syrk` or `potri` (which fill one triangle) is whole.
  public mutating func symmetrizeFromLower() {
    precondition(rows == columns, "only a square matrix can be symmetrized")
    let n = rows
    for j in 0..<n {
      for i in (j + 1)..<max(n, j + 1) { elements[j + i * n] = elements[i + j * n] }
    }
  }
}

/// Errors from the linear-algebra wrappers. User data never reaches a
/// precondition: shapes are checked and reported with this type.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Operand shapes do not fit the operation.
  case dimensionMismatch(String)
  /// Cholesky factorisation failed: the leading minor of this order (1-based)
  /// is not positive definite.
  case notPositiveDefinite(order: Int)
  /// A LAPACK routine reported an illegal argument or failure.
  case lapackFailure(routine: String, info: Int)

  public var description: String {
    switch self {
    case .dimensionMismatch(let what): "dimension mismatch: \(what)"
    case .notPositiveDefinite(let k): "matrix is not positive definite (leading minor of order \(k))"
    case .lapackFailure(let routine, let info): "\(routine) failed with info = \(info)"
    }
  }
}
