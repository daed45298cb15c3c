import NumericCore

/// A model configuration: hyperparameters only, doing nothing until `fit`
/// (scikit-learn's split between `__init__` and `fit`, made a type
/// distinction: "is it fitted?" is answered by the compiler).
public protocol Estimator: Sendable {
  associatedtype Training
  associatedtype Fitted: FittedModel
  /// Fits the model. Pure: no I/O, no globals.
  func fit(_ data: Training) throws -> Fitted
}

/// A fitted model: parameters, uncertainty and diagnostics. Its file layout
/// is owned by `ModelStore` (a documented format), not by Swift's synthesized
/// `Codable`, so that renaming a property never changes the file format.
public protocol FittedModel: Sendable {
  /// The kind written into model files.
  static var kind: ModelKind { get }
  /// Every parameter with its uncertainty, in the order a model card lists them.
  var parameters: [ParameterEstimate] { get }
}

/// The kind of a model, as written in model files (`"logistic-regression"`, …).
public struct ModelKind: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }

  public static let logisticRegression = ModelKind(rawValue: "logistic-regression")
  /// BG/NBD (Fader, Hardie & Lee 2005).
  public static let betaGeo = ModelKind(rawValue: "bg-nbd")
  /// MBG/NBD (Batislam, Denizel & Filiztekin 2007).
  public static let modifiedBetaGeo = ModelKind(rawValue: "mbg-nbd")
  /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
  public static let paretoNBD = ModelKind(rawValue: "pareto-nbd")
  /// The Gamma-Gamma spend model (Fader, Hardie & Lee 2005b; Colombo & Jiang 1999).
  public static let gammaGamma = ModelKind(rawValue: "gamma-gamma")
}
