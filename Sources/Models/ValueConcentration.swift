/// How concentrated value is among customers: the values sorted in
/// descending order and the cumulative share of the total they hold — the
/// Pareto curve ("the top 20% of customers hold 78% of the value") and the
/// basis of ABC classification.
///
/// With v₍₁₎ ≥ v₍₂₎ ≥ … ≥ v₍ₙ₎ and Cₖ = v₍₁₎ + … + v₍ₖ₎, the curve runs
/// through the points (k/n, Cₖ/Cₙ), k = 0…n, joined by straight lines (the
/// Lorenz curve of the values taken from the top). Along a run of tied
/// values the curve is a straight line, so nothing here depends on how ties
/// are ordered.
public struct ValueConcentration: Sendable {
  /// Why values cannot be summarised.
  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value at this position (0-based) is negative or not finite.
    case invalidValue(index: Int)
    /// Every value is 0 (or there are none): no share of value is defined.
    case zeroTotal
    /// The values are finite but their total is not (it exceeds
    /// `Double.greatestFiniteMagnitude`, about 1.8e308): no share of it can
    /// be computed.
    case totalOverflow

    /// What went wrong, for a message that names the file and column.
    public var description: String {
      switch self {
      case .invalidValue(let index): "value \(index + 1) is negative or not finite"
      case .zeroTotal: "every value is 0: no share of the total is defined"
      case .totalOverflow:
        "the values add up to more than 1.8e308, the largest number a double holds: no share of the total can be computed"
      }
    }
  }

  /// The values, largest first.
  public let descending: [Double]
  /// `cumulative[k]` = C₍ₖ₊₁₎, the value of the k + 1 largest.
  public let cumulative: [Double]

  /// Cₙ, the total value.
  public var total: Double { cumulative[cumulative.count - 1] }
  /// n, the number of customers.
  public var count: Int { descending.count }

  /// - Throws: `Failure.invalidValue` at the first negative or non-finite
  ///   value; `Failure.zeroTotal` when every value is 0 or there are none;
  ///   `Failure.totalOverflow` when the total is not finite.
  public init(_ values: [Double]) throws(Failure) {
    if let bad = values.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) { throw .invalidValue(index: bad) }
    let sorted = values.sorted(by: >)
    var running = 0.0
    var sums = [Double]()
    sums.reserveCapacity(sorted.count)
    for v in sorted {
      running += v
      sums.append(running)
    }
    guard running > 0 else { throw .zeroTotal }
    guard running.isFinite else { throw .totalOverflow }
    descending = sorted
    cumulative = sums
  }

  /// The number of customers whose value is strictly greater than `value`.
  public func countAbove(_ value: Double) -> Int {
    var low = 0, high = descending.count
    while low < high {
      let mid = (low + high) / 2
      if descending[mid] > value { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The share of the total held by customers whose value is strictly
  /// greater than `value` (0 for the largest value).
  public func shareAbove(_ value: Double) -> Double {
    let k = countAbove(value)
    return k == 0 ? 0 : cumulative[k - 1] / total
  }

  /// The share of the total held by the top `fraction` of customers, on the
  /// curve: C(f·n)/Cₙ, interpolated linearly between whole customers.
  ///
  /// - Precondition: 0 ≤ fraction ≤ 1.
  public func share(ofTop fraction: Double) -> Double {
    precondition(fraction >= 0 && fraction <= 1, "a fraction of customers is in 0…1")
    let position = fraction * Double(count)
    let whole = min(Int(position), count)
    let held = whole == 0 ? 0 : cumulative[whole - 1]
    let part = whole < count ? (position - Double(whole)) * descending[whole] : 0
    return (held + part) / total
  }

  /// The smallest fraction of customers, taken from the top, that holds at
  /// least `share` of the total: the inverse of `share(ofTop:)`.
  ///
  /// - Precondition: 0 ≤ share ≤ 1.
  public func fraction(holding share: Double) -> Double {
    precondition(share >= 0 && share <= 1, "a share of value is in 0…1")
    let target = share * total
    guard target > 0 else { return 0 }
    // The first k with C₍ₖ₎ ≥ target, then back along that customer's segment.
    var low = 0, high = count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] >= target { high = mid } else { low = mid + 1 }
    }
    let before = low == 0 ? 0 : cumulative[low - 1]
    let part = descending[low] > 0 ? (target - before) / descending[low] : 1
    return (Double(low) + min(max(part, 0), 1)) / Double(count)
  }

  /// The curve at `points` + 1 evenly spaced fractions of customers,
  /// 0, 1/points, …, 1: (customer share, value share) pairs for a chart.
  ///
  /// - Precondition: points ≥ 1.
  public func curve(points: Int) -> (customerShare: [Double], valueShare: [Double]) {
    precondition(points >= 1, "a curve needs at least one step")
    let x = (0...points).map { Double($0) / Double(points) }
    return (x, x.map { share(ofTop: $0) })
  }
}
