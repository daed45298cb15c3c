import Evaluation
import Models
import ModelStore

/// The pictures of a logistic model on labelled data (its training data or
/// a fresh sample): ROC and precision-recall curves with their areas,
/// the calibration (reliability) plot, cumulative gains and lift by decile,
/// the coefficients with Wald 95 % intervals, the scores by class, and the
/// tables behind them (deciles; the cross-validation block of the model
/// file when it has one). The numbers come from Evaluation (`ROCCurve`,
/// `PrecisionRecallCurve`, `LiftTable`, `CalibrationTable`, `rocAUC`,
/// `averagePrecision`); this type only draws.
public struct LogisticReport: Sendable {
  /// The model.
  public var model: LogisticModel
  /// Outcomes, 1 = the model's positive class.
  public var labels: [Double]
  /// Predicted probabilities of the positive class.
  public var probabilities: [Double]
  /// ROC AUC of the probabilities.
  public var auc: Double
  /// Average precision (area under the precision-recall step curve).
  public var averagePrecision: Double
  /// The ROC curve (scikit-learn's `roc_curve`, collinear points dropped).
  public var roc: ROCCurve
  /// The precision-recall curve (scikit-learn's `precision_recall_curve`).
  public var precisionRecall: PrecisionRecallCurve
  /// Deciles by score, highest first.
  public var lift: LiftTable
  /// Deciles by prediction, lowest first.
  public var calibration: CalibrationTable
  /// The model file's `validation` block (`cvw cv … -o`), if any.
  public var validation: JSON?

  /// Evaluates the model's probabilities against the labels.
  /// - Throws: `MetricError` when the labels hold one class only or the
  ///   lengths differ.
  public init(model: LogisticModel, labels: [Double], probabilities: [Double], validation: JSON? = nil) throws {
    self.model = model
    self.labels = labels
    self.probabilities = probabilities
    self.validation = validation
    auc = try rocAUC(labels: labels, scores: probabilities)
    averagePrecision = try Evaluation.averagePrecision(labels: labels, scores: probabilities)
    roc = try ROCCurve(labels: labels, scores: probabilities)
    precisionRecall = try PrecisionRecallCurve(labels: labels, scores: probabilities)
    lift = try LiftTable(labels: labels, scores: probabilities)
    calibration = try CalibrationTable(labels: labels, probabilities: probabilities)
  }

  private var target: String { "\(model.target.column) = \(model.target.positive)" }

  /// One chart by name.
  /// - Throws: `ChartUnavailable` for a chart of another model kind.
  public func chart(_ chart: ReportChart) throws -> any Chart {
    switch chart {
    case .roc:
      return LineChart(
        name: chart.rawValue, title: "ROC curve (AUC \(formatFixedDecimals(auc, 3)))",
        xAxis: Axis("false positive rate", format: .percent, covers: 0...1),
        yAxis: Axis("true positive rate", format: .percent, covers: 0...1),
        series: [.init("model (AUC \(formatFixedDecimals(auc, 3)))", x: roc.falsePositiveRate, y: roc.truePositiveRate)],
        diagonal: true)
    case .pr:
      // Drawn as scikit-learn draws it: steps, recall decreasing; the
      // horizontal line is a classifier without skill (precision = prevalence).
      return LineChart(
        name: chart.rawValue, title: "Precision–recall curve (average precision \(formatFixedDecimals(averagePrecision, 3)))",
        xAxis: Axis("recall", format: .percent, covers: 0...1), yAxis: Axis("precision", format: .percent, covers: 0...1),
        series: [
          .init("model (AP \(formatFixedDecimals(averagePrecision, 3)))", x: precisionRecall.recall, y: precisionRecall.precision,
                interpolation: .step),
          .init("no skill (\(formatCompact(lift.overallRate * 100, decimals: 1))% positive)", x: [0, 1],
                y: [lift.overallRate, lift.overallRate], dashed: true),
        ])
    case .calibration:
      return LineChart(
        name: chart.rawValue, title: "Calibration by decile of predicted probability",
        xAxis: Axis("mean predicted probability", format: .percent, covers: 0...1),
        yAxis: Axis("observed rate of \(target)", format: .percent, covers: 0...1),
        series: [.init(
          "model (\(calibration.rows.count) groups of ≈\(labels.count / max(calibration.rows.count, 1)))",
          x: calibration.rows.map(\.meanPredicted), y: calibration.rows.map(\.observedRate), markers: true)],
        diagonal: true)
    case .gains:
      let n = Double(labels.count)
      var shares = [0.0], gains = [0.0], counted = 0
      for row in lift.rows {
        counted += row.count
        shares.append(Double(counted) / n)
        gains.append(row.cumulativeGain)
      }
      return LineChart(
        name: chart.rawValue, title: "Cumulative gains by decile",
        xAxis: Axis("share of customers targeted (highest scores first)", format: .percent, covers: 0...1),
        yAxis: Axis("share of all \(target) captured", format: .percent, covers: 0...1),
        series: [.init("model", x: shares, y: gains, markers: true, area: true)], diagonal: true)
    case .lift:
      return BarChart(
        name: chart.rawValue, title: "Lift by decile (1 = highest scores)",
        categories: lift.rows.map { String($0.group) }, categoryLabel: "decile of predicted probability",
        yAxis: Axis("lift over the overall rate"), series: [.init("lift", values: lift.rows.map(\.lift))], referenceValue: 1)
    case .coefficients:
      let features = model.parameters.dropFirst()
      return IntervalPlot(
        name: chart.rawValue,
        title: features.contains { $0.lower95 != nil } ? "Coefficients with Wald 95% intervals" : "Coefficients",
        xAxis: Axis("log-odds per unit of the feature"),
        intervals: features.map { .init($0.name, estimate: $0.estimate, lower: $0.lower95, upper: $0.upper95) },
        nameLabel: "feature", seriesName: "coefficient")
    case .scoreHistogram:
      var negatives: [Double] = [], positives: [Double] = []
      for (y, p) in zip(labels, probabilities) {
        if y == 1 { positives.append(p) } else { negatives.append(p) }
      }
      return Histogram(
        name: chart.rawValue, title: "Predicted probability by actual class",
        xAxis: Axis("predicted probability of \(target)", covers: 0...1), yLabel: "share of the class",
        series: [.init("\(model.target.column) = \(model.target.negative) (\(negatives.count))", values: negatives),
                 .init("\(model.target.column) = \(model.target.positive) (\(positives.count))", values: positives)],
        bins: 20, layout: .overlaid, height: .shareOfClass)
    default:
      throw ChartUnavailable(chart, "does not apply to a logistic model; its charts are "
        + ReportChart.logistic.map(\.rawValue).joined(separator: ", "))
    }
  }

  /// The charts this report draws, in report order.
  public static let available: [ReportChart] = ReportChart.logistic

  /// The report's sections: headline metrics, the charts, the decile table,
  /// and the cross-validation table when the model file has one.
  public func sections(idPrefix: String) throws -> [HTMLReport.Section] {
    var performance = HTMLReport.Section("Discrimination and calibration", id: idPrefix + "performance")
    performance.paragraph(
      "\(labels.count) rows, \(Int(labels.reduce(0, +))) with \(target) (rate \(formatCompact(lift.overallRate * 100, decimals: 2))%). "
        + "ROC AUC \(formatFixedDecimals(auc, 4)), average precision \(formatFixedDecimals(averagePrecision, 4)).")
    try performance.charts(try Self.available.map { (try chart($0), nil) })
    performance.table(HTMLTable(
      caption: "Lift and cumulative gains by decile of predicted probability (1 = highest scores)",
      header: ["decile", "rows", "positives", "rate", "lift", "cumulative gain", "lowest score", "highest score"],
      rows: lift.rows.map { l in
        [String(l.group), String(l.count), String(l.positives), formatFixedDecimals(l.rate, 4), formatFixedDecimals(l.lift, 2),
         formatFixedDecimals(l.cumulativeGain, 4), formatFixedDecimals(l.minScore, 4), formatFixedDecimals(l.maxScore, 4)]
      }))
    performance.table(HTMLTable(
      caption: "Calibration by decile of predicted probability (1 = lowest predictions)",
      header: ["decile", "rows", "mean predicted", "observed rate"],
      rows: calibration.rows.map { c in
        [String(c.group), String(c.count), formatFixedDecimals(c.meanPredicted, 4), formatFixedDecimals(c.observedRate, 4)]
      }))
    var sections = [performance]
    if let table = validationTable() {
      var cv = HTMLReport.Section("Cross-validation", id: idPrefix + "cross-validation")
      cv.table(table)
      sections.append(cv)
    }
    return sections
  }

  /// The `validation` block as a table: each metric's mean ± sd over folds.
  func validationTable() -> HTMLTable? {
    guard let validation, case .object(let metrics)? = validation["metrics"] else { return nil }
    var caption = "Cross-validation"
    if case .string(let scheme)? = validation["scheme"] { caption += ": \(scheme)" }
    if case .number(let folds)? = validation["folds"] { caption += ", \(formatCompact(folds, decimals: 0)) folds" }
    if case .number(let seed)? = validation["seed"] { caption += ", seed \(formatCompact(seed, decimals: 0))" }
    caption += "; mean and standard deviation over folds"
    let rows: [[String]] = metrics.compactMap { name, value in
      guard case .number(let mean) = value else { return nil }
      var sd = "–"
      if case .number(let s)? = validation["sd"]?[name] { sd = formatFixedDecimals(s, 4) }
      return [name, formatFixedDecimals(mean, 4), sd]
    }
    return HTMLTable(caption: caption, header: ["metric", "mean", "sd"], rows: rows)
  }
}
