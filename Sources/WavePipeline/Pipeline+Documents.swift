import Foundation
import WaveIngest
import WaveCorpus
import WaveTerms
import WaveReports
import WaveThemes

/// The per-document stage's outcome for a whole corpus: what was listed, and
/// per readable file its documents or its failure.
struct AnalysedCorpus {
    var listing: CorpusListing
    var skipped: [String]
    var outcomes: [Pipeline.FileOutcome]
    /// Whether the prefilter ran (its count is then in the summary even when it is 0).
    var requireTarget = false
    /// Per outcome: whether it came from the run state (its file unchanged since it was analysed).
    var fromState: [Bool] = []

    /// Ids of the documents of files taken from the run state.
    var reusableIDs: Set<String> {
        var ids: Set<String> = []
        for (outcome, stored) in zip(outcomes, fromState) where stored {
            if case .analysed(let documents, _) = outcome { for d in documents { ids.insert(d.id) } }
        }
        return ids
    }

    /// The documents of every file that was read, in path order.
    var analysed: [DocumentAnalysis] {
        outcomes.flatMap { outcome -> [DocumentAnalysis] in
            if case .analysed(let documents, _) = outcome { return documents }
            return []
        }
    }

    /// Counts files, failures and warnings into the summary and tells the operator
    /// (every one into `run.log`; repeated kinds grouped for the operator).
    func record(in summary: inout RunSummary, runLog: RunLog) {
        summary.files.seen = listing.files.count + listing.skipped.count + listing.unreadable.count
        summary.files.skipped = skipped.count + listing.skipped.count
        summary.skippedFiles = (skipped + listing.skipped.map(\.path)).sorted()
        if !listing.skipped.isEmpty {
            summary.skippedReasons = Dictionary(listing.skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
            runLog.log(fileEvents: listing.skipped.map { entry in
                RunLog.FileEvent(level: .warning, path: entry.path, kind: "skipped: \(entry.reason)",
                                 message: "skipped: \(entry.path): \(entry.reason)", metadata: ["path": "\(entry.path)"])
            }, noun: "files skipped", whereToLook: "summary.json and run.log")
        }
        for (path, reason) in listing.unreadable {
            summary.failures.append(FailureRecord(path: path, stage: "discover", code: "unreadable", reason: reason))
        }
        var prefiltered = 0
        var skippedRecords: [FailureRecord] = []
        for outcome in outcomes {
            switch outcome {
            case .failed(let failure):
                summary.failures.append(failure)
            case .analysed(let documents, let failures):
                let (apart, kept) = failures.partitioned {
                    $0.stage == Pipeline.prefilterStage || $0.stage == Pipeline.skippedRecordStage
                }
                summary.failures += kept
                for record in apart {
                    if record.stage == Pipeline.prefilterStage { prefiltered += 1 } else { skippedRecords.append(record) }
                }
                for d in documents {
                    summary.warnings += d.article.warnings.map {
                        FailureRecord(path: d.id, stage: "ingest", code: "warning", reason: $0)
                    }
                }
            }
        }
        // A file counts once: failed when nothing of it was read (a WARC file with
        // some bad records counts as ingested; its bad records are in the failures).
        summary.files.failed = listing.unreadable.count
            + outcomes.filter { if case .failed = $0 { true } else { false } }.count
        summary.files.ingested = outcomes.filter { if case .analysed = $0 { true } else { false } }.count
        runLog.log(fileEvents: summary.failures.map { failure in
            RunLog.FileEvent(level: .error, path: failure.path, kind: "\(failure.stage): \(failure.code)",
                             message: "\(failure.path): \(failure.stage): \(failure.code): \(failure.reason)",
                             metadata: ["path": "\(failure.path)", "stage": "\(failure.stage)", "code": "\(failure.code)"])
        }, noun: "files failed", whereToLook: "failures.csv and run.log")
        runLog.log(fileEvents: summary.warnings.map { warning in
            RunLog.FileEvent(level: .warning, path: warning.path, kind: RunLog.kind(of: warning.reason),
                             message: "\(warning.path): \(warning.reason)", metadata: ["path": "\(warning.path)"])
        }, noun: "documents", whereToLook: "run.log and summary.json")
        summary.failures.sort { ($0.path, $0.stage) < ($1.path, $1.stage) }
        if !skippedRecords.isEmpty {
            summary.skippedRecords = skippedRecords  // files in path order, records in file order
            runLog.log(fileEvents: skippedRecords.map { record in
                RunLog.FileEvent(level: .warning, path: record.path, kind: "skipped record: \(record.code)",
                                 message: "skipped: \(record.path): \(record.reason)",
                                 metadata: ["path": "\(record.path)", "code": "\(record.code)"])
            }, noun: "records skipped", whereToLook: "summary.json and run.log")
        }
        if prefiltered > 0 || requireTarget {
            summary.filteredOut = (summary.filteredOut ?? [:]).merging([Pipeline.prefilterReason: prefiltered], uniquingKeysWith: +)
            runLog.log(.info, "\(prefiltered) documents named no gazetteer target and were skipped before analysis (--require-target)")
        }
    }

    /// The documents `filter` keeps, in order; the others are counted in the summary per reason.
    func kept(by filter: DocumentFilter, in summary: inout RunSummary) -> [DocumentAnalysis] {
        let documents = analysed
        guard !filter.keepsEverything else { return documents }
        var counts = Dictionary(uniqueKeysWithValues: DocumentFilter.Reason.allCases.map { ($0.rawValue, 0) })
        let kept = documents.filter { document in
            guard let reason = filter.reason(for: document) else { return true }
            counts[reason.rawValue, default: 0] += 1
            return false
        }
        summary.filteredOut = (summary.filteredOut ?? [:]).merging(counts, uniquingKeysWith: +)
        return kept
    }
}

extension Pipeline {
    /// The corpus listed, with the files ingest reads apart from the others.
    struct Listed {
        var listing: CorpusListing
        var readable: [String]
        var skipped: [String]
    }

    var ingestor: Ingestor {
        Ingestor(options: IngestOptions(maxFileBytes: configuration.maxFileBytes, articlesOnly: configuration.articlesOnly))
    }

    /// Lists the run's input files (never the output folder, its lock and state, or `excluding`).
    func list(runLog: RunLog?, excluding: [URL] = []) throws -> Listed {
        let config = configuration
        let ingestor = ingestor
        let listing = try inputListing(excluding: [config.output, URL(fileURLWithPath: OutputLock.path(for: config.output)),
                                                   URL(fileURLWithPath: StateStore.path(for: config.output))] + excluding)
        let readable = listing.files.filter { ingestor.handles(path: $0) }
        let skipped = listing.files.filter { !ingestor.handles(path: $0) }
        if readable.isEmpty {
            runLog?.log(.warning, "no file under \(config.corpus.path) is of a format wavelength reads (html, xml, rss, atom, txt, gz, warc)")
        }
        return Listed(listing: listing, readable: readable, skipped: skipped)
    }

    /// Runs ingest and analysis on every readable file of `listed`; with `state`, the files it
    /// found unchanged come from the run state.
    /// With `spool`, each document's sentences and term lists go there as soon as its file is done.
    func analyse(_ listed: Listed, analyzer: Analyzer, clock: StageClock, state: StateCheck? = nil, spool: Spool? = nil,
                 progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> AnalysedCorpus {
        let config = configuration
        let prefilter = config.requireTarget ? TargetPrefilter(gazetteer: analyzer.mentions.gazetteer) : nil
        let (outcomes, fromState) = if let state {
            try Self.processIncrementally(listed.readable, check: state, listing: listed.listing, config: config,
                                          ingestor: ingestor, analyzer: analyzer, clock: clock, prefilter: prefilter,
                                          spool: spool, progress: progress)
        } else {
            (Self.processFiles(listed.readable, listing: listed.listing, threads: config.threads, ingestor: ingestor,
                               analyzer: analyzer, clock: clock, prefilter: prefilter, spool: spool, progress: progress), [Bool]())
        }
        return AnalysedCorpus(listing: listed.listing, skipped: listed.skipped, outcomes: outcomes, requireTarget: config.requireTarget,
                              fromState: fromState)
    }

    /// Ingests and analyses the corpus without writing anything (for `wavelength topics`).
    /// - Throws: ``RunError`` when the corpus cannot be listed or a configuration file is invalid.
    public func analysedDocuments(log: @Sendable (String) -> Void = { _ in }) throws -> [DocumentAnalysis] {
        let analyzer = try Analyzer(configuration: configuration, log: log)
        let corpus = try analyse(try list(runLog: nil), analyzer: analyzer, clock: StageClock())
        for case .failed(let failure) in corpus.outcomes {
            log("error: \(failure.path): \(failure.stage): \(failure.code): \(failure.reason)")
        }
        return corpus.analysed.filter { configuration.filter.reason(for: $0) == nil }
    }
}

extension RunSummary {
    /// Copies the corpus counts into the summary.
    mutating func include(_ counts: CorpusCounts) {
        documents = counts.documents
        tokens = counts.tokens
        documentsByLanguage = counts.byLanguage
        documentsByFormat = counts.byFormat
        documentsByFocus = counts.byFocus
        themeTotals = counts.themeTotals
        sentimentByFocus = counts.sentimentByFocus
    }
}
