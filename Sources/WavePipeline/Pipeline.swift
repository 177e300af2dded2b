import Foundation
import WaveSync
import WaveIngest
import WaveText
import WaveCorpus
import WaveReports
import WaveTerms
import WaveThemes
import Logging

/// The main job: ingest every file of a corpus, analyse every article, and
/// write the tables and reports.
///
/// ```swift
/// let result = try Pipeline(configuration: RunConfiguration()).run()
/// exit(result.outcome.rawValue)
/// ```
public struct Pipeline: Sendable {
    public static let version = "0.1.0"

    public var configuration: RunConfiguration
    /// Where a shard run writes its analyses and a merge reads them, when not the shard folders
    /// (``ShardStore``; opened for ``RunConfiguration/job``).
    public var store: (any ShardStore)?

    public init(configuration: RunConfiguration, store: (any ShardStore)? = nil) {
        self.configuration = configuration
        self.store = store
    }

    /// What a finished run returns.
    public struct Result: Sendable {
        public var outcome: RunOutcome
        public var summary: RunSummary
        /// The corpus analysis; nil when the run kept the outputs of the last run (``reusedRun``).
        public var analysis: CorpusAnalysis?
        /// The run id of the last run when nothing had changed since it and its outputs were kept
        /// as they were (its summary and outcome are then this run's); nil when outputs were written.
        public var reusedRun: String? = nil
        /// Where each document's bytes lie in the per-document files written (for the next run).
        var segments: DocumentSegments? = nil
        /// Documents whose rows were copied from the last run's files rather than laid out again.
        var copiedDocuments = 0
    }

    /// Runs the whole job, telling `log` one line per event (as ``run(logger:progress:)``
    /// with a logger at `.info`: repeated per-file events grouped).
    public func run(log operatorLog: @escaping @Sendable (String) -> Void = { _ in }) throws -> Result {
        try run(logger: Logger(label: "wavelength") { _ in LineLogHandler(body: operatorLog) })
    }

    /// Runs the whole job. Per-file problems are recorded and the run goes on;
    /// only problems that prevent any output throw.
    ///
    /// - Parameters:
    ///   - logger: receives every event worth telling an operator (failures, warnings, topic
    ///     models, the final tally); repeated per-file events come grouped unless its level is
    ///     `.debug` or below. Every event also goes to the output folder's `run.log`.
    ///   - progress: told the stage, and after each file the files and documents done.
    /// - Throws: ``RunError`` when the corpus cannot be listed, a configuration
    ///   file is invalid, or the output folder cannot be written.
    public func run(logger: Logger, progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> Result {
        let started = Date()
        HeapPolicy.mapLargeBuffers()
        let startedClock = ContinuousClock.now
        // Every event goes to the caller's logger and into the output folder's run.log.
        let runLog = RunLog(operator: logger)
        let log: @Sendable (String) -> Void = { runLog.log(.warning, $0) }
        let config = configuration
        // Held until the outputs are written; released by the kernel if the process dies.
        guard !config.output.path.isEmpty, config.output.standardizedFileURL.path != "/" else {
            throw RunError("the output must name a folder")
        }
        let lock = try OutputLock(output: config.output)
        defer { lock.release() }
        // The whole set is written beside the output folder and swapped in at the end.
        let staging = try OutputStaging(output: config.output, runID: OutputStaging.newRunID(), log: log)
        var committed = false
        defer { if !committed { staging.abandon() } }
        let analyzer = try Analyzer(configuration: config, log: log)
        let clock = StageClock()
        progress?(RunProgress(stage: .listing))
        let listed = try list(runLog: runLog, excluding: [staging.folder])
        // With a state: what changed since the last run; nothing at all keeps the last outputs.
        var state: StateCheck?
        var lastSegments: DocumentSegments?
        if config.incremental {
            let store = try StateStore(output: config.output, fresh: config.full)
            let fingerprint = Self.fingerprint(of: config, segmenter: analyzer.japaneseSegmenter)
            let check = try clock.measure(.stateCheck) {
                try StateCheck(store: store, paths: listed.readable, listing: listed.listing, fingerprint: fingerprint,
                               runKey: Self.runKey(of: config, fingerprint: fingerprint, listing: listed.listing),
                               threads: config.threads)
            }
            let reusable = config.full ? .failure(.files("--full"))
                : config.shard != nil ? .failure(.files("a shard is always written"))
                : Self.reusableRun(check, output: config.output)
            if case .failure(let why) = reusable { logger.debug("outputs computed again: \(why)") }
            if case .success(let last) = reusable,
               let summary = try? JSONDecoder().decode(RunSummary.self, from: last.summary),
               let outcome = RunOutcome(rawValue: last.outcome) {
                try? store.update(statuses: check.restatused, checked: check.checked)
                store.close()
                let note = "nothing changed since run \(last.runID) (\(listed.readable.count) files, same options); "
                    + "its outputs in \(config.output.path) are kept"
                logger.notice("\(note)", metadata: ["reused_run": "\(last.runID)", "files": "\(listed.readable.count)"])
                return Result(outcome: outcome, summary: summary, analysis: nil, reusedRun: last.runID)
            }
            // The bytes of unchanged documents can be copied from the last run's files.
            if !config.full, config.shard == nil {
                lastSegments = Self.lastSegments(store: store, output: config.output, layout: Self.layoutKey(of: config, fingerprint: fingerprint))
            }
            // From here on the last run's outputs no longer describe the state.
            do { try store.forgetLastRun() } catch {
                throw RunError("cannot write the run state \(store.path): \(error)")
            }
            state = check
        }
        defer { state?.store.close() }
        // The documents' sentences and term lists wait on disk until the corpus stage and the
        // tables read them (a shard writes them whole, so it keeps them in memory).
        let spool: Spool?
        do { spool = config.shard == nil ? try Spool(folder: staging.folder) : nil } catch {
            throw RunError("cannot write to \(staging.folder.path): \(error.localizedDescription)")
        }
        let documents = try analyse(listed, analyzer: analyzer, clock: clock, state: state, spool: spool, progress: progress)
        HeapPolicy.releaseFreed()
        var result: Result
        var statisticsMemo: StatisticsMemo?
        if let shard = config.shard {
            result = try writeShard(documents, shard: shard, analyzer: analyzer, stageSeconds: clock.totals, runLog: runLog,
                                    staging: staging, started: started, startedClock: startedClock, progress: progress)
        } else {
            let previous = lastSegments.map { PreviousOutputs(folder: config.output, segments: $0, reusable: documents.reusableIDs) }
            // Told the operator only: run.log is an output, the same as a clean run's.
            let copied = previous.map { previous in documents.analysed.filter { previous.copies($0.id) }.count } ?? 0
            if previous != nil { logger.debug("the rows of \(copied) unchanged documents are copied from the last run's files") }
            // Topic models trained before on the same documents and options are taken from the state.
            let topicModels = state.map { StateTopicModels(store: $0.store, fingerprint: $0.fingerprint, log: log) }
            // Bootstrap intervals and signatures the last run computed are taken from the state.
            statisticsMemo = state.map { StateStatisticsMemo.load(store: $0.store, fingerprint: $0.fingerprint) }
            result = try report(documents, corpus: config.corpus.path, analyzer: analyzer, stageSeconds: clock.totals,
                                runLog: runLog, staging: staging, started: started, startedClock: startedClock, progress: progress,
                                previous: previous, topicModels: topicModels, statisticsMemo: statisticsMemo)
            result.copiedDocuments = copied
            if let reused = result.analysis?.topics?.analysis.reusedLanguages, !reused.isEmpty {
                logger.debug("topic models taken from the run state (same documents and options): \(reused.joined(separator: ", "))")
            }
        }
        if let failure = spool?.failure { throw RunError("cannot read back the run's scratch file: \(failure)") }
        try staging.commit(log: log)
        committed = true
        if let state, config.shard == nil {
            if let statisticsMemo {
                StateStatisticsMemo.keep(statisticsMemo, store: state.store, fingerprint: state.fingerprint, logger: logger)
            }
            // The outputs as this run left them, for the next run to keep if nothing changes.
            if let outputs = StateStore.outputStatuses(of: config.output), let encoded = try? JSONEncoder().encode(result.summary) {
                do {
                    try state.store.record(StateStore.LastRun(key: state.runKey, runID: staging.runID, outcome: result.outcome.rawValue,
                                                              summary: encoded, outputs: outputs),
                                           layout: Self.layoutKey(of: config, fingerprint: state.fingerprint),
                                           segments: result.segments.flatMap { try? StateCoding.encode($0) })
                } catch {
                    logger.warning("cannot record the run in \(state.store.path) (the next run computes the outputs again): \(error)")
                }
            }
        }
        Self.tell(logger, result.summary, output: config.output)
        return result
    }

    /// The operator's closing lines of a run: the time of each stage (debug) and the tally.
    static func tell(_ logger: Logger, _ summary: RunSummary, output: URL) {
        for (stage, seconds) in summary.stageSeconds.sorted(by: { $0.key < $1.key }) {
            logger.debug("stage \(stage): \(String(format: "%.2f", seconds)) s")
        }
        logger.notice("\(tally(summary, output: output))", metadata: ["documents": "\(summary.documents)", "files_read": "\(summary.files.ingested)",
                                                          "files_failed": "\(summary.files.failed)", "seconds": "\(String(format: "%.1f", summary.seconds))"])
    }

    static func tally(_ summary: RunSummary, output: URL) -> String {
        "\(summary.documents) documents from \(summary.files.ingested) files; "
            + "\(summary.files.failed) failed, \(summary.files.skipped) skipped; outputs in \(output.path)"
    }

    /// The corpus-level half of a run, from the per-document results of every file (a run's
    /// own, or the shards' at a merge): the summary, the filters, every corpus aggregate and
    /// the topics (taken from `topicModels` where it holds the same training), written into the
    /// staging folder.
    func report(_ documents: AnalysedCorpus, corpus: String, analyzer: Analyzer, stageSeconds: [String: Double], runLog: RunLog,
                staging: OutputStaging, started: Date, startedClock: ContinuousClock.Instant,
                progress: (@Sendable (RunProgress) -> Void)?, previous: PreviousOutputs? = nil,
                topicModels: (any TopicModelStore)? = nil, statisticsMemo: StatisticsMemo? = nil) throws -> Result {
        let config = configuration
        var summary = RunSummary(version: Self.version, corpus: corpus, output: config.output.path,
                                 startedAt: ISO8601DateFormatter().string(from: started), seconds: 0,
                                 japaneseSegmenter: analyzer.japaneseSegmenter)
        summary.runId = staging.runID
        documents.record(in: &summary, runLog: runLog)
        summary.stageSeconds = stageSeconds
        progress?(RunProgress(stage: .filtering))
        let kept = documents.kept(by: config.filter, in: &summary)
        let warnings = Self.resultWarnings(analyzer: analyzer, configuration: config, documents: kept)
        for warning in warnings { runLog.log(.warning, "\(warning.code): \(warning.message)") }
        summary.resultWarnings = warnings.isEmpty ? nil : warnings

        progress?(RunProgress(stage: .corpus))
        let reportStart = ContinuousClock.now
        var settings = CorpusSettings(evidencePerTheme: config.evidencePerTheme)
        settings.bootstrap.memo = statisticsMemo
        settings.terms.duplicates.memo = statisticsMemo
        var analysis = CorpusAnalysis(documents: kept, targets: Targets(analyzer.mentions.gazetteer),
                                      themes: ThemeInfo.of(analyzer.themes.dictionary), settings: settings)
        summary.include(analysis.counts)
        HeapPolicy.releaseFreed()
        if let options = config.topicOptions {
            progress?(RunProgress(stage: .topics))
            let topicsStart = ContinuousClock.now
            analysis.modelTopics(options, store: topicModels, log: { runLog.log(.info, $0) })
            summary.stageSeconds["topics"] = (ContinuousClock.now - topicsStart).seconds
            HeapPolicy.releaseFreed()
        }
        summary.stageSeconds["report"] = (ContinuousClock.now - reportStart).seconds
        summary.seconds = (ContinuousClock.now - startedClock).seconds
        let outcome: RunOutcome = summary.failures.isEmpty ? .success : .partial
        let runLogText = runLog.recorder.lines + [Self.tally(summary, output: config.output)]
        progress?(RunProgress(stage: .writing))
        let written: ReportWriter.Written
        do {
            written = try ReportWriter(folder: staging.folder, cells: config.rawCSV ? .raw : .spreadsheetSafe).write(
                analysis, summary: summary, extra: [OutputTable(name: "run.log", text: runLogText.map { $0 + "\n" }.joined())],
                previous: previous)
        } catch {
            throw RunError("cannot write the outputs to \(config.output.path): \(error.localizedDescription)")
        }
        return Result(outcome: outcome, summary: summary, analysis: analysis, segments: written.segments)
    }

    /// Ingests and analyses `paths` on `threads` workers; outcomes come back in path order.
    static func processFiles(_ paths: [String], listing: CorpusListing, threads: Int, ingestor: Ingestor,
                             analyzer: Analyzer, clock: StageClock, prefilter: TargetPrefilter? = nil, spool: Spool? = nil,
                             progress: (@Sendable (RunProgress) -> Void)? = nil) -> [FileOutcome] {
        let counter = ProgressCounter(total: paths.count, handler: progress)
        return ParallelMap.ordered(paths, threads: threads) {
            var outcome = process(path: $0, listing: listing, ingestor: ingestor, analyzer: analyzer, clock: clock,
                                  prefilter: prefilter)
            counter.fileDone(outcome)
            if let spool { outcome.spool(into: spool) }
            return outcome
        }
    }

    enum FileOutcome: Sendable {
        /// The file's documents, and the parts of it (WARC records) that failed on their own;
        /// documents the prefilter left out are among the failures with stage `prefilter`,
        /// records skipped (no HTML page, no text) with stage `skipped`
        /// (``AnalysedCorpus/record(in:runLog:)`` counts both apart).
        case analysed([DocumentAnalysis], failures: [FailureRecord])
        case failed(FailureRecord)

        /// Moves its documents' sentences and term lists into `spool` (``DocumentAnalysis/spool(into:)``).
        mutating func spool(into spool: Spool) {
            guard case .analysed(var documents, let failures) = self else { return }
            for i in documents.indices { documents[i].spool(into: spool) }
            self = .analysed(documents, failures: failures)
        }
    }

    static func process(path: String, listing: CorpusListing, ingestor: Ingestor, analyzer: Analyzer, clock: StageClock,
                        prefilter: TargetPrefilter? = nil) -> FileOutcome {
        let result: IngestResult
        do {
            result = try clock.measure(.ingest) { () throws(IngestError) in try ingestor.read(fileSystemPath: listing.fileSystemPath(of: path), path: path) }
        } catch {
            return .failed(FailureRecord(path: path, stage: "ingest", code: error.code.rawValue, reason: error.reason))
        }
        var articles = result.articles
        if articles.isEmpty {
            return .failed(FailureRecord(path: path, stage: "ingest", code: "no_article", reason: "no article found in the file"))
        }
        var failures = result.failures.map {
            FailureRecord(path: path, stage: "ingest", code: $0.code.rawValue, reason: $0.reason)
        }
        failures += result.skipped.map {
            FailureRecord(path: path, stage: Self.skippedRecordStage, code: $0.code.rawValue, reason: $0.reason)
        }
        if let prefilter {
            let (kept, left) = clock.measure(.prefilter) { articles.partitioned { prefilter.mayMention([$0.text] + ($0.title.map { [$0] } ?? [])) } }
            articles = kept
            failures += left.map { FailureRecord(path: $0.id, stage: Self.prefilterStage, code: "no_target", reason: "names no gazetteer target") }
        }
        return .analysed(clock.measure(.analyze) { articles.map { analyzer.analyze($0) } }, failures: failures)
    }
}

/// Time spent per stage, summed over worker threads (CPU-like seconds, not wall).
///
/// Guarded by a ``Locked`` (an `NSLock`) rather than the standard library's `Mutex`, which
/// ThreadSanitizer cannot see on Linux: every contended `withLock` here was reported as a race.
/// This clock is the one lock the pipeline's worker threads all contend.
final class StageClock: Sendable {
    enum Stage: String {
        case ingest, prefilter, analyze
        /// Incremental runs: checking the listed files against the state; loading the stored outcomes.
        case stateCheck = "state_check", stateLoad = "state_load"
    }
    private let nanoseconds = Locked<[String: Int64]>([:])

    func measure<T, E: Error>(_ stage: Stage, _ body: () throws(E) -> T) throws(E) -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            let ns = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
            nanoseconds.withLock { $0[stage.rawValue, default: 0] += ns }
        }
        return try body()
    }

    var totals: [String: Double] { nanoseconds.withLock { $0.mapValues { Double($0) / 1e9 } } }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
