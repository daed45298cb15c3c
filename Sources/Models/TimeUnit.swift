/// The unit in which buy-till-you-die models measure time (recency, age T,
/// holdout duration, forecast horizons): a fixed number of days.
///
/// Times are exact fractions, days / `days`, never rounded to whole units.
public enum TimeUnit: String, Sendable, CaseIterable {
  /// 1 day.
  case day
  /// 7 days (the CDNOW literature's unit).
  case week
  /// 365.25 / 12 = 30.4375 days: the mean month of the Julian year, so that
  /// twelve months are a year on average (calendar months differ in length,
  /// which would make a "month" of recency depend on the season).
  case month

  /// The length of the unit in days.
  public var days: Double {
    switch self {
    case .day: 1
    case .week: 7
    case .month: 365.25 / 12
    }
  }
}
