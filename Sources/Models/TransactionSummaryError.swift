import Tabular

/// Why a transaction log cannot be summarised.
public enum TransactionSummaryError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The log has no transactions.
  case emptyLog
  /// The observation end is on or before the calibration end, so the
  /// holdout period would be empty or negative. `calibrationEndIsDefault`:
  /// the calibration end was not given and is the last transaction date.
  case observationEndNotAfterCalibrationEnd(observationEnd: Int32, calibrationEnd: Int32, calibrationEndIsDefault: Bool)
  /// Every customer first bought after the calibration end: there is no
  /// one to summarise. `firstPurchase` is the earliest transaction date.
  case calibrationEndBeforeEveryFirstPurchase(calibrationEnd: Int32, firstPurchase: Int32)
  /// A customer's amounts add up beyond what a Double holds.
  case amountOverflow(customer: Int)

  /// One line, with the dates as `YYYY-MM-DD`.
  public var description: String {
    switch self {
    case .emptyLog:
      return "the transaction log has no transactions (a header and no rows)"
    case let .observationEndNotAfterCalibrationEnd(observationEnd, calibrationEnd, isDefault):
      return "the observation end \(CalendarDate.format(observationEnd)) must be after the calibration end "
        + "\(CalendarDate.format(calibrationEnd))"
        + (isDefault ? " (by default the last transaction date; set the calibration end before it)" : "")
    case let .calibrationEndBeforeEveryFirstPurchase(calibrationEnd, firstPurchase):
      return "the calibration end \(CalendarDate.format(calibrationEnd)) is before every customer's first purchase "
        + "(the earliest is on \(CalendarDate.format(firstPurchase))): no customer to summarise"
    case let .amountOverflow(customer):
      return "the amounts of customer #\(customer) (in order of first appearance) add up to more than a number can hold: rescale the amount column"
    }
  }
}
