import Foundation

/// What a reader needs to know about one topic: its label, top terms,
/// representative documents, share of the coverage and coherence.
public struct TopicSummary: Sendable, Equatable {
    /// Topic number within its model.
    public var topic: Int
    /// The model's language.
    public var language: String
    /// A short label: the three most relevant terms.
    public var label: String
    /// Terms ranked by relevance (λ-weighted probability and lift).
    public var topTerms: [String]
    /// Terms ranked by plain probability φ (used for coherence).
    public var probableTerms: [String]
    /// Mean topic proportion over the model's documents.
    public var share: Double
    /// Documents whose main topic this is.
    public var mainDocuments: Int
    /// NPMI coherence of the top probable terms over the training corpus.
    public var coherence: Double
    /// Indices (into the model's documents) of the documents with the highest proportion of the topic.
    public var representativeDocuments: [Int]

    /// A stable name across models: `ja-3`.
    public var name: String { language.isEmpty ? "\(topic)" : "\(language)-\(topic)" }
}

/// Builds ``TopicSummary`` values from a model and its documents' proportions.
public struct TopicSummarizer: Sendable {
    /// Weight of probability against lift in relevance (LDAvis's λ; 0.6 is the
    /// value its authors found best for interpretation).
    public var lambda: Double
    public var termCount: Int
    public var representativeCount: Int

    public init(lambda: Double = 0.6, termCount: Int = 10, representativeCount: Int = 3) {
        self.lambda = lambda; self.termCount = termCount; self.representativeCount = representativeCount
    }

    /// Terms of `topic` ranked by relevance: λ log φ_kw + (1 − λ) log(φ_kw / p_w),
    /// with p_w the term's corpus share.
    public func relevantTerms(of topic: Int, in model: LDAModel, count: Int? = nil) -> [(term: Int, relevance: Double)] {
        let K = model.topicCount
        let totals = model.termTotals
        let corpusTokens = Double(max(totals.reduce(0, +), 1))
        let vBeta = Double(model.termCount) * model.beta
        let denominator = Double(model.topicTotals[topic]) + vBeta
        var scored: [(term: Int, relevance: Double)] = []
        scored.reserveCapacity(model.termCount)
        for w in 0..<model.termCount where totals[w] > 0 {
            let phi = (Double(model.topicWordCounts[w * K + topic]) + model.beta) / denominator
            let pw = Double(totals[w]) / corpusTokens
            scored.append((w, lambda * log(phi) + (1 - lambda) * log(phi / pw)))
        }
        return Array(scored.sorted { ($0.relevance, $1.term) > ($1.relevance, $0.term) }.prefix(count ?? termCount))
    }

    /// Terms of `topic` ranked by probability φ.
    public func probableTerms(of topic: Int, in model: LDAModel, count: Int? = nil) -> [Int] {
        let K = model.topicCount
        return Array((0..<model.termCount).sorted {
            (model.topicWordCounts[$0 * K + topic], $1) > (model.topicWordCounts[$1 * K + topic], $0)
        }.prefix(count ?? termCount))
    }

    /// Summaries of every topic of `model`.
    ///
    /// - Parameters:
    ///   - proportions: θ of each of the model's documents.
    ///   - corpus: the documents, for coherence (term ids must be the model's).
    public func summaries(of model: LDAModel, proportions: [[Double]], corpus: TopicCorpus) -> [TopicSummary] {
        let K = model.topicCount
        let probable = (0..<K).map { probableTerms(of: $0, in: model) }
        let coherence = Coherence.npmi(of: probable.map { $0.map { Int32($0) } }, in: corpus)
        var main = [Int](repeating: 0, count: K)
        for theta in proportions { if let k = Self.mainTopic(theta) { main[k] += 1 } }
        return (0..<K).map { k in
            let relevant = relevantTerms(of: k, in: model).map { model.terms[$0.term] }
            let share = proportions.isEmpty ? 0 : proportions.reduce(0) { $0 + $1[k] } / Double(proportions.count)
            let representative = proportions.indices.sorted { (proportions[$0][k], $1) > (proportions[$1][k], $0) }
                .prefix(representativeCount)
            return TopicSummary(topic: k, language: model.language, label: Self.label(relevant),
                                topTerms: relevant, probableTerms: probable[k].map { model.terms[$0] }, share: share,
                                mainDocuments: main[k], coherence: coherence[k],
                                representativeDocuments: Array(representative))
        }
    }

    /// A short label from the first three terms: `選手 / 試合 / 監督`.
    public static func label(_ terms: [String]) -> String {
        terms.prefix(3).joined(separator: " / ")
    }

    /// The topic with the highest proportion (the lowest number on ties), nil for an empty θ.
    public static func mainTopic(_ theta: [Double]) -> Int? {
        guard var best = theta.indices.first else { return nil }
        for k in theta.indices where theta[k] > theta[best] { best = k }
        return best
    }
}
