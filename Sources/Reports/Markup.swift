/// Escapes text for an XML or HTML text node: `&`, `<` and `>` become
/// entity references (XML 1.0 §2.4; HTML's "escaping a string" algorithm).
public func escapeText(_ text: String) -> String { escape(text, quotes: false) }

/// Escapes text for a double-quoted attribute value: as `escapeText`, plus
/// `"` and `'`, so that a value can never close its quotes.
public func escapeAttribute(_ text: String) -> String { escape(text, quotes: true) }

private func escape(_ text: String, quotes: Bool) -> String {
  var out = ""
  out.reserveCapacity(text.utf8.count)
  for c in text.unicodeScalars {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"" where quotes: out += "&quot;"
    case "'" where quotes: out += "&#39;"
    default: out.unicodeScalars.append(Markup.allowedCharacter(c))
    }
  }
  return out
}

/// A streaming writer of XML / HTML elements with escaped text and attribute
/// values: the one place where markup is assembled, so nothing unescaped can
/// reach the output. Elements are closed in order (`open` … `close`), and
/// the output is deterministic (attributes in the order given).
public struct Markup: Sendable {
  /// The markup written so far.
  public private(set) var output = ""
  private var openElements: [String] = []

  /// An empty document.
  public init() {}

  /// XML 1.0 allows only tab, line feed, carriage return and scalars from
  /// U+0020 on (§2.2); other control characters become U+FFFD so that
  /// a label read from a CSV file cannot make the SVG ill-formed.
  static func allowedCharacter(_ c: Unicode.Scalar) -> Unicode.Scalar {
    switch c.value {
    case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...: c
    default: "\u{FFFD}"
    }
  }

  private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
    output += "<" + name
    for (key, value) in attributes { output += " \(key)=\"\(escapeAttribute(value))\"" }
  }

  /// Opens `<name attributes…>`; `close()` ends it.
  public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    startTag(name, attributes)
    output += ">"
    openElements.append(name)
  }

  /// Closes the innermost open element.
  public mutating func close() {
    let name = openElements.removeLast()
    output += "</\(name)>"
  }

  /// An element without content, `<name …/>`: well-formed XML, and an HTML
  /// void element (`<meta …/>`) as HTML5 allows it, so a whole report
  /// parses as XML too.
  public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
    startTag(name, attributes)
    output += "/>"
  }

  /// An element holding only (escaped) text.
  public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
    startTag(name, attributes)
    output += ">" + escapeText(text) + "</\(name)>"
  }

  /// Escaped text inside the current element.
  public mutating func text(_ text: String) { output += escapeText(text) }

  /// Markup that is already well-formed (a chart's SVG placed in a page, a
  /// doctype, CSS without `<`): the caller vouches for it.
  public mutating func raw(_ markup: String) { output += markup }

  /// A line break between blocks, for readable source.
  public mutating func newline() { output += "\n" }

  /// Whether every opened element has been closed.
  public var isBalanced: Bool { openElements.isEmpty }
}
