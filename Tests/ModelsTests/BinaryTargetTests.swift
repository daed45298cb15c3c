import Foundation
import Tabular
import Testing

@testable import Models

private func table(_ csv: String) throws -> Table {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("target-\(UUID().uuidString).csv").path
  try csv.write(toFile: path, atomically: true, encoding: .utf8)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try CSVReader.read(path)
}

@Test func numericTargetsTakeTheLargerValueAsPositive() throws {
  let (target, y) = try BinaryTarget.encode(try table("x,y\n1,1\n2,0.0\n3,1.0\n"), column: "y", positive: nil)
  #expect(target.positive == "1" && target.negative == "0.0")
  #expect(y == [1, 0, 1])
  let (flipped, z) = try BinaryTarget.encode(try table("x,y\n1,1\n2,0\n"), column: "y", positive: "0")
  #expect(flipped.positive == "0")
  #expect(z == [0, 1])
}

@Test func labelTargetsTakeTheLastSortedLabelAsPositive() throws {
  let (target, y) = try BinaryTarget.encode(try table("x,churned\n1,yes\n2,no\n3,yes\n"), column: "churned", positive: nil)
  #expect(target.positive == "yes")
  #expect(y == [1, 0, 1])
}

@Test func aThirdClassIsReportedAtItsLine() throws {
  #expect {
    try BinaryTarget.encode(try table("x,y\n1,0\n2,1\n3,2\n"), column: "y", positive: nil)
  } throws: { error in
    guard let e = error as? DataError else { return false }
    return e.line == 4 && e.column == 2 && e.message.contains("found a third: \"2\"")
  }
}

@Test func aConstantTargetIsReported() throws {
  #expect {
    try BinaryTarget.encode(try table("x,y\n1,0\n2,0\n"), column: "y", positive: nil)
  } throws: { error in
    (error as? DataError)?.message.contains("only one class (\"0\")") ?? false
  }
}

@Test func anUnknownPositiveLabelIsReported() throws {
  #expect(throws: DataError.self) {
    try BinaryTarget.encode(try table("x,y\n1,a\n2,b\n"), column: "y", positive: "c")
  }
}
