import Foundation

/// Runs the built `cvw` binary as a user would, in a fresh directory.
struct CommandRunner {
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The `cvw` executable next to the test bundle (same build configuration).
  static let executable: URL = {
    var directory = Bundle.main.bundleURL
    while !directory.path.isEmpty, directory.path != "/" {
      let candidate = directory.appendingPathComponent("cvw")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
        return candidate
      }
      directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cvw")
  }()

  /// A scratch directory, removed by `cleanUp()`.
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("cvw-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Writes `contents` to a file in the scratch directory and returns its path.
  @discardableResult
  func write(_ name: String, _ contents: String) throws -> String {
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path(name)))
    return path(name)
  }

  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
    return path(name)
  }

  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

  /// Files in the scratch directory (to check that nothing partial is left).
  func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }

  /// Runs `cvw` with `arguments`; `environment` adds to (or overrides) this
  /// process's variables.
  func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = arguments
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory
    // Output goes to files outside the scratch directory (which tests list),
    // so that no pipe can fill up and block the child.
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("cvw-capture-\(UUID().uuidString)")
    let outURL = capture.appendingPathExtension("out"), errURL = capture.appendingPathExtension("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Outcome(
      status: process.terminationStatus,
      stdout: try String(contentsOf: outURL, encoding: .utf8),
      stderr: try String(contentsOf: errURL, encoding: .utf8))
  }

  func run(_ arguments: String..., stdin: String? = nil) throws -> Outcome { try run(arguments, stdin: stdin) }
}
