// cvw-kernels: times cvw's kernels in memory, through the libraries' public
// API only, and prints one JSON object per line for benchmarks/bench.py.
//
//   cvw-kernels csv FILE                 CSV → columns (CSVReader.read)
//   cvw-kernels logistic FILE [--C 1]    L2 logistic fit of y on every other column
//   cvw-kernels bg-nbd FILE              BG/NBD fit of frequency, recency, T
//   options: --repeat N (timed runs, best kept; default 3), --warmup N (default 1)
//
// A fit's cost per likelihood pass (value, gradient and Hessian over every
// row) is not reachable through the public API on its own, so it is derived
// from two public calls: the fit stopped after its first evaluation
// (maxIterations 0, which throws notConverged after exactly one pass) and the
// full fit of E evaluations; pass = (full − first) / (E − 1). The first also
// holds the per-fit setup (checks, column moments, row grouping, a pilot fit
// on a sample where the estimator makes one). A full fit
// that stops unconverged is timed all the same, and reported as such.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Models
import NumericCore
import Tabular

/// Wall-clock seconds of `body`: warm-up runs (at least one), then the best and the median of `repeat` timed runs.
func measure<T>(repeat count: Int, warmup: Int, _ body: () throws -> T) rethrows -> (best: Double, median: Double, last: T) {
  var last = try body()
  for _ in 1..<max(warmup, 1) { last = try body() }
  var seconds = [Double]()
  for _ in 0..<count {
    let start = DispatchTime.now().uptimeNanoseconds
    last = try body()
    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  seconds.sort()
  return (seconds[0], seconds[seconds.count / 2], last)
}

/// A fit's outcome: the model, or nil when the optimiser stopped unconverged
/// (its passes were made all the same, and they are what is timed), with
/// the optimiser's report either way.
func attempt<Model>(_ fit: () throws -> Model, report: (Model) -> OptimizationReport) throws
  -> (model: Model?, report: OptimizationReport)
{
  do {
    let model = try fit()
    return (model, report(model))
  } catch FitError.notConverged(let stopped) {
    return (nil, stopped)
  }
}

/// One JSON line on stdout.
func emit(_ fields: [String: Any]) {
  let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
  print(String(decoding: data, as: UTF8.self))
}

#if canImport(Glibc)
/// Glibc imports RUSAGE_SELF as an enum case where getrusage wants its raw value.
let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// Peak resident set size of this process so far, in MB.
func peakRSSMegabytes() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF_WHO, &usage)
  #if os(Linux)
  return Double(usage.ru_maxrss) / 1024  // kilobytes
  #else
  return Double(usage.ru_maxrss) / 1024 / 1024  // bytes
  #endif
}

func fileBytes(_ path: String) -> Int {
  ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

func run(_ arguments: [String]) throws {
  guard arguments.count >= 2 else {
    throw ValidationFailure("usage: cvw-kernels csv|logistic|bg-nbd FILE [--repeat N] [--warmup N] [--C C]")
  }
  let (kernel, path) = (arguments[0], arguments[1])
  var options = [String: Double]()
  var rest = arguments.dropFirst(2)
  while let flag = rest.popFirst() {
    guard flag.hasPrefix("--"), let text = rest.popFirst(), let value = Double(text) else {
      throw ValidationFailure("cvw-kernels: expected --option NUMBER, found '\(flag)'")
    }
    options[String(flag.dropFirst(2))] = value
  }
  let repeatCount = Int(options["repeat"] ?? 3), warmup = Int(options["warmup"] ?? 1)
  guard repeatCount >= 1 else { throw ValidationFailure("cvw-kernels: --repeat must be at least 1") }
  // As the command-line tool: OpenBLAS on one thread, ParallelChunks on all cores.
  setBLASThreadCount(1)
  let common: [String: Any] = [
    "kernel": kernel, "file": path, "runs": repeatCount, "warmup": warmup, "threads": ParallelChunks.threadCount,
  ]

  switch kernel {
  case "csv":
    let bytes = fileBytes(path)
    let t = try measure(repeat: repeatCount, warmup: warmup) { try CSVReader.read(path) }
    emit(common.merging([
      "best_s": t.best, "median_s": t.median, "bytes": bytes, "rows": t.last.rowCount,
      "columns": t.last.columnNames.count, "mb_per_s": Double(bytes) / 1e6 / t.best, "peak_rss_mb": peakRSSMegabytes(),
    ]) { $1 })

  case "logistic":
    let table = try CSVReader.read(path)
    let data = try LogisticRegression.Training(table: table, target: "y")
    let c = options["C"] ?? 1
    func fit(_ estimator: LogisticRegression) throws -> (model: LogisticModel?, report: OptimizationReport) {
      try attempt({ try estimator.fit(data) }, report: { $0.report.optimization })
    }
    let full = try measure(repeat: repeatCount, warmup: warmup) { try fit(LogisticRegression(penalty: .l2(C: c))) }
    let first = try measure(repeat: repeatCount, warmup: warmup) {
      try fit(LogisticRegression(penalty: .l2(C: c), maxIterations: 0))
    }
    let (model, report) = full.last
    emit(common.merging([
      "best_s": full.best, "median_s": full.median, "rows": data.rowCount, "features": data.featureNames.count,
      "iterations": report.iterations, "evaluations": report.evaluations, "converged": model != nil,
      "setup_and_first_pass_s": first.best,
      "pass_s": report.evaluations > 1 ? (full.best - first.best) / Double(report.evaluations - 1) : NSNull(),
      "intercept": model?.intercept ?? NSNull(), "coefficients": model?.coefficients ?? NSNull(),
      "peak_rss_mb": peakRSSMegabytes(),
    ]) { $1 })

  case "bg-nbd":
    let table = try CSVReader.read(path, requests: [.number("frequency"), .number("recency"), .number("T")])
    let data = try BetaGeo.Training(table: table)
    func fit(_ estimator: BetaGeo) throws -> (model: BetaGeoModel?, report: OptimizationReport) {
      try attempt({ try estimator.fit(data) }, report: { $0.report.optimization })
    }
    let full = try measure(repeat: repeatCount, warmup: warmup) { try fit(BetaGeo()) }
    let first = try measure(repeat: repeatCount, warmup: warmup) { try fit(BetaGeo(maxIterations: 0)) }
    let (model, report) = full.last
    emit(common.merging([
      "best_s": full.best, "median_s": full.median, "rows": data.rowCount,
      "distinct_rows": model?.report.distinctRows ?? NSNull(),
      "iterations": report.iterations, "evaluations": report.evaluations, "converged": model != nil,
      "setup_and_first_pass_s": first.best,
      "pass_s": report.evaluations > 1 ? (full.best - first.best) / Double(report.evaluations - 1) : NSNull(),
      "parameters": model.map { ["r": $0.r, "alpha": $0.alpha, "a": $0.a, "b": $0.b] } ?? NSNull(),
      "peak_rss_mb": peakRSSMegabytes(),
    ]) { $1 })

  default:
    throw ValidationFailure("cvw-kernels: unknown kernel '\(kernel)' (csv, logistic, bg-nbd)")
  }
}

/// A usage error: printed as is, exit status 2.
struct ValidationFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

do {
  try run(Array(CommandLine.arguments.dropFirst()))
} catch {
  FileHandle.standardError.write(Data("cvw-kernels: \(error)\n".utf8))
  exit(2)
}
