import NumericCore
import Testing
@testable import Tabular

@Suite struct CalendarDateTests {
  @Test func dayNumbersMatchPythonsProlepticOrdinals() {
    // date(y, m, d).toordinal() − date(1970, 1, 1).toordinal() in Python 3.
    let reference: [(Int, Int, Int, Int)] = [
      (1, 1, 1, -719_162), (1600, 2, 29, -135_081), (1900, 3, 1, -25_508), (1969, 12, 31, -1), (1970, 1, 1, 0),
      (1997, 1, 1, 9862), (1997, 9, 30, 10_134), (1998, 6, 30, 10_407), (2000, 2, 29, 11_016), (2000, 3, 1, 11_017),
      (9999, 12, 31, 2_932_896),
    ]
    for (y, m, d, expected) in reference {
      #expect(CalendarDate.dayNumber(year: y, month: m, day: d) == expected, "\(y)-\(m)-\(d)")
      #expect(CalendarDate.civil(expected) == (y, m, d), "\(expected)")
    }
  }

  @Test func consecutiveDaysHaveConsecutiveNumbers() {
    // Walks 0001-01-01 … 9999-12-31 with the month lengths: an independent
    // check of every day of days_from_civil and civil_from_days.
    var expected = CalendarDate.dayNumber(year: 1, month: 1, day: 1)
    for year in 1...9999 {
      for month in 1...12 {
        for day in 1...CalendarDate.daysInMonth(month, of: year) {
          guard CalendarDate.dayNumber(year: year, month: month, day: day) == expected,
                CalendarDate.civil(expected) == (year, month, day)
          else {
            Issue.record("\(year)-\(month)-\(day) is not day \(expected)")
            return
          }
          expected += 1
        }
      }
    }
    #expect(expected - 1 == 2_932_896)
  }

  @Test func leapYearsFollowTheGregorianRule() {
    #expect(CalendarDate.isLeapYear(1996))
    #expect(!CalendarDate.isLeapYear(1997))
    #expect(!CalendarDate.isLeapYear(1900))  // divisible by 100, not by 400
    #expect(CalendarDate.isLeapYear(2000))  // divisible by 400
    #expect(!CalendarDate.isLeapYear(2100))
    #expect(CalendarDate.dayNumber("2000-02-29") == 11_016)
    #expect(CalendarDate.dayNumber("1996-02-29") != nil)
    #expect(CalendarDate.dayNumber("1900-02-29") == nil)
    #expect(CalendarDate.dayNumber("1997-02-29") == nil)
    #expect(CalendarDate.dayNumber("2100-02-29") == nil)
    // The day after 28 February is 1 March except in leap years.
    #expect(CalendarDate.dayNumber("1900-03-01")! - CalendarDate.dayNumber("1900-02-28")! == 1)
    #expect(CalendarDate.dayNumber("2000-03-01")! - CalendarDate.dayNumber("2000-02-28")! == 2)
  }

  @Test(arguments: [
    "1997-01-01", "1997-01-01T13:45", "1997-01-01T13:45:00", "1997-01-01t13:45:00", "1997-01-01 13:45:00",
    "1997-01-01T13:45:00.5", "1997-01-01T13:45:00.123456789", "1997-01-01T13:45:00Z", "1997-01-01T13:45:00z",
    "1997-01-01T23:59:59+02:00", "1997-01-01T00:00:00-05:00", "1997-01-01T13:45:00.25+0530", "1997-01-01T13:45-08",
    "1997-01-01T23:59:60Z", " 1997-01-01 ", "\t1997-01-01T00:00\t",
  ])
  func isoFormsCountOnTheDayTheyAreWrittenIn(_ text: String) {
    // 1997-01-01T23:59:59+02:00 is 1997-01-01 21:59 UTC and
    // 1997-01-01T00:00:00-05:00 is 05:00 UTC: the written day either way.
    #expect(CalendarDate.dayNumber(text) == 9862)
  }

  @Test(arguments: [
    "", " ", "1997-13-01", "1997-00-10", "1997-01-00", "1997-01-32", "1997-04-31", "97-01-01", "1997/01/01",
    "19970101", "1997-1-1", "1997-01-1", "+1997-01-01", "-001-01-01", "1997-01-01x", "1997-01-01T", "1997-01-01T13",
    "1997-01-01T24:00", "1997-01-01T12:60", "1997-01-01T12:00:61", "1997-01-01T12:00:00.", "1997-01-01T12:00:0",
    "1997-01-01T12:00Zx", "1997-01-01T12:00+2", "1997-01-01T12:00+02:0", "1997-01-01T12:00+24:00",
    "1997-01-01T12:00+02:60", "1997-01-01T1:00", "1997-01-01 x", "1997-01-01\u{00A0}", "abc", "١٩٩٧-٠١-٠١",
  ])
  func nonDatesAreRefused(_ text: String) {
    #expect(CalendarDate.dayNumber(text) == nil, "\(text)")
  }

  @Test func formatIsTheInverseOfParsing() {
    for day: Int32 in [-719_162, -135_081, -1, 0, 9862, 11_016, 2_932_896] {
      #expect(CalendarDate.dayNumber(CalendarDate.format(day)) == day)
    }
    #expect(CalendarDate.format(9862) == "1997-01-01")
    #expect(CalendarDate.format(-719_162) == "0001-01-01")
  }

  @Test func cellErrorsNameTheirLocation() {
    let error = dataError {
      _ = try CalendarDate.dayNumber("1997-13-01", file: "tx.csv", line: 7, column: 2, columnName: "date")
    }
    #expect(error?.description == "tx.csv:7:2: column 'date': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-13-01\"")
    let missing = dataError { _ = try CalendarDate.dayNumber(nil, file: "tx.csv", line: 3, column: 2, columnName: "date") }
    #expect(missing?.description == "tx.csv:3:2: column 'date': missing value")
  }
}

@Suite struct DateAndKeyColumnTests {
  private let log = "customer,date,amount\nb,1997-01-03,1.5\na,1997-01-01T10:00:00Z,2\nb,1997-01-02,3\n\"c,d\",1997-01-02,4\n\"e\"\"f\",1997-01-04,5\n"

  @Test func requestedColumnsAreParsedFromTheBytes() throws {
    let directory = TemporaryDirectory()
    let table = try CSVReader.read(directory.file("tx.csv", log), requests: [.key("customer"), .date("date"), .number("amount")])
    #expect(table.columnNames == ["customer", "date", "amount"])
    guard case .key(let keys) = table.columns[0], case .date(let dates) = table.columns[1] else {
      Issue.record("expected key and date columns")
      return
    }
    #expect(keys.keys == ["b", "a", "c,d", "e\"f"])
    #expect(keys.codes == [0, 1, 0, 2, 3])
    #expect(dates.days == [9864, 9862, 9863, 9863, 9865])
    #expect(try table.keys("customer").keys == keys.keys)
    #expect(try table.days("date") == dates.days)
    #expect(try table.strings("customer") == ["b", "a", "b", "c,d", "e\"f"])
    #expect(try table.strings("date") == ["1997-01-03", "1997-01-01", "1997-01-02", "1997-01-02", "1997-01-04"])
    #expect(try table.numeric("amount") == [1.5, 2, 3, 4, 5])
  }

  @Test func inferredColumnsCanBeReadAsDatesAndKeysToo() throws {
    let table = try readCSV(log)
    #expect(try table.days("date") == [9864, 9862, 9863, 9863, 9865])
    let keys = try table.keys("customer")
    #expect(keys.keys == ["b", "a", "c,d", "e\"f"])
    #expect(keys.codes == [0, 1, 0, 2, 3])
    // A numeric id column keeps its text: 007 stays 007.
    let numeric = try readCSV("id\n007\n7\n007\n")
    #expect(try numeric.keys("id").keys == ["007", "7"])
    let bad = dataError { _ = try readCSV("id,date\n1,1997-01-01\n2,1997-13-01\n").days("date") }
    #expect(bad?.description.hasSuffix("/data.csv:3:2: column 'date': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-13-01\"") == true)
    let missing = dataError { _ = try readCSV("id,date\n1,1997-01-01\n,1997-01-02\n").keys("id") }
    #expect(missing?.description.hasSuffix("/data.csv:3:1: column 'id': missing value") == true)
  }

  @Test(arguments: [
    ("c,d,a\n1,1997-13-01,2\n", "tx.csv:2:2: column 'd': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-13-01\""),
    ("c,d,a\n1,1997-01-01,2\n1,,2\n", "tx.csv:3:2: column 'd': missing value"),
    ("c,d,a\n1,1997-01-01,2\n,1997-01-01,2\n", "tx.csv:3:1: column 'c': missing value"),
    ("c,d,a\n1,1997-01-01,2\n\"\",1997-01-01,2\n", "tx.csv:3:1: column 'c': missing value"),
    ("c,d,a\n1,\"1997-\"\"01-01\",2\n", "tx.csv:2:2: column 'd': expected a date YYYY-MM-DD or an ISO date-time, found \"1997-\\\"01-01\""),
    ("c,d,a\n1,1997-01-01,x\n", "tx.csv:2:3: column 'a': expected a number, found \"x\""),
    ("c,d,a\n1,1997-01-01,\n", "tx.csv:2:3: column 'a': missing value"),
  ])
  func badCellsAreErrorsAtTheirLocation(_ text: String, _ message: String) {
    let directory = TemporaryDirectory()
    let path = directory.file("tx.csv", text)
    let error = dataError { _ = try CSVReader.read(path, requests: [.key("c"), .date("d"), .number("a")]) }
    #expect(error?.description.hasSuffix(message) == true, "\(String(describing: error))")
  }

  @Test func partsParsedInParallelKeepFirstAppearanceOrder() throws {
    // Keys first seen in later parts, quoted and escaped keys near every
    // split point, and many distinct keys (the tables grow and rehash).
    var rng = SeededGenerator(seed: 11)
    var text = "customer,date\n"
    var expectedKeys = [String]()
    var seen = [String: Int32]()
    var expectedCodes = [Int32]()
    var expectedDays = [Int32]()
    for row in 0..<6000 {
      let n = Int.random(in: 0..<(row < 3000 ? 500 : 3000), using: &rng)
      let key = n % 5 == 0 ? "id \(n), \"q\"" : "customer-\(n)-with-a-longer-name"
      let field = key.contains(",") ? "\"" + key.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : key
      let day = Int32.random(in: 9000...11000, using: &rng)
      text += "\(field),\(CalendarDate.format(day))\(row % 3 == 0 ? "T12:00:00Z" : "")\n"
      if seen[key] == nil {
        seen[key] = Int32(expectedKeys.count)
        expectedKeys.append(key)
      }
      expectedCodes.append(seen[key]!)
      expectedDays.append(day)
    }
    let directory = TemporaryDirectory()
    let buffer = try InputFile(path: directory.file("tx.csv", text)).readAll()
    for parts in 1...7 {
      let table = try CSVReader.parse(buffer, file: "tx.csv", wanted: [("customer", .key), ("date", .date)], parts: parts,
                                      mergeBatchCells: parts % 2 == 0 ? 1 : 1 << 23)
      let keys = try table.keys("customer")
      #expect(keys.keys == expectedKeys, "parts \(parts)")
      #expect(keys.codes == expectedCodes, "parts \(parts)")
      #expect(try table.days("date") == expectedDays, "parts \(parts)")
    }
  }

  @Test func keyTableInternsBytes() {
    let table = KeyTable(expectedKeys: 1)
    var codes = [Int32]()
    for k in 0..<10_000 {
      var text = "k\(k % 2500)" + String(repeating: "x", count: k % 23)
      let code = text.withUTF8 { table.code($0.baseAddress!, $0.count) }
      codes.append(code ?? -1)
    }
    // Key k%2500 with k%23 x's: 10 000 distinct strings (2500·23 > 10 000 and
    // (k mod 2500, k mod 23) determines k mod 57 500).
    #expect(table.count == 10_000)
    #expect(codes == (0..<10_000).map(Int32.init))
    let again = "k0".utf8.withContiguousStorageIfAvailable { table.code($0.baseAddress!, $0.count) } ?? nil
    #expect(again == 0)
    #expect(table.key(0) == "k0")
    #expect(table.key(9999) == "k2499" + String(repeating: "x", count: 9999 % 23))
    let empty = [UInt8(0)].withUnsafeBufferPointer { table.code($0.baseAddress!, 0) }
    #expect(empty == 10_000)
    #expect(table.key(10_000) == "")
  }
}
