import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed XML document (an SVG chart, or a whole report,
/// which cvw writes as well-formed XML), for structural checks without a
/// browser.
final class XMLNode {
  let name: String
  let attributes: [String: String]
  var children: [XMLNode] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  /// The classes in `class`.
  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  /// This element and all below it, in document order.
  var all: [XMLNode] { [self] + children.flatMap(\.all) }

  /// Elements below (and including) this one named `name` with every class in `classes`.
  func find(_ name: String, classes wanted: [String] = []) -> [XMLNode] {
    all.filter { $0.name == name && wanted.allSatisfy($0.classes.contains) }
  }

  /// Text of this element and its descendants.
  var allText: String { text + children.map(\.allText).joined() }

  /// Parses `markup`; throws when it is not well-formed XML.
  static func parse(_ markup: String) throws -> XMLNode {
    let builder = Builder()
    let parser = XMLParser(data: Data(markup.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root element", line: parser.lineNumber)
    }
    return root
  }

  struct ParseFailure: Error { var message: String; var line: Int }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let node = XMLNode(name: name, attributes: attributes)
      if let parent = stack.last { parent.children.append(node) } else { root = node }
      stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
  }
}

/// What every chart must satisfy, checked on its SVG: well-formed; the root
/// `svg.cvw-chart` with `data-chart` and a viewBox; the title; x and y axes
/// with at least two ticks each and a label; `seriesCount` series groups,
/// each drawing something; a legend with one item per series iff there is
/// more than one; and every coordinate finite and inside the viewBox.
/// Returns the parsed root for further checks.
@discardableResult
func checkChart(_ svg: String, name: String, title: String, seriesCount: Int, minimumTicks: Int = 2) throws -> XMLNode {
  let root = try XMLNode.parse(svg)
  let failures = chartProblems(root, name: name, title: title, seriesCount: seriesCount, minimumTicks: minimumTicks)
  if !failures.isEmpty { throw ChartCheckFailure(problems: failures) }
  return root
}

struct ChartCheckFailure: Error, CustomStringConvertible {
  var problems: [String]
  var description: String { problems.joined(separator: "; ") }
}

func chartProblems(_ root: XMLNode, name: String, title: String, seriesCount: Int, minimumTicks: Int = 2) -> [String] {
  var problems: [String] = []
  if root.name != "svg" || !root.classes.contains("cvw-chart") { problems.append("root is not svg.cvw-chart") }
  if root.attributes["data-chart"] != name { problems.append("data-chart is \(root.attributes["data-chart"] ?? "absent")") }
  let box = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
  guard box.count == 4 else { return problems + ["no viewBox"] }
  let titles = root.find("text", classes: ["title"])
  if titles.count != 1 || titles.first?.allText != title { problems.append("title is \(titles.map(\.allText))") }
  for axis in ["x", "y"] {
    let groups = root.find("g", classes: ["axis", axis])
    guard groups.count == 1 else {
      problems.append("\(groups.count) \(axis) axes")
      continue
    }
    let ticks = groups[0].find("g", classes: ["tick"])
    if ticks.count < minimumTicks { problems.append("\(axis) axis has \(ticks.count) ticks") }
    if ticks.contains(where: { $0.find("text").first?.allText.isEmpty ?? true }) { problems.append("\(axis) tick without label") }
    if groups[0].find("text", classes: ["label"]).first?.allText.isEmpty ?? true { problems.append("\(axis) axis without label") }
  }
  let series = root.find("g", classes: ["series"])
  if series.count != seriesCount { problems.append("\(series.count) series, expected \(seriesCount)") }
  for s in series where s.attributes["data-series"] == nil || s.children.isEmpty {
    problems.append("series \(s.attributes["data-series"] ?? "?") is unnamed or empty")
  }
  let legends = root.find("g", classes: ["legend"])
  if seriesCount > 1 {
    let names = legends.first?.find("g", classes: ["item"]).compactMap { $0.attributes["data-series"] } ?? []
    if legends.count != 1 || names != series.compactMap({ $0.attributes["data-series"] }) {
      problems.append("legend \(names) does not list the series")
    }
  } else if !legends.isEmpty {
    problems.append("a legend for a single series")
  }
  let (minX, minY, maxX, maxY) = (box[0], box[1], box[0] + box[2], box[1] + box[3])
  func inside(_ v: Double, _ low: Double, _ high: Double) -> Bool { v.isFinite && v >= low - 1e-9 && v <= high + 1e-9 }
  for node in root.all where node !== root {
    for key in ["x", "x1", "x2", "cx"] {
      if let s = node.attributes[key], let v = Double(s), !inside(v, minX, maxX) { problems.append("\(node.name) \(key)=\(s)") }
      if let s = node.attributes[key], Double(s) == nil, !s.hasSuffix("%") { problems.append("\(node.name) \(key)=\(s) unreadable") }
    }
    for key in ["y", "y1", "y2", "cy"] {
      if let s = node.attributes[key], let v = Double(s), !inside(v, minY, maxY) { problems.append("\(node.name) \(key)=\(s)") }
      if let s = node.attributes[key], Double(s) == nil, !s.hasSuffix("%") { problems.append("\(node.name) \(key)=\(s) unreadable") }
    }
    if let x = node.attributes["x"].flatMap(Double.init), let w = node.attributes["width"].flatMap(Double.init),
      !(w >= 0 && inside(x + w, minX, maxX))
    {
      problems.append("\(node.name) width \(w) at \(x)")
    }
    if let y = node.attributes["y"].flatMap(Double.init), let h = node.attributes["height"].flatMap(Double.init),
      !(h >= 0 && inside(y + h, minY, maxY))
    {
      problems.append("\(node.name) height \(h) at \(y)")
    }
    if let d = node.attributes["d"] {
      let numbers = d.split(whereSeparator: { "MLZ ".contains($0) }).map { Double($0) }
      if numbers.contains(where: { $0 == nil }) || numbers.count % 2 != 0 { problems.append("path d unreadable: \(d.prefix(60))") }
      let values = numbers.compactMap { $0 }
      for i in stride(from: 0, to: values.count - 1, by: 2)
      where !inside(values[i], minX, maxX) || !inside(values[i + 1], minY, maxY) {
        problems.append("path point (\(values[i]), \(values[i + 1]))")
      }
    }
    for key in ["width", "height", "r"] {
      if let s = node.attributes[key], !(Double(s)?.isFinite ?? s.hasSuffix("%")) { problems.append("\(node.name) \(key)=\(s)") }
    }
  }
  return problems
}
