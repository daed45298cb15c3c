import Foundation
import Models
import NumericCore
import Tabular
import Testing

@testable import ModelStore

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The Gamma-Gamma members of a model file, serialized and parsed back:
/// the round trip `ModelFile` makes for the kind "gamma-gamma".
private func roundTrip(_ model: GammaGammaModel) throws -> (GammaGammaModel, JSON, String) {
  let provenance = TrainingProvenance(source: "summary.csv", rows: 2357, sha256: "00")
  let json = JSON.object(model.fileMembers(training: provenance))
  let text = try json.serialized()
  let parsed = try JSONParser.parse(Array(text.utf8))
  return (try GammaGammaModel(file: Fields(parsed, path: "m.json")), parsed, text)
}

private func cdnowModel(penalizer: Double = 0) throws -> GammaGammaModel {
  let table = try CSVReader.read(repository.appendingPathComponent("notebooks-data/summary.csv").path)
  return try GammaGamma(penalizer: penalizer).fit(try GammaGamma.Training(table: table))
}

@Test(arguments: [0, 0.01])
func gammaGammaMembersRoundTripBitExactly(_ penalizer: Double) throws {
  let model = try cdnowModel(penalizer: penalizer)
  let (restored, parsed, text) = try roundTrip(model)
  #expect(restored == model)
  #expect(try JSON.object(restored.fileMembers(training: TrainingProvenance(source: "summary.csv", rows: 2357, sha256: "00")))
    .serialized() == text)
  guard case .object(let members) = parsed else {
    Issue.record("not an object")
    return
  }
  #expect(members.map(\.0) == ["columns", "configuration", "parameters", "covariance", "training"])
  #expect(parsed["columns"] == .object([("frequency", .string("frequency")), ("monetaryValue", .string("monetary_value"))]))
  #expect(parsed["configuration"] == .object([("penalizer", .number(penalizer))]))
  #expect(parsed["parameters"] == .object([("p", .number(model.p)), ("q", .number(model.q)), ("v", .number(model.v))]))
  #expect((parsed["covariance"] == .null) == (penalizer > 0))
  guard case .object(let training)? = parsed["training"] else {
    Issue.record("no training object")
    return
  }
  #expect(training.map(\.0) == [
    "source", "rows", "sha256", "customersUsed", "customersLeftOut", "solver", "iterations", "evaluations",
    "converged", "gradientNorm", "message", "objective", "logLikelihood", "correlation",
  ])
  #expect(parsed["training"]?["customersUsed"] == .number(946))
  #expect(parsed["training"]?["customersLeftOut"] == .number(1411))
}

@Test func badGammaGammaMembersAreNamed() throws {
  let model = try cdnowModel()
  let provenance = TrainingProvenance(source: "summary.csv", rows: 2357, sha256: "00")
  func refusal(_ edit: ([(String, JSON)]) -> [(String, JSON)]) -> ModelFileError? {
    do {
      _ = try GammaGammaModel(file: Fields(.object(edit(model.fileMembers(training: provenance))), path: "m.json"))
      return nil
    } catch { return error }
  }
  func replacing(_ key: String, _ value: JSON) -> ([(String, JSON)]) -> [(String, JSON)] {
    { members in members.map { $0.0 == key ? ($0.0, value) : $0 } }
  }
  guard case .invalidField(_, "parameters.q", _)? = refusal(replacing(
    "parameters", .object([("p", .number(1)), ("q", .number(-2)), ("v", .number(3))])))
  else {
    Issue.record("a negative q was not refused")
    return
  }
  guard case .invalidField(_, "covariance", _)? = refusal(replacing("covariance", .array([.numbers([1, 0, 0])]))) else {
    Issue.record("a short covariance was not refused")
    return
  }
  guard case .invalidField(_, "columns.monetaryValue", _)? = refusal(replacing(
    "columns", .object([("frequency", .string("frequency"))])))
  else {
    Issue.record("a missing column name was not refused")
    return
  }
}
