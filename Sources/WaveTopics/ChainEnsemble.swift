import Foundation

/// Several Gibbs chains on one sweep budget, merged into one consensus model.
///
/// Which local optimum a collapsed Gibbs chain settles in depends on its seed,
/// and on livedoor news that decides more of the result than any prior. An
/// ensemble runs ``LDAOptions/chains`` chains of `iterations / chains` sweeps
/// each (the same total work as one chain), each from its own seed derived
/// from ``LDAOptions/seed``. Topic numbers are arbitrary in every chain, so each
/// chain's topics are matched one-to-one to the first chain's by the assignment
/// with the least total Jensen–Shannon divergence between topic-word
/// distributions (``TopicAlignment``); then the aligned topic-word counts, the
/// averaged document-topic counts and α are averaged over the chains.
///
/// Chains run one after another, each on all ``LDAOptions/threads``; every chain
/// is reproducible across thread counts and so is the consensus.
struct ChainEnsemble {
    var options: LDAOptions

    /// The seed of chain `r` (chain 0 keeps the ensemble's seed).
    static func seed(_ seed: UInt64, chain r: Int) -> UInt64 {
        if r == 0 { return seed }
        var random = SeededRandom(seed: seed, stream: [0xC4A1_5EED, UInt64(r)])
        return random.next()
    }

    func train(_ corpus: TopicCorpus, language: String, progress: (Int) -> Void) -> LDATraining {
        let started = Date()
        let R = options.chains, K = options.topics, V = corpus.termCount, D = corpus.documentCount
        var runs: [LDATraining] = []
        var done = 0
        for r in 0..<R {
            var chain = options
            chain.chains = 1
            chain.iterations = options.iterations / R + (r < options.iterations % R ? 1 : 0)
            chain.seed = Self.seed(options.seed, chain: r)
            let base = done
            runs.append(GibbsSampler(options: chain).trainChain(corpus, language: language) { progress(base + $0) })
            done += chain.iterations
        }
        let reference = runs[0].model.topicWordProbabilities
        var wordSums = [Double](repeating: 0, count: V * K)
        var documentSums = [Double](repeating: 0, count: D * K)
        var alphaSums = [Double](repeating: 0, count: K)
        for run in runs {
            // mapping[k] = this chain's topic that plays the reference's topic k.
            let mapping = TopicAlignment.align(run.model.topicWordProbabilities, to: reference, topics: K)
            for k in 0..<K {
                let j = mapping[k]
                alphaSums[k] += run.model.alpha[j]
                for w in 0..<V { wordSums[w * K + k] += Double(run.model.topicWordCounts[w * K + j]) }
                for d in 0..<D { documentSums[d * K + k] += run.averagedDocumentTopicCounts[d * K + j] }
            }
        }
        let n = Double(R)
        let model = LDAModel(language: language, terms: corpus.terms, topicCount: K, alpha: alphaSums.map { $0 / n },
                             beta: options.beta, topicWordCounts: wordSums.map { Int32(($0 / n).rounded()) },
                             documentCount: D, iterations: options.iterations, seed: options.seed)
        return LDATraining(model: model, documentTopicCounts: runs[0].documentTopicCounts,
                           averagedDocumentTopicCounts: documentSums.map { $0 / n },
                           documentMasses: runs[0].documentMasses, seconds: Date().timeIntervalSince(started))
    }
}

/// Matching the topics of two models trained on the same vocabulary.
public enum TopicAlignment {
    /// For each topic `k` of `reference`, the topic of `phi` matched to it:
    /// the one-to-one assignment with the least summed Jensen–Shannon divergence.
    /// Both are word-major topic-word probabilities (`[w * topics + k]`).
    public static func align(_ phi: [Double], to reference: [Double], topics K: Int) -> [Int] {
        precondition(phi.count == reference.count && K > 0 && phi.count % K == 0, "same vocabulary and topics")
        var cost = [[Double]](repeating: [Double](repeating: 0, count: K), count: K)
        for k in 0..<K { for j in 0..<K { cost[k][j] = jensenShannon(reference, k, phi, j, topics: K) } }
        return assignment(cost)
    }

    /// Jensen–Shannon divergence (natural log) between topic `a` of `p` and topic `b` of `q`.
    static func jensenShannon(_ p: [Double], _ a: Int, _ q: [Double], _ b: Int, topics K: Int) -> Double {
        var total = 0.0
        var i = 0
        while i < p.count {
            let x = p[i + a], y = q[i + b], m = 0.5 * (x + y)
            if x > 0 { total += 0.5 * x * log(x / m) }
            if y > 0 { total += 0.5 * y * log(y / m) }
            i += K
        }
        return total
    }

    /// The minimum-cost perfect assignment of a square cost matrix (the Hungarian
    /// method with row and column potentials, O(n³)): `result[row]` is its column.
    public static func assignment(_ cost: [[Double]]) -> [Int] {
        let n = cost.count
        guard n > 0 else { return [] }
        // 1-based arrays; column 0 is a virtual column holding the row being added.
        var rowPotential = [Double](repeating: 0, count: n + 1)
        var columnPotential = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)
        var previous = [Int](repeating: 0, count: n + 1)
        for row in 1...n {
            rowOfColumn[0] = row
            var column = 0
            var slack = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column] = true
                let r = rowOfColumn[column]
                var delta = Double.infinity, nextColumn = 0
                for c in 1...n where !used[c] {
                    let reduced = cost[r - 1][c - 1] - rowPotential[r] - columnPotential[c]
                    if reduced < slack[c] { slack[c] = reduced; previous[c] = column }
                    if slack[c] < delta { delta = slack[c]; nextColumn = c }
                }
                for c in 0...n {
                    if used[c] { rowPotential[rowOfColumn[c]] += delta; columnPotential[c] -= delta } else { slack[c] -= delta }
                }
                column = nextColumn
            } while rowOfColumn[column] != 0
            // Augment along the alternating path back to the virtual column.
            repeat {
                let back = previous[column]
                rowOfColumn[column] = rowOfColumn[back]
                column = back
            } while column != 0
        }
        var result = [Int](repeating: 0, count: n)
        for c in 1...n { result[rowOfColumn[c] - 1] = c - 1 }
        return result
    }
}
