/// ABC classification of customers by cumulative value (Pareto analysis), and
/// value tiers that add the customers worth developing.
///
/// Customers sorted by value, largest first, are A until the cumulative
/// share of the total first reaches the A threshold a (default 80%), the
/// customer who crosses it included; then B until the share reaches b
/// (default 95%), the crossing customer included; the rest are C. Stated per
/// customer, with S(v) the share of the total held by customers of value
/// strictly greater than v (`ValueConcentration.shareAbove`):
///
///     A if S(v) < a,   B if a ≤ S(v) < b,   C if S(v) ≥ b
///
/// so tied customers always share a class: a tie group that straddles a
/// threshold goes wholly to the higher class (A then holds at least a, by
/// as much more as the tie group brings). Customers of value 0 are C
/// (S(0) = 1). Every value 0 has no shares and is refused.
public struct ABCClassification: Sendable {
  /// A customer's class.
  public enum Class: String, CaseIterable, Sendable {
    /// The customers who hold the first share a of the value.
    case a = "A"
    /// The next, up to the share b.
    case b = "B"
    /// The rest.
    case c = "C"

    /// The position in `allCases`.
    public var index: Int { Class.allCases.firstIndex(of: self)! }
  }

  /// The cumulative shares that close classes A and B.
  public struct Thresholds: Sendable, Equatable {
    /// The cumulative share that closes class A.
    public let a: Double
    /// The cumulative share that closes class B.
    public let b: Double

    /// - Returns: nil unless 0 < a < b ≤ 1.
    public init?(a: Double, b: Double) {
      guard a > 0, a < b, b <= 1 else { return nil }
      self.a = a
      self.b = b
    }

    /// 80% / 95%.
    public static let standard = Thresholds(a: 0.8, b: 0.95)!
  }

  /// The shares that close classes A and B.
  public let thresholds: Thresholds
  /// The values sorted, with their cumulative shares.
  public let concentration: ValueConcentration
  /// The class of each customer, in input order.
  public let classes: [Class]

  /// - Throws: `ValueConcentration.Failure` for a negative or non-finite
  ///   value, or when every value is 0.
  public init(values: [Double], thresholds: Thresholds = .standard) throws(ValueConcentration.Failure) {
    let concentration = try ValueConcentration(values)
    self.thresholds = thresholds
    self.concentration = concentration
    classes = values.map { v in
      let ahead = concentration.shareAbove(v)
      return ahead < thresholds.a ? .a : ahead < thresholds.b ? .b : .c
    }
  }
}

/// A customer's value tier: what she has been worth, and what she may be.
///
///     high       historical class A
///     medium     historical class B
///     potential  historical class C, but in class A by predicted value: the
///                customers of strictly greater predicted value hold less
///                than the share s (default 80%, the A threshold) of the
///                predicted total — or, when a minimum is set, P(alive) at or
///                above it
///     low        the other class C customers
///
/// The predicted criterion is the ABC rule applied to the predicted values,
/// so ties are never split and it does not depend on row order. On CDNOW
/// (notebooks-data/summary.csv; BG/NBD + Gamma-Gamma, 12 months, 1% a month)
/// it marks 210 of the 1691 class C customers. P(alive) alone is a weak criterion for BG/NBD: a customer
/// without repeat purchases has P(alive) = 1.
public enum ValueTier: String, CaseIterable, Sendable {
  /// Historical class A.
  case high
  /// Historical class B.
  case medium
  /// Historical class C with a high predicted value.
  case potential
  /// The other class C customers.
  case low

  /// The position in `allCases`.
  public var index: Int { ValueTier.allCases.firstIndex(of: self)! }

  /// Tiers from historical classes and predicted values.
  ///
  /// - Parameters:
  ///   - classes: the ABC class of each customer by historical value.
  ///   - predicted: each customer's predicted value (CLV).
  ///   - share: s, the share of the predicted total that closes predicted
  ///     class A, in (0, 1].
  ///   - probabilityAlive: P(alive) per customer, when the alternative
  ///     criterion is wanted, with its minimum.
  /// When every predicted value is 0 there is no predicted class A: no
  /// customer is potential by predicted value (only by P(alive), when given).
  /// - Throws: `ValueConcentration.Failure` for a negative or non-finite
  ///   predicted value, or a predicted total that overflows.
  /// - Precondition: one entry per customer everywhere.
  public static func tiers(classes: [ABCClassification.Class], predicted: [Double], share: Double = 0.8,
                           probabilityAlive: (values: [Double], minimum: Double)? = nil)
    throws(ValueConcentration.Failure) -> [ValueTier]
  {
    precondition(classes.count == predicted.count, "one predicted value per customer")
    precondition(share > 0 && share <= 1, "the share is in (0, 1]")
    if let alive = probabilityAlive { precondition(alive.values.count == classes.count, "one P(alive) per customer") }
    let ranking: ValueConcentration?
    do {
      ranking = try ValueConcentration(predicted)
    } catch .zeroTotal {
      ranking = nil
    }
    return classes.indices.map { i in
      switch classes[i] {
      case .a: return .high
      case .b: return .medium
      case .c:
        if let ranking, ranking.shareAbove(predicted[i]) < share { return .potential }
        if let alive = probabilityAlive, alive.values[i] >= alive.minimum { return .potential }
        return .low
      }
    }
  }
}
