import Foundation
import Synchronization
import WaveIngest
import WaveText
import WaveCorpus
import WaveReports
import WaveText

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

    public init(configuration: RunConfiguration) {
        self.configuration = configuration
    }

    /// What a finished run returns.
    public struct Result: Sendable {
        public var outcome: RunOutcome
        public var summary: RunSummary
        public var analysis: CorpusAnalysis
    }

    /// Runs the whole job. Per-file problems are recorded and the run goes on;
    /// only problems that prevent any output throw.
    ///
    /// - Parameter log: receives one line per event worth telling an operator
    ///   (failures, warnings, the final tally); the CLI sends it to stderr.
    /// - Throws: ``RunError`` when the corpus cannot be listed, a configuration
    ///   file is invalid, or the output folder cannot be written.
    public func run(log operatorLog: @escaping @Sendable (String) -> Void = { _ in }) throws -> Result {
        let started = Date()
        let startedClock = ContinuousClock.now
        // Every line goes to the caller and into the output folder's run.log.
        let logLines = Mutex<[String]>([])
        let log: @Sendable (String) -> Void = { line in
            logLines.withLock { $0.append(line) }
            operatorLog(line)
        }
        let config = configuration
        // Held until the outputs are written; released by the kernel if the process dies.
        let lock = try OutputLock(output: config.output)
        defer { lock.release() }
        let analyzer = try Analyzer(configuration: config, log: log)
        let clock = StageClock()
        let documents = try analyse(analyzer: analyzer, clock: clock, log: log)
        var summary = RunSummary(version: Self.version, corpus: config.corpus.path, output: config.output.path,
                                 startedAt: ISO8601DateFormatter().string(from: started), seconds: 0,
                                 japaneseSegmenter: analyzer.japaneseSegmenter)
        documents.record(in: &summary, log: log)
        summary.stageSeconds = clock.totals

        let reportStart = ContinuousClock.now
        var analysis = CorpusAnalysis(documents: documents.analysed, targets: Targets(analyzer.mentions.gazetteer),
                                      themes: ThemeInfo.of(analyzer.themes.dictionary),
                                      settings: CorpusSettings(evidencePerTheme: config.evidencePerTheme))
        summary.include(analysis.counts)
        if let options = config.topicOptions {
            let topicsStart = ContinuousClock.now
            analysis.modelTopics(options, log: log)
            summary.stageSeconds["topics"] = (ContinuousClock.now - topicsStart).seconds
        }
        summary.stageSeconds["report"] = (ContinuousClock.now - reportStart).seconds
        summary.seconds = (ContinuousClock.now - startedClock).seconds
        let outcome: RunOutcome = summary.failures.isEmpty ? .success : .partial
        let tally = "\(summary.documents) documents from \(summary.files.ingested) files; "
            + "\(summary.files.failed) failed, \(summary.files.skipped) skipped; outputs in \(config.output.path)"
        let runLog = logLines.withLock { $0 } + [tally]
        do {
            try ReportWriter(folder: config.output).write(
                analysis, summary: summary, extra: [OutputTable(name: "run.log", text: runLog.map { $0 + "\n" }.joined())])
        } catch {
            throw RunError("cannot write the outputs to \(config.output.path): \(error.localizedDescription)")
        }
        operatorLog(tally)
        return Result(outcome: outcome, summary: summary, analysis: analysis)
    }

    /// Ingests and analyses `paths` on `threads` workers; outcomes come back in path order.
    static func processFiles(_ paths: [String], listing: CorpusListing, threads: Int, ingestor: Ingestor,
                             analyzer: Analyzer, clock: StageClock) -> [FileOutcome] {
        ParallelMap.ordered(paths, threads: threads) {
            process(path: $0, listing: listing, ingestor: ingestor, analyzer: analyzer, clock: clock)
        }
    }

    enum FileOutcome: Sendable {
        /// The file's documents, and the parts of it (WARC records) that failed on their own.
        case analysed([DocumentAnalysis], failures: [FailureRecord])
        case failed(FailureRecord)
    }

    static func process(path: String, listing: CorpusListing, ingestor: Ingestor, analyzer: Analyzer, clock: StageClock) -> FileOutcome {
        let result: IngestResult
        do {
            result = try clock.measure(.ingest) { () throws(IngestError) in try ingestor.read(fileSystemPath: listing.fileSystemPath(of: path), path: path) }
        } catch {
            return .failed(FailureRecord(path: path, stage: "ingest", code: error.code.rawValue, reason: error.reason))
        }
        let articles = result.articles
        if articles.isEmpty {
            return .failed(FailureRecord(path: path, stage: "ingest", code: "no_article", reason: "no article found in the file"))
        }
        let failures = result.failures.map {
            FailureRecord(path: path, stage: "ingest", code: $0.code.rawValue, reason: $0.reason)
        }
        return .analysed(clock.measure(.analyze) { articles.map { analyzer.analyze($0) } }, failures: failures)
    }
}

/// Time spent per stage, summed over worker threads (CPU-like seconds, not wall).
final class StageClock: Sendable {
    enum Stage: String { case ingest, analyze }
    private let nanoseconds = Mutex<[String: Int64]>([:])

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
