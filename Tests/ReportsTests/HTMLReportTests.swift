import Models
import Testing

@testable import Reports

private func sampleReport() throws -> HTMLReport {
  var overview = HTMLReport.Section("Model <card>", id: "card")
  overview.card(ModelCardSummary(
    facts: [("kind", "logistic-regression"), ("training data", "a&b.csv: 100 rows")],
    parameters: [ParameterEstimate(name: "x<1>", estimate: 0.5, standardError: 0.1),
                 ParameterEstimate(name: "y", estimate: 1, standardError: nil)]))
  var charts = HTMLReport.Section("Charts", id: "charts")
  charts.paragraph("Scores & labels <b>")
  try charts.charts([
    (LineChart(name: "roc", title: "ROC", xAxis: Axis("FPR"), yAxis: Axis("TPR"), series: [.init("m", x: [0, 1], y: [0, 1])]),
     "caption"),
    (BarChart(name: "lift", title: "Lift", categories: ["1", "2"], categoryLabel: "decile", yAxis: Axis("lift"),
              series: [.init("a", values: [1, 2]), .init("b", values: [2, 1])]), nil),
  ])
  charts.table(HTMLTable(caption: "fold <metrics>", header: ["fold", "AUC"], rows: [["1 & 2", "0.8"]]))
  return HTMLReport(
    title: "Report <for> you & me", subtitle: ["made at 2026-01-01"], command: "cvw report m.json \"d <1>.csv\" -o r.html",
    sections: [overview, charts])
}

@Test func reportIsSelfContainedAndWellFormed() throws {
  let html = try sampleReport().html()
  #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
  #expect(html.contains("<meta charset=\"utf-8\"/>"))
  #expect(html.contains("name=\"viewport\""))
  let lower = html.lowercased()
  #expect(!lower.contains("<script"))
  #expect(!lower.contains("http:") && !lower.contains("https:"))
  #expect(!lower.contains("url("))
  #expect(!lower.contains("@import"))
  // Every src / href is a same-page fragment, but the empty inline icon.
  let root = try XMLNode.parse(html)
  for node in root.all {
    for key in ["src", "href", "xlink:href"] {
      if let value = node.attributes[key] {
        #expect(value.hasPrefix("#") || (node.name == "link" && value == "data:,"), "\(node.name) \(key)=\(value)")
      }
    }
  }
  #expect(root.find("link").map { $0.attributes["href"] } == ["data:,"])
  #expect(root.find("a").map { $0.attributes["href"] } == ["#card", "#charts"])
  // Both charts are inline, intact and inside figures in the grid.
  let charts = root.find("svg", classes: ["cvw-chart"])
  #expect(charts.map { $0.attributes["data-chart"] } == ["roc", "lift"])
  #expect(chartProblems(charts[0], name: "roc", title: "ROC", seriesCount: 1).isEmpty)
  #expect(chartProblems(charts[1], name: "lift", title: "Lift", seriesCount: 2).isEmpty)
  #expect(root.find("div", classes: ["charts"]).first?.find("figure").count == 2)
}

@Test func reportTextIsEscaped() throws {
  let html = try sampleReport().html()
  #expect(html.contains("<title>Report &lt;for&gt; you &amp; me</title>"))
  #expect(html.contains("<td>1 &amp; 2</td>"))
  #expect(html.contains("<caption>fold &lt;metrics&gt;</caption>"))
  #expect(html.contains("<pre class=\"command\"><code>cvw report m.json \"d &lt;1&gt;.csv\" -o r.html</code></pre>"))
  #expect(!html.contains("<b>"))
  let root = try XMLNode.parse(html)
  let parameterRows = root.find("table")[0].find("tbody")[0].find("tr")
  #expect(parameterRows.map { $0.find("td")[0].allText } == ["x<1>", "y"])
  // estimate ± 1.96·SE: 0.5 ± 0.195996 → 0.304004, 0.695996; no SE gives dashes.
  #expect(parameterRows[0].find("td").map(\.allText) == ["x<1>", "0.5", "0.1", "5", "<0.0001", "0.304004", "0.695996"])
  #expect(parameterRows[1].find("td").map(\.allText) == ["y", "1", "–", "–", "–", "–", "–"])
}
