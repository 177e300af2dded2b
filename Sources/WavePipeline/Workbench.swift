import Foundation
import Logging
import WaveCorpus
import WaveIngest
import WaveLexicon
import WaveTerms
import WaveText

/// The library API the `wavelength` commands call, one entry per command, all
/// over one ``RunConfiguration``. A command parses its options, calls one of
/// these and prints what comes back.
public struct Workbench: Sendable {
    public var configuration: RunConfiguration
    /// The shared store of a sharded job (``ShardStore``), when the shards do not keep their
    /// analyses in their folders.
    public var store: (any ShardStore)?

    public init(configuration: RunConfiguration = RunConfiguration(), store: (any ShardStore)? = nil) {
        self.configuration = configuration
        self.store = store
    }

    /// `run`: the whole job (``Pipeline/run(log:)``).
    public func run(log: @escaping @Sendable (String) -> Void = { _ in }) throws -> Pipeline.Result {
        try Pipeline(configuration: configuration).run(log: log)
    }

    /// `run`: the whole job, events to `logger`, progress to `progress` (``Pipeline/run(logger:progress:)``).
    public func run(logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> Pipeline.Result {
        try Pipeline(configuration: configuration, store: store).run(logger: logger, progress: progress)
    }

    /// `merge`: the outputs of one run from the shard folders of `run --shard I/N`
    /// (``Pipeline/merge(shards:logger:progress:)``).
    public func merge(shards: [URL], logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> Pipeline.Result {
        try Pipeline(configuration: configuration, store: store).merge(shards: shards, logger: logger, progress: progress)
    }

    /// `topics train|infer`: the corpus analysed, nothing written.
    public func documents(log: @Sendable (String) -> Void = { _ in }) throws -> [DocumentAnalysis] {
        try Pipeline(configuration: configuration).analysedDocuments(log: log)
    }

    /// `themes`, `sentiment`: the per-document analyzer with the configured dictionary,
    /// lexicons, gazetteer and stopwords.
    public func analyzer(log: (String) -> Void = { _ in }) throws -> Analyzer {
        try Analyzer(configuration: configuration, log: log)
    }

    /// `tokens`, `kwic`: a tokenizer with the configured stopwords (the shipped lists when none is named).
    /// - Throws: ``RunError`` when the named stopword folder is missing or unreadable.
    public func tokenizer() throws -> Tokenizer {
        Tokenizer(configuration: TokenizerConfiguration(stopwords: try Analyzer.stopwords(for: configuration)))
    }

    /// The gazetteer's targets (the default groups of `keyness`).
    public func targets() throws -> Targets {
        Targets(try configuration.gazetteer.map { try Gazetteer(contentsOf: $0) } ?? Gazetteer.shipped())
    }

    /// `extract`: the articles of each file as `record` makes them, files read on
    /// `threads` workers (`record` runs there too) and handed to `body` in the order
    /// given, with the file's error when it failed.
    /// Records that failed on their own (bad WARC records) and those skipped (no HTML page
    /// with text) come with the file's records.
    public func extract<Record: Sendable>(_ files: [InputFile], threads: Int,
                                          as record: @escaping @Sendable (_ file: String, Article) -> Record,
                                          _ body: (String, Result<(records: [Record], failures: [IngestError], skipped: [IngestError]),
                                                   IngestError>) throws -> Void) rethrows {
        // A batch at a time, so output starts early and memory stays flat.
        let batch = 512
        for start in stride(from: 0, to: files.count, by: batch) {
            let chunk = Array(files[start..<min(start + batch, files.count)])
            let results = ParallelMap.ordered(chunk, threads: threads) { file in
                read(file).map { result in
                    (records: result.articles.map { record(file.path, $0) }, failures: result.failures, skipped: result.skipped)
                }
            }
            for (file, result) in zip(chunk, results) { try body(file.path, result) }
        }
    }

    /// Whether `extract` reads a file of this name.
    public func reads(_ path: String) -> Bool { Ingestor().handles(path: path) }

    /// `terms`, `keyness`, `collocations`: the term statistics of the token store a
    /// run left in `folder`, after promoting phrases to single terms.
    public func termStatistics(folder: URL, promote: [[String]] = [], promoteTop: Int = 0,
                               ngramSizes: [Int] = [2, 3], span: NGramSpan = .sentence,
                               duplicateThreshold: Double = 0.7) throws -> TermStatistics {
        var documents = try TokenStore.read(folder: folder)
        var phrases = promote
        if promoteTop > 0 {
            let corpus = TermCorpus(documents: documents, ngramSizes: [2], span: span)
            phrases += Collocations.find(in: corpus, n: 2, minCount: 3).prefix(promoteTop).map(\.terms)
        }
        if !phrases.isEmpty { documents = Collocations.promote(phrases, in: documents) }
        return TermStatistics(documents: documents, ngramSizes: ngramSizes, span: span,
                              duplicates: NearDuplicateFinder(threshold: duplicateThreshold))
    }

    /// `kwic`: the concordance lines of a word or phrase in the token store of `folder`
    /// (streamed: memory stays flat however large the run was).
    public func concordance(_ query: String, language: Language?, folder: URL, window: Int) throws -> (terms: [String], lines: [ConcordanceLine]) {
        let terms = Tokenizer(configuration: TokenizerConfiguration()).tokenize(query, language: language).tokens
            .filter { $0.kind != .symbol }.map(\.term)
        var lines = try KWIC.lines(for: terms, inStoreAt: folder, window: window)
        if lines.isEmpty && terms.count > 1 {
            // The phrase may have been promoted to one term.
            for joined in [terms.joined(separator: " "), terms.joined()] where lines.isEmpty {
                lines = try KWIC.lines(for: [joined], inStoreAt: folder, window: window)
            }
        }
        return (terms, lines)
    }
}
