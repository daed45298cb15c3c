import NumericCore
import Tabular

/// A fitted model of repeat purchasing from (frequency, recency, T)
/// summaries — BG/NBD, MBG/NBD, Pareto/NBD — seen through what model
/// comparison, valuation and the model charts need, so that the three
/// kinds can be treated alike. Times are in the model's time unit.
public protocol PurchaseModel: FittedModel {
  /// E[Y(t) | x, tₓ, T]: expected purchases in the next t time units of a
  /// customer with x repeat purchases, the last at age tₓ, now of age T.
  func expectedPurchases(over t: Double, frequency x: Double, recency tx: Double, age T: Double) throws -> Double
  /// P(alive | x, tₓ, T): the probability that this customer has not dropped out.
  func probabilityAlive(frequency x: Double, recency tx: Double, age T: Double) throws -> Double
  /// E[X(t)]: expected repeat purchases in her first t time units of a
  /// customer drawn from the population (unconditional).
  func expectedPurchases(over t: Double) throws -> Double
  /// P(X(t) = k): the probability that a customer drawn from the population
  /// makes exactly k repeat purchases in her first t time units.
  func probabilityOfPurchases(_ k: Int, over t: Double) throws -> Double
  /// The log-likelihood of the calibration data at the estimate.
  var logLikelihood: Double { get }
}

extension BetaGeoModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

extension ModifiedBetaGeoModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

extension ParetoNBDModel: PurchaseModel {
  public var logLikelihood: Double { report.logLikelihood }
}

/// The buy-till-you-die purchase models cvw fits, by their model-file kind.
public enum PurchaseModelKind: String, Sendable, CaseIterable {
  case betaGeo = "bg-nbd"
  case modifiedBetaGeo = "mbg-nbd"
  case paretoNBD = "pareto-nbd"

  /// Fits this kind by maximum likelihood.
  public func fit(_ data: BetaGeo.Training) throws -> any PurchaseModel {
    switch self {
    case .betaGeo: try BetaGeo().fit(data)
    case .modifiedBetaGeo: try ModifiedBetaGeo().fit(data)
    case .paretoNBD: try ParetoNBD().fit(data)
    }
  }
}

/// P(alive) and E[Y(horizon)] for every row of a table of (x, tₓ, T)
/// summaries, each row checked as in `BetaGeo.Training(table:)`, computed by
/// `predict(x, tₓ, T)` in parallel over fixed blocks of rows. Rows are
/// independent, so the output does not depend on the thread count; of several
/// failing rows the first is reported.
/// - Throws: `DataError` naming the line of a bad row.
func summaryPredictions(
  for table: Table, columns: SummaryColumns, _ predict: (Double, Double, Double) throws -> (Double, Double)
) throws -> (probabilityAlive: [Double], expectedPurchases: [Double]) {
  let rows = try BetaGeo.Training(table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age)
  let n = rows.rowCount
  var alive = [Double](repeating: 0, count: n), expected = alive
  let blocks = rowBlocks(count: n, size: 1024)
  var failures = [(row: Int, error: any Error)?](repeating: nil, count: blocks.count)
  alive.withUnsafeMutableBufferPointer { alive in
    expected.withUnsafeMutableBufferPointer { expected in
      failures.withUnsafeMutableBufferPointer { failures in
        ParallelChunks.forEach(chunkCount: blocks.count) { k in
          for i in blocks[k] {
            do {
              (alive[i], expected[i]) = try predict(rows.frequency[i], rows.recency[i], rows.age[i])
            } catch {
              failures[k] = (i, error)
              return
            }
          }
        }
      }
    }
  }
  if let (i, error) = failures.lazy.compactMap({ $0 }).first {
    throw DataError(file: table.source, line: table.line(ofRow: i), message: "no prediction for this customer: \(error)")
  }
  return (alive, expected)
}
