import Foundation
import WaveTopics

/// How topics are modelled in a run or by `wavelength topics`: the sampler's
/// options and what the run decides around it.
public struct TopicOptions: Sendable {
    /// The sampler's options (K per language model, sweeps, priors, seed, threads,
    /// term and document weighting, chains).
    public var lda: LDAOptions
    /// A language gets its own model when it has at least this many documents.
    public var minDocuments: Int
    /// Gibbs sweeps when placing new documents in a saved model.
    public var inferenceIterations: Int
    /// λ of the relevance ranking of top terms.
    public var lambda: Double
    /// When true, each language's model gets K = ``automaticTopics(documents:)`` of its
    /// document count instead of `lda.topics` (a plain `wavelength run`).
    public var automatic = false

    /// K chosen from a language's document count: √(documents / 5), rounded, kept
    /// between 3 and 20 — 20 documents give 3 topics, 500 give 10, 2,000 and more give 20.
    /// A report shows the 10 largest topics; more than 20 per language mostly splits
    /// them, and the sampler's time grows with K.
    public static func automaticTopics(documents: Int) -> Int {
        guard documents > 0 else { return 3 }
        return min(20, max(3, Int((Double(documents) / 5).squareRoot().rounded())))
    }

    public init(topics: Int = 10, iterations: Int = 300, burnIn: Int = 50, alpha: Double = 0.1, beta: Double = 0.01,
                optimizeInterval: Int = 10, seed: UInt64 = 42, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                minDocuments: Int = 20, inferenceIterations: Int = 100, lambda: Double = 0.6,
                termWeight: TermWeight = .one, documentWeight: DocumentWeight = .equal, chains: Int = 1) {
        lda = LDAOptions(topics: topics, iterations: iterations, burnIn: burnIn, alpha: alpha, beta: beta,
                         optimizeInterval: optimizeInterval, seed: seed, threads: threads, termWeight: termWeight,
                         documentWeight: documentWeight, chains: chains)
        self.minDocuments = minDocuments; self.inferenceIterations = inferenceIterations; self.lambda = lambda
    }
}

/// Topics of a set of documents: one model per language, each topic's summary,
/// and each document's proportions (nil when its language has no model).
public struct TopicAnalysis: Sendable {
    public var models: [LDAModel]
    /// Summaries of every topic of every model, models in language order.
    public var summaries: [TopicSummary]
    /// Per document (in the order given): the model index and θ, or nil.
    public var assignments: [(model: Int, proportions: [Double])?]
    /// Languages that had documents but too few for a model.
    public var skippedLanguages: [String: Int]
    /// The documents a language needs for a model (0 when models were not trained here).
    public var minDocuments = 0
    /// Languages whose model was taken from a ``TopicModelStore`` rather than trained, in order.
    public var reusedLanguages: [String] = []

    /// Name of the main topic of document `d` (`ja-3`), or nil.
    public func mainTopic(ofDocument d: Int) -> String? {
        guard let a = assignments[d], let k = TopicSummarizer.mainTopic(a.proportions) else { return nil }
        let language = models[a.model].language
        return language.isEmpty ? "\(k)" : "\(language)-\(k)"
    }

    /// Document indices per language, languages sorted.
    static func byLanguage(_ documents: [DocumentAnalysis]) -> [(language: String, members: [Int])] {
        let groups = Dictionary(grouping: documents.indices, by: { documents[$0].language.rawValue })
        return groups.keys.sorted().map { ($0, groups[$0] ?? []) }
    }

    /// Trains one model per language with at least `options.minDocuments` documents
    /// (terms kept per language: ``TopicTerms/corpus(_:)``). With a `store`, a language whose
    /// training corpus and options are those of a model kept there takes that model (and its
    /// documents' proportions) instead of training again (``reusedLanguages``); models trained
    /// here are kept in it.
    public static func train(_ documents: [DocumentAnalysis], options: TopicOptions, store: (any TopicModelStore)? = nil,
                             log: (String) -> Void = { _ in }) -> TopicAnalysis {
        var result = TopicAnalysis(models: [], summaries: [], assignments: Array(repeating: nil, count: documents.count),
                                   skippedLanguages: [:])
        result.minDocuments = max(options.minDocuments, 2)
        let summarizer = TopicSummarizer(lambda: options.lambda)
        for (language, members) in byLanguage(documents) {
            guard members.count >= max(options.minDocuments, 2) else { result.skippedLanguages[language] = members.count; continue }
            let corpus = TopicTerms.corpus(members.lazy.map { documents[$0].topicModelTerms })
            guard corpus.termCount > 0 else { result.skippedLanguages[language] = members.count; continue }
            var lda = options.lda
            if options.automatic { lda.topics = TopicOptions.automaticTopics(documents: members.count) }
            let key = store.map { _ in TrainedTopicModel.key(language: language, options: lda, corpus: corpus) }
            let model: LDAModel, proportions: [[Double]], seconds: Double
            if let key, let stored = store?.trainedModel(language: language, key: key), let kept = stored.model, kept.language == language,
               kept.topicCount == lda.topics, kept.terms == corpus.terms, let theta = stored.proportions(documents: corpus.documentCount) {
                (model, proportions, seconds) = (kept, theta, stored.seconds)
                result.reusedLanguages.append(language)
            } else {
                let training = GibbsSampler(options: lda).train(corpus, language: language)
                (model, proportions, seconds) = (training.model, (0..<corpus.documentCount).map { training.proportions(ofDocument: $0) },
                                                 training.seconds)
                if let key { store?.keep(TrainedTopicModel(model: model, proportions: proportions, seconds: seconds), key: key) }
            }
            // The same line whether trained or taken from the store (run.log is an output; its times are the training's).
            log(String(format: "topics: %@: %d documents, %d terms, %d tokens, K=%d%@, %d sweeps in %.1f s", language,
                       corpus.documentCount, corpus.termCount, corpus.tokenCount, lda.topics,
                       options.automatic ? " (from the document count)" : "", lda.iterations, seconds))
            result.place(members, proportions: proportions, model: result.models.count)
            result.summarize(summarizer.summaries(of: model, proportions: proportions, corpus: corpus), members: members)
            result.models.append(model)
        }
        return result
    }

    /// Places documents in saved models (one per language) without retraining.
    public static func infer(_ documents: [DocumentAnalysis], models: [LDAModel], options: TopicOptions) -> TopicAnalysis {
        var result = TopicAnalysis(models: models, summaries: [], assignments: Array(repeating: nil, count: documents.count),
                                   skippedLanguages: [:])
        let summarizer = TopicSummarizer(lambda: options.lambda)
        for (language, members) in byLanguage(documents) {
            guard let m = models.firstIndex(where: { $0.language == language || $0.language.isEmpty }) else {
                result.skippedLanguages[language] = members.count; continue
            }
            let corpus = TopicCorpus(documents: members.lazy.map { documents[$0].topicModelTerms }, terms: models[m].terms)
            let proportions = models[m].infer(corpus, iterations: options.inferenceIterations, seed: options.lda.seed,
                                              threads: options.lda.threads)
            result.place(members, proportions: proportions, model: m)
            result.summarize(summarizer.summaries(of: models[m], proportions: proportions, corpus: corpus), members: members)
        }
        return result
    }

    private mutating func place(_ members: [Int], proportions: [[Double]], model: Int) {
        for (i, d) in members.enumerated() { assignments[d] = (model, proportions[i]) }
    }

    /// Adds summaries whose representative documents index `members`, mapped to corpus indices.
    private mutating func summarize(_ found: [TopicSummary], members: [Int]) {
        summaries += found.map { var s = $0; s.representativeDocuments = s.representativeDocuments.map { members[$0] }; return s }
    }
}
