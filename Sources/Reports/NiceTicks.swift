import Foundation

/// Tick marks for a linear axis by Heckbert's "nice numbers" (P. S. Heckbert,
/// "Nice numbers for graph labels", Graphics Gems, 1990, pp. 61–63): the
/// range is rounded up to a nice number, the step to the nice number nearest
/// range / (count − 1), and the axis ends to multiples of the step ("loose"
/// labelling, so every data value lies within the ticks):
///
///     nice(x) = f·10^⌊log₁₀ x⌋ with f ∈ {1, 2, 5, 10}
///     step = nice_round(nice_ceil(max − min) / (count − 1))
///     lower = ⌊min/step⌋·step,   upper = ⌈max/step⌉·step
///
/// Tick values are computed as integers times a power of ten, so 0.3 is
/// 3 / 10 exactly rounded, never 0.30000000000000004.
public struct NiceTicks: Sendable, Equatable {
  /// The first tick: ⌊min/step⌋·step.
  public var lower: Double
  /// The last tick: ⌈max/step⌉·step.
  public var upper: Double
  /// The distance between ticks: 1, 2 or 5 times a power of ten.
  public var step: Double
  /// The decimal exponent e of the step (step = m·10^e): tick labels need
  /// max(0, −e) decimals.
  public var exponent: Int
  /// The ticks from lower to upper.
  public var values: [Double]

  /// Ticks covering [min, max] with about `count` (≥ 2) ticks. An empty
  /// range (min = max) is widened to min ± 1, or ± 10 % of |min|.
  public init(covering min: Double, _ max: Double, count: Int = 5) {
    precondition(min.isFinite && max.isFinite && min <= max, "NiceTicks needs a finite range")
    precondition(count >= 2, "NiceTicks needs at least 2 ticks")
    var low = min, high = max
    if high - low <= Swift.max(abs(low), abs(high)) * 1e-12 {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      low -= pad
      high += pad
    }
    let range = Self.nice(high - low, round: false).value
    let (mantissa, exponent, _) = Self.nice(range / Double(count - 1), round: true)
    self.exponent = exponent
    let power = Self.powerOfTen(abs(exponent))
    // step = mantissa·10^exponent; k·step computed as (k·mantissa) scaled once.
    func value(_ k: Int) -> Double {
      exponent >= 0 ? Double(k * mantissa) * power : Double(k * mantissa) / power
    }
    let step = value(1)
    let first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
    self.step = step
    values = (first...last).map(value)
    lower = values.first!
    upper = values.last!
  }

  /// Heckbert's nice number near x > 0: the smallest of 1, 2, 5, 10 (times a
  /// power of ten) at least x (`round: false`), or the nearest one with
  /// thresholds 1.5, 3, 7 (`round: true`). Returns mantissa and exponent.
  static func nice(_ x: Double, round: Bool) -> (mantissa: Int, exponent: Int, value: Double) {
    var exponent = Int(log10(x).rounded(.down))
    func scale(_ e: Int) -> Double { e >= 0 ? powerOfTen(e) : 1 / powerOfTen(-e) }
    var fraction = x / scale(exponent)
    // log10 may land one below or above an exact power of ten.
    if fraction >= 10 {
      exponent += 1
      fraction = x / scale(exponent)
    } else if fraction < 1 {
      exponent -= 1
      fraction = x / scale(exponent)
    }
    var mantissa: Int
    if round {
      mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    if mantissa == 10 {
      mantissa = 1
      exponent += 1
    }
    return (mantissa, exponent, Double(mantissa) * scale(exponent))
  }

  /// 10^n for n ≥ 0, exact up to 10²².
  static func powerOfTen(_ n: Int) -> Double {
    var p = 1.0
    for _ in 0..<n { p *= 10 }
    return p
  }
}

/// Tick marks for a base-10 logarithmic axis over [min, max] (min > 0): the
/// powers of ten 10^⌊log₁₀ min⌋ … 10^⌈log₁₀ max⌉ — every k-th one where
/// they span more than six decades, k = ⌈decades / 6⌉, so labels never
/// crowd — and where they span fewer than three decades also 2·10^k and
/// 5·10^k (the 1-2-5 sequence), so that a short axis still has several
/// labelled ticks.
public struct LogTicks: Sendable, Equatable {
  /// The first tick, a power of ten.
  public var lower: Double
  /// The last tick, a power of ten.
  public var upper: Double
  /// The ticks, ascending.
  public var values: [Double]

  /// Ticks covering [min, max], 0 < min ≤ max, both finite.
  public init(covering min: Double, _ max: Double) {
    precondition(min > 0 && max.isFinite && min <= max, "LogTicks needs 0 < min ≤ max")
    let first = Int(log10(min).rounded(.down))
    var last = Int(log10(max).rounded(.up))
    if last == first { last += 1 }
    func power(_ k: Int) -> Double { k >= 0 ? NiceTicks.powerOfTen(k) : 1 / NiceTicks.powerOfTen(-k) }
    let every = (last - first + 5) / 6
    last = first + (last - first + every - 1) / every * every
    var values: [Double] = []
    for k in stride(from: first, through: last, by: every) {
      values.append(power(k))
      if last - first < 3, k < last {
        values.append(2 * power(k))
        values.append(5 * power(k))
      }
    }
    self.values = values
    lower = power(first)
    upper = power(last)
  }
}
