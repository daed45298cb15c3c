import Foundation
import Models
import NumericCore
import Tabular

/// The version of cvw written into every model file.
public let cvwVersion = "0.1.0"

/// A saved model: a versioned, self-describing JSON document (DESIGN.md,
/// "The model file"). Safe to load — no code is executed — and checked on
/// load: format and version, kind, every field's type, and the verification
/// rows, re-scored with the stored parameters (as PMML's ModelVerification).
public struct ModelFile: Sendable {
  /// The value of the `format` field.
  public static let formatName = "cvw-model"
  /// The `formatVersion`s this build reads; it writes the last.
  public static let supportedVersions = [1]
  /// Training rows stored for verification (a synthetic row is added, see
  /// `init(logistic:data:training:createdAt:)`).
  public static let verificationRowCount = 5
  /// Relative tolerance of re-scored verification rows: far below any
  /// meaningful change of a parameter, far above the last-bit differences
  /// of `exp` between C libraries.
  public static let verificationTolerance = 1e-12

  /// The fitted model.
  public var model: StoredModel
  /// The producing tool's version.
  public var toolVersion: String
  /// ISO 8601 UTC time of writing.
  public var createdAt: String
  public var training: TrainingProvenance
  /// The cross-validation summary, when the model was chosen by one.
  public var validation: JSON?
  /// Inputs with the outputs they gave when saved, re-scored on every load.
  public var verification: [VerificationRow]

  public init(
    model: StoredModel, toolVersion: String = cvwVersion, createdAt: String, training: TrainingProvenance,
    validation: JSON? = nil, verification: [VerificationRow]
  ) {
    self.model = model
    self.toolVersion = toolVersion
    self.createdAt = createdAt
    self.training = training
    self.validation = validation
    self.verification = verification
  }

  /// A logistic model with verification rows: training rows evenly spread
  /// through the data, and a synthetic row with every feature 1, so that a
  /// change to any coefficient shows even where the training rows hold a
  /// sparse feature at 0. Each row stores η as well as σ(η): a probability
  /// saturated at 1 would hide an edit.
  public init(
    logistic: LogisticModel, data: LogisticRegression.Training, training: TrainingProvenance, createdAt: String
  ) {
    let n = data.rowCount
    let picks = Set((0..<Self.verificationRowCount).map { $0 * max(n - 1, 0) / max(Self.verificationRowCount - 1, 1) })
    let inputs = picks.sorted().filter { $0 < n }.map { i in (1..<data.design.columns).map { data.design[i, $0] } }
      + [[Double](repeating: 1, count: logistic.featureNames.count)]
    let model = StoredModel.logistic(logistic)
    self.init(
      model: model, createdAt: createdAt, training: training,
      verification: inputs.map { VerificationRow(input: $0, outputs: model.outputs(for: $0)) })
  }

  /// A purchase model of (x, tₓ, T) summaries (BG/NBD, MBG/NBD, Pareto/NBD)
  /// with verification rows taken from its training rows: evenly spread, and
  /// the most frequent buyer.
  public init(summaryModel model: StoredModel, data: BetaGeo.Training, training: TrainingProvenance, createdAt: String) throws {
    let n = data.rowCount
    var picks = Set((0..<Self.verificationRowCount).map { $0 * max(n - 1, 0) / max(Self.verificationRowCount - 1, 1) })
    if let top = data.frequency.indices.max(by: { data.frequency[$0] < data.frequency[$1] }) { picks.insert(top) }
    let rows = try picks.sorted().filter { $0 < n }.map { i in
      let input = [data.frequency[i], data.recency[i], data.age[i]]
      return VerificationRow(input: input, outputs: try model.checkedOutputs(for: input))
    }
    self.init(model: model, createdAt: createdAt, training: training, verification: rows)
  }

  /// A Gamma-Gamma model with verification rows taken from the customers it
  /// was fitted on (evenly spread).
  public init(
    gammaGamma: GammaGammaModel, data: GammaGamma.Training, training: TrainingProvenance, createdAt: String
  ) throws {
    let used = data.frequencies.indices.filter { data.frequencies[$0] > 0 && data.monetaryValues[$0] > 0 }
    let n = used.count
    let picks = Set((0..<Self.verificationRowCount).map { used[$0 * max(n - 1, 0) / max(Self.verificationRowCount - 1, 1)] })
    let model = StoredModel.gammaGamma(gammaGamma)
    let rows = try picks.sorted().map { i in
      let input = [data.frequencies[i], data.monetaryValues[i]]
      return VerificationRow(input: input, outputs: try model.checkedOutputs(for: input))
    }
    self.init(model: model, createdAt: createdAt, training: training, verification: rows)
  }

  /// The model file as a JSON document, fields in the documented order.
  public func json() throws -> JSON {
    var members: [(String, JSON)] = [
      ("format", .string(Self.formatName)),
      ("formatVersion", .number(Double(Self.supportedVersions.last!))),
      ("kind", .string(model.kind.rawValue)),
      ("tool", .object([("name", .string("cvw")), ("version", .string(toolVersion))])),
      ("createdAt", .string(createdAt)),
    ]
    switch model {
    case .logistic(let m): members += m.fileMembers(training: training)
    case .betaGeo(let m): members += m.fileMembers(training: training)
    case .modifiedBetaGeo(let m): members += m.fileMembers(training: training)
    case .paretoNBD(let m): members += m.fileMembers(training: training)
    case .gammaGamma(let m): members += m.fileMembers(training: training)
    }
    members.append(("validation", validation ?? .null))
    let names = model.inputNames
    members.append(("verification", .array(verification.map { row in
      .object([("input", .object(zip(names, row.input).map { ($0, .number($1)) }))]
        + row.outputs.map { ($0.name, .number($0.value)) })
    })))
    return .object(members)
  }

  /// The bytes of the file.
  public func encoded() throws -> [UInt8] { Array(try json().serialized().utf8) }

  /// Writes the file atomically: a reader never sees half a model, and a
  /// failure leaves any previous file in place.
  public func write(to path: String) throws { try writeAtomically(try encoded(), to: path) }

  /// Reads and checks a model file.
  public static func load(_ path: String) throws(ModelFileError) -> ModelFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
      throw .unreadable(path: path, reason: reason)
    }
    return try decode(Array(data), path: path)
  }

  /// Parses and checks the bytes of a model file; `path` names it in errors.
  public static func decode(_ bytes: [UInt8], path: String) throws(ModelFileError) -> ModelFile {
    guard !bytes.isEmpty else { throw .invalidJSON(path: path, line: 1, column: 1, message: "the file is empty") }
    let document: JSON
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw .invalidJSON(path: path, line: error.line, column: error.column, message: error.message)
    }
    let root = Fields(document, path: path)
    guard case .object = document, case .string(formatName)? = document["format"] else { throw .notAModelFile(path: path) }
    guard case .number(let version)? = document["formatVersion"], supportedVersions.contains(where: { Double($0) == version })
    else {
      let found: String = switch document["formatVersion"] {
      case .number(let v)?: JSON.format(v)
      case .string(let s)?: "\"\(s)\""
      case nil: "(missing)"
      default: "(not a number)"
      }
      throw .unsupportedVersion(path: path, found: found, supported: supportedVersions)
    }
    let kindName = try root.string("kind")
    let model: StoredModel
    switch ModelKind(rawValue: kindName) {
    case .logisticRegression: model = .logistic(try LogisticModel(file: root))
    case .betaGeo: model = .betaGeo(try BetaGeoModel(file: root))
    case .modifiedBetaGeo: model = .modifiedBetaGeo(try ModifiedBetaGeoModel(file: root))
    case .paretoNBD: model = .paretoNBD(try ParetoNBDModel(file: root))
    case .gammaGamma: model = .gammaGamma(try GammaGammaModel(file: root))
    default: throw .unknownKind(path: path, kind: kindName, known: StoredModel.knownKinds.map(\.rawValue))
    }
    let tool = try root.object("tool")
    let training = try root.object("training")
    let names = model.inputNames
    let verification = try root.array("verification").enumerated().map { (k, row) throws(ModelFileError) in
      let fields = Fields(row, path: path, prefix: "verification[\(k)]")
      let input = try fields.object("input")
      guard case .object(let members) = row else {
        throw ModelFileError.invalidField(path: path, field: "verification[\(k)]", expected: "an object")
      }
      let outputs = try members.filter { $0.0 != "input" }.map { (name, _) throws(ModelFileError) in
        VerificationRow.Output(name: name, value: try fields.double(name))
      }
      return VerificationRow(input: try names.map { name throws(ModelFileError) in try input.double(name) }, outputs: outputs)
    }
    guard !verification.isEmpty else {
      throw .invalidField(path: path, field: "verification", expected: "at least one verification row")
    }
    let file = ModelFile(
      model: model, toolVersion: try tool.string("version"), createdAt: try root.string("createdAt"),
      training: TrainingProvenance(
        source: try training.string("source"), rows: try training.integer("rows"), sha256: try training.string("sha256")),
      validation: document["validation"].flatMap { $0 == .null ? nil : $0 },
      verification: verification)
    for (k, row) in verification.enumerated() {
      if let (name, expected, computed) = model.mismatch(row) {
        throw .verificationFailed(path: path, row: k, output: name, expected: expected, computed: computed)
      }
    }
    return file
  }

  /// The time of writing, ISO 8601 in UTC: `SOURCE_DATE_EPOCH` (whole
  /// seconds since 1970, the reproducible-builds convention) when set, else now.
  /// - Throws: `ModelFileError.invalidField` for a value that is not whole seconds.
  public static func timestamp(sourceDateEpoch: String?) throws(ModelFileError) -> String {
    var date = Date()
    if let text = sourceDateEpoch, !text.isEmpty {
      guard let seconds = Int64(text) else {
        throw .invalidField(path: "SOURCE_DATE_EPOCH", field: "value", expected: "whole seconds since 1970, got \"\(text)\"")
      }
      date = Date(timeIntervalSince1970: Double(seconds))
    }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }
}

/// Where a model's training data came from.
public struct TrainingProvenance: Sendable, Equatable {
  /// The file name as given to `cvw fit` (or "<stdin>").
  public var source: String
  public var rows: Int
  /// SHA-256 of the file's bytes, as `sha256sum` prints it.
  public var sha256: String
  public init(source: String, rows: Int, sha256: String) {
    self.source = source
    self.rows = rows
    self.sha256 = sha256
  }
}

/// One stored input row and the outputs the model gave it when saved.
public struct VerificationRow: Sendable, Equatable {
  /// Values in the order of the model's inputs.
  public var input: [Double]
  /// Named outputs, in file order (for logistic models `expected` = P(y = 1)
  /// and `linearPredictor` = η).
  public var outputs: [Output]

  /// One named output value.
  public struct Output: Sendable, Equatable {
    public var name: String
    public var value: Double
    public init(name: String, value: Double) {
      self.name = name
      self.value = value
    }
  }

  public init(input: [Double], outputs: [Output]) {
    self.input = input
    self.outputs = outputs
  }
}

/// The model inside a file, one case per kind.
public enum StoredModel: Sendable {
  case logistic(LogisticModel)
  case betaGeo(BetaGeoModel)
  case modifiedBetaGeo(ModifiedBetaGeoModel)
  case paretoNBD(ParetoNBDModel)
  case gammaGamma(GammaGammaModel)

  public static let knownKinds: [ModelKind] = [.logisticRegression, .betaGeo, .modifiedBetaGeo, .paretoNBD, .gammaGamma]

  /// The horizon (in the model's time unit) of the expected purchases stored
  /// in BG/NBD, MBG/NBD and Pareto/NBD verification rows.
  static let verificationHorizon = 10.0

  public var kind: ModelKind {
    switch self {
    case .logistic: LogisticModel.kind
    case .betaGeo: BetaGeoModel.kind
    case .modifiedBetaGeo: ModifiedBetaGeoModel.kind
    case .paretoNBD: ParetoNBDModel.kind
    case .gammaGamma: GammaGammaModel.kind
    }
  }

  /// The columns a row must provide to be scored.
  public var inputNames: [String] {
    switch self {
    case .logistic(let m): m.featureNames
    case .betaGeo(let m): m.columns.names
    case .modifiedBetaGeo(let m): m.columns.names
    case .paretoNBD(let m): m.columns.names
    case .gammaGamma(let m): [m.frequencyColumn, m.monetaryValueColumn]
    }
  }

  /// The outputs stored in verification rows for one input.
  func outputs(for input: [Double]) -> [VerificationRow.Output] {
    (try? checkedOutputs(for: input)) ?? []
  }

  func checkedOutputs(for input: [Double]) throws -> [VerificationRow.Output] {
    switch self {
    case .logistic(let m):
      return [.init(name: "expected", value: m.probability(input)), .init(name: "linearPredictor", value: m.linearPredictor(input))]
    case .betaGeo(let m):
      let (x, t, T) = (input[0], input[1], input[2])
      return [
        .init(name: "probabilityAlive", value: m.probabilityAlive(frequency: x, recency: t, age: T)),
        .init(name: "expectedPurchases10", value: try m.expectedPurchases(over: Self.verificationHorizon, frequency: x, recency: t, age: T)),
      ]
    case .modifiedBetaGeo(let m):
      let (x, t, T) = (input[0], input[1], input[2])
      return [
        .init(name: "probabilityAlive", value: m.probabilityAlive(frequency: x, recency: t, age: T)),
        .init(name: "expectedPurchases10", value: try m.expectedPurchases(over: Self.verificationHorizon, frequency: x, recency: t, age: T)),
      ]
    case .paretoNBD(let m):
      let (x, t, T) = (input[0], input[1], input[2])
      return [
        .init(name: "probabilityAlive", value: try m.probabilityAlive(frequency: x, recency: t, age: T)),
        .init(name: "expectedPurchases10", value: try m.expectedPurchases(over: Self.verificationHorizon, frequency: x, recency: t, age: T)),
      ]
    case .gammaGamma(let m):
      // The expected spend is infinite when q ≤ 1; the log-density is always defined.
      var outputs = [VerificationRow.Output(name: "logLikelihood", value: m.logLikelihood(frequency: input[0], monetaryValue: input[1]))]
      if m.q > 1 {
        outputs.append(.init(name: "expectedSpend", value: try m.conditionalExpectedAverageSpend(frequency: input[0], monetaryValue: input[1])))
      }
      return outputs
    }
  }

  /// The first stored output of `row` that the parameters do not reproduce
  /// to `ModelFile.verificationTolerance`, as (name, stored, recomputed); nil
  /// when all do. A logistic η is compared relative to |β₀| + Σ|βⱼxⱼ|, the
  /// size of the terms it sums; other outputs relative to themselves. An
  /// output this kind does not compute counts as a mismatch.
  func mismatch(_ row: VerificationRow) -> (String, Double, Double)? {
    let tolerance = ModelFile.verificationTolerance
    let computed = outputs(for: row.input)
    for stored in row.outputs {
      guard let value = computed.first(where: { $0.name == stored.name })?.value else { return (stored.name, stored.value, .nan) }
      var size = abs(stored.value)
      if case .logistic(let m) = self, stored.name == "linearPredictor" {
        size = abs(m.intercept)
        for j in row.input.indices { size += abs(m.coefficients[j] * row.input[j]) }
      }
      if !(abs(value - stored.value) <= tolerance * max(size, 1e-300)) { return (stored.name, stored.value, value) }
    }
    return nil
  }

  /// The model card's parameter table.
  public var parameters: [ParameterEstimate] {
    switch self {
    case .logistic(let m): m.parameters
    case .betaGeo(let m): m.parameters
    case .modifiedBetaGeo(let m): m.parameters
    case .paretoNBD(let m): m.parameters
    case .gammaGamma(let m): m.parameters
    }
  }
}
