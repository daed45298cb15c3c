extension Table {
  /// The table with one more numeric column at the end (a derived feature, a
  /// weight), keeping every row's file line for later messages.
  /// - Throws: `DataError` when the name is taken or the length differs.
  public func adding(numeric name: String, values: [Double]) throws(DataError) -> Table {
    guard index(of: name) == nil else {
      throw DataError(file: source, message: "cannot add column \"\(name)\": the table already has one")
    }
    guard values.count == rowCount else {
      throw DataError(file: source, message: "cannot add column \"\(name)\": \(values.count) values for \(rowCount) rows")
    }
    return Table(
      source: source, columnNames: columnNames + [name], columns: columns + [.numeric(NumericColumn(values))],
      fieldIndices: fieldIndices + [(fieldIndices.max() ?? -1) + 1], headerLine: headerLine,
      rowLines: rowLines, rowCount: rowCount)
  }
}
