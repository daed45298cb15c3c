import Foundation

/// metrics_reference.json, written by Fixtures/make_metrics_fixtures.py
/// (numpy 2.4.6, pandas 3.1.1, scikit-learn 1.9.1; see that script).
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  struct Reference: Decodable {
    var cases: [Case]
    var tables: Tables
    var holdout: Holdout
    var splitters: Splitters
  }

  /// One seeded binary-classification case and sklearn's metrics at each threshold.
  struct Case: Decodable {
    var name: String
    var labels: [Double]
    var scores: [Double]
    var weights: [Double]?
    var thresholds: [AtThreshold]
    /// roc_curve with drop_intermediate true / false.
    var roc, rocAll: ROC
    /// precision_recall_curve with drop_intermediate false / true.
    var precisionRecall, precisionRecallDropped: PrecisionRecall
  }

  struct ROC: Decodable {
    var falsePositiveRate, truePositiveRate, thresholds: [Double]
  }

  struct PrecisionRecall: Decodable {
    var precision, recall, thresholds: [Double]
  }

  struct AtThreshold: Decodable {
    var threshold: Double
    var rocAUC, averagePrecision, logLoss, brierScore: Double
    var accuracy, precision, recall, f1: Double
  }

  /// Lift and calibration tables computed with pandas (qcut of rank(method="first")).
  struct Tables: Decodable {
    struct Lift: Decodable {
      var decile, count, positives: Int
      var rate, lift, cumulativeGain, minScore, maxScore: Double
    }
    struct Calibration: Decodable {
      var bin, count: Int
      var meanPredicted, observedRate: Double
    }
    var labels: [Double]
    var scores: [Double]
    var lift: [Lift]
    var calibration: [Calibration]
  }

  /// CLV holdout metrics computed with numpy / pandas.
  struct Holdout: Decodable {
    struct Bucket: Decodable {
      var frequency, customers: Int
      var meanActual, meanPredicted: Double
    }
    var calibrationFrequency, actual, predicted: [Double]
    var maxFrequency: Int
    var meanAbsoluteError, rootMeanSquaredError, totalPredicted, totalActual: Double
    var byFrequency: [Bucket]
  }

  /// sklearn's deterministic (unshuffled) splitters' test folds.
  struct Splitters: Decodable {
    var count: Int
    var labels: [Int]
    var groups: [Int]
    var kFold5, stratifiedKFold5, groupKFold4: [[Int]]
  }

  static func reference() throws -> Reference {
    let data = try Data(contentsOf: directory.appendingPathComponent("metrics_reference.json"))
    let decoder = JSONDecoder()
    // roc_curve's first threshold is +inf, written as the string "Infinity".
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return try decoder.decode(Reference.self, from: data)
  }
}
