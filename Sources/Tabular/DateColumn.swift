/// A column of calendar dates, one day number per row (days from
/// 1970-01-01; see `CalendarDate`), read with `ColumnRequest.date`.
///
/// Dates are parsed straight from the file's bytes, so a column of ten
/// million dates costs 40 MB and no `String`s.
public struct DateColumn: Sendable {
  /// One day number per row.
  public var days: [Int32]

  /// A column holding `days`.
  public init(_ days: [Int32]) {
    self.days = days
  }

  /// The number of rows.
  public var count: Int { days.count }

  /// Each row's date as `YYYY-MM-DD` (a date-time in the file gives back its
  /// date only).
  public var texts: [String?] {
    days.map { CalendarDate.format($0) }
  }
}
