import Foundation

/// What training returns: the model and the topic counts of each training document.
public struct LDATraining: Sendable {
    public var model: LDAModel
    /// Document-major token counts of the last sweep: `documentTopicCounts[d * K + k]`.
    public var documentTopicCounts: [Int32]
    /// Document-major counts averaged over the final ``LDAOptions/averagedSweeps`` sweeps;
    /// weighted counts under a ``TermWeight`` other than `.one`.
    public var averagedDocumentTopicCounts: [Double]
    /// Each document's total weight: its token count under `.one`.
    public var documentMasses: [Double]
    /// Wall-clock seconds spent sampling (initialisation included).
    public var seconds: Double

    /// Topic proportions θ of training document `d`: (n_dk + α_k) / (n_d + Σα), with
    /// weighted counts under term weighting.
    public func proportions(ofDocument d: Int) -> [Double] {
        let K = model.topicCount
        let alphaSum = model.alpha.reduce(0, +)
        let n = documentMasses[d]
        return (0..<K).map { (averagedDocumentTopicCounts[d * K + $0] + model.alpha[$0]) / (n + alphaSum) }
    }
}

extension LDATraining {
    /// Log-likelihood of the training state per token: log p(w, z | α, β) of the
    /// collapsed model (topic-word and document-topic Dirichlet-multinomials) at the
    /// last sweep, divided by the number of tokens. Higher is better for the same
    /// corpus and priors.
    public var logLikelihoodPerToken: Double {
        model.topicWordCounts.withUnsafeBufferPointer { words in
            documentTopicCounts.withUnsafeBufferPointer { documents in
                collapsedLogLikelihood(topicWordCounts: words, documentTopicCounts: documents, topics: model.topicCount,
                                       terms: model.termCount, alpha: model.alpha, beta: model.beta)
            }
        }
    }
}

/// log p(w, z) of collapsed LDA per token, from word-major topic-word counts (in
/// any term order) and document-major document-topic counts.
func collapsedLogLikelihood(topicWordCounts: UnsafeBufferPointer<Int32>, documentTopicCounts: UnsafeBufferPointer<Int32>,
                            topics K: Int, terms V: Int, alpha: [Double], beta: Double) -> Double {
    let D = documentTopicCounts.count / max(K, 1)
    var ll = 0.0
    var totals = [Int](repeating: 0, count: K)
    let lgBeta: Double = lgamma(beta)
    for (i, c) in topicWordCounts.enumerated() where c > 0 {
        totals[i % K] += Int(c)
        ll += lgamma(Double(c) + beta) - lgBeta
    }
    for k in 0..<K { ll += lgamma(Double(V) * beta) - lgamma(Double(totals[k]) + Double(V) * beta) }
    let alphaSum = alpha.reduce(0, +)
    let lgAlpha: [Double] = alpha.map { lgamma($0) }
    let lgAlphaSum: Double = lgamma(alphaSum)
    var tokens = 0
    for d in 0..<D {
        var n = 0
        for k in 0..<K {
            let c = Int(documentTopicCounts[d * K + k])
            n += c
            if c > 0 { ll += lgamma(Double(c) + alpha[k]) - lgAlpha[k] }
        }
        tokens += n
        ll += lgAlphaSum - lgamma(Double(n) + alphaSum)
    }
    return tokens == 0 ? 0 : ll / Double(tokens)
}
