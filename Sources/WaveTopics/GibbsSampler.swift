import Foundation

/// Trains LDA by collapsed Gibbs sampling, in parallel and reproducibly.
///
/// **Sampler.** Each token draws its topic from the SparseLDA decomposition of
/// p(k) ∝ (n_dk + α_k)(n_wk + β)/(n_k + Vβ) into a smoothing bucket
/// s = Σ α_k β/(n_k+Vβ), a document bucket r = Σ n_dk β/(n_k+Vβ) and a word bucket
/// q = Σ c_k n_wk with c_k = (n_dk+α_k)/(n_k+Vβ). Since s + r = β Σ c_k, the
/// coefficients c and their sum are cached per document and updated in O(1) per
/// token (two divisions per token, none in the topic loop); the word bucket,
/// which holds most of the mass, is tried first. The word row is scanned densely
/// (no sparse word-topic index), which suits tens of topics; hundreds would want one.
///
/// **Term and document weighting** (``LDAOptions/termWeight``,
/// ``LDAOptions/documentWeight``; by default every document weighs the same).
/// Counts are kept as integers in
/// fixed point: a token adds its weight times a power-of-two scale (rounded), and
/// α and β are scaled alike, so the sampler and its reproducibility are unchanged.
/// The saved model keeps plain token counts per topic (so model files and
/// inference are the same); the weights steer the sampling, the training
/// documents' proportions and the optimization of α.
///
/// **Reproducibility.** Documents are cut into a fixed number of shards
/// (``LDAOptions/shards``, balanced by tokens) that does not depend on the thread
/// count. In each sweep every shard samples against the same snapshot of the
/// global topic-word counts plus its own changes, drawing from its own random
/// stream (seed, sweep, shard); afterwards the changes of all shards are added
/// to the global counts (integer sums, so order cannot matter). Threads only
/// decide which shard runs where, so 1 or 8 threads give identical counts.
///
/// ```swift
/// let corpus = TopicCorpus(documents: documents, minDocumentFrequency: 5)
/// let training = GibbsSampler(options: LDAOptions(topics: 9, iterations: 500)).train(corpus)
/// ```
public struct GibbsSampler: Sendable {
    public var options: LDAOptions

    public init(options: LDAOptions) { self.options = options }

    /// Trains a model on `corpus`.
    ///
    /// - Parameter progress: called after each sweep with its number (1-based).
    /// - Complexity: O(iterations × tokens × topics), shared over the threads.
    public func train(_ corpus: TopicCorpus, language: String = "", progress: (Int) -> Void = { _ in }) -> LDATraining {
        if options.chains > 1 { return ChainEnsemble(options: options).train(corpus, language: language, progress: progress) }
        return trainChain(corpus, language: language, progress: progress)
    }

    /// One chain with `options` as given (``LDAOptions/chains`` ignored).
    func trainChain(_ corpus: TopicCorpus, language: String, progress: (Int) -> Void) -> LDATraining {
        let started = Date()
        let state = SamplerState(corpus: corpus, options: options)
        defer { state.deallocate() }
        state.initialize()
        var sums = [Double](repeating: 0, count: corpus.documentCount * options.topics)
        var averaged = 0
        for sweep in 0..<options.iterations {
            state.sweep(sweep)
            if sweep >= options.iterations - options.averagedSweeps {
                let unit = 1 / state.scale
                for i in 0..<sums.count { sums[i] += Double(state.ndk[i]) * unit }
                averaged += 1
            }
            if options.optimizeInterval > 0 && sweep + 1 > options.burnIn && (sweep + 1) % options.optimizeInterval == 0 {
                state.optimizeAlpha()
            }
            progress(sweep + 1)
        }
        let K = options.topics
        let model = LDAModel(language: language, terms: corpus.terms, topicCount: K, alpha: state.alpha, beta: options.beta,
                             topicWordCounts: state.counts,
                             documentCount: corpus.documentCount, iterations: options.iterations, seed: options.seed)
        let ndk = state.plainDocumentTopicCounts
        let average = averaged == 0 ? state.weightedDocumentTopicCounts : sums.map { $0 / Double(averaged) }
        return LDATraining(model: model, documentTopicCounts: ndk, averagedDocumentTopicCounts: average,
                           documentMasses: state.documentMasses, seconds: Date().timeIntervalSince(started))
    }
}

/// The sampler's mutable state, in manually managed buffers: shards write only
/// their own documents' rows and their own change lists, and each worker owns
/// its working copy of the global counts.
final class SamplerState: @unchecked Sendable {
    let K: Int, V: Int, D: Int, N: Int
    let beta: Double
    var alpha: [Double]
    let seed: UInt64
    let threads: Int
    /// Whether tokens carry weights other than 1, and the fixed-point scale of the
    /// counts (1 without weights).
    let weighted: Bool
    let scale: Double
    /// Per token: its weight times `scale`, rounded.
    let weights: UnsafeMutablePointer<Int32>
    let words: UnsafeMutablePointer<Int32>
    let z: UnsafeMutablePointer<Int32>
    let docStarts: UnsafeMutablePointer<Int>
    let ndk: UnsafeMutablePointer<Int32>
    let nwk: UnsafeMutablePointer<Int32>
    let nk: UnsafeMutablePointer<Int32>
    /// Shard `s` covers documents `shardStarts[s] ..< shardStarts[s + 1]`.
    let shardStarts: [Int]
    /// Sampling id → corpus term id.
    let order: [Int]
    /// Per shard: (word, old topic, new topic, weight) entries of the last sweep, and how many.
    let changes: [UnsafeMutablePointer<Int32>]
    let changeCounts: UnsafeMutablePointer<Int>

    init(corpus: TopicCorpus, options: LDAOptions) {
        K = options.topics; V = corpus.termCount; D = corpus.documentCount; N = corpus.tokenCount
        beta = options.beta; alpha = Array(repeating: options.alpha, count: options.topics)
        seed = options.seed; threads = options.threads
        weighted = options.termWeight != .one || options.documentWeight != .tokens
        weights = .allocate(capacity: max(N, 1))
        if weighted {
            // The largest power of two (at most 1024) that keeps all counts below 2^30.
            var real = options.termWeight.tokenWeights(for: corpus)
            if options.documentWeight != .tokens {
                let factors = options.documentWeight.tokenFactors(for: corpus)
                for i in real.indices { real[i] *= factors[i] }
            }
            let total = max(real.reduce(0, +), 1)
            var s = 1.0
            while s < 1024 && total * s * 2 <= Double(1 << 30) { s *= 2 }
            scale = s
            // A positive weight never rounds to nothing (a document thousands of times longer
            // than the mean under equal document weights would otherwise lose all its tokens).
            for i in 0..<N { weights[i] = real[i] > 0 ? max(1, Int32((real[i] * s).rounded())) : 0 }
        } else {
            scale = 1
            weights.initialize(repeating: 1, count: max(N, 1))
        }
        // Sample with term ids renumbered by falling corpus frequency, so the rows of
        // frequent terms sit together in the cache; rows are put back in `counts`.
        let totals = corpus.termTotals
        order = (0..<V).sorted { (totals[$0], $1) > (totals[$1], $0) }
        var rank = [Int32](repeating: 0, count: V)
        for (position, term) in order.enumerated() { rank[term] = Int32(position) }
        words = .allocate(capacity: max(N, 1))
        for (i, w) in corpus.words.enumerated() { words[i] = rank[Int(w)] }
        z = .allocate(capacity: max(N, 1)); z.initialize(repeating: 0, count: max(N, 1))
        docStarts = .allocate(capacity: D + 1); docStarts.initialize(from: corpus.documentStarts, count: D + 1)
        ndk = .allocate(capacity: max(D * K, 1)); ndk.initialize(repeating: 0, count: max(D * K, 1))
        nwk = .allocate(capacity: max(V * K, 1)); nwk.initialize(repeating: 0, count: max(V * K, 1))
        nk = .allocate(capacity: K); nk.initialize(repeating: 0, count: K)
        // Shards balanced by tokens, a pure function of the corpus and the shard count.
        let S = options.shards
        var starts = [0]
        var d = 0
        for s in 1..<S {
            let target = N * s / S
            while d < D && corpus.documentStarts[d] < target { d += 1 }
            starts.append(max(d, starts.last!))
        }
        starts.append(D)
        shardStarts = starts
        changes = (0..<S).map { s in
            let tokens = corpus.documentStarts[starts[s + 1]] - corpus.documentStarts[starts[s]]
            return UnsafeMutablePointer<Int32>.allocate(capacity: max(4 * tokens, 1))
        }
        changeCounts = .allocate(capacity: S); changeCounts.initialize(repeating: 0, count: S)
    }

    func deallocate() {
        words.deallocate(); weights.deallocate(); z.deallocate(); docStarts.deallocate(); ndk.deallocate()
        nwk.deallocate(); nk.deallocate(); changeCounts.deallocate()
        for c in changes { c.deallocate() }
    }

    var shardCount: Int { shardStarts.count - 1 }

    /// Topic-word token counts by corpus term id (word-major), unweighted.
    var counts: [Int32] {
        var result = [Int32](repeating: 0, count: V * K)
        if weighted {
            for i in 0..<N { result[order[Int(words[i])] * K + Int(z[i])] += 1 }
            return result
        }
        for (position, term) in order.enumerated() {
            for k in 0..<K { result[term * K + k] = nwk[position * K + k] }
        }
        return result
    }

    /// Document-topic token counts, unweighted.
    var plainDocumentTopicCounts: [Int32] {
        guard weighted else { return Array(UnsafeBufferPointer(start: ndk, count: D * K)) }
        var result = [Int32](repeating: 0, count: D * K)
        for d in 0..<D { for i in docStarts[d]..<docStarts[d + 1] { result[d * K + Int(z[i])] += 1 } }
        return result
    }

    /// Document-topic counts in weight units.
    var weightedDocumentTopicCounts: [Double] {
        (0..<(D * K)).map { Double(ndk[$0]) / scale }
    }

    /// Each document's total weight (its token count without weights).
    var documentMasses: [Double] {
        (0..<D).map { d in
            var total = 0
            for i in docStarts[d]..<docStarts[d + 1] { total += Int(weights[i]) }
            return Double(total) / scale
        }
    }

    /// Random initial topics, one stream per shard.
    func initialize() {
        for s in 0..<shardCount {
            var random = SeededRandom(seed: seed, stream: [0xFFFF_FFFF, UInt64(s)])
            for d in shardStarts[s]..<shardStarts[s + 1] {
                for i in docStarts[d]..<docStarts[d + 1] {
                    let k = random.nextInt(below: K)
                    let t = weights[i]
                    z[i] = Int32(k)
                    ndk[d * K + k] += t
                    nwk[Int(words[i]) * K + k] += t
                    nk[k] += t
                }
            }
        }
    }

    /// One sweep: shards in parallel against the same snapshot, then the merge.
    func sweep(_ iteration: Int) {
        let next = AtomicCounter()
        let workers = min(threads, shardCount)
        let K = self.K, V = self.V
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let localNWK = UnsafeMutablePointer<Int32>.allocate(capacity: max(V * K, 1))
            let localNK = UnsafeMutablePointer<Int32>.allocate(capacity: K)
            defer { localNWK.deallocate(); localNK.deallocate() }
            localNWK.update(from: nwk, count: V * K)
            localNK.update(from: nk, count: K)
            while true {
                let s = next.next()
                guard s < shardCount else { return }
                sampleShard(s, iteration: iteration, nwk: localNWK, nk: localNK)
                // Undo this shard's changes so the next shard starts from the snapshot.
                let list = changes[s]
                for c in 0..<changeCounts[s] {
                    let w = Int(list[4 * c]), old = Int(list[4 * c + 1]), new = Int(list[4 * c + 2]), t = list[4 * c + 3]
                    localNWK[w * K + old] += t; localNWK[w * K + new] -= t
                    localNK[old] += t; localNK[new] -= t
                }
            }
        }
        for s in 0..<shardCount {
            let list = changes[s]
            for c in 0..<changeCounts[s] {
                let w = Int(list[4 * c]), old = Int(list[4 * c + 1]), new = Int(list[4 * c + 2]), t = list[4 * c + 3]
                nwk[w * K + old] -= t; nwk[w * K + new] += t
                nk[old] -= t; nk[new] += t
            }
        }
    }

    /// Samples every token of shard `s` against `nwk`/`nk` (a worker's copy).
    ///
    /// Uses s + r = β Σ_k c_k, so one running sum Σc stands for both the smoothing
    /// and the document bucket; the word bucket q is tried first and the other
    /// bucket is scanned only when the draw falls past it.
    func sampleShard(_ s: Int, iteration: Int, nwk: UnsafeMutablePointer<Int32>, nk: UnsafeMutablePointer<Int32>) {
        // Counts are in units of 1/scale, so the priors are scaled alike.
        let K = self.K, beta = self.beta * scale, ndk = self.ndk, z = self.z, words = self.words, docStarts = self.docStarts
        let weights = self.weights
        var random = SeededRandom(seed: seed, stream: [UInt64(iteration), UInt64(s)])
        let vBeta = Double(V) * beta
        let list = changes[s]
        var changed = 0
        let alpha = UnsafeMutablePointer<Double>.allocate(capacity: K)
        let inverse = UnsafeMutablePointer<Double>.allocate(capacity: K)
        let coefficient = UnsafeMutablePointer<Double>.allocate(capacity: K)
        let q = UnsafeMutablePointer<Double>.allocate(capacity: K)
        defer { alpha.deallocate(); inverse.deallocate(); coefficient.deallocate(); q.deallocate() }
        for k in 0..<K {
            alpha[k] = self.alpha[k] * scale
            inverse[k] = 1 / (Double(nk[k]) + vBeta)
        }
        for d in shardStarts[s]..<shardStarts[s + 1] {
            let doc = ndk + d &* K
            var coefficientSum = 0.0
            for k in 0..<K {
                coefficient[k] = (Double(doc[k]) + alpha[k]) * inverse[k]
                coefficientSum += coefficient[k]
            }
            var i = docStarts[d]
            let end = docStarts[d &+ 1]
            while i < end {
                let w = Int(words[i])
                let row = nwk + w &* K
                let old = Int(z[i])
                let t = weights[i]
                // Take the token out.
                doc[old] &-= t; row[old] &-= t; nk[old] &-= t
                inverse[old] = 1 / (Double(nk[old]) + vBeta)
                coefficientSum -= coefficient[old]
                coefficient[old] = (Double(doc[old]) + alpha[old]) * inverse[old]
                coefficientSum += coefficient[old]
                // Word bucket q_k = c_k n_wk.
                var qBucket = 0.0
                for k in 0..<K {
                    qBucket += coefficient[k] * Double(row[k])
                    q[k] = qBucket
                }
                var u = random.nextUnit() * (qBucket + beta * coefficientSum)
                var new = 0
                if u < qBucket {
                    while new < K &- 1 && q[new] <= u { new &+= 1 }
                } else {
                    // Smoothing + document bucket: β c_k = β(α_k + n_dk)/(n_k + Vβ).
                    u = (u - qBucket) / beta
                    new = K &- 1
                    var acc = 0.0
                    for k in 0..<K {
                        acc += coefficient[k]
                        if u < acc { new = k; break }
                    }
                }
                // Put it back with its new topic.
                doc[new] &+= t; row[new] &+= t; nk[new] &+= t
                inverse[new] = 1 / (Double(nk[new]) + vBeta)
                coefficientSum -= coefficient[new]
                coefficient[new] = (Double(doc[new]) + alpha[new]) * inverse[new]
                coefficientSum += coefficient[new]
                if new != old {
                    z[i] = Int32(truncatingIfNeeded: new)
                    let slot = list + 4 &* changed
                    slot[0] = Int32(truncatingIfNeeded: w); slot[1] = Int32(truncatingIfNeeded: old)
                    slot[2] = Int32(truncatingIfNeeded: new); slot[3] = t
                    changed &+= 1
                }
                i &+= 1
            }
        }
        changeCounts[s] = changed
    }

    /// Minka's fixed-point update of an asymmetric α from the document-topic
    /// count histograms (as in Mallet), a few rounds, in document order.
    func optimizeAlpha() {
        if weighted { optimizeAlphaWeighted(); return }
        var maxLength = 0
        for d in 0..<D { maxLength = max(maxLength, docStarts[d + 1] - docStarts[d]) }
        guard maxLength > 0 else { return }
        var topicHistogram = [[Int]](repeating: [Int](repeating: 0, count: maxLength + 1), count: K)
        var lengthHistogram = [Int](repeating: 0, count: maxLength + 1)
        for d in 0..<D {
            lengthHistogram[docStarts[d + 1] - docStarts[d]] += 1
            for k in 0..<K { topicHistogram[k][Int(ndk[d * K + k])] += 1 }
        }
        for _ in 0..<5 {
            let alphaSum = alpha.reduce(0, +)
            var denominator = 0.0, digamma = 0.0
            for n in 1...maxLength {
                digamma += 1 / (alphaSum + Double(n) - 1)
                denominator += Double(lengthHistogram[n]) * digamma
            }
            guard denominator > 0 else { return }
            for k in 0..<K {
                var numerator = 0.0, partial = 0.0
                for n in 1...maxLength {
                    partial += 1 / (alpha[k] + Double(n) - 1)
                    numerator += Double(topicHistogram[k][n]) * partial
                }
                alpha[k] = max(alpha[k] * numerator / denominator, 1e-5)
            }
        }
    }

    /// Minka's fixed point with real-valued (weighted) counts:
    /// α_k ← α_k Σ_d [ψ(n_dk + α_k) − ψ(α_k)] / Σ_d [ψ(n_d + Σα) − ψ(Σα)].
    func optimizeAlphaWeighted() {
        let masses = documentMasses
        let counts = weightedDocumentTopicCounts
        for _ in 0..<5 {
            let alphaSum = alpha.reduce(0, +)
            let base = digamma(alphaSum)
            var denominator = 0.0
            for d in 0..<D where masses[d] > 0 { denominator += digamma(masses[d] + alphaSum) - base }
            guard denominator > 0 else { return }
            var next = alpha
            for k in 0..<K {
                let baseK = digamma(alpha[k])
                var numerator = 0.0
                for d in 0..<D where counts[d * K + k] > 0 { numerator += digamma(counts[d * K + k] + alpha[k]) - baseK }
                next[k] = max(alpha[k] * numerator / denominator, 1e-5)
            }
            alpha = next
        }
    }
}
