import NumericCore

/// Identical (x, tₓ, T) rows grouped, their weights added, and the groups
/// ordered by frequency: the input of every buy-till-you-die likelihood
/// (BG/NBD, MBG/NBD, Pareto/NBD), which then costs what the distinct rows
/// cost and computes the terms that depend on x alone once per run of equal x.
///
/// Grouping is a hash partition (Kim et al. 2009, "Sort vs. hash revisited"):
/// rows are scattered by the top bits of a hash of their bit patterns into
/// partitions small enough for a cache-resident hash table each, deduplicated
/// partition by partition in parallel, then put in order of x by a stable
/// counting sort. Every step depends on the data alone, so the groups, their
/// order and their weight sums (added in row order) are the same for any
/// thread count. Rows of weight 0 are left out.
struct SummaryGroups {
  var frequency = [Double](), recency = [Double](), age = [Double](), weights = [Double]()
  /// The distinct frequencies, increasing: rows `runStarts[k]..<runStarts[k + 1]`
  /// have frequency `runFrequencies[k]`.
  var runFrequencies = [Double]()
  var runStarts = [0]
  /// Σ weights over each run, added in row order.
  var runWeights = [Double]()

  var count: Int { frequency.count }

  private static let partitionBits = 8
  private static let blockSize = 1 << 16

  init(_ data: BetaGeo.Training) {
    let n = data.rowCount
    let partitions = 1 << Self.partitionBits
    let blocks = rowBlocks(count: n, size: Self.blockSize)
    let x = data.frequency, t = data.recency, T = data.age
    let w = data.weights

    // Rows per (block, partition), then each block's first slot in each partition.
    var slots = [Int](repeating: 0, count: blocks.count * partitions)
    slots.withUnsafeMutableBufferPointer { counts in
      let counts = UncheckedSendable(counts.baseAddress!)
      ParallelChunks.forEach(chunkCount: blocks.count) { b in
        let row = counts.value + b * partitions
        for i in blocks[b] where w.map({ $0[i] > 0 }) ?? true {
          row[Self.partition(Self.hash(x[i], t[i], T[i]))] += 1
        }
      }
    }
    var partitionStarts = [Int](repeating: 0, count: partitions + 1)
    var next = 0
    for p in 0..<partitions {
      partitionStarts[p] = next
      for b in blocks.indices {
        let c = slots[b * partitions + p]
        slots[b * partitions + p] = next
        next += c
      }
    }
    partitionStarts[partitions] = next
    let kept = next

    // Scatter: each partition holds its rows in row order.
    var px = [Double](repeating: 0, count: kept), pt = px, pT = px, pw = px
    var distinctPerPartition = [Int](repeating: 0, count: partitions)
    px.withUnsafeMutableBufferPointer { px in
      pt.withUnsafeMutableBufferPointer { pt in
        pT.withUnsafeMutableBufferPointer { pT in
          pw.withUnsafeMutableBufferPointer { pw in
            slots.withUnsafeMutableBufferPointer { slots in
              let out = (UncheckedSendable(px.baseAddress), UncheckedSendable(pt.baseAddress),
                         UncheckedSendable(pT.baseAddress), UncheckedSendable(pw.baseAddress))
              let slots = UncheckedSendable(slots.baseAddress!)
              ParallelChunks.forEach(chunkCount: blocks.count) { b in
                let next = slots.value + b * partitions
                for i in blocks[b] {
                  let weight = w?[i] ?? 1
                  guard weight > 0 else { continue }
                  let p = Self.partition(Self.hash(x[i], t[i], T[i]))
                  let k = next[p]
                  next[p] = k + 1
                  out.0.value![k] = x[i]
                  out.1.value![k] = t[i]
                  out.2.value![k] = T[i]
                  out.3.value![k] = weight
                }
              }
              // Deduplicate each partition in place: its k-th distinct row moves to
              // its start + k, never past the row being read.
              distinctPerPartition.withUnsafeMutableBufferPointer { distinct in
                let distinct = UncheckedSendable(distinct.baseAddress!)
                ParallelChunks.forEach(chunkCount: partitions) { p in
                  distinct.value[p] = Self.deduplicate(
                    partitionStarts[p]..<partitionStarts[p + 1], out.0.value!, out.1.value!, out.2.value!, out.3.value!)
                }
              }
            }
          }
        }
      }
    }

    // A stable counting sort of the distinct rows by x.
    var distinctX = [Double]()
    for p in 0..<partitions {
      for k in partitionStarts[p]..<(partitionStarts[p] + distinctPerPartition[p]) { distinctX.append(px[k]) }
    }
    // x is a whole number: most summaries index a dense table rather than hash.
    let largest = distinctX.max() ?? 0
    let dense = largest < Double(1 << 22)
    var denseRun = [Int32](repeating: -1, count: dense ? Int(largest) + 1 : 0)
    let frequencies: [Double]
    if dense {
      for f in distinctX { denseRun[Int(f)] = 0 }
      frequencies = denseRun.indices.filter { denseRun[$0] == 0 }.map(Double.init)
      for (k, f) in frequencies.enumerated() { denseRun[Int(f)] = Int32(k) }
    } else {
      frequencies = Array(Set(distinctX)).sorted()
    }
    let runOf = dense ? [:] : Dictionary(uniqueKeysWithValues: frequencies.enumerated().map { ($0.element, $0.offset) })
    var starts = [Int](repeating: 0, count: frequencies.count + 1)
    func run(_ f: Double) -> Int { dense ? Int(denseRun[Int(f)]) : runOf[f]! }
    var runOfRow = [Int32](repeating: 0, count: distinctX.count)
    for (i, f) in distinctX.enumerated() {
      let k = run(f)
      runOfRow[i] = Int32(k)
      starts[k + 1] += 1
    }
    for k in frequencies.indices { starts[k + 1] += starts[k] }
    let total = distinctX.count
    frequency = [Double](repeating: 0, count: total)
    recency = frequency
    age = frequency
    weights = frequency
    var fill = starts
    var i = 0
    for p in 0..<partitions {
      for k in partitionStarts[p]..<(partitionStarts[p] + distinctPerPartition[p]) {
        let r = Int(runOfRow[i])
        let slot = fill[r]
        fill[r] += 1
        frequency[slot] = px[k]
        recency[slot] = pt[k]
        age[slot] = pT[k]
        weights[slot] = pw[k]
        i += 1
      }
    }
    runFrequencies = frequencies
    runStarts = starts
    runWeights = Self.runWeights(weights, starts)
  }

  /// A systematic sample of about `count / stride` groups that represents
  /// the customers, used to find a starting point cheaply: sample points are
  /// spaced h = (total weight)/(count/stride) apart along the groups'
  /// cumulative weight, in order, and a group holding k points enters with
  /// weight k·h. Every customer is equally likely to be represented, and a
  /// heavy group (all the one-time buyers of a cohort share one (0, 0, T))
  /// enters with its own weight to within h — sampling every k-th *group*
  /// would instead keep or drop it whole, and move the sample's optimum far
  /// from the data's.
  func subsample(stride step: Int) -> SummaryGroups {
    var sample = SummaryGroups()
    sample.runStarts = []
    let total = weights.reduce(0, +)
    let spacing = total / Double(max(1, count / step))
    var cumulative = 0.0
    // Sample points lie at (j + ½)·h; points before `cumulative`: ⌊c/h + ½⌋.
    var pointsBefore = 0.0
    for k in runFrequencies.indices {
      let first = sample.frequency.count
      for i in runStarts[k]..<runStarts[k + 1] {
        cumulative += weights[i]
        let pointsThrough = (cumulative / spacing + 0.5).rounded(.down)
        let hits = pointsThrough - pointsBefore
        pointsBefore = pointsThrough
        guard hits > 0 else { continue }
        sample.frequency.append(frequency[i])
        sample.recency.append(recency[i])
        sample.age.append(age[i])
        sample.weights.append(hits * spacing)
      }
      if sample.frequency.count > first {
        sample.runFrequencies.append(runFrequencies[k])
        sample.runStarts.append(first)
      }
    }
    sample.runStarts.append(sample.frequency.count)
    sample.runWeights = Self.runWeights(sample.weights, sample.runStarts)
    return sample
  }

  private init() {}

  private static func runWeights(_ weights: [Double], _ starts: [Int]) -> [Double] {
    (0..<(starts.count - 1)).map { k in weights[starts[k]..<starts[k + 1]].reduce(0, +) }
  }

  /// The run holding row `i`.
  func run(containing i: Int) -> Int {
    var low = 0, high = runFrequencies.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if runStarts[mid] <= i { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// A 64-bit mix of the three bit patterns (the finaliser of MurmurHash3).
  @inline(__always)
  private static func hash(_ x: Double, _ t: Double, _ T: Double) -> UInt64 {
    var h = x.bitPattern &* 0x9E37_79B9_7F4A_7C15 ^ t.bitPattern &* 0xC2B2_AE3D_27D4_EB4F ^ T.bitPattern &* 0x1656_67B1_9E37_79F9
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }

  @inline(__always)
  private static func partition(_ h: UInt64) -> Int { Int(h >> UInt64(64 - partitionBits)) }

  /// Moves the distinct rows of `range` to its front, first occurrences in
  /// order, their weights summed; returns how many there are.
  private static func deduplicate(
    _ range: Range<Int>, _ x: UnsafeMutablePointer<Double>, _ t: UnsafeMutablePointer<Double>,
    _ T: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>
  ) -> Int {
    guard !range.isEmpty else { return 0 }
    var size = 16
    while size < 2 * range.count { size <<= 1 }
    let mask = size - 1
    var table = [Int32](repeating: -1, count: size)
    var distinct = 0
    let base = range.lowerBound
    table.withUnsafeMutableBufferPointer { table in
      for i in range {
        let (xi, ti, Ti, wi) = (x[i], t[i], T[i], w[i])
        var slot = Int(truncatingIfNeeded: hash(xi, ti, Ti)) & mask
        while true {
          let k = Int(table[slot])
          if k < 0 {
            table[slot] = Int32(distinct)
            let j = base + distinct
            (x[j], t[j], T[j], w[j]) = (xi, ti, Ti, wi)
            distinct += 1
            break
          }
          let j = base + k
          if x[j].bitPattern == xi.bitPattern && t[j].bitPattern == ti.bitPattern && T[j].bitPattern == Ti.bitPattern {
            w[j] += wi
            break
          }
          slot = (slot + 1) & mask
        }
      }
    }
    return distinct
  }

  /// Refuses rows no (x, tₓ, T) summary can have; `model` names the model in
  /// the message. Rows are checked in parallel over fixed blocks; of several
  /// bad rows the first is reported.
  static func check(_ data: BetaGeo.Training, model: String) throws(FitError) {
    guard data.rowCount > 0 else { throw .notIdentified("there are no customers to fit") }
    let x = data.frequency, t = data.recency, T = data.age, w = data.weights
    func isSummary(_ i: Int) -> Bool {
      let (x, t, T) = (x[i], t[i], T[i])
      return x >= 0 && x == x.rounded() && t >= 0 && T >= 0 && t <= T && (x > 0 || t == 0) && x.isFinite && T.isFinite
    }
    func valid(_ i: Int) -> Bool { isSummary(i) && (w.map { $0[i] >= 0 && $0[i].isFinite } ?? true) }
    let blocks = rowBlocks(count: data.rowCount, size: blockSize)
    let firstBad = ParallelChunks.mapReduce(
      chunkCount: blocks.count, map: { k in blocks[k].first { !valid($0) } }, initial: nil as Int?,
      combine: { first, block in first = first ?? block })
    guard let i = firstBad else { return }
    guard isSummary(i) else {
      throw .notIdentified("row \(i + 1) is not a \(model) summary: frequency \(x[i]), recency \(t[i]), T \(T[i])")
    }
    throw .notIdentified("row \(i + 1): weight \(w![i]) must be finite and non-negative")
  }
}
