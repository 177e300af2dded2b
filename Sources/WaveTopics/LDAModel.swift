import Foundation

/// A trained latent Dirichlet allocation model: the vocabulary, the priors and
/// the topic-word counts of the last Gibbs sweep.
///
/// The counts are kept (not only the probabilities) so that a saved model can
/// place new documents (``infer(_:iterations:seed:threads:)``) and be read back
/// exactly. See ``LDAModelFile`` for the file format.
public struct LDAModel: Sendable, Equatable {
    /// The language the model was trained on (`ja`, `en`…), or empty for any.
    public var language: String
    /// The vocabulary; a term's id is its index.
    public var terms: [String]
    public var topicCount: Int
    /// Document-topic prior, one value per topic (all equal when symmetric).
    public var alpha: [Double]
    /// Topic-word prior (symmetric).
    public var beta: Double
    /// Word-major counts: `topicWordCounts[w * topicCount + k]` tokens of term `w` in topic `k`.
    public var topicWordCounts: [Int32]
    /// Tokens per topic.
    public var topicTotals: [Int]
    /// Documents and Gibbs sweeps the model was trained with, and the seed.
    public var documentCount: Int
    public var iterations: Int
    public var seed: UInt64

    public init(language: String, terms: [String], topicCount: Int, alpha: [Double], beta: Double,
                topicWordCounts: [Int32], documentCount: Int, iterations: Int, seed: UInt64) {
        precondition(topicWordCounts.count == terms.count * topicCount, "counts must be terms × topics")
        self.language = language; self.terms = terms; self.topicCount = topicCount
        self.alpha = alpha; self.beta = beta; self.topicWordCounts = topicWordCounts
        self.documentCount = documentCount; self.iterations = iterations; self.seed = seed
        var totals = [Int](repeating: 0, count: topicCount)
        for (i, c) in topicWordCounts.enumerated() { totals[i % topicCount] += Int(c) }
        self.topicTotals = totals
    }

    public var termCount: Int { terms.count }

    /// Topic-word probabilities φ, word-major like ``topicWordCounts``.
    public var topicWordProbabilities: [Double] {
        let K = topicCount
        let vBeta = Double(terms.count) * beta
        let inverse = topicTotals.map { 1 / (Double($0) + vBeta) }
        var phi = [Double](repeating: 0, count: topicWordCounts.count)
        for i in 0..<phi.count { phi[i] = (Double(topicWordCounts[i]) + beta) * inverse[i % K] }
        return phi
    }

    /// Corpus count of each term (summed over topics).
    public var termTotals: [Int] {
        var totals = [Int](repeating: 0, count: terms.count)
        for w in 0..<terms.count {
            var s = 0
            for k in 0..<topicCount { s += Int(topicWordCounts[w * topicCount + k]) }
            totals[w] = s
        }
        return totals
    }

    /// Topic proportions θ of new documents, by Gibbs sampling their topic
    /// assignments against the model's fixed topic-word distributions.
    ///
    /// Terms the model does not know are ignored; a document with none gets the
    /// normalized prior. Each document draws from its own random stream, so the
    /// result does not depend on `threads`. θ is averaged over the second half
    /// of the sweeps.
    ///
    /// - Parameter documents: content terms of each document, in order.
    /// - Returns: one array of `topicCount` proportions per document.
    /// - Complexity: O(iterations × tokens × topics).
    public func infer(_ documents: [[String]], iterations: Int = 100, seed: UInt64 = 42, threads: Int = 1) -> [[Double]] {
        let corpus = TopicCorpus(documents: documents, terms: terms)
        return infer(corpus, iterations: iterations, seed: seed, threads: threads)
    }

    /// Topic proportions of the documents of `corpus`, whose term ids must be this model's.
    public func infer(_ corpus: TopicCorpus, iterations: Int = 100, seed: UInt64 = 42, threads: Int = 1) -> [[Double]] {
        let K = topicCount
        let phi = topicWordProbabilities
        let alphaSum = alpha.reduce(0, +)
        let alpha = self.alpha
        let sweeps = max(iterations, 2)
        let results = ResultSlots<[Double]>(count: corpus.documentCount)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, corpus.documentCount))) { _ in
            var p = [Double](repeating: 0, count: K)
            while true {
                let d = next.next()
                guard d < corpus.documentCount else { return }
                let words = Array(corpus.document(d))
                if words.isEmpty { results[d] = alpha.map { $0 / alphaSum }; continue }
                var random = SeededRandom(seed: seed, stream: [UInt64(d)])
                var z = [Int](repeating: 0, count: words.count)
                var ndk = [Int](repeating: 0, count: K)
                var theta = [Double](repeating: 0, count: K)
                for i in 0..<words.count { z[i] = random.nextInt(below: K); ndk[z[i]] += 1 }
                var kept = 0
                for sweep in 0..<sweeps {
                    for i in 0..<words.count {
                        let row = Int(words[i]) * K
                        ndk[z[i]] -= 1
                        var total = 0.0
                        for k in 0..<K { total += (Double(ndk[k]) + alpha[k]) * phi[row + k]; p[k] = total }
                        let u = random.nextUnit() * total
                        var k = 0
                        while k < K - 1 && p[k] <= u { k += 1 }
                        z[i] = k; ndk[k] += 1
                    }
                    if sweep >= sweeps / 2 {
                        kept += 1
                        let norm = Double(words.count) + alphaSum
                        for k in 0..<K { theta[k] += (Double(ndk[k]) + alpha[k]) / norm }
                    }
                }
                results[d] = theta.map { $0 / Double(kept) }
            }
        }
        return results.values.map { $0 ?? [] }
    }
}

/// One slot per index, filled by concurrent workers (each index by one worker).
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }
    var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// A shared counter handing out work items to concurrent workers.
final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}
