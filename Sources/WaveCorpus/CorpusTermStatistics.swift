import WaveTerms

/// What the run computes of term statistics, with its defaults.
public struct TermStatisticsSettings: Sendable {
    /// The document variable keyness compares the targets by.
    public var keynessVariable = "focus"
    public var keynessMinCount = 2
    public var collocationMinCount = 2
    public var collocationsPerSize = 1000
    /// Grouped frequencies written per group and variable.
    public var frequenciesPerGroup = 50
    public var frequencyVariables = ["language", "site", "year", "month", "week", "focus", "theme"]
    public var duplicates = NearDuplicateFinder()
    public init() {}
}

/// The term statistics of a set of stored documents, as the run and the CLI compute them.
public struct TermStatistics: Sendable {
    public var documents: [StoredDocument]
    public var corpus: TermCorpus
    public var clusters: [DuplicateCluster]

    /// Counts the documents and finds their near-duplicate clusters.
    public init(documents: [StoredDocument], ngramSizes: [Int] = [2, 3], span: NGramSpan = .sentence,
                duplicates: NearDuplicateFinder = NearDuplicateFinder()) {
        self.documents = documents
        (corpus, clusters) = Concurrently.pair({ TermCorpus(documents: documents, ngramSizes: ngramSizes, span: span) },
                                               { duplicates.clusters(in: documents) })
        corpus.setCounted(NearDuplicateFinder.countedOnce(documentCount: documents.count, clusters: clusters))
    }

    /// Keyness rows (raw, then dedup) of `variable` = `target` against `reference`
    /// (`reference` nil: every other document).
    public func keyness(variable: String, target: String, reference: String?, n: Int = 1,
                        minCount: Int, dedup: Bool? = nil) -> [(counting: String, score: KeynessScore)] {
        let groups = documents.map { $0.group(variable) ?? "" }
        let isTarget: (Int) -> Bool = { groups[$0] == target }
        let isReference: (Int) -> Bool = { reference == nil ? groups[$0] != target : groups[$0] == reference }
        var rows: [(String, KeynessScore)] = []
        for counting in dedup.map({ [$0] }) ?? [false, true] {
            rows += Keyness.scores(corpus: corpus, n: n, target: isTarget, reference: isReference,
                                   minCount: minCount, dedup: counting).map { (counting ? "dedup" : "raw", $0) }
        }
        return rows
    }
}

/// Keyness of one target's documents against another's.
public struct TargetKeyness: Sendable {
    public var variable: String
    public var target: String
    public var reference: String
    /// Raw rows, then rows with each near-duplicate cluster counted once.
    public var rows: [(counting: String, score: KeynessScore)]

    /// The raw scores.
    public var raw: [KeynessScore] { rows.filter { $0.counting == "raw" }.map(\.score) }
}

/// The run's term statistics: keyness between every pair of targets,
/// collocations, grouped frequencies and near-duplicate clusters.
public struct CorpusTermStatistics: Sendable {
    /// The documents, clusters and counted flags; the corpus's counts are released once the rows
    /// below are computed (``TermCorpus/releaseCounts()``).
    public var statistics: TermStatistics
    public var settings: TermStatisticsSettings
    /// One per pair of targets, in gazetteer order (first against second, …).
    public var keyness: [TargetKeyness]
    /// Bigrams then trigrams, each by log-likelihood.
    public var collocations: [Collocation]
    public var frequencies: [GroupedTermFrequency]

    public init(_ documents: [DocumentAnalysis], targets: Targets, settings: TermStatisticsSettings) {
        self.settings = settings
        let stats = TermStatistics(documents: documents.map(\.stored), duplicates: settings.duplicates)
        statistics = stats
        // Keyness and collocations, and the grouped frequencies of each variable, are
        // independent: computed at once, put together in this order.
        enum Part: Sendable {
            case keyness([TargetKeyness]), collocations([Collocation]), frequencies([GroupedTermFrequency])
        }
        let pairs = targets.pairs.map { (target: $0.target.key, reference: $0.reference.key) }
        var parts: [@Sendable () -> Part] = [
            {
                .keyness(pairs.map { pair in
                    TargetKeyness(variable: settings.keynessVariable, target: pair.target, reference: pair.reference,
                                  rows: stats.keyness(variable: settings.keynessVariable, target: pair.target,
                                                      reference: pair.reference, minCount: settings.keynessMinCount))
                })
            },
            {
                .collocations([2, 3].flatMap {
                    Collocations.find(in: stats.corpus, n: $0, minCount: settings.collocationMinCount, limit: settings.collocationsPerSize)
                })
            },
        ]
        let order = settings.frequencyVariables.isEmpty ? nil : TermOrder(stats.corpus.matrix.vocabulary)
        for variable in settings.frequencyVariables {
            parts.append {
                .frequencies(stats.corpus.frequencies(by: variable, n: 1, top: settings.frequenciesPerGroup, order: order)
                    + stats.corpus.frequencies(by: variable, n: 2, top: settings.frequenciesPerGroup / 2, order: order))
            }
        }
        var keyness: [TargetKeyness] = [], collocations: [Collocation] = [], frequencies: [GroupedTermFrequency] = []
        for part in Concurrently.values(parts) {
            switch part {
            case .keyness(let rows): keyness = rows
            case .collocations(let rows): collocations = rows
            case .frequencies(let rows): frequencies += rows
            }
        }
        self.keyness = keyness
        self.collocations = collocations
        self.frequencies = frequencies
        // Nothing after this stage reads the counts: the run keeps the documents and clusters only.
        statistics.corpus.releaseCounts()
    }
}
