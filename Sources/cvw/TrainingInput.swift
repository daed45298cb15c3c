import Foundation
import ModelStore
import NumericCore
import Tabular

/// Reads a training table and starts its fingerprint. The reading uses every
/// core, the fits mostly one, so a file is hashed once it has been read, on
/// another core while the fit runs; stdin can only be hashed as it is read.
func readTrainingTable(_ path: String) throws -> (Table, TrainingFingerprint) {
  let digest = BackgroundResult<String>()
  ProgressMeter.process.beginReading(path)
  defer { ProgressMeter.process.begin("fitting", unit: .elapsed) }
  if path == "-" {
    var hash = SHA256()
    let table = try CSVReader.read(path, inspectingBytes: { hash.update($0) })
    digest.set(.success(hash.hexDigest()))
    return (table, TrainingFingerprint(source: table.source, digest: digest))
  }
  let table = try CSVReader.read(path)
  DispatchQueue.global().async { digest.set(Result { try SHA256.hexDigest(ofFile: path) }) }
  return (table, TrainingFingerprint(source: table.source, digest: digest))
}

/// The provenance of a training table, its SHA-256 still being computed.
struct TrainingFingerprint {
  let source: String
  let digest: BackgroundResult<String>

  func get(rows: Int) throws -> TrainingProvenance {
    TrainingProvenance(source: source, rows: rows, sha256: try digest.wait())
  }
}

/// The model file's time stamp: `SOURCE_DATE_EPOCH` when set, else now.
func createdAt() throws -> String {
  try ModelFile.timestamp(sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
}

/// A value computed on another thread, waited for once.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
  // @unchecked: `value` is written once before `ready` is signalled and read
  // only after waiting for it.
  private var value: Result<Value, Error>?
  private let ready = DispatchSemaphore(value: 0)

  func set(_ result: Result<Value, Error>) {
    value = result
    ready.signal()
  }

  func wait() throws -> Value {
    ready.wait()
    ready.signal()
    return try value!.get()
  }
}
