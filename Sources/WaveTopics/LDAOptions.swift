import Foundation

/// Options of LDA training by collapsed Gibbs sampling.
public struct LDAOptions: Sendable, Equatable {
    /// Number of topics K.
    public var topics: Int
    /// Gibbs sweeps over the whole corpus.
    public var iterations: Int
    /// Sweeps before the document-topic prior starts being optimized (when
    /// ``optimizeInterval`` is not 0).
    public var burnIn: Int
    /// Initial document-topic prior per topic (symmetric).
    public var alpha: Double
    /// Topic-word prior (symmetric, fixed).
    public var beta: Double
    /// Re-estimate an asymmetric α every this many sweeps after burn-in (Minka's
    /// fixed point); 0 keeps the symmetric prior.
    public var optimizeInterval: Int
    public var seed: UInt64
    /// Worker threads. The result does not depend on it.
    public var threads: Int
    /// Fixed number of document shards sampled in parallel from the same
    /// snapshot of the global counts (AD-LDA). Part of the result, unlike `threads`.
    public var shards: Int
    /// Training documents' proportions are averaged over this many final sweeps
    /// (1 = the last state only), which steadies each document's main topic.
    public var averagedSweeps: Int
    /// How much each token counts (``TermWeight``); `.one` is standard LDA.
    public var termWeight: TermWeight
    /// How much each document weighs as a whole (``DocumentWeight``): `.equal`
    /// (the default) gives every document the same total weight; `.tokens` is
    /// standard LDA, where a document weighs its length.
    public var documentWeight: DocumentWeight
    /// Independent chains sharing the sweep budget (``ChainEnsemble``): each runs
    /// about `iterations / chains` sweeps from its own seed, their topics are
    /// aligned to the first chain's and θ, φ and α are averaged. 1 (the default)
    /// is a single chain.
    public var chains: Int

    public init(topics: Int = 10, iterations: Int = 500, burnIn: Int = 50, alpha: Double = 0.1, beta: Double = 0.01,
                optimizeInterval: Int = 10, seed: UInt64 = 42,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, shards: Int = 16,
                averagedSweeps: Int = 20, termWeight: TermWeight = .one, documentWeight: DocumentWeight = .equal,
                chains: Int = 1) {
        self.topics = topics; self.iterations = iterations; self.burnIn = burnIn; self.alpha = alpha
        self.beta = beta; self.optimizeInterval = optimizeInterval; self.seed = seed
        self.threads = max(1, threads); self.shards = max(1, shards)
        self.averagedSweeps = max(1, averagedSweeps)
        self.termWeight = termWeight
        self.documentWeight = documentWeight
        self.chains = max(1, chains)
    }
}
