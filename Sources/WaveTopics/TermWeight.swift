import Foundation

/// How much each token counts in topic sampling (Wilson & Chew, 2010).
///
/// With plain counts (``one``) a word that turns up in most documents pulls
/// every topic toward itself; weighting lets such words count for less while
/// the sampler still draws a topic for every token.
///
/// - ``one``: every token counts 1 (standard LDA).
/// - ``idf``: a token of term w counts log(D / df_w), its inverse document
///   frequency (0 for a term in every document).
/// - ``pmi``: a token of term w in document d counts max(0, log(p(w|d) / p(w))),
///   the positive pointwise mutual information of the term and the document.
///
/// ```swift
/// let weights = TermWeight.idf.tokenWeights(for: corpus)   // one per token
/// ```
public enum TermWeight: String, Sendable, Equatable, CaseIterable {
    case one, idf, pmi

    /// The weight of every token of `corpus`, in token order.
    /// - Complexity: O(tokens).
    public func tokenWeights(for corpus: TopicCorpus) -> [Double] {
        switch self {
        case .one:
            return [Double](repeating: 1, count: corpus.tokenCount)
        case .idf:
            var df = [Int](repeating: 0, count: corpus.termCount)
            var seen = [Int](repeating: -1, count: corpus.termCount)
            for d in 0..<corpus.documentCount {
                for w in corpus.document(d) where seen[Int(w)] != d { seen[Int(w)] = d; df[Int(w)] += 1 }
            }
            let documents = Double(corpus.documentCount)
            let idf = df.map { $0 == 0 ? 0 : log(documents / Double($0)) }
            return corpus.words.map { idf[Int($0)] }
        case .pmi:
            let totals = corpus.termTotals
            let tokens = Double(corpus.tokenCount)
            var weights = [Double](repeating: 0, count: corpus.tokenCount)
            var inDocument = [Int](repeating: 0, count: corpus.termCount)
            for d in 0..<corpus.documentCount {
                let range = corpus.documentStarts[d]..<corpus.documentStarts[d + 1]
                for i in range { inDocument[Int(corpus.words[i])] += 1 }
                let length = Double(range.count)
                for i in range {
                    let w = Int(corpus.words[i])
                    weights[i] = max(0, log((Double(inDocument[w]) / length) / (Double(totals[w]) / tokens)))
                }
                for i in range { inDocument[Int(corpus.words[i])] = 0 }
            }
            return weights
        }
    }
}

/// How much each document weighs as a whole in topic sampling.
///
/// In standard LDA (``tokens``) every token counts once, so a long article has
/// as much say in the topics as several short ones: where the coverage of one
/// kind is written in short pieces (news briefs, sports results) and another in
/// long features, the long kind gets split into several topics and the short
/// kinds are merged into one. With ``equal`` every document carries the same
/// total weight: each token of document d counts L̄ / n_d (the corpus's mean
/// document length over d's length), so topics follow what documents are about
/// rather than how much was written about it. The token weights multiply those
/// of the ``TermWeight``.
///
/// ```swift
/// let factors = DocumentWeight.equal.tokenFactors(for: corpus)   // one per token
/// ```
public enum DocumentWeight: String, Sendable, Equatable, CaseIterable {
    case tokens, equal

    /// The factor of every token of `corpus`, in token order.
    /// - Complexity: O(tokens).
    public func tokenFactors(for corpus: TopicCorpus) -> [Double] {
        switch self {
        case .tokens:
            return [Double](repeating: 1, count: corpus.tokenCount)
        case .equal:
            let mean = Double(corpus.tokenCount) / Double(max(corpus.documentCount, 1))
            var factors = [Double](repeating: 0, count: corpus.tokenCount)
            for d in 0..<corpus.documentCount {
                let range = corpus.documentStarts[d]..<corpus.documentStarts[d + 1]
                let factor = mean / Double(max(range.count, 1))
                for i in range { factors[i] = factor }
            }
            return factors
        }
    }
}

/// ψ(x), the digamma function, for x > 0: the recurrence up to x ≥ 10, then the
/// asymptotic series.
func digamma(_ x: Double) -> Double {
    var x = x, result = 0.0
    while x < 10 { result -= 1 / x; x += 1 }
    let f = 1 / (x * x)
    result += log(x) - 0.5 / x
        - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))))
    return result
}
