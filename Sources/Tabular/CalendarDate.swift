/// Calendar dates as day numbers: the count of days from 1970-01-01 in the
/// proleptic Gregorian calendar (1970-01-02 is 1, 1969-12-31 is −1), so that
/// the days between two dates are a subtraction.
///
/// Text forms accepted (ISO 8601 extended format, years 0000–9999):
///
///     YYYY-MM-DD                                  1997-01-01
///     YYYY-MM-DD(T|t| )hh:mm[:ss[.fraction]][zone]  1997-01-01T13:45:00.250+02:00
///
/// where the zone is `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`. A date-time
/// counts on its calendar day *in the time it is written in*: the clock time
/// and the offset are checked but do not move the day
/// (`1997-01-01T23:30:00-05:00` is 1997-01-01, not 1997-01-02 in UTC), which
/// is what a transaction log's reader means by "the day of the purchase".
/// Spaces or tabs around the text are allowed, as around numbers.
public enum CalendarDate {
  /// What a date cell must hold, for error messages.
  public static let expectation = "expected a date YYYY-MM-DD or an ISO date-time"

  /// The day number of the proleptic Gregorian date `year-month-day`
  /// (Howard Hinnant, "chrono-compatible low-level date algorithms",
  /// `days_from_civil`):
  ///
  ///     y' = year − [month ≤ 2],  era = ⌊y' / 400⌋,  yoe = y' − 400·era
  ///     doy = ⌊(153·((month + 9) mod 12) + 2) / 5⌋ + day − 1     (March = 0)
  ///     doe = 365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋ + doy
  ///     days = 146097·era + doe − 719468
  ///
  /// Counting years from March puts the leap day last, so the day of the
  /// year needs no leap-year test. Valid for every year, negative included;
  /// the arguments are not checked (see `isValid`).
  public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date of a day number: the inverse of
  /// `dayNumber(year:month:day:)` (Hinnant's `civil_from_days`).
  public static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153  // March = 0
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Whether `year` has a 29 February: divisible by 4, and not by 100 unless
  /// by 400 (so 2000 is a leap year and 1900 is not).
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1–12) of `year`.
  public static func daysInMonth(_ month: Int, of year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Whether `year-month-day` names a day of the calendar.
  public static func isValid(year: Int, month: Int, day: Int) -> Bool {
    (1...12).contains(month) && day >= 1 && day <= daysInMonth(month, of: year)
  }

  /// The day number of a date or date-time text (see the type's
  /// documentation for the forms), nil when it is not one.
  public static func dayNumber(_ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return nil }
      return parse(base, 0, bytes.count)
    }
  }

  /// The day number of a text cell, or a `DataError` at the cell: `missing
  /// value` for nil, else `expected a date YYYY-MM-DD or an ISO date-time,
  /// found "1997-13-01"`.
  public static func dayNumber(_ cell: String?, file: String, line: Int, column: Int?, columnName: String?) throws(DataError) -> Int32 {
    guard let cell else {
      throw DataError(file: file, line: line, column: column, columnName: columnName, message: "missing value")
    }
    guard let day = dayNumber(cell) else {
      throw DataError(file: file, line: line, column: column, columnName: columnName,
                      message: "\(expectation), found \(quotedForMessage(cell, limit: cellLimit))")
    }
    return day
  }

  /// `YYYY-MM-DD` for a day number (years outside 0–9999 keep their sign
  /// and digits).
  public static func format(_ dayNumber: Int32) -> String {
    let (year, month, day) = civil(Int(dayNumber))
    func padded(_ n: Int, _ width: Int) -> String {
      let digits = String(n.magnitude)
      return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
  }

  /// Parses `bytes[start..<end]`; nil when it is not a date or date-time.
  /// Reads no byte outside the range.
  @inline(__always)
  static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
    var i = start
    var e = end
    while i < e && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
    while e > i && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
    guard e - i >= 10, bytes[i + 4] == 0x2D, bytes[i + 7] == 0x2D,
          let year = digits(bytes, i, 4), let month = digits(bytes, i + 5, 2), let day = digits(bytes, i + 8, 2),
          isValid(year: year, month: month, day: day)
    else { return nil }
    if e - i > 10 {
      guard validTime(bytes, i + 10, e) else { return nil }
    }
    return Int32(dayNumber(year: year, month: month, day: day))
  }

  /// Whether `bytes[i..<end]` is a separator, a clock time and an optional
  /// zone: `Thh:mm[:ss[.f…]][Z|±hh[:]mm|±hh]`.
  private static func validTime(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    let separator = bytes[i]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else { return false }
    i += 1
    guard end - i >= 5, bytes[i + 2] == UInt8(ascii: ":"),
          let hour = digits(bytes, i, 2), hour < 24, let minute = digits(bytes, i + 3, 2), minute < 60
    else { return false }
    i += 5
    if i < end && bytes[i] == UInt8(ascii: ":") {
      // 60 is a leap second.
      guard end - i >= 3, let second = digits(bytes, i + 1, 2), second <= 60 else { return false }
      i += 3
      if i < end && bytes[i] == UInt8(ascii: ".") {
        i += 1
        let fractionStart = i
        while i < end && bytes[i] &- 0x30 < 10 { i += 1 }
        guard i > fractionStart else { return false }
      }
    }
    if i == end { return true }
    switch bytes[i] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      return i + 1 == end
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      i += 1
      guard end - i >= 2, let hours = digits(bytes, i, 2), hours < 24 else { return false }
      i += 2
      if i == end { return true }
      if bytes[i] == UInt8(ascii: ":") { i += 1 }
      guard end - i == 2, let minutes = digits(bytes, i, 2), minutes < 60 else { return false }
      return true
    default:
      return false
    }
  }

  /// The value of the `count` decimal digits at `bytes[i...]`, nil if any is
  /// not a digit.
  @inline(__always)
  private static func digits(_ bytes: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
    var value = 0
    for k in i..<(i + count) {
      let d = bytes[k] &- 0x30
      guard d < 10 else { return nil }
      value = value * 10 + Int(d)
    }
    return value
  }
}
