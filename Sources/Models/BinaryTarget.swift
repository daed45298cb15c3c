import Tabular

/// What the target column's labels mean: which one is the positive class.
public struct BinaryTarget: Sendable, Equatable {
  public var column: String
  public var positive: String
  public var negative: String
  public init(column: String, positive: String, negative: String) {
    self.column = column
    self.positive = positive
    self.negative = negative
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
