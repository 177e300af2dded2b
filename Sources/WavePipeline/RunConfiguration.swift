import Foundation
import WaveCorpus
import WaveText
import WaveTopics

/// Everything a run needs to know; every field has a working default, so
/// `RunConfiguration()` runs `Corpus` into `Output` with the shipped data.
public struct RunConfiguration: Sendable {
    /// Folder of articles, read recursively.
    public var corpus: URL
    /// Folder the tables and reports go to (created if missing).
    public var output: URL
    /// Folder of `<lang>.txt` stopword lists; nil for the shipped lists (embedded in the binary).
    public var stopwords: URL?
    /// A theme dictionary file (Wavelength YAML, quanteda YAML or LIWC .dic); nil for the shipped one.
    public var dictionary: URL?
    /// Extra lexicon files per language, loaded on top of the shipped lexicons
    /// (or instead of them with ``replaceLexicon``).
    public var lexicons: [(language: String, url: URL)]
    public var replaceLexicon: Bool
    /// A gazetteer file; nil for the shipped one (Japan and Korea).
    public var gazetteer: URL?
    /// Ingest limits.
    public var maxFileBytes: Int
    /// Refuse pages that are not articles (see ``IngestOptions/articlesOnly``).
    public var articlesOnly: Bool = false
    /// Worker threads; defaults to the number of cores.
    public var threads: Int
    /// Example sentences per theme in the report.
    public var evidencePerTheme: Int
    /// Topics per language model: nil (the default) chooses K for each language from its
    /// document count (``TopicOptions/automaticTopics(documents:)``), 0 runs no topic model,
    /// K ≥ 2 (at most ``maxTopics``) gives every language's model K topics.
    public var topics: Int? = nil
    /// The one bound on K, for the command line (`--topics`, `topics train`) and the
    /// settings file alike: the sampler's memory and time grow with K × vocabulary.
    public static let maxTopics = 1_000
    /// Gibbs sweeps, seed and smallest language corpus for the run's topic models.
    public var topicIterations: Int = 300
    public var topicSeed: UInt64 = 42
    public var topicMinDocuments: Int = 20
    /// Term weighting of the run's topic sampler (``TermWeight``; `.one` is standard LDA).
    public var topicTermWeight: TermWeight = .one
    /// Document weighting of the run's topic sampler (``DocumentWeight``; `.equal`
    /// gives every document the same weight, `.tokens` is standard LDA).
    public var topicDocumentWeight: DocumentWeight = .equal
    /// Which documents the run keeps (publication-date window, languages); the rest are
    /// counted in the summary with the reason.
    public var filter = DocumentFilter()
    /// Write CSV cells exactly as they are, without the spreadsheet guard against
    /// formula injection (for notebook-only use).
    public var rawCSV = false
    /// Keep each file's results in a state database beside the output folder and, on the next
    /// run, read and analyse only new and changed files (``StateStore``).
    public var incremental = true
    /// Forget the stored results and analyse every file (the state is written anew).
    public var full = false
    /// Read the files this manifest names (one path a line, relative to ``corpus``) instead of
    /// every file under ``corpus`` (``CorpusListing/init(root:manifest:excluding:)``).
    public var filesFrom: URL? = nil
    /// Analyse only this part of the input files and write its per-document results to
    /// ``output`` as a shard folder, for `wavelength merge` (``Shard``).
    public var shard: Shard? = nil
    /// A shared store for the shards' analyses (`postgres://…`), instead of each shard folder's
    /// SQLite file; opened by the command line (the pipeline takes a ``ShardStore``). Its
    /// password is never printed.
    public var store: String? = nil
    /// The job a store files the shards under (``ShardJob``); needed with ``store``.
    public var job: String? = nil
    /// Skip documents that name no gazetteer target before tokenizing them (``TargetPrefilter``);
    /// they are counted in the summary's `filteredOut` as `no_target`.
    public var requireTarget = false

    public init(corpus: URL = URL(fileURLWithPath: "Corpus"), output: URL = URL(fileURLWithPath: "Output"),
                stopwords: URL? = nil, dictionary: URL? = nil,
                lexicons: [(language: String, url: URL)] = [], replaceLexicon: Bool = false,
                gazetteer: URL? = nil, maxFileBytes: Int = 64 << 20,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, evidencePerTheme: Int = 3) {
        self.corpus = corpus; self.output = output; self.stopwords = stopwords; self.dictionary = dictionary
        self.lexicons = lexicons; self.replaceLexicon = replaceLexicon; self.gazetteer = gazetteer
        self.maxFileBytes = maxFileBytes; self.threads = max(1, threads); self.evidencePerTheme = evidencePerTheme
    }
}

extension RunConfiguration {
    /// The run's topic options; nil when the run models no topics.
    var topicOptions: TopicOptions? {
        if let k = topics, k <= 0 { return nil }
        var options = TopicOptions(topics: topics ?? 10, iterations: topicIterations, seed: topicSeed, threads: threads)
        options.automatic = topics == nil
        options.minDocuments = topicMinDocuments
        options.lda.termWeight = topicTermWeight
        options.lda.documentWeight = topicDocumentWeight
        return options
    }
}

/// How a run ended, as the process exit status tells the operator.
public enum RunOutcome: Int32, Sendable {
    /// Every file was read and analysed.
    case success = 0
    /// Outputs were written, but some files failed (listed in summary.json and the report).
    case partial = 1
    /// The run could not produce its outputs (corpus unreadable, bad configuration file,
    /// output folder not writable).
    case failed = 2
    /// The command line was wrong (ArgumentParser's EX_USAGE).
    case usage = 64
    /// Another run holds the output folder's lock; nothing was done, try again later
    /// (sysexits' EX_TEMPFAIL).
    case busy = 75
}

/// A failure that stops the whole run (as opposed to one file failing).
public struct RunError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    /// The exit status this failure gives (``RunOutcome/failed`` unless said otherwise).
    public var outcome: RunOutcome
    public init(_ reason: String, outcome: RunOutcome = .failed) { self.reason = reason; self.outcome = outcome }
    public var description: String { reason }
}
