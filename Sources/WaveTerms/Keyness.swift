/// One term's keyness between a target and a reference group.
public struct KeynessScore: Sendable, Hashable {
    public var term: String
    /// Occurrences in the target and the reference.
    public var targetCount: Int
    public var referenceCount: Int
    /// Tokens in all of the target and of the reference.
    public var targetTotal: Int
    public var referenceTotal: Int
    /// G², negative when the term is relatively more frequent in the reference.
    public var logLikelihood: Double
    /// Pearson χ² (no continuity correction), signed like ``logLikelihood``.
    public var chiSquared: Double
    /// P(χ²₁ ≥ |G²|) and P(χ²₁ ≥ |χ²|).
    public var pLogLikelihood: Double
    public var pChiSquared: Double
    /// Hardie's log ratio, log₂ of the relative-frequency ratio (zero counts as 0.5).
    public var logRatio: Double
}

/// Keyness of terms between two groups of documents (quanteda's `textstat_keyness`).
///
/// Each term gets the 2×2 table (term in target, rest of target, term in reference,
/// rest of reference) of ``ContingencyTable``.
///
/// ```swift
/// let scores = Keyness.scores(corpus: corpus, target: { docs[$0].focus == "japan" },
///                             reference: { docs[$0].focus == "korea" })
/// ```
public enum Keyness {
    /// - Parameters:
    ///   - n: 1 for terms, else an n-gram size the corpus counted.
    ///   - minCount: drop terms with fewer occurrences in target and reference together.
    ///   - dedup: count each near-duplicate cluster once.
    /// - Returns: scores by signed G², descending (the target's key terms first), ties by term.
    /// - Complexity: O(nnz + terms log terms).
    public static func scores(corpus: TermCorpus, n: Int = 1, target: (Int) -> Bool, reference: (Int) -> Bool,
                              minCount: Int = 1, dedup: Bool = false) -> [KeynessScore] {
        let t = corpus.totals(n: n) { target($0) && (!dedup || corpus.counted[$0]) }.counts
        let r = corpus.totals(n: n) { reference($0) && !target($0) && (!dedup || corpus.counted[$0]) }.counts
        let targetTotal = t.reduce(0, +), referenceTotal = r.reduce(0, +)
        var scores: [KeynessScore] = []
        for id in t.indices where t[id] + r[id] >= minCount && t[id] + r[id] > 0 {
            scores.append(score(term: corpus.featureText(id, n: n), targetCount: t[id], referenceCount: r[id],
                                targetTotal: targetTotal, referenceTotal: referenceTotal))
        }
        scores.sort { ($0.logLikelihood, $1.term) > ($1.logLikelihood, $0.term) }
        return scores
    }

    /// The keyness of one term from its counts.
    public static func score(term: String, targetCount a: Int, referenceCount c: Int,
                             targetTotal: Int, referenceTotal: Int) -> KeynessScore {
        let table = ContingencyTable(a: a, b: targetTotal - a, c: c, d: referenceTotal - c)
        let sign: Double = table.favoursFirstRow ? 1 : -1
        let g2 = table.logLikelihood, chi2 = table.chiSquared
        return KeynessScore(term: term, targetCount: a, referenceCount: c, targetTotal: targetTotal,
                            referenceTotal: referenceTotal, logLikelihood: sign * g2, chiSquared: sign * chi2,
                            pLogLikelihood: ContingencyTable.pValue(chiSquaredOneDF: g2),
                            pChiSquared: ContingencyTable.pValue(chiSquaredOneDF: chi2), logRatio: table.logRatio)
    }
}
