import Foundation
import ModelStore
import Tabular

/// A small table of results (a row per segment, class or tier) that prints
/// itself as aligned text, CSV or a JSON array of objects. Numbers keep full
/// precision in CSV and JSON; text rounds them for reading.
struct ResultTable {
  /// One cell. nil numbers are undefined values (the mean of an empty
  /// segment): "–" in text, an empty cell in CSV, null in JSON.
  enum Cell {
    case text(String)
    case count(Int)
    /// Shown with two decimals in text.
    case number(Double?)
    /// A share in 0…1, shown as a percentage in text.
    case share(Double?)
  }

  /// Machine names (CSV header, JSON keys) and titles for people.
  var columns: [(name: String, title: String)]
  var rows: [[Cell]] = []

  init(columns: [(name: String, title: String)]) {
    self.columns = columns
  }

  mutating func append(_ row: [Cell]) {
    precondition(row.count == columns.count, "one cell per column")
    rows.append(row)
  }

  /// Aligned columns: the first left-aligned, the others right-aligned.
  func text() -> String {
    func shown(_ cell: Cell) -> String {
      switch cell {
      case .text(let s): s
      case .count(let n): String(n)
      case .number(let x): x.map { String(format: "%.2f", $0) } ?? "–"
      case .share(let x): x.map { String(format: "%.1f%%", 100 * $0) } ?? "–"
      }
    }
    return alignedColumns([columns.map(\.title)] + rows.map { $0.map(shown) }).joined(separator: "\n") + "\n"
  }

  /// The columns as CSV writer fields (numbers exact, nil empty).
  func fields() -> [CSVWriter.Field] {
    columns.indices.map { j in
      switch rows.first?[j] {
      case .text?: return .strings(rows.map { if case .text(let s) = $0[j] { s } else { nil } })
      default:
        return .numbers(rows.map { row in
          switch row[j] {
          case .count(let n): Double(n)
          case .number(let x), .share(let x): x ?? .nan
          case .text: .nan
          }
        })
      }
    }
  }

  /// Writes the table as CSV to `path` (`-` for stdout), atomically.
  func writeCSV(to path: String) throws {
    try CSVWriter.write(fields(), header: columns.map(\.name), to: path)
  }

  /// An array with an object per row.
  func json() -> JSON {
    .array(rows.map { row in
      .object(zip(columns, row).map { column, cell in
        switch cell {
        case .text(let s): (column.name, .string(s))
        case .count(let n): (column.name, .number(Double(n)))
        case .number(let x), .share(let x): (column.name, .number(x))
        }
      })
    })
  }
}
