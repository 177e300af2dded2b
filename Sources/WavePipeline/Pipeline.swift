import Foundation
import Synchronization
import WaveIngest
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
        public var documents: [DocumentRecord]
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
        let ingestor = Ingestor(options: IngestOptions(maxFileBytes: config.maxFileBytes))

        let listing = try CorpusListing(root: config.corpus)
        let readable = listing.files.filter { ingestor.handles(path: $0) }
        let skipped = listing.files.filter { !ingestor.handles(path: $0) }
        if readable.isEmpty {
            log("warning: no file under \(config.corpus.path) is of a format wavelength reads (html, xml, rss, atom, txt, gz, warc)")
        }

        let clock = StageClock()
        let outcomes = Self.processFiles(readable, root: config.corpus, threads: config.threads,
                                         ingestor: ingestor, analyzer: analyzer, clock: clock)

        var summary = RunSummary(version: Self.version, corpus: config.corpus.path, output: config.output.path,
                                 startedAt: ISO8601DateFormatter().string(from: started), seconds: 0,
                                 japaneseSegmenter: analyzer.japaneseSegmenter)
        summary.files.seen = listing.files.count + listing.unreadable.count
        summary.files.skipped = skipped.count
        summary.skippedFiles = skipped
        for (path, reason) in listing.unreadable {
            summary.failures.append(FailureRecord(path: path, stage: "discover", code: "unreadable", reason: reason))
        }
        var results: [Analyzer.Result] = []
        for outcome in outcomes {
            switch outcome {
            case .failed(let failure):
                summary.failures.append(failure)
            case .analysed(let documents):
                results += documents
                for warning in documents.flatMap({ d in d.record.warnings.map { (d.record.id, $0) } }) {
                    summary.warnings.append(FailureRecord(path: warning.0, stage: "ingest", code: "warning", reason: warning.1))
                }
            }
        }
        summary.files.failed = Set(summary.failures.map(\.path)).count
        summary.files.ingested = outcomes.filter { if case .analysed = $0 { true } else { false } }.count
        for failure in summary.failures {
            log("error: \(failure.path): \(failure.stage): \(failure.code): \(failure.reason)")
        }
        for warning in summary.warnings { log("warning: \(warning.path): \(warning.reason)") }

        summary.stageSeconds = clock.totals
        let reportStart = ContinuousClock.now
        var data = Self.report(results: results, summary: summary, analyzer: analyzer,
                               evidencePerTheme: config.evidencePerTheme, started: started)
        let groups = Self.themeGroups(documents: data.documents, themes: data.themes)
        data.sections.append(groups.section); data.tables.append(groups.table)
        let topicsStart = ContinuousClock.now
        data = Self.addingTopics(to: data, results: results, configuration: config, log: log)
        if config.topics != nil { data.summary.stageSeconds["topics"] = (ContinuousClock.now - topicsStart).seconds }
        data.summary.stageSeconds["report"] = (ContinuousClock.now - reportStart).seconds
        data.summary.seconds = (ContinuousClock.now - startedClock).seconds
        let outcome: RunOutcome = data.summary.failures.isEmpty ? .success : .partial
        let tally = "\(data.summary.documents) documents from \(data.summary.files.ingested) files; "
            + "\(data.summary.files.failed) failed, \(data.summary.files.skipped) skipped; outputs in \(config.output.path)"
        let runLog = logLines.withLock { $0 } + [tally]
        data.tables.append(OutputTable(name: "run.log", text: runLog.map { $0 + "\n" }.joined()))
        do {
            try ReportWriter(folder: config.output).write(data)
        } catch {
            throw RunError("cannot write the outputs to \(config.output.path): \(error.localizedDescription)")
        }
        operatorLog(tally)
        return Result(outcome: outcome, summary: data.summary, documents: data.documents)
    }

    /// Ingests and analyses `paths` on `threads` workers; outcomes come back in path order.
    static func processFiles(_ paths: [String], root: URL, threads: Int, ingestor: Ingestor,
                             analyzer: Analyzer, clock: StageClock) -> [FileOutcome] {
        let slots = Mutex<[FileOutcome?]>(Array(repeating: nil, count: paths.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, max(paths.count, 1))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < paths.count else { return }
                let outcome = process(path: paths[index], root: root, ingestor: ingestor, analyzer: analyzer, clock: clock)
                slots.withLock { $0[index] = outcome }
            }
        }
        return slots.withLock { $0 }.compactMap { $0 }
    }

    enum FileOutcome: Sendable {
        case analysed([Analyzer.Result])
        case failed(FailureRecord)
    }

    static func process(path: String, root: URL, ingestor: Ingestor, analyzer: Analyzer, clock: StageClock) -> FileOutcome {
        let articles: [Article]
        do {
            articles = try clock.measure(.ingest) { () throws(IngestError) in try ingestor.articles(atPath: path, root: root) }
        } catch {
            return .failed(FailureRecord(path: path, stage: "ingest", code: error.code.rawValue, reason: error.reason))
        }
        if articles.isEmpty {
            return .failed(FailureRecord(path: path, stage: "ingest", code: "no_article", reason: "no article found in the file"))
        }
        return .analysed(clock.measure(.analyze) { articles.map { analyzer.analyze($0) } })
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
