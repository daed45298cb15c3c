/// The customer satisfaction score (CSAT) of a set of answers to "How
/// satisfied were you?" on a rating scale: the share of satisfied answers,
///
///     CSAT = (answers ≥ threshold) / answers
///
/// with the threshold 4 on the usual 1–5 scale (4 "satisfied" and 5 "very
/// satisfied" count), so the top-two-box share; on any scale the top two
/// boxes start at highest − 1 (9 on 0–10), `cvw kpi`'s default.
public struct CustomerSatisfaction: Sendable, Equatable {
  /// The scale the answers are on.
  public let scale: RatingScale
  /// The lowest answer that counts as satisfied.
  public let threshold: Int
  /// Answers at or above the threshold.
  public let satisfied: Int
  /// All answers.
  public let answers: Int

  /// Counts the answers.
  ///
  /// - Precondition: the threshold and every score are on the scale
  ///   (`RatingScale.answers` checks input).
  public init(scores: some Sequence<Int>, scale: RatingScale, threshold: Int) {
    precondition(threshold >= scale.lowest && threshold <= scale.highest, "the threshold must be on the scale")
    var satisfied = 0, answers = 0
    for score in scores {
      precondition(score >= scale.lowest && score <= scale.highest, "an answer must be on the scale")
      answers += 1
      if score >= threshold { satisfied += 1 }
    }
    self.scale = scale
    self.threshold = threshold
    self.satisfied = satisfied
    self.answers = answers
  }

  /// satisfied / answers, a share in 0…1; nil without answers.
  public var score: Double? { answers > 0 ? Double(satisfied) / Double(answers) : nil }
}
