/// A column of text cells.
public struct TextColumn: Sendable {
  /// One entry per row; nil where the cell was empty.
  public var values: [String?]

  /// A column holding `values`.
  public init(_ values: [String?]) {
    self.values = values
  }

  /// The number of rows.
  public var count: Int { values.count }
}
