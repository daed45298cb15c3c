import Foundation

/// How an axis maps values to positions.
public enum AxisScale: Sendable, Equatable {
  /// Position proportional to the value.
  case linear
  /// Position proportional to log₁₀ of the value (values must be > 0).
  case log10
}

/// How tick labels (and colour-bar labels) write values.
public enum ValueFormat: Sendable, Equatable {
  /// Plain numbers with as many decimals as the tick step needs; from 10⁴ on
  /// thousands, millions and billions shortened to 15k, 2M, 3B (SI-style
  /// suffixes, with B for billions as in business reports). Negative values take the
  /// minus sign U+2212.
  case number
  /// Fractions written as percentages: 0.25 → 25%.
  case percent
}

/// One axis of a chart: its label, scale and label format, and optionally a
/// range that it always covers (e.g. [0, 1] for rates) on top of the data.
public struct Axis: Sendable, Equatable {
  /// The axis title, with its unit.
  public var label: String
  /// Linear or logarithmic.
  public var scale: AxisScale
  /// How tick labels are written.
  public var format: ValueFormat
  /// A range the axis covers even where the data do not reach it.
  public var covers: ClosedRange<Double>?

  /// An axis; `covers` defaults to nothing beyond the data.
  public init(_ label: String, scale: AxisScale = .linear, format: ValueFormat = .number, covers: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    self.format = format
    self.covers = covers
  }
}

/// An axis fitted to its data: the domain [lower, upper] (the outer ticks),
/// the tick values and labels, and the map value → fraction of the length.
struct ResolvedAxis {
  var scale: AxisScale
  var lower: Double
  var upper: Double
  var ticks: [Double]
  var labels: [String]

  /// An axis given outright.
  init(scale: AxisScale, lower: Double, upper: Double, ticks: [Double], labels: [String]) {
    (self.scale, self.lower, self.upper, self.ticks, self.labels) = (scale, lower, upper, ticks, labels)
  }

  /// Fits `axis` to values in [min, max] (finite; > 0 on a log axis).
  init(_ axis: Axis, min dataMin: Double, max dataMax: Double, tickCount: Int = 6) {
    var low = dataMin, high = dataMax
    if let covers = axis.covers {
      low = Swift.min(low, covers.lowerBound)
      high = Swift.max(high, covers.upperBound)
    }
    scale = axis.scale
    switch axis.scale {
    case .linear:
      let t = NiceTicks(covering: low, high, count: tickCount)
      (lower, upper, ticks) = (t.lower, t.upper, t.values)
      labels = ResolvedAxis.labels(t.values, format: axis.format, exponent: t.exponent)
    case .log10:
      let t = LogTicks(covering: low, high)
      (lower, upper, ticks) = (t.lower, t.upper, t.values)
      labels = t.values.map { ResolvedAxis.logLabel($0, format: axis.format) }
    }
  }

  /// A linear axis spanning exactly [min, max] (a heatmap's grid), labelled
  /// at the nice ticks (`NiceTicks`) that fall inside it.
  init(tight axis: Axis, min low: Double, max high: Double, tickCount: Int = 9) {
    let nice = NiceTicks(covering: low, high, count: tickCount)
    let inside = nice.values.filter { $0 >= low && $0 <= high }
    self.init(
      scale: .linear, lower: low, upper: high, ticks: inside,
      labels: ResolvedAxis.labels(inside, format: axis.format, exponent: nice.exponent))
  }

  /// The fraction 0…1 of the axis length at which `value` lies.
  func fraction(_ value: Double) -> Double {
    switch scale {
    case .linear: (value - lower) / (upper - lower)
    case .log10: (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
    }
  }

  /// Labels for linear ticks whose step is m·10^exponent: the decimals the
  /// step needs after any k/M/B or % scaling, the same for every tick.
  static func labels(_ values: [Double], format: ValueFormat, exponent: Int) -> [String] {
    let largest = values.map(abs).max() ?? 0
    switch format {
    case .percent:
      return values.map { sign($0) + formatFixedDecimals(abs($0) * 100, Swift.max(0, -exponent - 2)) + "%" }
    case .number:
      let (divisor, suffix, shift) = suffixFor(largest)
      return values.map {
        $0 == 0 ? "0" : sign($0) + formatFixedDecimals(abs($0) / divisor, Swift.max(0, shift - exponent)) + suffix
      }
    }
  }

  /// One label with up to `decimals` places (trailing zeros trimmed), each
  /// value with its own k/M/B suffix (log axes).
  static func label(_ value: Double, format: ValueFormat, decimals: Int) -> String {
    switch format {
    case .percent: return sign(value) + formatCompact(abs(value) * 100, decimals: decimals) + "%"
    case .number:
      let (divisor, suffix, _) = suffixFor(abs(value))
      return sign(value) + formatCompact(abs(value) / divisor, decimals: decimals) + suffix
    }
  }

  /// A log-axis tick label (1, 2 or 5 times a power of ten): as `label`,
  /// and below 0.001 or from 10¹² (a thousand billions) on in scientific
  /// form, 1e-7, 5e300.
  static func logLabel(_ value: Double, format: ValueFormat) -> String {
    let shown = format == .percent ? value * 100 : value
    guard shown < 1e-3 || shown >= 1e12 else { return label(value, format: format, decimals: 6) }
    let exponent = Int(Foundation.log10(shown).rounded(.down))
    var mantissa = Int((shown / Foundation.pow(10, Double(exponent))).rounded())
    var e = exponent
    if mantissa == 10 {
      mantissa = 1
      e += 1
    }
    return "\(mantissa)e\(e)" + (format == .percent ? "%" : "")
  }

  /// Divisor, suffix and its decimal exponent for the largest magnitude.
  private static func suffixFor(_ largest: Double) -> (Double, String, Int) {
    if largest >= 1e9 { return (1e9, "B", 9) }
    if largest >= 1e6 { return (1e6, "M", 6) }
    if largest >= 1e4 { return (1e3, "k", 3) }
    return (1, "", 0)
  }

  private static func sign(_ value: Double) -> String { value < 0 ? "\u{2212}" : "" }
}

/// `x` with exactly `decimals` places (0…9), e.g. 0.5 at 2 → "0.50":
/// `formatCompact` with the trimmed zeros put back, so that the ticks of one
/// axis all show the same number of places (not after exponent form, 1e300).
func formatFixedDecimals(_ x: Double, _ decimals: Int) -> String {
  let d = Swift.min(decimals, 9)
  var text = formatCompact(x, decimals: d)
  guard d > 0, !text.contains("e") else { return text }
  let present = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
  if let present {
    text += String(repeating: "0", count: d - present)
  } else {
    text += "." + String(repeating: "0", count: d)
  }
  return text
}
