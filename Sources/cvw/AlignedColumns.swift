/// Rows of cells as lines of aligned columns for people: each column as wide
/// as its widest cell, the first column left-aligned (labels), the others
/// right-aligned (numbers), two spaces between columns.
func alignedColumns(_ rows: [[String]]) -> [String] {
  let columnCount = rows.map(\.count).max() ?? 0
  let widths = (0..<columnCount).map { j in rows.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
  return rows.map { row in
    row.enumerated().map { j, cell in
      j == 0 ? cell.padding(toLength: widths[j], withPad: " ", startingAt: 0)
        : String(repeating: " ", count: widths[j] - cell.count) + cell
    }.joined(separator: "  ")
  }
}
