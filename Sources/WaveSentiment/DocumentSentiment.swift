import WaveText

/// Sentiment of one document: per sentence, overall, and toward targets.
public struct DocumentSentiment: Sendable, Hashable {
    public var documentID: String
    /// Score per sentence, from −1 to +1 (0 where no lexicon entry occurs).
    public var sentences: [Double]
    /// Per sentence, the sum of its hits before squashing (0 where none occurs).
    public var rawSums: [Double]
    /// Sentences that hold at least one lexicon entry.
    public var scoredSentences: Set<Int>
    /// The whole text, from −1 to +1: the raw sums of the sentences that carry
    /// sentiment pooled as `Σ s / √n` (from five sentences on, the mean × 2) and
    /// squashed like one sentence's (see `SentimentEngine.pooled`), in every language.
    public var overall: Double

    /// The score of the sentences in `subset` (those mentioning Japan, or a
    /// theme), pooled the way ``overall`` is; 0 when none of them carries
    /// sentiment, nil when `subset` is empty.
    public func score(over subset: Set<Int>) -> Double? {
        guard !subset.isEmpty else { return nil }
        // In sentence order, so the result does not depend on the set's iteration order.
        let scored = subset.filter { scoredSentences.contains($0) && $0 < rawSums.count }.sorted()
        guard !scored.isEmpty else { return 0 }
        return SentimentEngine.pooled(scored.map { rawSums[$0] })
    }
}

// MARK: - Pooling: sentence sums to a score

extension SentimentEngine {
    static let normalization = 15.0

    /// A sentence's raw sum `s` in −1…+1: `s / √(s² + 15)`.
    static func squash(_ sum: Double) -> Double { sum / (sum * sum + normalization).squareRoot() }

    /// Scored sentences up to which an English text counts as one short
    /// utterance (a post, a review snippet) whose sentences add up.
    static let shortTextSentences = 4

    /// An English document's score from the raw sums of its scored sentences
    /// (in sentence order), squashed like one sentence's. Up to
    /// ``shortTextSentences`` scored sentences, the sums are pooled as `Σ s / √n`
    /// (Stouffer's way of combining evidence): two sentences that agree make a
    /// tweet or a snippet more clearly positive or negative than either alone.
    /// Beyond that, the mean raw sum times `√4`: a longer document does not
    /// saturate with its length, as a plain sum would. One sentence scores as before.
    static func pooled(_ rawSums: [Double]) -> Double {
        guard !rawSums.isEmpty else { return 0 }
        let total = rawSums.reduce(0, +)
        let n = Double(rawSums.count)
        let pooledCount = Double(min(rawSums.count, shortTextSentences))
        return squash(total / n * pooledCount.squareRoot())
    }
}
