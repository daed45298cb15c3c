import Foundation
import Testing

@testable import ModelStore

@Test func doublesRoundTripBitForBit() throws {
  var state: UInt64 = 42
  var values = [0.1, 1e-300, -2.5e300, .leastNonzeroMagnitude, 1.7976931348623157e308, 3, -0.0, 0.30000000000000004, 123456789012345.6]
  for _ in 0..<2000 {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    let x = Double(bitPattern: state)
    if x.isFinite { values.append(x) }
  }
  let text = try JSON.array(values.map { .number($0) }).serialized()
  let parsed = try JSONParser.parse(Array(text.utf8))
  guard case .array(let items) = parsed else {
    Issue.record("not an array")
    return
  }
  for (item, x) in zip(items, values) {
    guard case .number(let y) = item else {
      Issue.record("not a number")
      continue
    }
    #expect(y.bitPattern == x.bitPattern, "\(x) came back as \(y)")
  }
}

@Test func objectsKeepTheirKeyOrderAndStringsTheirCharacters() throws {
  let value = JSON.object([("z", .number(1)), ("a", .string("quote \" backslash \\ tab \t é 🙂")), ("m", .null), ("b", .bool(false))])
  let text = try value.serialized()
  #expect(text.firstRange(of: "\"z\"")!.lowerBound < text.firstRange(of: "\"a\"")!.lowerBound)
  #expect(try JSONParser.parse(Array(text.utf8)) == value)
  #expect(try JSONParser.parse(Array(#"["\u00e9\ud83d\ude42"]"#.utf8)) == .array([.string("é🙂")]))
}

@Test func nonFiniteNumbersAreRefusedNamingTheField() {
  #expect(throws: ModelFileError.nonFinite(field: "parameters.intercept")) {
    try JSON.object([("parameters", .object([("intercept", .number(.nan))]))]).serialized()
  }
  // Every JSON output (a segment table too) goes through here: the message must not claim a model file.
  #expect(ModelFileError.nonFinite(field: "scoreRanges.timeSinceLastPurchase[1][0]").description
    == "cannot write JSON: scoreRanges.timeSinceLastPurchase[1][0] is not a finite number (JSON holds no NaN or ∞)")
}

@Test(arguments: [
  ("{\"a\": [1, 2", 1, 12, "unexpected end of file"),
  ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'"),
  ("{\"a\": 01}", 1, 7, "leading zero"),
  ("{\"a\": 1} x", 1, 10, "unexpected text"),
  ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate member"),
  ("[tru]", 1, 5, "expected true"),
])
func parseErrorsSayWhereAndWhat(_ text: String, _ line: Int, _ column: Int, _ message: String) {
  do {
    _ = try JSONParser.parse(Array(text.utf8))
    Issue.record("expected a parse error for \(text)")
  } catch {
    #expect(error.line == line && error.column == column, "at \(error.line):\(error.column)")
    #expect(error.message.contains(message), "\(error.message)")
  }
}
