import NumericCore
import Foundation
@testable import Tabular

/// A fresh temporary directory per test, removed when the value is released.
final class TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "tabular-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` in the directory and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) -> String {
    let target = path + "/" + name
    _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
    return target
  }

  /// Writes `text` (UTF-8) to `name` in the directory and returns its path.
  func file(_ name: String, _ text: String) -> String {
    file(name, Array(text.utf8))
  }

  /// Names of the files in the directory.
  var contents: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? []
  }
}


/// The error a throwing call raised, as a `DataError`.
func dataError(_ body: () throws -> Void) -> DataError? {
  do {
    try body()
    return nil
  } catch let error as DataError {
    return error
  } catch {
    return nil
  }
}

/// Reads `text` as a CSV file in a temporary directory.
func readCSV(_ text: String, columns: [String]? = nil) throws -> Table {
  let directory = TemporaryDirectory()
  return try CSVReader.read(directory.file("data.csv", text), columns: columns)
}

/// Parses `text` with the reader's number rules.
func parseNumber(_ text: String) -> Double? {
  NumberParsing.parse(text)?.value
}

/// The exact decimal expansion of k·2^e (as `strtod` would need to see a
/// tie), computed with base-10⁹ limbs.
func exactDecimal(_ k: UInt64, timesTwoToThe e: Int) -> String {
  // Little-endian limbs of 10⁹.
  var limbs: [UInt64] = [k % 1_000_000_000, (k / 1_000_000_000) % 1_000_000_000, k / 1_000_000_000_000_000_000]
  func multiply(_ factor: UInt64) {
    var carry: UInt64 = 0
    for i in limbs.indices {
      let product = limbs[i] * factor + carry
      limbs[i] = product % 1_000_000_000
      carry = product / 1_000_000_000
    }
    while carry > 0 {
      limbs.append(carry % 1_000_000_000)
      carry /= 1_000_000_000
    }
  }
  // k·2^e = k·5^(−e) / 10^(−e) for e < 0.
  let fractionDigits = max(0, -e)
  for _ in 0..<abs(e) { multiply(e >= 0 ? 2 : 5) }
  while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
  var digits = String(limbs.last ?? 0)
  for limb in limbs.dropLast().reversed() {
    let part = String(limb)
    digits += String(repeating: "0", count: 9 - part.count) + part
  }
  if fractionDigits == 0 { return digits }
  if digits.count <= fractionDigits {
    digits = String(repeating: "0", count: fractionDigits - digits.count + 1) + digits
  }
  let point = digits.index(digits.endIndex, offsetBy: -fractionDigits)
  return String(digits[..<point]) + "." + String(digits[point...])
}
