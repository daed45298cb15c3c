import Foundation
import NumericCore
import Tabular

extension LogisticRegression.Training {
  /// Training data from a table.
  ///
  /// - Parameters:
  ///   - target: a column with exactly two distinct values: numbers (0/1,
  ///     1/2, …) or labels (yes/no, …).
  ///   - positive: the label of the positive class; by default the larger
  ///     number, or for labels the one that sorts last (scikit-learn's
  ///     `classes_[1]`).
  ///   - features: the feature columns, in order; by default every numeric
  ///     column except the target, the weight and `exclude`.
  ///   - weight: a column of non-negative sample weights.
  /// - Throws: `DataError` naming file, line and column: a missing column, a
  ///   non-numeric or missing feature cell, a third class, a single class, a
  ///   negative weight.
  public init(
    table: Table, target: String, positive: String? = nil, features: [String]? = nil,
    exclude: [String] = [], weight: String? = nil
  ) throws(DataError) {
    let (encoding, outcomes) = try BinaryTarget.encode(table, column: target, positive: positive)
    let names: [String]
    if let features {
      names = features
    } else {
      let skipped = Set([target] + exclude + (weight.map { [$0] } ?? []))
      var numeric = [String]()
      for (j, name) in table.columnNames.enumerated() where !skipped.contains(name) {
        if case .numeric = table.columns[j] {
          numeric.append(name)
        } else if try Self.looksNumeric(table, name) {
          // A numeric column with a few bad cells must not drop out of the
          // model silently: report the first bad cell.
          _ = try table.numeric(name)
        }
      }
      names = numeric
      for name in exclude where table.index(of: name) == nil {
        throw DataError(file: table.source, line: 1, message:
          "--exclude names no column \"\(name)\"; columns are \(table.columnNames.joined(separator: ", "))")
      }
    }
    if let twice = names.indices.first(where: { names[..<$0].contains(names[$0]) }) {
      throw DataError(file: table.source, columnName: names[twice], message: "feature '\(names[twice])' is listed twice")
    }
    if let clash = names.first(where: { $0 == target || $0 == weight }) {
      throw DataError(file: table.source, columnName: clash, message: "column '\(clash)' cannot be both a feature and the \(clash == target ? "target" : "weight")")
    }
    guard !names.isEmpty else {
      throw DataError(file: table.source, message: "no numeric feature columns besides the target '\(target)': name them with --features")
    }
    let n = table.rowCount
    var design = Matrix(rows: n, columns: names.count + 1, repeating: 1)
    for (j, name) in names.enumerated() {
      let column = try table.numeric(name)
      design.elements.replaceSubrange(((j + 1) * n)..<((j + 2) * n), with: column)
    }
    var weights: [Double]? = nil
    if let weight {
      let w = try table.numeric(weight)
      if let bad = w.firstIndex(where: { $0 < 0 }) {
        throw DataError(
          file: table.source, line: table.line(ofRow: bad), column: table.index(of: weight).map { $0 + 1 },
          columnName: weight, message: "expected a non-negative weight, found \(w[bad])")
      }
      guard w.contains(where: { $0 > 0 }) else {
        throw DataError(file: table.source, columnName: weight, message: "every weight in column '\(weight)' is zero")
      }
      weights = w
    }
    self.init(design: design, featureNames: names, outcomes: outcomes, sampleWeights: weights, target: encoding)
  }
}

extension LogisticRegression.Training {
  /// Whether most non-empty cells of a text column are numbers.
  static func looksNumeric(_ table: Table, _ name: String) throws(DataError) -> Bool {
    var numbers = 0, texts = 0
    for case let cell? in try table.strings(name) where !cell.isEmpty {
      if Double(cell.trimmingCharacters(in: .whitespaces)) != nil { numbers += 1 } else { texts += 1 }
    }
    return numbers > texts
  }
}

extension LogisticRegression.Training {
  /// The training data restricted to `rows` (0-based, in the order given):
  /// a cross-validation fold.
  public func subset(_ rows: [Int]) -> LogisticRegression.Training {
    let n = rowCount, p = design.columns
    var elements = [Double](repeating: 0, count: rows.count * p)
    design.elements.withUnsafeBufferPointer { x in
      elements.withUnsafeMutableBufferPointer { out in
        // One column per chunk: a gather each, in parallel.
        let (x, out) = (UncheckedSendable(x), UncheckedSendable(out))
        ParallelChunks.forEach(chunkCount: p) { j in
          let column = x.value.baseAddress! + j * n
          let target = out.value.baseAddress! + j * rows.count
          for (k, i) in rows.enumerated() { target[k] = column[i] }
        }
      }
    }
    return LogisticRegression.Training(
      design: Matrix(rows: rows.count, columns: p, columnMajor: elements), featureNames: featureNames,
      outcomes: rows.map { outcomes[$0] }, sampleWeights: sampleWeights.map { w in rows.map { w[$0] } }, target: target)
  }
}
