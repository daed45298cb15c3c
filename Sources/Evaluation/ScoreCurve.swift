/// The confusion counts at every distinct score threshold (scikit-learn's
/// `_binary_clf_curve`): rows of zero weight dropped, the rest sorted by
/// score descending (ties in row order), and at the last row of each run of
/// equal scores the weighted cumulative true positives TP_t = Σ w·y and false
/// positives FP_t = Σ w·(1 − y) over all rows scoring ≥ that score, with
/// the score t itself as the threshold. The sums run in the same order as
/// scikit-learn's cumulative sums, so the counts agree with its bit for bit.
struct ScoreCurve {
  var truePositives: [Double] = []
  var falsePositives: [Double] = []
  /// The distinct scores, descending.
  var thresholds: [Double] = []

  init(labels: [Double], scores: [Double], weights: [Double]?) {
    var kept = [Int]()
    kept.reserveCapacity(labels.count)
    for row in labels.indices where (weights?[row] ?? 1) != 0 { kept.append(row) }
    let order = rankOrder(scores, rows: kept, descending: true)
    var tp = 0.0, fp = 0.0
    for (position, row) in order.enumerated() {
      let w = weights?[row] ?? 1
      tp += w * labels[row]
      fp += w * (1 - labels[row])
      if position == order.count - 1 || scores[order[position + 1]] != scores[row] {
        truePositives.append(tp)
        falsePositives.append(fp)
        thresholds.append(scores[row])
      }
    }
  }
}
