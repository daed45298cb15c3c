import Evaluation
import Models

/// The pictures of a repeat-purchase model (BG/NBD, MBG/NBD, Pareto/NBD)
/// on customer summaries: mean actual vs predicted holdout purchases by
/// calibration frequency (lifetimes'
/// `plot_calibration_purchases_vs_holdout_purchases`) when the summaries
/// have holdout columns. The numbers come from Models and Evaluation
/// (`HoldoutEvaluation`); this type only draws.
public struct PurchaseModelReport: Sendable {
  /// The calibration summaries (x, tₓ, T).
  public var summaries: BetaGeo.Training
  /// Holdout purchases and their predictions, when the data have them.
  public var holdout: HoldoutEvaluation?
  /// The model's kind, for titles ("bg-nbd").
  public var kind: String

  /// Predicts each customer's purchases over her holdout duration,
  /// E[Y(d) | x, tₓ, T], and compares them with the actual ones.
  /// - Parameters:
  ///   - holdout: actual holdout purchases and holdout durations per
  ///     customer (the summary's `frequency_holdout`, `duration_holdout`).
  /// - Throws: `MetricError` for bad holdout values; a model error when a
  ///   prediction fails.
  public init(
    model: any PurchaseModel, kind: String, summaries: BetaGeo.Training,
    holdout: (purchases: [Double], duration: [Double])? = nil
  ) throws {
    self.summaries = summaries
    self.kind = kind
    if let holdout {
      var predicted = [Double](repeating: 0, count: summaries.rowCount)
      for i in predicted.indices {
        predicted[i] = try model.expectedPurchases(
          over: holdout.duration[i], frequency: summaries.frequency[i], recency: summaries.recency[i], age: summaries.age[i])
      }
      self.holdout = try HoldoutEvaluation(
        predicted: predicted, actual: holdout.purchases, calibrationFrequency: summaries.frequency)
    }
  }

  /// One chart by name.
  /// - Throws: `ChartUnavailable` for a chart of another model kind or one
  ///   whose inputs were not given.
  public func chart(_ chart: ReportChart) throws -> any Chart {
    switch chart {
    case .holdout:
      guard let holdout else {
        throw ChartUnavailable(chart, "needs holdout columns in the data (as `cvw summarize --observation-end` writes)")
      }
      let rows = holdout.byFrequency.filter { $0.customers > 0 }
      let labels = holdout.byFrequency.map { $0.isOpenEnded ? "\($0.frequency)+" : String($0.frequency) }
      return LineChart(
        name: chart.rawValue, title: "Holdout purchases by calibration frequency",
        xAxis: Axis("repeat purchases in the calibration period"),
        yAxis: Axis("mean purchases in the holdout period"),
        series: [
          .init("actual", x: rows.map { Double($0.frequency) }, y: rows.map { $0.meanActual! }, markers: true),
          .init("\(kind) prediction", x: rows.map { Double($0.frequency) }, y: rows.map { $0.meanPredicted! },
                markers: true, dashed: true),
        ],
        xCategories: labels)
    case .periodTransactions, .frequencyRecency, .alive, .cumulativeTransactions:
      throw ChartUnavailable(chart, "is not available in this build")
    default:
      throw ChartUnavailable(chart, "does not apply to a \(kind) model; its charts are "
        + ReportChart.purchase.map(\.rawValue).joined(separator: ", "))
    }
  }

  /// The charts this report can draw with the inputs given, in report order.
  public var available: [ReportChart] { holdout == nil ? [] : [.holdout] }

  /// The report's sections: the charts and the holdout table.
  public func sections(idPrefix: String) throws -> [HTMLReport.Section] {
    var fit = HTMLReport.Section("Purchases: model against data", id: idPrefix + "purchases")
    if let holdout {
      fit.paragraph(
        "\(summaries.rowCount) customers. Holdout purchases: \(formatCompact(holdout.totalActual, decimals: 0)) actual, "
          + "\(formatCompact(holdout.totalPredicted, decimals: 1)) predicted; per customer MAE "
          + "\(formatFixedDecimals(holdout.meanAbsoluteError, 4)), RMSE \(formatFixedDecimals(holdout.rootMeanSquaredError, 4)).")
    }
    let charts = available
    if !charts.isEmpty { try fit.charts(try charts.map { (try chart($0), nil) }) }
    if let holdout {
      fit.table(HTMLTable(
        caption: "Holdout purchases by calibration frequency (the last row pools the higher frequencies)",
        header: ["calibration frequency", "customers", "mean actual", "mean predicted"],
        rows: holdout.byFrequency.map { r in
          [r.isOpenEnded ? "\(r.frequency)+" : String(r.frequency), String(r.customers),
           r.meanActual.map { formatFixedDecimals($0, 4) } ?? "–", r.meanPredicted.map { formatFixedDecimals($0, 4) } ?? "–"]
        }))
    }
    return [fit]
  }
}
