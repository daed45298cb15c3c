/// The colours of cvw's charts, chosen so that every chart reads for people
/// with the common colour-vision deficiencies.
public enum Palette {
  /// Categorical series colours: the palette of Okabe & Ito, "Color
  /// Universal Design (CUD): how to make figures and presentations that are
  /// friendly to colorblind people" (2008), distinguishable under protan,
  /// deutan and tritan vision. Ordered so that the first pairs contrast most
  /// on white (blue, vermillion, bluish green, orange, reddish purple, sky
  /// blue, black); yellow, weak on white, comes last.
  public static let categorical = [
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442",
  ]

  /// The colour of series `index` (cycling through `categorical`).
  public static func series(_ index: Int) -> String { categorical[index % categorical.count] }

  /// viridis (van der Walt & Smith, matplotlib 2.0's default colour map,
  /// 2015): perceptually uniform, monotone in lightness, readable in grey and
  /// with deficient colour vision. Sampled at t = 0, 0.1, …, 1 from
  /// matplotlib's table; `sequential` interpolates linearly between them.
  static let viridis: [(Double, Double, Double)] = [
    (0x44, 0x01, 0x54), (0x48, 0x24, 0x75), (0x41, 0x44, 0x87), (0x35, 0x5F, 0x8D), (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C), (0x22, 0xA8, 0x84), (0x44, 0xBF, 0x70), (0x7A, 0xD1, 0x51), (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
  ]

  /// The viridis colour at t ∈ [0, 1] (clamped) as `#rrggbb`: linear
  /// interpolation in sRGB between the 11 anchors of `viridis`.
  public static func sequential(_ t: Double) -> String {
    let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(viridis.count - 1)
    let i = min(Int(u), viridis.count - 2)
    let f = u - Double(i)
    let a = viridis[i], b = viridis[i + 1]
    return hex(a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
  }

  private static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for channel in [r, g, b] {
      let v = Int(channel.rounded())
      out.append(digits[v / 16])
      out.append(digits[v % 16])
    }
    return out
  }

  /// Ink for axes, tick labels and titles: a muted near-black and greys.
  static let ink = "#1f2328"
  static let mutedInk = "#57606a"
  static let axisLine = "#8c959f"
  static let gridLine = "#e6e8eb"
  static let reference = "#8c959f"
}
