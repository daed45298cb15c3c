import Models

/// A table for an HTML report: a header row and rows of cells, every cell
/// escaped; columns listed in `numericColumns` are right-aligned with
/// tabular figures.
public struct HTMLTable: Sendable {
  /// A caption above the table, if any.
  public var caption: String?
  /// Column titles.
  public var header: [String]
  /// Rows of cells, each as long as the header.
  public var rows: [[String]]
  /// Indices of right-aligned (numeric) columns.
  public var numericColumns: Set<Int>

  /// A table; by default every column but the first is numeric.
  public init(caption: String? = nil, header: [String], rows: [[String]], numericColumns: Set<Int>? = nil) {
    precondition(rows.allSatisfy { $0.count == header.count }, "every row needs one cell per column")
    self.caption = caption
    self.header = header
    self.rows = rows
    self.numericColumns = numericColumns ?? Set(header.indices.dropFirst())
  }
}

/// The header of a model's section: what the model is (label–value rows:
/// kind, target, fit report, training data fingerprint) and its parameters
/// with standard errors and Wald 95 % intervals, as `cvw inspect` shows them.
public struct ModelCardSummary: Sendable {
  /// Label–value rows, in order.
  public var facts: [(label: String, value: String)]
  /// The parameters.
  public var parameters: [ParameterEstimate]

  /// A card from its rows and parameters.
  public init(facts: [(label: String, value: String)], parameters: [ParameterEstimate]) {
    self.facts = facts
    self.parameters = parameters
  }
}

/// One self-contained HTML page: inline CSS and inline SVG charts, no script,
/// no font, image or style sheet fetched from anywhere (it opens offline and
/// makes no network request), charts in a responsive grid (two per row at
/// laptop width, one on a narrow screen), print-friendly.
public struct HTMLReport: Sendable {
  /// A heading with its content.
  public struct Section: Sendable {
    enum Block: Sendable {
      case paragraph(String)
      case charts([(svg: String, caption: String?)])
      case table(HTMLTable)
      case card(ModelCardSummary)
    }

    /// The heading.
    public var heading: String
    /// The fragment id (`#id`) of the section.
    public var id: String
    var blocks: [Block] = []

    /// An empty section; `id` must be unique within the report.
    public init(_ heading: String, id: String) {
      self.heading = heading
      self.id = id
    }

    /// Adds a paragraph of text.
    public mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }

    /// Adds a grid of charts, drawn now (so a chart that cannot be drawn
    /// fails here, naming itself), each with an optional caption.
    public mutating func charts(_ charts: [(chart: any Chart, caption: String?)]) throws(ChartError) {
      var drawn: [(svg: String, caption: String?)] = []
      for (chart, caption) in charts { drawn.append((try chart.svg(standalone: false), caption)) }
      blocks.append(.charts(drawn))
    }

    /// Adds a table.
    public mutating func table(_ table: HTMLTable) { blocks.append(.table(table)) }

    /// Adds a model card.
    public mutating func card(_ card: ModelCardSummary) { blocks.append(.card(card)) }
  }

  /// The page title and top heading.
  public var title: String
  /// Lines under the title (when and by what it was made).
  public var subtitle: [String]
  /// The command line that made the report, shown under the title.
  public var command: String?
  /// The sections, in order.
  public var sections: [Section]

  /// A report with a title, subtitle lines, the command that made it, and sections.
  public init(title: String, subtitle: [String] = [], command: String? = nil, sections: [Section] = []) {
    self.title = title
    self.subtitle = subtitle
    self.command = command
    self.sections = sections
  }

  /// The style sheet: system fonts, light rules, a grid of charts
  /// `repeat(auto-fill, minmax(min(100%, 480px), 1fr))` (two columns in a
  /// 1200 px page, one on a phone), and print rules.
  static let css = """
    :root{color-scheme:light;--ink:#1f2328;--muted:#57606a;--rule:#d8dee4;--panel:#f6f8fa}
    *{box-sizing:border-box}
    body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    main{max-width:1240px;margin:0 auto;padding:28px 20px 56px}
    h1{font-size:1.7rem;line-height:1.25;margin:0 0 6px}
    h2{font-size:1.3rem;margin:40px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--rule)}
    .subtitle{margin:0;color:var(--muted);font-size:.9rem}
    nav{margin:16px 0 0;font-size:.9rem}
    nav a{color:#0969da;text-decoration:none;margin-right:14px}
    p{max-width:80ch}
    .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,480px),1fr));gap:16px;margin:12px 0}
    figure{margin:0;padding:8px;border:1px solid var(--rule);border-radius:8px;background:#fff}
    figure svg{display:block;width:100%;height:auto}
    figcaption{color:var(--muted);font-size:.85rem;padding:6px 6px 2px}
    .table-wrap{overflow-x:auto;margin:12px 0}
    table{border-collapse:collapse;font-size:.88rem;font-variant-numeric:tabular-nums;min-width:min(100%,480px)}
    caption{text-align:left;color:var(--muted);padding:0 0 6px}
    th,td{padding:4px 12px;border-bottom:1px solid var(--rule);text-align:left;white-space:nowrap}
    th{font-weight:600;background:var(--panel)}
    .num{text-align:right}
    dl.card{display:grid;grid-template-columns:max-content 1fr;gap:3px 18px;margin:12px 0;font-size:.9rem}
    dl.card dt{color:var(--muted)}
    dl.card dd{margin:0;overflow-wrap:anywhere}
    pre{background:var(--panel);padding:10px 12px;border-radius:6px;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
    @media (max-width:600px){main{padding:16px 10px 32px}dl.card{grid-template-columns:1fr}dl.card dd{margin-bottom:6px}}
    @media print{main{max-width:none;padding:0}nav{display:none}.charts{grid-template-columns:1fr 1fr}figure,tr{break-inside:avoid}h2{break-after:avoid}}
    """

  /// The page as HTML5 (UTF-8): deterministic, so the same report is the
  /// same bytes.
  public func html() -> String {
    var m = Markup()
    m.raw("<!DOCTYPE html>\n")
    m.open("html", [("lang", "en")])
    m.newline()
    m.open("head")
    m.empty("meta", [("charset", "utf-8")])
    m.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    m.empty("meta", [("name", "generator"), ("content", "cvw")])
    // An empty inline icon, so that a browser does not ask a server for /favicon.ico.
    m.empty("link", [("rel", "icon"), ("href", "data:,")])
    m.element("title", text: title)
    m.open("style")
    m.raw("\n" + Self.css + "\n")
    m.close()
    m.close()
    m.newline()
    m.open("body")
    m.open("main")
    m.newline()
    m.open("header")
    m.element("h1", text: title)
    for line in subtitle { m.element("p", [("class", "subtitle")], text: line) }
    if let command {
      m.open("pre", [("class", "command")])
      m.element("code", text: command)
      m.close()
    }
    if sections.count > 1 {
      m.open("nav")
      for s in sections { m.element("a", [("href", "#" + s.id)], text: s.heading) }
      m.close()
    }
    m.close()
    m.newline()
    for section in sections {
      m.open("section", [("id", section.id)])
      m.element("h2", text: section.heading)
      m.newline()
      for block in section.blocks { Self.write(block, to: &m) }
      m.close()
      m.newline()
    }
    m.close()
    m.close()
    m.close()
    m.newline()
    precondition(m.isBalanced, "unbalanced report markup")
    return m.output
  }

  private static func write(_ block: Section.Block, to m: inout Markup) {
    switch block {
    case .paragraph(let text):
      m.element("p", text: text)
    case .charts(let charts):
      m.open("div", [("class", "charts")])
      for (svg, caption) in charts {
        m.newline()
        m.open("figure")
        m.raw(svg)
        if let caption { m.element("figcaption", text: caption) }
        m.close()
      }
      m.close()
    case .table(let table):
      write(table, to: &m)
    case .card(let card):
      m.open("dl", [("class", "card")])
      for (label, value) in card.facts {
        m.element("dt", text: label)
        m.element("dd", text: value)
      }
      m.close()
      if !card.parameters.isEmpty {
        func cell(_ x: Double?) -> String { x.map { formatSignificant($0, digits: 6) } ?? "–" }
        write(HTMLTable(
          caption: "Parameters: estimate, standard error, Wald z, two-sided p-value and 95 % interval (estimate ± 1.96·SE)",
          header: ["parameter", "estimate", "std. error", "z", "P>|z|", "lower 95 %", "upper 95 %"],
          rows: card.parameters.map { p in
            [p.name, cell(p.estimate), cell(p.standardError), p.z.map { formatCompact($0, decimals: 3) } ?? "–",
             p.pValue.map { $0 < 1e-4 ? "<0.0001" : formatFixedDecimals($0, 4) } ?? "–", cell(p.lower95), cell(p.upper95)]
          }), to: &m)
      }
    }
    m.newline()
  }

  private static func write(_ table: HTMLTable, to m: inout Markup) {
    m.open("div", [("class", "table-wrap")])
    m.open("table")
    if let caption = table.caption { m.element("caption", text: caption) }
    m.open("thead")
    m.open("tr")
    for (j, title) in table.header.enumerated() {
      m.element("th", table.numericColumns.contains(j) ? [("class", "num")] : [], text: title)
    }
    m.close()
    m.close()
    m.open("tbody")
    for row in table.rows {
      m.open("tr")
      for (j, value) in row.enumerated() {
        m.element("td", table.numericColumns.contains(j) ? [("class", "num")] : [], text: value)
      }
      m.close()
    }
    m.close()
    m.close()
    m.close()
  }
}
