/// The rows ordered by score, descending or ascending, ties in row order —
/// the order every ranking metric and table needs — by a stable LSD radix
/// sort on the scores' bits (six passes of 11 bits; a pass whose digit is
/// the same for every row is skipped): O(n), against the O(n log n) index
/// comparisons of a comparison sort, which dominated cross-validation's
/// scoring of millions of out-of-fold rows.
///
/// The key of a score x is its IEEE bit pattern made to sort as unsigned
/// integers (negative numbers: all bits flipped; others: the sign bit set),
/// with −0 taken as +0 so that the two zeros tie as `==` says; descending
/// order flips every key bit. Scores must not be NaN.
///
/// - Parameter rows: the rows to order, increasing (default: all).
func rankOrder(_ scores: [Double], rows: [Int]? = nil, descending: Bool) -> [Int] {
  var order = rows ?? Array(scores.indices)
  let n = order.count
  guard n > 1 else { return order }
  var keys = order.map { row -> UInt64 in
    let bits = (scores[row] + 0).bitPattern
    let ascending = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    return descending ? ~ascending : ascending
  }
  let digitBits = 11, buckets = 1 << 11
  var otherKeys = [UInt64](repeating: 0, count: n)
  var otherOrder = [Int](repeating: 0, count: n)
  var counts = [Int](repeating: 0, count: buckets)
  for shift in stride(from: 0, to: 64, by: digitBits) {
    for k in counts.indices { counts[k] = 0 }
    for key in keys { counts[Int(truncatingIfNeeded: key >> UInt64(shift)) & (buckets - 1)] += 1 }
    if counts.contains(n) { continue }
    var start = 0
    for k in counts.indices {
      let c = counts[k]
      counts[k] = start
      start += c
    }
    for i in 0..<n {
      let digit = Int(truncatingIfNeeded: keys[i] >> UInt64(shift)) & (buckets - 1)
      let slot = counts[digit]
      counts[digit] = slot + 1
      otherKeys[slot] = keys[i]
      otherOrder[slot] = order[i]
    }
    swap(&keys, &otherKeys)
    swap(&order, &otherOrder)
  }
  return order
}
