import ArgumentParser
import Evaluation
import Foundation
import Models
import ModelStore
import Reports
import Tabular

/// The inputs `cvw report` and `cvw plot` share beyond MODEL and DATA:
/// where the holdout columns are, the transaction log behind the tracking
/// chart, and how the customers of a purchase model are valued (a spend
/// model with the valuation settings of `cvw clv`, or a CLV column; other
/// model kinds ignore them, but at least one purchase model must be given
/// for them).
struct ReportOptions: ParsableArguments {
  @Option(help: "Column of holdout purchases (purchase models; the holdout chart when present).")
  var holdoutFrequency = "frequency_holdout"

  @Option(help: "Column of holdout durations, in the summaries' time unit.")
  var holdoutDuration = "duration_holdout"

  @Option(help: "A transaction log (CSV) for the cumulative-transactions chart of purchase models.")
  var transactions: String?

  @Option(help: "The customer column of --transactions.")
  var customer = "customer_id"

  @Option(help: "The date column of --transactions (YYYY-MM-DD).")
  var date = "date"

  @Option(help: "The last day of the calibration period (YYYY-MM-DD), marked on the cumulative-transactions chart.")
  var calibrationEnd: String?

  @Option(help: "A gamma-gamma model file: value the customers of a bg-nbd model as cvw clv does (needs --horizon).")
  var spend: String?

  @Option(help: "A CSV with one value per customer (e.g. `cvw clv` output) for the CLV charts, instead of --spend; joined on --id.")
  var clv: String?

  @Option(help: "The value column of --clv.")
  var clvColumn = "clv"

  @Option(help: "The customer id column of DATA and --clv, on which they are joined.")
  var id = "customer_id"

  /// --horizon, --unit, --time-unit (also the periods of the tracking
  /// chart), --discount and the other valuation settings of `cvw clv`.
  @OptionGroup var valuation: ValuationOptions

  /// A usage error when --transactions, --spend or --clv is given without a
  /// purchase model for it.
  func checkPurchaseModelGiven(_ models: [ModelPictures]) throws {
    guard !models.contains(where: { $0.purchases != nil }) else { return }
    if spend != nil || clv != nil {
      throw ValidationError("--spend and --clv value the customers of a purchase model (bg-nbd, mbg-nbd, pareto-nbd); none was given")
    }
    if transactions != nil {
      throw ValidationError("--transactions tracks a purchase model (bg-nbd, mbg-nbd, pareto-nbd); none was given")
    }
  }

  func validate() throws {
    if spend != nil && clv != nil { throw ValidationError("give --spend or --clv, not both") }
    if let calibrationEnd { _ = try Summarize.day(calibrationEnd, option: "--calibration-end") }
    if calibrationEnd != nil && transactions == nil { throw ValidationError("--calibration-end marks the chart of --transactions") }
    if spend != nil && valuation.horizon == nil {
      throw ValidationError("a lifetime value needs --spend and --horizon together (the bg-nbd model is a MODEL argument)")
    }
  }
}

/// A saved model read with its data set, ready to be drawn: the model card
/// and the charts of its kind (`Reports`' LogisticReport,
/// PurchaseModelReport, ValueReport).
struct ModelPictures {
  let path: String
  let data: String
  let card: ModelCardSummary
  let logistic: LogisticReport?
  let purchases: PurchaseModelReport?
  let values: ValueReport?
  /// The charts of this model's kind (and of values when given).
  let applicable: [ReportChart]

  /// Reads the model file and the data, and evaluates the model on them.
  /// - Throws: `ModelFileError`, `DataError` (missing columns, bad rows,
  ///   labels the model cannot read), `ValidationError` for inputs that do
  ///   not fit the model kind.
  init(model path: String, data: String, options: ReportOptions) throws {
    self.path = path
    self.data = data
    let file = try ModelFile.load(path)
    card = Self.card(ModelCard(file: file, path: path))
    let table = try CSVReader.read(data)
    let source = data == "-" ? "<stdin>" : data
    guard table.rowCount > 0 else {
      throw DataError(file: source, message: "has a header but no rows: there is nothing to evaluate the model on")
    }
    var logistic: LogisticReport?, purchases: PurchaseModelReport?, values: ValueReport?
    switch file.model {
    case .logistic(let m):
      let training = try LogisticRegression.Training(
        table: table, target: m.target.column, positive: m.target.positive, features: m.featureNames)
      let probabilities = try m.probabilities(for: table)
      do {
        logistic = try LogisticReport(
          model: m, labels: training.outcomes, probabilities: probabilities, validation: file.validation)
      } catch let error as MetricError {
        throw DataError(file: source, message: "cannot evaluate the model on these rows: \(error)")
      }
      applicable = ReportChart.logistic
    case .betaGeo(let m):
      (purchases, values) = try Self.purchases(m, columns: m.columns, table: table, source: source, options: options, betaGeo: m)
      applicable = ReportChart.purchase + (values == nil ? [] : ReportChart.value)
    case .modifiedBetaGeo(let m):
      (purchases, values) = try Self.purchases(m, columns: m.columns, table: table, source: source, options: options, betaGeo: nil)
      applicable = ReportChart.purchase + (values == nil ? [] : ReportChart.value)
    case .paretoNBD(let m):
      (purchases, values) = try Self.purchases(m, columns: m.columns, table: table, source: source, options: options, betaGeo: nil)
      applicable = ReportChart.purchase + (values == nil ? [] : ReportChart.value)
    case .gammaGamma(let m):
      values = try Self.values(
        try m.conditionalExpectedAverageSpend(for: table), label: "expected spend per purchase", charts: [.clvDistribution],
        table: table)
      applicable = [.clvDistribution]
    }
    self.logistic = logistic
    self.purchases = purchases
    self.values = values
  }

  /// The purchase model's report, and the customers' values when --spend
  /// (a bg-nbd model only, as `cvw clv`) or --clv is given.
  private static func purchases(
    _ model: any PurchaseModel, columns: SummaryColumns, table: Table, source: String, options: ReportOptions,
    betaGeo: BetaGeoModel?
  ) throws -> (PurchaseModelReport, ValueReport?) {
    let kind = type(of: model).kind.rawValue
    let summaries = try BetaGeo.Training(table: table, frequency: columns.frequency, recency: columns.recency, age: columns.age)
    var holdout: (purchases: [Double], duration: [Double])?
    if table.index(of: options.holdoutFrequency) != nil, table.index(of: options.holdoutDuration) != nil {
      holdout = (try Self.nonNegative(table, options.holdoutFrequency, "purchases"),
                 try Self.nonNegative(table, options.holdoutDuration, "duration"))
    }
    var tracking: PurchaseModelReport.Tracking?
    if let log = options.transactions {
      let transactions = try CSVReader.read(log, requests: [.key(options.customer), .date(options.date)])
      let customers = try transactions.keys(options.customer)
      let days = try transactions.days(options.date)
      let cumulative: CumulativeTransactions
      do {
        cumulative = try CumulativeTransactions(
          model: model, codes: customers.codes, customerCount: customers.keys.count, days: days,
          unit: options.valuation.timeUnit)
      } catch let error as TransactionSummaryError {
        throw DataError(file: transactions.source, message: error.description)
      }
      tracking = PurchaseModelReport.Tracking(
        transactions: cumulative, firstDate: CalendarDate.format(cumulative.firstDay),
        periodName: options.valuation.timeUnit.rawValue,
        calibrationEnd: try options.calibrationEnd.map { try Summarize.day($0, option: "--calibration-end") })
    }
    let report: PurchaseModelReport
    do {
      report = try PurchaseModelReport(
        model: model, kind: kind, unit: options.valuation.timeUnit.rawValue, summaries: summaries, holdout: holdout,
        tracking: tracking)
    } catch let error as MetricError {
      throw DataError(file: source, message: "cannot compare holdout purchases: \(error)")
    }
    var values: ValueReport?
    if let spend = options.spend, let valuation = options.valuation.lifetimeValue {
      guard let betaGeo else { throw ValidationError("--spend values customers with a bg-nbd model (as `cvw clv`), not a \(kind) model") }
      let models = LifetimeValueOptions.Models(
        valuation: valuation, purchases: betaGeo, spend: try LifetimeValueOptions.spendModel(spend))
      try models.checkColumns(table.columnNames, source: source)
      let v = try models.valuation.values(for: table, purchases: models.purchases, spend: models.spend)
      values = try Self.values(v.value, label: "\(valuation.periods)-\(options.valuation.unit.rawValue) CLV", table: table)
    } else if let clv = options.clv {
      let ids = try customerIDs(table, column: options.id)
      let joined = try PredictedValueOptions.join(
        clv, header: try CSVReader.header(clv), column: options.clvColumn, alive: nil, idName: options.id, ids: ids,
        table: table)
      values = try Self.values(
        joined.value, label: "CLV", table: table, column: options.id, file: clv == "-" ? "<stdin>" : clv)
    }
    return (report, values)
  }

  /// The column `name` of `table`, every value finite and ≥ 0 (holdout
  /// purchases and durations: a negative duration would be predicted as 0).
  /// - Throws: `DataError` at the first bad cell.
  private static func nonNegative(_ table: Table, _ name: String, _ what: String) throws -> [Double] {
    let values = try table.numeric(name)
    if let row = values.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
      throw DataError(
        file: table.source, line: table.line(ofRow: row), column: table.index(of: name).map { $0 + 1 }, columnName: name,
        message: "expected holdout \(what) ≥ 0, found \(formatDouble(values[row]))")
    }
    return values
  }

  /// The value report of one value per row of `table`; a value that no
  /// share of value can be made of is a `DataError` naming its line (and
  /// `column`); a total of 0 or beyond Double's range names `file`, where
  /// the values were read (--clv), or else `table`.
  private static func values(
    _ values: [Double], label: String, charts: [ReportChart] = ReportChart.value, table: Table, column: String? = nil,
    file: String? = nil
  ) throws -> ValueReport {
    do {
      return try ValueReport(values: values, label: label, charts: charts)
    } catch .invalidValue(let row) {
      throw DataError(
        file: table.source, line: table.line(ofRow: row), column: column.flatMap { table.index(of: $0) }.map { $0 + 1 },
        columnName: column, message: "\(label) \(formatDouble(values[row])) is not a value ≥ 0")
    } catch .zeroTotal {
      throw DataError(file: file ?? table.source, message: "every \(label) is 0: no share of value can be shown")
    } catch .totalOverflow {
      throw DataError(file: file ?? table.source, message: "\(label): \(ValueConcentration.Failure.totalOverflow)")
    }
  }

  /// The HTML card from the text card's rows: continuation rows (label "")
  /// joined to the row above.
  private static func card(_ card: ModelCard) -> ModelCardSummary {
    var facts: [(label: String, value: String)] = []
    for (label, value) in card.facts() + [card.verificationFact] {
      if label.isEmpty, let last = facts.popLast() {
        facts.append((last.label, last.value + "; " + value))
      } else {
        facts.append((label, value))
      }
    }
    if let note = card.missingStandardErrorsNote { facts.append(("standard errors", note)) }
    return ModelCardSummary(facts: facts, parameters: card.file.model.parameters)
  }

  /// One chart by name, or a usage error listing the charts that apply.
  func chart(_ chart: ReportChart) throws -> any Chart {
    guard applicable.contains(chart) else {
      throw ValidationError(
        "chart '\(chart.rawValue)' does not apply to \(path); charts for it: " + applicable.map(\.rawValue).joined(separator: ", "))
    }
    do {
      if ReportChart.value.contains(chart), let values { return try values.chart(chart) }
      if let logistic { return try logistic.chart(chart) }
      if let purchases { return try purchases.chart(chart) }
      throw ChartUnavailable(chart, "has no data")
    } catch let error as ChartUnavailable {
      throw ValidationError(error.description)
    }
  }

  /// The report sections of this model: its card, then its charts and tables.
  func sections(idPrefix: String) throws -> [HTMLReport.Section] {
    var header = HTMLReport.Section("Model \(path) on \(data)", id: idPrefix + "model")
    header.card(card)
    var sections = [header]
    if let logistic { sections += try logistic.sections(idPrefix: idPrefix) }
    if let purchases { sections += try purchases.sections(idPrefix: idPrefix) }
    if let values { sections += try values.sections(idPrefix: idPrefix) }
    return sections
  }
}

/// The command line as typed, each argument quoted for a POSIX shell where
/// it needs it, with the program called `cvw` (so a report does not depend
/// on where the binary lies).
func commandLineForReport() -> String {
  (["cvw"] + CommandLine.arguments.dropFirst()).map { argument in
    let safe = !argument.isEmpty && argument.unicodeScalars.allSatisfy {
      CharacterSet.alphanumerics.contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
    }
    return safe ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }.joined(separator: " ")
}
