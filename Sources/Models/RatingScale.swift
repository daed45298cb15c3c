import Foundation

/// The whole-number answers a survey question allows, `lowest ... highest`
/// (0–10 for the Net Promoter question, 1–5 for a usual satisfaction
/// question).
public struct RatingScale: Sendable, Equatable, CustomStringConvertible {
  /// The lowest and the highest answer allowed.
  public let lowest: Int, highest: Int

  /// - Precondition: lowest < highest.
  public init(_ lowest: Int, _ highest: Int) {
    precondition(lowest < highest, "a scale needs at least two answers")
    self.lowest = lowest
    self.highest = highest
  }

  /// The scale of the Net Promoter question, 0–10.
  public static let netPromoter = RatingScale(0, 10)

  /// A scale written `L-H` (`1-5`, `0-10`), nil for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let lowest = Int(parts[0]), let highest = Int(parts[1]), lowest < highest else {
      return nil
    }
    self.init(lowest, highest)
  }

  /// `L-H`.
  public var description: String { "\(lowest)-\(highest)" }

  /// The answers of one survey column as whole numbers on the scale, one
  /// per cell: nil for a blank cell (empty or spaces only), since a survey
  /// question may go unanswered.
  ///
  /// - Throws: `RatingScaleError` at the first cell that is not a whole
  ///   number (`9.5`, `ten`) or lies off the scale.
  public func answers(_ cells: [String?]) throws(RatingScaleError) -> [Int?] {
    var answers = [Int?]()
    answers.reserveCapacity(cells.count)
    for (row, cell) in cells.enumerated() {
      let text = cell?.trimmingCharacters(in: .whitespaces) ?? ""
      guard !text.isEmpty else {
        answers.append(nil)
        continue
      }
      guard let score = Int(text), score >= lowest, score <= highest else {
        throw RatingScaleError(row: row, found: text, scale: self)
      }
      answers.append(score)
    }
    return answers
  }
}

/// A survey answer that is not a whole number on its scale.
public struct RatingScaleError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 0-based row of the answer.
  public let row: Int
  /// The cell's text.
  public let found: String
  /// The scale it should be on.
  public let scale: RatingScale

  /// `expected a whole number from 0 to 10, found "11"`.
  public var description: String {
    "expected a whole number from \(scale.lowest) to \(scale.highest), found \(String(reflecting: found))"
  }
}
