import Foundation
import Testing

/// One malformed input: what `cvw fit` must say about it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
  var name: String
  var contents: [UInt8]?  // nil: the file does not exist
  var arguments: [String] = []
  var message: String
  var testDescription: String { name }
}

private let header = "id,frequency,recency,bought\n"

private let cases: [MalformedCase] = [
  MalformedCase(name: "empty file", contents: [], message: "data.csv: the file is empty: expected a header line"),
  MalformedCase(name: "header only", contents: Array(header.utf8), message: "no data rows"),
  MalformedCase(name: "missing target column", contents: Array((header + "1,2,3,1\n2,0,0,0\n").utf8),
                arguments: ["--target", "churned"], message: "churned"),
  MalformedCase(name: "missing feature column", contents: Array((header + "1,2,3,1\n2,0,0,0\n").utf8),
                arguments: ["--target", "bought", "--features", "frequency,monetary"], message: "monetary"),
  MalformedCase(name: "text in a numeric column", contents: Array((header + "1,2,3,1\n2,0,0,0\n3,abc,0,1\n4,1,2,0\n5,1,1,1\n").utf8),
                message: "data.csv:4:2: column 'frequency': expected a number, found \"abc\""),
  MalformedCase(name: "NaN", contents: Array((header + "1,2,3,1\n2,NaN,0,0\n").utf8),
                message: "data.csv:3:2: column 'frequency': expected a finite number, found \"NaN\""),
  MalformedCase(name: "infinity", contents: Array((header + "1,2,3,1\n2,1,-inf,0\n").utf8),
                message: "data.csv:3:3: column 'recency': expected a finite number, found \"-inf\""),
  MalformedCase(name: "ragged row", contents: Array((header + "1,2,3,1\n2,0,0\n").utf8),
                message: "data.csv:3: expected 4 fields, found 3"),
  MalformedCase(name: "unterminated quote", contents: Array((header + "1,2,3,1\n2,\"0,0,0\n3,1,1,1\n").utf8),
                message: "data.csv:3:2: column 'frequency': quoted field is not closed before the end of the file"),
  MalformedCase(name: "three classes", contents: Array((header + "1,2,3,1\n2,0,0,0\n3,1,1,2\n").utf8),
                message: "data.csv:4:4: column 'bought': expected two classes, found a third: \"2\""),
  MalformedCase(name: "constant target", contents: Array((header + "1,2,3,1\n2,0,0,1\n").utf8),
                message: "the target has only one class (\"1\")"),
  MalformedCase(name: "duplicate header names", contents: Array("id,frequency,frequency,bought\n1,2,3,1\n".utf8),
                message: "data.csv:1: column \"frequency\" appears twice (fields 2 and 3)"),
  MalformedCase(name: "missing file", contents: nil, message: "cannot open \"data.csv\": No such file or directory"),
  MalformedCase(name: "binary garbage", contents: [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFE, 0x00, 0x41, 0x0A, 0x00, 0x13],
                message: "data.csv:1:1: not a text file: invalid UTF-8 (byte 0x8B)"),
]

@Test(arguments: cases)
func malformedTrainingDataIsRefusedWithItsLocation(_ c: MalformedCase) throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  if let contents = c.contents { try cli.write("data.csv", bytes: contents) }
  let arguments = c.arguments.isEmpty ? ["--target", "bought", "--exclude", "id"] : c.arguments
  let fit = try cli.run(["fit", "logistic", "data.csv"] + arguments + ["-o", "model.json"])
  #expect(fit.status == 2, "status \(fit.status): \(fit.stderr)")
  #expect(fit.stderr.hasPrefix("cvw: error: "), "\(fit.stderr)")
  #expect(fit.stderr.contains(c.message), "\(fit.stderr)")
  #expect(fit.stderr.split(separator: "\n").count == 1, "one line: \(fit.stderr)")
  #expect(try cli.files() == (c.contents == nil ? [] : ["data.csv"]), "nothing written")
}

@Test func scoringRefusesBadRowsAndLeavesNoOutput() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("train.csv", header + "1,2,3,1\n2,0,0,0\n3,1,1,1\n4,0,2,0\n5,3,1,1\n6,1,4,0\n")
  #expect(try cli.run("fit", "logistic", "train.csv", "--target", "bought", "--exclude", "id", "--penalty", "l2", "-o", "m.json").status == 0)
  // A bad cell far down the file, after many chunks were already written.
  var rows = "id,frequency,recency\n"
  for i in 0..<5000 { rows += "\(i),\(i % 7),\(i % 5)\n" }
  rows += "5000,x,1\n"
  try cli.write("new.csv", rows)
  let score = try cli.run("score", "m.json", "new.csv", "--id", "id", "--chunk-rows", "100", "-o", "out.csv")
  #expect(score.status == 2)
  #expect(score.stderr.contains("new.csv:5002:2: column 'frequency': expected a number, found \"x\""), "\(score.stderr)")
  #expect(try cli.files() == ["m.json", "new.csv", "train.csv"])
  // Scoring data without a model feature.
  try cli.write("lacking.csv", "id,frequency\n1,2\n")
  let lacking = try cli.run("score", "m.json", "lacking.csv", "-o", "out.csv")
  #expect(lacking.status == 2)
  #expect(lacking.stderr.contains("lacking.csv:1: lacks the model's input 'recency'"), "\(lacking.stderr)")
  #expect(!cli.exists("out.csv"))
}

@Test func damagedModelFilesAreRefusedByEveryCommand() throws {
  let cli = try CommandRunner()
  defer { cli.cleanUp() }
  try cli.write("train.csv", header + "1,2,3,1\n2,0,0,0\n3,1,1,1\n4,0,2,0\n5,3,1,1\n6,1,4,0\n")
  #expect(try cli.run("fit", "logistic", "train.csv", "--target", "bought", "--exclude", "id", "--penalty", "l2", "-o", "m.json").status == 0)
  let text = try String(contentsOfFile: cli.path("m.json"), encoding: .utf8)
  try cli.write("truncated.json", String(text.prefix(text.count / 2)))
  for command in [["inspect", "truncated.json"], ["score", "truncated.json", "train.csv"]] {
    let outcome = try cli.run(command)
    #expect(outcome.status == 2)
    #expect(outcome.stderr.contains("truncated.json:"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("unexpected end of file"), "\(outcome.stderr)")
  }
}
