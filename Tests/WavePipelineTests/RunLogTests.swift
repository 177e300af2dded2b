import Foundation
import Logging
import Synchronization
import Testing
import WaveReports
@testable import WavePipeline

/// A log handler that keeps what it is told (level and message).
final class CollectingLogHandler: LogHandler, @unchecked Sendable {
    let events = Mutex<[(Logger.Level, String, Logger.Metadata)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    init(level: Logger.Level) { logLevel = level }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { events.withLock { $0.append((event.level, "\(event.message)", event.metadata ?? [:])) } }
    var messages: [String] { events.withLock { $0.map(\.1) } }
}

@Suite struct RunLogTests {
    static let fixtures = PipelineEndToEndTests.fixtures

    /// A corpus of `count` pages without a charset declaration (one warning each) and one broken file.
    static func corpusWithRepeatedWarnings(count: Int) throws -> URL {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("wl-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for i in 0..<count {
            // Latin-1 bytes without a declaration: decoding warns.
            var bytes = Array("<html><body><article><h1>Page \(i)</h1><p>Caf".utf8)
            bytes += [0xE9] + Array(" culture and Korean drama exports grew in 2024, said the ministry.</p></article></body></html>".utf8)
            try Data(bytes).write(to: corpus.appendingPathComponent(String(format: "page-%03d.html", i)))
        }
        try Data().write(to: corpus.appendingPathComponent("empty.html"))
        return corpus
    }

    @Test func repeatedWarningsReachTheOperatorAsOneLineAndRunLogHasEveryOne() throws {
        let corpus = try Self.corpusWithRepeatedWarnings(count: 8)
        let output = corpus.appendingPathComponent("out")
        let handler = CollectingLogHandler(level: .info)
        let result = try Pipeline(configuration: RunConfiguration(corpus: corpus, output: output, threads: 2))
            .run(logger: Logger(label: "test") { _ in handler })
        let warnings = result.summary.warnings
        #expect(warnings.count >= 8)
        let messages = handler.messages
        let grouped = messages.filter { $0.contains("every one in run.log") }
        #expect(grouped.count >= 1)
        #expect(grouped.allSatisfy { $0.contains("(e.g. page-") })
        // No per-page line reaches the operator, but the failed file does (one of its kind).
        #expect(!messages.contains { $0.hasPrefix("page-") })
        #expect(messages.contains { $0.hasPrefix("empty.html: ingest: empty") })
        let runLog = try String(contentsOf: output.appendingPathComponent("run.log"), encoding: .utf8)
        for warning in warnings { #expect(runLog.contains("warning: \(warning.path): \(warning.reason)")) }
        #expect(runLog.contains("error: empty.html: ingest: empty"))
        #expect(!runLog.contains("every one in run.log"))
        // The tally is the operator's last line.
        #expect(messages.last?.contains("documents from") == true)
    }

    @Test func verboseOperatorGetsEveryEvent() throws {
        let corpus = try Self.corpusWithRepeatedWarnings(count: 5)
        let handler = CollectingLogHandler(level: .debug)
        let result = try Pipeline(configuration: RunConfiguration(corpus: corpus, output: corpus.appendingPathComponent("out")))
            .run(logger: Logger(label: "test") { _ in handler })
        let messages = handler.messages
        #expect(!messages.contains { $0.contains("every one in run.log") })
        for warning in result.summary.warnings { #expect(messages.contains("\(warning.path): \(warning.reason)")) }
        #expect(messages.contains { $0.hasPrefix("stage analyze:") })
    }

    @Test func warningKindsIgnoreNumbersAndQuotedNames() {
        #expect(RunLog.kind(of: "3 invalid byte sequences in windows-1252 replaced with U+FFFD")
                == RunLog.kind(of: "12 invalid byte sequences in windows-1252 replaced with U+FFFD"))
        #expect(RunLog.kind(of: "unknown declared charset \"x-foo\"; ignored") == RunLog.kind(of: "unknown declared charset \"latin9\"; ignored"))
        #expect(RunLog.kind(of: "a") != RunLog.kind(of: "b"))
    }

    @Test func progressReportsEveryFileAndEachStage() throws {
        let corpus = try Self.corpusWithRepeatedWarnings(count: 6)
        let seen = Mutex<[RunProgress]>([])
        _ = try Pipeline(configuration: RunConfiguration(corpus: corpus, output: corpus.appendingPathComponent("out"), threads: 2))
            .run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { p in seen.withLock { $0.append(p) } }
        let progress = seen.withLock { $0 }
        let reading = progress.filter { $0.stage == .reading }
        #expect(reading.map(\.filesDone).max() == 7)
        #expect(reading.allSatisfy { $0.filesTotal == 7 })
        #expect(reading.last.map { $0.documents } == 6)
        let stages = progress.map(\.stage).reduce(into: [RunProgress.Stage]()) { if $0.last != $1 { $0.append($1) } }
        // Topics are on by default (this small corpus gets no model, but the stage runs).
        #expect(stages == [.listing, .reading, .filtering, .corpus, .topics, .writing])
    }

    @Test func settingsThatChangeResultsAreWarningsInTheSummaryAndReport() throws {
        // The fixture stopwords have English only; the corpus has a Japanese page.
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wl-warn-\(UUID().uuidString)")
        let config = RunConfiguration(corpus: Self.fixtures.appendingPathComponent("corpus"), output: output,
                                      stopwords: Self.fixtures.appendingPathComponent("stopwords"))
        let handler = CollectingLogHandler(level: .error)   // --quiet
        let result = try Pipeline(configuration: config).run(logger: Logger(label: "test") { _ in handler })
        let codes = result.summary.resultWarnings?.map(\.code) ?? []
        #expect(codes.contains("no_stopwords"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("summary.json"))) as? [String: Any]
        let written = summary?["result_warnings"] as? [[String: String]]
        #expect(written?.contains { $0["code"] == "no_stopwords" && $0["message"]?.contains("ja.txt") == true } == true)
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Warnings: these change the results"))
        #expect(markdown.contains("no_stopwords"))
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("no_stopwords"))
        // The shipped lists cover the corpus: no warning, and no key in summary.json.
        let shipped = try Pipeline(configuration: RunConfiguration(corpus: config.corpus, output: output)).run()
        #expect(shipped.summary.resultWarnings == nil)
        let again = try String(contentsOf: output.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(!again.contains("result_warnings"))
        #expect(!again.contains("filtered_out"))
    }

    @Test func filtersLeaveDocumentsOutAndCountThem() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wl-filter-\(UUID().uuidString)")
        var config = RunConfiguration(corpus: Self.fixtures.appendingPathComponent("corpus"), output: output)
        let all = try Pipeline(configuration: config).run().written().documents
        config.filter = DocumentFilter(since: "2023-01-01", until: "2023-12-31")
        let result = try Pipeline(configuration: config).run()
        let kept = try result.written().documents
        #expect(!kept.isEmpty && kept.count < all.count)
        #expect(kept.allSatisfy { ($0.article.date ?? "").hasPrefix("2023") })
        let filtered = try #require(result.summary.filteredOut)
        #expect(filtered.values.reduce(0, +) == all.count - kept.count)
        #expect(result.summary.documents == kept.count)
        let expectedUndated = all.filter { $0.article.date == nil }.count
        #expect(filtered["undated"] == expectedUndated)
        #expect(filtered["before_since"] == all.filter { ($0.article.date ?? "9") < "2023" }.count)

        config.filter = DocumentFilter(languages: ["ja"])
        let japanese = try Pipeline(configuration: config).run()
        #expect(try japanese.written().documents.allSatisfy { $0.language.rawValue == "ja" })
        #expect(japanese.summary.filteredOut?["language"] == all.filter { $0.language.rawValue != "ja" }.count)
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Documents left out by the run's filters"))
    }

    @Test func datePeriods() {
        #expect(DocumentFilter.period(of: "2024-03-05T23:30:00-05:00")! == ("2024-03-05", "2024-03-05"))
        #expect(DocumentFilter.period(of: "2024-03")! == ("2024-03-01", "2024-03-31"))
        #expect(DocumentFilter.period(of: "2024")! == ("2024-01-01", "2024-12-31"))
        #expect(DocumentFilter.period(of: "March 2024") == nil)
        #expect(DocumentFilter.period(of: nil) == nil)
    }
}
