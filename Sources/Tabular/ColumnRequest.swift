/// How `CSVReader.read(_:requests:)` should read and store one column.
public struct ColumnRequest: Sendable, Equatable {
  /// The header name of the column.
  public let name: String
  let mode: ColumnBuffer.Mode

  private init(_ name: String, _ mode: ColumnBuffer.Mode) {
    self.name = name
    self.mode = mode
  }

  /// Numbers or text, as the whole-file reader infers (`Column.numeric` or
  /// `Column.text`).
  public static func inferred(_ name: String) -> ColumnRequest { ColumnRequest(name, .infer) }

  /// Finite numbers, every cell present (`Column.numeric`).
  public static func number(_ name: String) -> ColumnRequest { ColumnRequest(name, .number) }

  /// Text, empty cells allowed (`Column.text`).
  public static func text(_ name: String) -> ColumnRequest { ColumnRequest(name, .text) }

  /// Calendar dates or ISO date-times as day numbers, every cell present
  /// (`Column.date`; see `CalendarDate` for the forms).
  public static func date(_ name: String) -> ColumnRequest { ColumnRequest(name, .date) }

  /// Identifiers, dictionary-encoded in order of first appearance, every
  /// cell present (`Column.key`).
  public static func key(_ name: String) -> ColumnRequest { ColumnRequest(name, .key) }
}
