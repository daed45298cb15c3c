import NumericCore

/// One parameter of a fitted model with its Wald inference, the shape every
/// model kind shares in `cvw inspect`: z = estimate / SE, p = P(|Z| ≥ |z|),
/// interval estimate ± z₀.₉₇₅·SE. The inference fields are nil where the
/// standard error is not defined (penalised fits).
public struct ParameterEstimate: Codable, Sendable, Equatable {
  public var name: String
  public var estimate: Double
  public var standardError: Double?
  public var z: Double?
  public var pValue: Double?
  public var lower95: Double?
  public var upper95: Double?

  public init(name: String, estimate: Double, standardError: Double?) {
    self.name = name
    self.estimate = estimate
    self.standardError = standardError
    guard let se = standardError, se > 0, se.isFinite else { return }
    let z = estimate / se
    let half = StandardNormal.quantile(0.975) * se
    self.z = z
    self.pValue = StandardNormal.twoSidedPValue(z)
    self.lower95 = estimate - half
    self.upper95 = estimate + half
  }

  enum CodingKeys: String, CodingKey {
    case name, estimate, standardError, z, pValue, lower95, upper95
  }

  // Written explicitly so that undefined inference is `null`, not absent:
  // every parameter object has the same keys.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(estimate, forKey: .estimate)
    try c.encode(standardError, forKey: .standardError)
    try c.encode(z, forKey: .z)
    try c.encode(pValue, forKey: .pValue)
    try c.encode(lower95, forKey: .lower95)
    try c.encode(upper95, forKey: .upper95)
  }
}
