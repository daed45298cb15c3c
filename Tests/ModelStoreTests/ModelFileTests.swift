import Foundation
import Models
import NumericCore
import Tabular
import Testing

@testable import ModelStore

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A model fitted on the bundled purchase-intent data, saved and read back.
private func savedModel(penalty: LogisticRegression.Penalty = .none, standardize: Bool = false) throws -> (ModelFile, [UInt8]) {
  let table = try CSVReader.read(repository.appendingPathComponent("notebooks-data/purchase_intent.csv").path)
  let data = try LogisticRegression.Training(table: table, target: "bought", exclude: ["customer_id"])
  let model = try LogisticRegression(penalty: penalty, standardize: standardize).fit(data)
  let file = ModelFile(
    logistic: model, data: data, training: TrainingProvenance(source: "purchase_intent.csv", rows: data.rowCount, sha256: "00"),
    createdAt: try ModelFile.timestamp(sourceDateEpoch: "1795305600"))
  return (file, try file.encoded())
}

private func temporaryPath(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("cvw-\(UUID().uuidString)-\(name)").path
}

@Test(arguments: [(LogisticRegression.Penalty.none, false), (.l2(C: 0.1), true)])
func modelFilesRoundTripBitExactly(_ penalty: LogisticRegression.Penalty, _ standardize: Bool) throws {
  let (file, bytes) = try savedModel(penalty: penalty, standardize: standardize)
  let loaded = try ModelFile.decode(bytes, path: "m.json")
  #expect(try loaded.encoded() == bytes)
  guard case .logistic(let original) = file.model, case .logistic(let restored) = loaded.model else {
    Issue.record("wrong kind")
    return
  }
  #expect(restored == original)
  #expect(loaded.verification == file.verification)
  #expect(loaded.verification.count == ModelFile.verificationRowCount + 1)
  #expect(file.createdAt == "2026-11-22T00:00:00Z")
}

@Test func theFileFollowsTheDocumentedLayout() throws {
  let (_, bytes) = try savedModel()
  let json = try JSONParser.parse(bytes)
  guard case .object(let members) = json else {
    Issue.record("not an object")
    return
  }
  #expect(members.map(\.0) == [
    "format", "formatVersion", "kind", "tool", "createdAt", "features", "target", "configuration", "parameters",
    "covariance", "training", "validation", "verification",
  ])
  #expect(json["format"] == .string("cvw-model"))
  #expect(json["formatVersion"] == .number(1))
  #expect(json["kind"] == .string("logistic-regression"))
}

@Test func writingIsAtomicAndLeavesNoTemporaryFiles() throws {
  let (file, bytes) = try savedModel()
  let directory = temporaryPath("dir")
  try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  let path = directory + "/model.json"
  try file.write(to: path)
  #expect(FileManager.default.contents(atPath: path).map(Array.init) == bytes)
  #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.json"])
  #expect(throws: (any Error).self) { try file.write(to: directory + "/no/such/dir/model.json") }
}

/// Loads `bytes` edited by `edit` and returns the refusal.
private func refusal(_ edit: (String) -> String) throws -> ModelFileError? {
  let (_, bytes) = try savedModel()
  let text = edit(String(decoding: bytes, as: UTF8.self))
  do {
    _ = try ModelFile.decode(Array(text.utf8), path: "m.json")
    return nil
  } catch { return error }
}

@Test func truncatedFilesAreRefusedWithThePosition() throws {
  guard case .invalidJSON(_, let line, _, let message)? = try refusal({ String($0.prefix(300)) }) else {
    Issue.record("truncation not refused")
    return
  }
  #expect(line > 1)
  #expect(message.contains("unexpected end of file"))
  #expect(try refusal { _ in "" } == .invalidJSON(path: "m.json", line: 1, column: 1, message: "the file is empty"))
}

@Test func otherFormatsAndVersionsAreRefused() throws {
  #expect(try refusal { _ in "{\"hello\": 1}" } == .notAModelFile(path: "m.json"))
  let newer = try refusal { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 2") }
  #expect(newer == .unsupportedVersion(path: "m.json", found: "2", supported: [1]))
  #expect(newer!.description.contains("format version 2 is not supported; this cvw reads version 1"))
}

@Test func unknownKindsAreRefused() throws {
  let error = try refusal { $0.replacingOccurrences(of: "\"logistic-regression\"", with: "\"random-forest\"") }
  #expect(error == .unknownKind(path: "m.json", kind: "random-forest", known: StoredModel.knownKinds.map(\.rawValue)))
}

@Test func editedParametersFailVerification() throws {
  let (file, _) = try savedModel()
  guard case .logistic(let m) = file.model else { return }
  let error = try refusal {
    $0.replacingOccurrences(of: "\"intercept\": \(m.intercept)", with: "\"intercept\": \(m.intercept + 1e-6)")
  }
  guard case .verificationFailed(_, 0, _, _, _)? = error else {
    Issue.record("edited intercept accepted: \(String(describing: error))")
    return
  }
  #expect(error!.description.contains("verification row 1 does not reproduce"))
}

@Test func anEditedCoefficientIsCaughtEvenWhereProbabilitiesSaturate() throws {
  // monetary_value's coefficient is 0.0018: a 1e-9 relative edit moves no
  // stored probability beyond rounding on most rows, but moves η on the
  // all-ones synthetic row by more than its tolerance.
  let (file, _) = try savedModel()
  guard case .logistic(let m) = file.model else { return }
  let original = m.coefficients[3]
  let error = try refusal {
    $0.replacingOccurrences(of: "\(original)]", with: "\(original * (1 + 1e-9))]")
  }
  guard case .verificationFailed? = error else {
    Issue.record("edited coefficient accepted")
    return
  }
}

@Test func missingAndMistypedFieldsAreNamed() throws {
  let missing = try refusal { $0.replacingOccurrences(of: "\"coefficients\"", with: "\"coefs\"") }
  #expect(missing == .invalidField(path: "m.json", field: "parameters.coefficients", expected: "a value (the field is missing)"))
  let mistyped = try refusal { $0.replacingOccurrences(of: "\"converged\": true", with: "\"converged\": \"yes\"") }
  #expect(mistyped == .invalidField(path: "m.json", field: "training.converged", expected: "true or false"))
}

@Test func missingFilesAreRefused() {
  #expect(throws: ModelFileError.unreadable(path: "/no/such/model.json", reason: "no such file")) {
    try ModelFile.load("/no/such/model.json")
  }
}
