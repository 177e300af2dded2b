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
