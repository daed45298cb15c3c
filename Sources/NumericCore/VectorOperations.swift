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
