import NumericCore
import Tabular

extension BetaGeo.Training {
  /// Summaries from a table (as `cvw summarize` writes them), each row
  /// checked: frequency a whole number ≥ 0 ("2.0" is fine), 0 ≤ recency ≤ T,
  /// recency 0 when frequency is 0, weights ≥ 0.
  /// - Throws: `DataError` naming the file, line and column at fault.
  public init(
    table: Table, frequency: String = "frequency", recency: String = "recency", age: String = "T",
    weight: String? = nil
  ) throws(DataError) {
    let x = try table.numeric(frequency), t = try table.numeric(recency), T = try table.numeric(age)
    let w = try weight.map { name throws(DataError) in try table.numeric(name) }
    func fault(_ row: Int, _ column: String, _ message: String) -> DataError {
      DataError(file: table.source, line: table.line(ofRow: row), column: table.index(of: column).map { $0 + 1 },
                columnName: column, message: message)
    }
    // Every row is tested in parallel over fixed blocks; the first bad one is
    // then examined again for its message.
    let blocks = rowBlocks(count: table.rowCount, size: 1 << 16)
    let firstBad = ParallelChunks.mapReduce(
      chunkCount: blocks.count,
      map: { k in
        blocks[k].first { i in
          !(x[i] >= 0 && x[i] == x[i].rounded() && T[i] >= 0 && t[i] >= 0 && t[i] <= T[i] && (x[i] != 0 || t[i] <= 0)
            && (w.map { $0[i] >= 0 } ?? true))
        }
      }, initial: nil as Int?, combine: { first, block in first = first ?? block })
    if let i = firstBad {
      if x[i] < 0 || x[i] != x[i].rounded() {
        throw fault(i, frequency, "expected a whole number of repeat purchases ≥ 0, found \(formatDouble(x[i]))")
      }
      if T[i] < 0 { throw fault(i, age, "expected an age T ≥ 0, found \(formatDouble(T[i]))") }
      if t[i] < 0 { throw fault(i, recency, "expected a recency ≥ 0, found \(formatDouble(t[i]))") }
      if t[i] > T[i] {
        throw fault(i, recency, "recency \(formatDouble(t[i])) exceeds T = \(formatDouble(T[i])): the last purchase cannot come after the end of calibration")
      }
      if x[i] == 0 && t[i] > 0 {
        throw fault(i, recency, "recency \(formatDouble(t[i])) with frequency 0: a customer without repeat purchases has recency 0")
      }
      if let w, let name = weight, !(w[i] >= 0) {
        throw fault(i, name, "expected a non-negative weight, found \(formatDouble(w[i]))")
      }
    }
    self.init(frequency: x, recency: t, age: T, weights: w)
    columns = SummaryColumns(frequency: frequency, recency: recency, age: age)
  }
}
