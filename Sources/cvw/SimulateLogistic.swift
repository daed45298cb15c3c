import ArgumentParser
import Models
import ModelStore
import Tabular

/// `cvw simulate logistic`: a dense design with known logistic coefficients.
struct SimulateLogistic: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logistic",
    abstract: "Simulate a dense data set y,x1,…,xD from a logistic regression with known coefficients.",
    discussion: """
      xⱼ ~ N(0, 1) written with 6 decimals, y ~ Bernoulli(σ(β₀ + Σ βⱼxⱼ)) drawn from the written x. \
      β₀ = −1 and βⱼ = (−1)^(j+1)·s·(D+1−j)/D with s such that Σ βⱼ² = 4 (the linear predictor has standard \
      deviation 2); --truth writes them. Fit with `cvw fit logistic FILE --target y`.
      """)

  @Option(help: "The number of rows.")
  var rows: Int

  @Option(help: "The number of features D (columns x1 … xD).")
  var features: Int

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    guard rows >= 1 else { throw ValidationError("--rows must be at least 1, found \(rows)") }
    guard features >= 1 else { throw ValidationError("--features must be at least 1, found \(features)") }
  }

  func run() throws {
    options.runOptions.apply()
    let simulation = LogisticSimulation(features: features, seed: options.seed)
    let d = features
    // About 2¹⁸ cells per chunk: a few megabytes of text in flight per thread.
    let chunkSize = max(16, (1 << 18) / (d + 1))
    try writeChunkedCSV(
      path: options.output, header: ["y"] + (1...d).map { "x\($0)" }, count: rows, chunkSize: chunkSize,
      failure: "unreachable: the logistic simulator draws only finite values"
    ) { rows, bytes in
      var x = [Double](repeating: 0, count: d)
      x.withUnsafeMutableBufferPointer { x in
        for i in rows {
          let y = simulation.row(i, into: x)
          bytes.append(y == 1 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
          for value in x {
            bytes.append(UInt8(ascii: ","))
            appendFixed(value, decimals: LogisticSimulation.decimals, to: &bytes)
          }
          bytes.append(UInt8(ascii: "\n"))
        }
      }
      return rows.count
    }
    try options.writeTruth([
      ("model", .string("logistic-regression")), ("seed", .number(Double(options.seed))),
      ("rows", .number(Double(rows))), ("features", .number(Double(features))), ("target", .string("y")),
      ("parameters", .object([("intercept", .number(simulation.intercept)), ("coefficients", .numbers(simulation.coefficients))])),
    ])
  }
}
