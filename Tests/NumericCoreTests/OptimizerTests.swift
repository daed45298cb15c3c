import Foundation
import Numerics
import Testing

@testable import NumericCore

/// Rosenbrock's function f(x, y) = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1):
/// non-convex, its Hessian is indefinite away from the valley.
private func rosenbrock(_ v: [Double]) -> Double {
  (1 - v[0]) * (1 - v[0]) + 100 * (v[1] - v[0] * v[0]) * (v[1] - v[0] * v[0])
}
private func rosenbrockGradient(_ v: [Double]) -> [Double] {
  let (x, y) = (v[0], v[1])
  return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]
}
private func rosenbrockHessian(_ v: [Double]) -> Matrix {
  let (x, y) = (v[0], v[1])
  return Matrix(rows: 2, columns: 2, rowMajor: [2 - 400 * y + 1200 * x * x, -400 * x, -400 * x, 200])
}

@Test func newtonSolvesAQuadraticInOneStep() throws {
  // f(x) = ½xᵀAx − bᵀx, minimiser A⁻¹b.
  let a = Matrix(rows: 2, columns: 2, rowMajor: [3, 1, 1, 2])
  let b = [1.0, -1]
  func f(_ x: [Double]) throws -> Double { 0.5 * dot(x, try gemv(a, x)) - dot(b, x) }
  let result = try NewtonOptimizer().minimize(from: [0, 0], value: f) { x in
    let ax = try gemv(a, x)
    return .init(value: try f(x), gradient: zip(ax, b).map { $0 - $1 }, hessian: a)
  }
  expectClose(result.minimizer, [0.6, -0.8], tolerance: 1e-14)
  #expect(result.report.converged)
  #expect(result.report.iterations <= 2)
}

@Test func newtonHandlesAnIndefiniteHessian() throws {
  let result = try NewtonOptimizer().minimize(from: [-1.2, 1], value: rosenbrock) { v in
    .init(value: rosenbrock(v), gradient: rosenbrockGradient(v), hessian: rosenbrockHessian(v))
  }
  #expect(result.report.converged)
  expectClose(result.minimizer, [1, 1], tolerance: 1e-10)
  #expect(result.report.gradientNorm < 1e-8)
  #expect(result.report.solver == "newton")
}

@Test func newtonReportsTheIterationLimit() throws {
  let result = try NewtonOptimizer(maxIterations: 2).minimize(from: [-1.2, 1], value: rosenbrock) { v in
    .init(value: rosenbrock(v), gradient: rosenbrockGradient(v), hessian: rosenbrockHessian(v))
  }
  #expect(!result.report.converged)
  #expect(result.report.iterations == 2)
  #expect(result.report.message.contains("iteration limit"))
}

@Test func lbfgsMinimizesRosenbrock() throws {
  let result = try LBFGS().minimize(from: [-1.2, 1]) { v in (rosenbrock(v), rosenbrockGradient(v)) }
  #expect(result.report.converged)
  expectClose(result.minimizer, [1, 1], tolerance: 1e-8)
}

@Test func lbfgsMinimizesAnIllConditionedQuadraticInManyDimensions() throws {
  // f(x) = Σ i·(xᵢ − 1)² / 2 over 200 coordinates: condition number 200.
  let n = 200
  let result = try LBFGS(gradientTolerance: 1e-12).minimize(from: [Double](repeating: 0, count: n)) { x in
    var f = 0.0
    var g = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let c = Double(i + 1)
      f += c * (x[i] - 1) * (x[i] - 1) / 2
      g[i] = c * (x[i] - 1)
    }
    return (f, g)
  }
  #expect(result.report.converged)
  expectClose(result.minimizer, [Double](repeating: 1, count: n), tolerance: 1e-10)
}

@Test func nonFiniteStartIsAnError() {
  #expect(throws: NonFiniteObjective.self) {
    try LBFGS().minimize(from: [0]) { _ in (.nan, [0]) }
  }
}
