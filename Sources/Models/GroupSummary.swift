/// Customers and value per group (an RFM segment, an ABC class, a value
/// tier): the rows of a segment table.
///
///     customers_g = #{i : gᵢ = g}          customer share = customers_g / n
///     value_g     = Σ_{i : gᵢ = g} vᵢ      value share    = value_g / Σᵢ vᵢ
///     mean of a column x over g = Σ_{i : gᵢ = g} xᵢ / customers_g
///
/// Empty groups keep their row (0 customers, 0 value) so a table always
/// lists every group; their means are nil, as are value shares when the
/// total value is 0.
public struct GroupSummary: Sendable {
  /// The group of each customer, 0..<groupCount.
  public let groups: [Int]
  /// Customers per group.
  public let customers: [Int]
  /// Σ value per group.
  public let value: [Double]

  /// - Precondition: one value per customer; groups in 0..<groupCount.
  public init(groups: [Int], groupCount: Int, value: [Double]) {
    precondition(groups.count == value.count, "one value per customer")
    var customers = [Int](repeating: 0, count: groupCount)
    var sums = [Double](repeating: 0, count: groupCount)
    for (g, v) in zip(groups, value) {
      customers[g] += 1
      sums[g] += v
    }
    self.groups = groups
    self.customers = customers
    self.value = sums
  }

  /// n, the number of customers.
  public var totalCustomers: Int { groups.count }
  /// Σ value over every customer.
  public var totalValue: Double { value.reduce(0, +) }

  /// customers_g / n per group (0 when there are no customers).
  public var customerShares: [Double] {
    customers.map { totalCustomers == 0 ? 0 : Double($0) / Double(totalCustomers) }
  }

  /// value_g / total per group; nil when the total is 0.
  public var valueShares: [Double?] {
    let total = totalValue
    return value.map { total > 0 ? $0 / total : nil }
  }

  /// The mean of `column` over each group's customers; nil for an empty group.
  ///
  /// - Precondition: one value per customer.
  public func means(of column: [Double]) -> [Double?] {
    precondition(column.count == groups.count, "one value per customer")
    var sums = [Double](repeating: 0, count: customers.count)
    for (g, x) in zip(groups, column) { sums[g] += x }
    return zip(sums, customers).map { sum, count in count == 0 ? nil : sum / Double(count) }
  }
}
