import Evaluation
import Models

/// The pictures of a repeat-purchase model (BG/NBD, MBG/NBD, Pareto/NBD)
/// on customer summaries, as lifetimes draws them:
/// - actual vs expected customers by repeat purchases in the calibration
///   period (`plot_period_transactions`, from `PeriodTransactions`);
/// - mean actual vs predicted holdout purchases by calibration frequency
///   (`plot_calibration_purchases_vs_holdout_purchases`, from
///   `HoldoutEvaluation`) when the summaries have holdout columns;
/// - expected purchases in the next time unit and P(alive) over frequency ×
///   recency (`plot_frequency_recency_matrix`,
///   `plot_probability_alive_matrix`, from `FrequencyRecencyGrid`);
/// - actual vs expected cumulative repeat transactions over time
///   (`plot_cumulative_transactions`, from `CumulativeTransactions`) when a
///   transaction log is given.
/// The numbers come from Models and Evaluation; this type only draws.
public struct PurchaseModelReport: Sendable {
  /// A transaction log's tracking data, with what labels it.
  public struct Tracking: Sendable {
    /// Actual and expected cumulative repeat transactions per period.
    public var transactions: CumulativeTransactions
    /// The first day of the log, written as a date ("1997-01-01").
    public var firstDate: String
    /// The name of a period ("week").
    public var periodName: String
    /// The last day of the calibration period (a day number), if known: a
    /// marker is drawn where it ends.
    public var calibrationEnd: Int32?

    /// Tracking data and its labels.
    public init(transactions: CumulativeTransactions, firstDate: String, periodName: String, calibrationEnd: Int32?) {
      self.transactions = transactions
      self.firstDate = firstDate
      self.periodName = periodName
      self.calibrationEnd = calibrationEnd
    }
  }

  /// The calibration summaries (x, tₓ, T).
  public var summaries: BetaGeo.Training
  /// Actual and expected customers by repeat purchases.
  public var periodTransactions: PeriodTransactions
  /// Expected purchases in the next time unit and P(alive) over frequency × recency.
  public var grid: FrequencyRecencyGrid
  /// Holdout purchases and their predictions, when the data have them.
  public var holdout: HoldoutEvaluation?
  /// Cumulative transactions, when a log was given.
  public var tracking: Tracking?
  /// The model's kind, for titles ("bg-nbd").
  public var kind: String
  /// The summaries' time unit ("week").
  public var unit: String

  /// Evaluates the model on the summaries.
  /// - Parameters:
  ///   - unit: the name of the summaries' time unit, for labels.
  ///   - holdout: actual holdout purchases and holdout durations per
  ///     customer (the summary's `frequency_holdout`, `duration_holdout`);
  ///     each customer's purchases over her holdout duration are predicted
  ///     as E[Y(d) | x, tₓ, T].
  ///   - tracking: cumulative transactions from the log, if any.
  /// - Throws: `MetricError` for bad holdout values; a model error when a
  ///   prediction fails.
  public init(
    model: any PurchaseModel, kind: String, unit: String, summaries: BetaGeo.Training,
    holdout: (purchases: [Double], duration: [Double])? = nil, tracking: Tracking? = nil
  ) throws {
    self.summaries = summaries
    self.kind = kind
    self.unit = unit
    self.tracking = tracking
    periodTransactions = try PeriodTransactions(model: model, data: summaries)
    // lifetimes' grid, bounded (at most 101 frequency columns and 101
    // recency rows) so that a few heavy buyers, a daily summary or a huge
    // age still give a heatmap of at most ~10⁴ cells.
    grid = try FrequencyRecencyGrid(model: model, data: summaries)
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
    case .periodTransactions:
      let rows = periodTransactions.rows
      return BarChart(
        name: chart.rawValue, title: "Customers by repeat purchases in the calibration period",
        categories: rows.map { $0.isOpenEnded ? "\($0.frequency)+" : String($0.frequency) },
        categoryLabel: "repeat purchases in the calibration period", yAxis: Axis("customers"),
        series: [.init("actual", values: rows.map(\.actual)), .init("\(kind) expected", values: rows.map(\.expected))])
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
    case .frequencyRecency, .alive:
      let expected = chart == .frequencyRecency
      // Every cell is a customer of the grid's age (lifetimes' convention: the oldest, rounded down).
      let age = "\(formatSignificant(grid.age, digits: 6)) \(unit)\(grid.age == 1 ? "" : "s")"
      return Heatmap(
        name: chart.rawValue,
        title: expected
          ? "Expected purchases in the next \(unit), customers aged \(age)"
          : "P(alive) of customers aged \(age)",
        xAxis: Axis("repeat purchases (frequency)"),
        yAxis: Axis("age at the last purchase (recency, \(unit)s\(recencyStepNote))"),
        columns: (0...grid.maxFrequency).map(Double.init), rows: grid.recencies,
        values: expected ? grid.expectedPurchases : grid.probabilityAlive,
        valueLabel: expected ? "expected purchases" : "P(alive)", valueFormat: expected ? .number : .percent)
    case .cumulativeTransactions:
      guard let tracking else {
        throw ChartUnavailable(chart, "needs the transaction log (--transactions, --customer, --date)")
      }
      let t = tracking.transactions
      let periods = [0.0] + t.actual.indices.map { Double($0 + 1) }
      let marker = tracking.calibrationEnd.map {
        (x: Double($0 + 1 - t.firstDay) / t.periodDays, label: "end of calibration")
      }
      return LineChart(
        name: chart.rawValue, title: "Cumulative repeat transactions",
        xAxis: Axis("\(tracking.periodName)s since \(tracking.firstDate)"), yAxis: Axis("repeat transactions"),
        series: [.init("actual", x: periods, y: [0] + t.actual),
                 .init("\(kind) expected", x: periods, y: [0] + t.expected, dashed: true)],
        marker: marker)
    default:
      throw ChartUnavailable(chart, "does not apply to a \(kind) model; its charts are "
        + ReportChart.purchase.map(\.rawValue).joined(separator: ", "))
    }
  }

  /// "; rows every 2.72" when the heatmap rows are coarser than one time
  /// unit (a long or huge age: `FrequencyRecencyGrid` bounds the rows).
  private var recencyStepNote: String {
    let r = grid.recencies
    guard r.count > 1, r[1] != 1 else { return "" }
    return "; rows every " + formatCompact(r[1], decimals: 2)
  }

  /// The charts this report can draw with the inputs given, in report order.
  public var available: [ReportChart] {
    ReportChart.purchase.filter { chart in
      switch chart {
      case .holdout: holdout != nil
      case .cumulativeTransactions: tracking != nil
      default: true
      }
    }
  }

  /// The report's sections: the charts and the tables behind them.
  public func sections(idPrefix: String) throws -> [HTMLReport.Section] {
    var fit = HTMLReport.Section("Purchases: model against data", id: idPrefix + "purchases")
    var summary = "\(summaries.rowCount) customers."
    if let holdout {
      summary += " Holdout purchases: \(formatCompact(holdout.totalActual, decimals: 0)) actual, "
        + "\(formatCompact(holdout.totalPredicted, decimals: 1)) predicted; per customer MAE "
        + "\(formatFixedDecimals(holdout.meanAbsoluteError, 4)), RMSE \(formatFixedDecimals(holdout.rootMeanSquaredError, 4))."
    }
    if let tracking, let last = tracking.transactions.actual.last, let expected = tracking.transactions.expected.last {
      summary += " Repeat transactions over the log: \(formatCompact(last, decimals: 0)) actual, "
        + "\(formatCompact(expected, decimals: 1)) expected."
    }
    fit.paragraph(summary)
    try fit.charts(try available.map { (try chart($0), nil) })
    fit.table(HTMLTable(
      caption: "Customers by repeat purchases in the calibration period (the last row pools the higher counts)",
      header: ["repeat purchases", "actual", "expected"],
      rows: periodTransactions.rows.map { r in
        [r.isOpenEnded ? "\(r.frequency)+" : String(r.frequency), formatCompact(r.actual, decimals: 1),
         formatFixedDecimals(r.expected, 1)]
      }))
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
