import Foundation
import NumericCore

extension ParetoNBDModel {
  /// P(X(t) = x) for a new customer (Fader, Hardie & Lee 2006, "Deriving an
  /// expression for P(X(t) = x) under the Pareto/NBD model", brucehardie.com
  /// note 012, revised 2020; CLVTools' `pnbd_PMF` computes the same):
  ///
  ///     Γ(r+x)/(Γ(r)·x!) · (α/(α+t))^r · (t/(α+t))^x · (β/(β+t))^s
  ///     + α^r·β^s · B(r+x, s+1)/B(r, s) · [B₁ − Σᵢ₌₀^x Γ(r+s+i)/(Γ(r+s)·i!) · tⁱ · B₂ᵢ]
  ///
  /// with m = max(α, β), b′ = s+1 when α ≥ β and r+x otherwise,
  ///
  ///     B₁  = ₂F₁(r+s, b′; r+s+x+1; |α−β|/m) / m^(r+s)
  ///     B₂ᵢ = ₂F₁(r+s+i, b′; r+s+x+1; |α−β|/(m+t)) / (m+t)^(r+s+i)
  ///
  /// The first term: alive at t with x purchases; the second: died before t
  /// after x purchases. B₁ is the sum of tⁱ·B₂ᵢ·Γ(r+s+i)/(Γ(r+s)·i!) over
  /// all i ≥ 0 (the Poisson expansion of the gamma CDF), so the bracket is
  /// also the tail Σᵢ₌ₓ₊₁^∞ of that series. The difference form cancels
  /// when the bracket is small beside B₁ (x large or t short: at x = 15,
  /// t = 1 week on CDNOW it comes out negative), so when the difference
  /// keeps less than 2⁻¹⁰ of B₁ the positive tail is summed instead, until
  /// its terms decrease and fall below 2⁻⁵⁶ of the sum. Powers are taken as
  /// ratios to m, so nothing overflows. P(X(0) = x) = 1{x = 0}.
  ///
  /// - Throws: `SeriesDidNotConverge` when α and β are so far apart that
  ///   ₂F₁ at |α−β|/m does not converge, or the tail runs past 10⁶ terms.
  public func probabilityOfPurchases(_ x: Int, over t: Double) throws -> Double {
    precondition(x >= 0)
    guard t > 0 else { return x == 0 ? 1 : 0 }
    let k = Double(x)
    let alive = exp(
      logGamma(r + k) - logGamma(r) - logGamma(k + 1) + r * (log(alpha) - log(alpha + t))
        + k * (log(t) - log(alpha + t)) + s * (log(beta) - log(beta + t)))
    let m = max(alpha, beta), gap = abs(alpha - beta)
    let b2 = alpha >= beta ? s + 1 : r + k, c = r + s + k + 1
    let logScale = r * (log(alpha) - log(m)) + s * (log(beta) - log(m)) + logBeta(r + k, s + 1) - logBeta(r, s)
    // tⁱ·B₂ᵢ·m^(r+s)·Γ(r+s+i)/(Γ(r+s)·i!), the i-th term of B₁·m^(r+s).
    let logRatio = log(t) - log(m + t), logShift = (r + s) * (log(m) - log(m + t)), z = gap / (m + t)
    func term(_ i: Int) throws -> Double {
      let j = Double(i)
      return exp(
        logGamma(r + s + j) - logGamma(r + s) - logGamma(j + 1) + j * logRatio + logShift
          + (try logHypergeometric2F1(r + s + j, b2, c, z)))
    }
    let whole = exp(try logHypergeometric2F1(r + s, b2, c, gap / m))
    var head = 0.0
    for i in 0...x { head += try term(i) }
    var bracket = whole - head
    if bracket < whole / 1024 {
      bracket = 0
      var previous = Double.infinity
      for i in (x + 1)... {
        let next = try term(i)
        bracket += next
        if next <= previous && next <= 0x1p-56 * bracket { break }
        guard i - x < 1_000_000 else { throw SeriesDidNotConverge(function: "Pareto/NBD P(X(t) = x) tail", terms: i - x) }
        previous = next
      }
    }
    return alive + exp(logScale) * bracket
  }
}
