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

extension BinaryTarget {
  /// Reads a two-class column as 0/1 outcomes (1 = positive).
  static func encode(_ table: Table, column name: String, positive: String?) throws(DataError) -> (BinaryTarget, [Double]) {
    let texts = try table.strings(name)
    let columnNumber = table.index(of: name).map { $0 + 1 }
    func fault(_ row: Int?, _ message: String) -> DataError {
      DataError(file: table.source, line: row.map(table.line(ofRow:)), column: columnNumber, columnName: name, message: message)
    }
    // Numeric targets compare as numbers (so "1" and "1.0" are one class).
    let numbers: [Double]? = {
      if let k = table.index(of: name), case .numeric = table.columns[k] { return try? table.numeric(name) }
      return nil
    }()
    var labels = [String](), keys = [Double](), firstRow = [Int]()
    var codes = [Int](repeating: 0, count: texts.count)
    for (i, text) in texts.enumerated() {
      guard let text, !text.isEmpty else { throw fault(i, "missing target value") }
      let k: Int
      if let numbers {
        if let found = keys.firstIndex(of: numbers[i]) { k = found } else { k = keys.count; keys.append(numbers[i]) }
      } else {
        if let found = labels.firstIndex(of: text) { k = found } else { k = labels.count }
      }
      if k == labels.count {
        guard labels.count < 2 else {
          throw fault(i, "expected two classes, found a third: \"\(text)\" (after \"\(labels[0])\" and \"\(labels[1])\")")
        }
        labels.append(text)
        firstRow.append(i)
      }
      codes[i] = k
    }
    guard labels.count == 2 else {
      throw fault(nil, texts.isEmpty
        ? "no data rows: the target has no classes"
        : "the target has only one class (\"\(labels[0])\") in \(texts.count) rows: a binary model needs two")
    }
    let positiveIndex: Int
    if let positive {
      let match = labels.indices.first { k in
        if let numbers, let value = Double(positive) { return numbers[firstRow[k]] == value }
        return labels[k] == positive
      }
      guard let match else {
        throw fault(nil, "--positive \"\(positive)\" is not a class of the target; classes are \"\(labels[0])\" and \"\(labels[1])\"")
      }
      positiveIndex = match
    } else if let numbers {
      positiveIndex = numbers[firstRow[1]] > numbers[firstRow[0]] ? 1 : 0
    } else {
      positiveIndex = labels[1] > labels[0] ? 1 : 0
    }
    let target = BinaryTarget(column: name, positive: labels[positiveIndex], negative: labels[1 - positiveIndex])
    return (target, codes.map { $0 == positiveIndex ? 1 : 0 })
  }
}
