import Foundation

/// A 2×2 contingency table and the association statistics computed from it.
///
/// The cells follow the usual corpus-linguistics layout:
///
/// |            | term / w₂ | not term / not w₂ |
/// |------------|-----------|-------------------|
/// | target / w₁ | `a`      | `b`               |
/// | reference / not w₁ | `c` | `d`             |
///
/// For keyness, `a` is the term's count in the target, `b` the rest of the
/// target's tokens, `c` the term's count in the reference, `d` the rest of the
/// reference. For a collocation w₁ w₂, `a` counts w₁ w₂, `b` w₁ followed by
/// another word, `c` another word followed by w₂, `d` the other bigrams.
///
/// ```swift
/// let t = ContingencyTable(a: 10, b: 90, c: 5, d: 195)
/// t.logLikelihood   // G² = 2 Σ O ln(O/E)
/// ```
public struct ContingencyTable: Sendable, Hashable {
    public var a: Double, b: Double, c: Double, d: Double

    public init(a: Double, b: Double, c: Double, d: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    public init(a: Int, b: Int, c: Int, d: Int) {
        self.init(a: Double(a), b: Double(b), c: Double(c), d: Double(d))
    }

    public var total: Double { a + b + c + d }
    public var row1: Double { a + b }
    public var row2: Double { c + d }
    public var column1: Double { a + c }
    public var column2: Double { b + d }

    /// Expected counts under independence, in the order a, b, c, d.
    public var expected: (a: Double, b: Double, c: Double, d: Double) {
        let n = total
        guard n > 0 else { return (0, 0, 0, 0) }
        return (row1 * column1 / n, row1 * column2 / n, row2 * column1 / n, row2 * column2 / n)
    }

    /// Log-likelihood ratio G² = 2 Σ O ln(O / E), with 0 ln 0 = 0. Unsigned.
    public var logLikelihood: Double {
        let e = expected
        func term(_ o: Double, _ e: Double) -> Double { o > 0 && e > 0 ? o * Foundation.log(o / e) : 0 }
        return 2 * (term(a, e.a) + term(b, e.b) + term(c, e.c) + term(d, e.d))
    }

    /// Pearson's χ² = N (ad − bc)² / (row₁ row₂ column₁ column₂), without
    /// continuity correction. Unsigned; 0 when a margin is empty.
    public var chiSquared: Double {
        let denominator = row1 * row2 * column1 * column2
        guard denominator > 0 else { return 0 }
        let cross = a * d - b * c
        return total * cross * cross / denominator
    }

    /// Pointwise mutual information log₂(a / E(a)) = log₂(a N / (row₁ column₁)); −∞ when a = 0.
    public var pointwiseMutualInformation: Double {
        let e = expected.a
        guard a > 0, e > 0 else { return -.infinity }
        return Foundation.log2(a / e)
    }

    /// t-score (a − E(a)) / √a; 0 when a = 0.
    public var tScore: Double {
        guard a > 0 else { return 0 }
        return (a - expected.a) / a.squareRoot()
    }

    /// Hardie's log ratio: log₂ of the ratio of the relative frequencies
    /// (a / row₁) / (c / row₂), a zero count replaced by 0.5 so the ratio stays finite.
    public var logRatio: Double {
        guard row1 > 0, row2 > 0 else { return 0 }
        let target = (a == 0 ? 0.5 : a) / row1
        let reference = (c == 0 ? 0.5 : c) / row2
        return Foundation.log2(target / reference)
    }

    /// Whether the first row uses the term more often, relatively, than the second
    /// (a / row₁ > c / row₂); signs keyness scores as quanteda does.
    public var favoursFirstRow: Bool { a * row2 > c * row1 }

    /// Upper-tail probability of a χ² statistic with one degree of freedom:
    /// P(X ≥ x) = erfc(√(x / 2)).
    public static func pValue(chiSquaredOneDF x: Double) -> Double {
        guard x > 0 else { return 1 }
        return erfc((x / 2).squareRoot())
    }
}
