/// The Net Promoter Score of a set of answers to "How likely are you to
/// recommend us?" on the 0–10 scale (Reichheld 2003, "The one number you
/// need to grow", Harvard Business Review):
///
///     promoters   answers 9–10      passives 7–8      detractors 0–6
///     NPS = 100 · (promoters − detractors) / answers       in points, −100 … 100
public struct NetPromoterScore: Sendable, Equatable {
  /// Answers of 9 or 10.
  public let promoters: Int
  /// Answers of 7 or 8.
  public let passives: Int
  /// Answers of 0 to 6.
  public let detractors: Int

  /// Counts the answers.
  ///
  /// - Precondition: every score is in 0...10 (`RatingScale.answers`
  ///   checks input).
  public init(scores: some Sequence<Int>) {
    var promoters = 0, passives = 0, detractors = 0
    for score in scores {
      precondition((0...10).contains(score), "an NPS answer is 0 to 10")
      switch score {
      case 9...: promoters += 1
      case 7...8: passives += 1
      default: detractors += 1
      }
    }
    self.promoters = promoters
    self.passives = passives
    self.detractors = detractors
  }

  /// The number of answers.
  public var answers: Int { promoters + passives + detractors }

  /// 100 · (promoters − detractors) / answers, in points; nil without answers.
  public var score: Double? {
    answers > 0 ? 100 * Double(promoters - detractors) / Double(answers) : nil
  }
}
