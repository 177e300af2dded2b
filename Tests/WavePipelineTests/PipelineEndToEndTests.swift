import Foundation
import Synchronization
import Testing
import WaveReports
@testable import WavePipeline
import WaveCorpus
import WaveReports

/// Runs the whole pipeline over `Fixtures/corpus` and checks what it wrote.
@Suite struct PipelineEndToEndTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    struct Run {
        let result: Pipeline.Result
        let output: URL
        func read(_ name: String) throws -> String { try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8) }
        func rows(_ name: String) throws -> [[String: String]] { try CSVReader.rows(read(name)) }
    }

    static func run() throws -> Run {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wavelength-e2e-\(UUID().uuidString)")
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"), output: output,
                                      stopwords: fixtures.appendingPathComponent("stopwords"), threads: 2)
        let result = try Pipeline(configuration: config).run()
        return Run(result: result, output: output)
    }

    @Test func writesEveryOutputAndReportsPartialSuccess() throws {
        let run = try Self.run()
        for name in ReportWriter.fileNames {
            #expect(FileManager.default.fileExists(atPath: run.output.appendingPathComponent(name).path), "\(name)")
        }
        // Two bad files fail, the rest succeed: partial outcome, exit status 1.
        #expect(run.result.outcome == .partial)
        #expect(run.result.outcome.rawValue == 1)
        let failed = Set(run.result.summary.failures.map(\.path))
        #expect(failed == ["empty.html", "broken.html"])
        #expect(run.result.summary.failures.allSatisfy { $0.stage == "ingest" && !$0.reason.isEmpty })
        #expect(run.result.summary.files.skipped == 1)   // README.md
        #expect(run.result.summary.skippedFiles == ["README.md"])
        // Nothing else is lost: html page, Shift_JIS page, two feed items, the text file.
        #expect(try run.result.written().documents.count == 5)
        #expect(Set(try run.result.written().documents.map(\.article.path)) == ["news/harbour-ghibli.html", "news/test-shimpo-sjis.html", "feed.rss", "note.txt"])
    }

    @Test func documentsTableHasOneRowPerDocumentWithDecodedTitles() throws {
        let run = try Self.run()
        let rows = try run.rows("documents.csv")
        #expect(rows.count == 5)
        for column in ["id", "path", "title", "date", "language", "site", "tokens", "sentiment",
                       "sentiment_japan", "sentiment_korea", "nostalgia", "forward_facing"] {
            #expect(rows[0][column] != nil, "column \(column)")
        }
        let sjis = try #require(rows.first { $0["path"] == "news/test-shimpo-sjis.html" })
        #expect(sjis["title"] == "韓流と日本のソフトパワー")
        #expect(sjis["language"] == "ja")
        let page = try #require(rows.first { $0["path"] == "news/harbour-ghibli.html" })
        #expect(page["title"] == "Why Studio Ghibli Still Feels Like Home")
        #expect(page["language"] == "en")
        #expect(page["date"]?.hasPrefix("2021-04-12") == true)
        let items = rows.filter { $0["path"] == "feed.rss" }.map { $0["id"]! }.sorted()
        #expect(items == ["feed.rss#1", "feed.rss#2"])
    }

    @Test func countsKnownTermsOnlyInTheArticleBody() throws {
        let run = try Self.run()
        let terms = try run.rows("terms.csv")
        // "totoro" appears once in the article and once in a reader comment, which is boilerplate.
        let totoro = try #require(terms.first { $0["term"] == "totoro" && $0["language"] == "en" })
        #expect(totoro["count"] == "1")
        #expect(totoro["document_frequency"] == "1")
        // Stopwords are not counted.
        #expect(!terms.contains { $0["term"] == "the" && $0["language"] == "en" })
        // Kettle ads and related links are not counted either.
        #expect(!terms.contains { $0["term"] == "kettle" || $0["term"] == "kettles" })
    }

    @Test func themesAndSentimentOfKnownArticles() throws {
        let run = try Self.run()
        let docs = Dictionary(uniqueKeysWithValues: try run.result.written().documents.map { ($0.id, $0) })
        let ghibli = try #require(docs["news/harbour-ghibli.html"])
        #expect(ghibli.themeHits("nostalgia") >= 4)
        #expect((ghibli.framingIndex ?? 0) < 0)
        #expect(ghibli.targetSentiment["japan"] != nil)
        let export = try #require(docs["feed.rss#1"])
        #expect(export.themeHits("forward_facing") >= 3)
        #expect((export.framingIndex ?? 0) > 0)
        #expect(export.sentiment > 0)
        #expect(export.focus == .target("korea"))
        let retro = try #require(docs["feed.rss#2"])
        #expect(retro.sentiment < 0)
        let sjis = try #require(docs["news/test-shimpo-sjis.html"])
        #expect(sjis.themeHits("nostalgia") > 0)
        #expect(sjis.themeHits("forward_facing") > 0)
        #expect(sjis.focus.label == "both")
        let summary = run.result.summary
        #expect((summary.themeTotals["nostalgia"] ?? 0) > 0)
        #expect((summary.themeTotals["forward_facing"] ?? 0) > 0)
    }

    @Test func summaryAndReportsNameTheFailures() throws {
        let run = try Self.run()
        let summary = try JSONSerialization.jsonObject(with: Data(run.read("summary.json").utf8)) as! [String: Any]
        let files = summary["files"] as! [String: Any]
        #expect(files["failed"] as? Int == 2)
        #expect(summary["documents"] as? Int == 5)
        let failures = summary["failures"] as! [[String: Any]]
        #expect(failures.map { $0["path"] as! String }.sorted() == ["broken.html", "empty.html"])
        let html = try run.read("report.html")
        #expect(html.contains("empty.html"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        // The run's log holds the per-file errors too, for an operator reading the folder later.
        let runLog = try run.read("run.log")
        #expect(runLog.contains("error: empty.html: ingest: empty"))
        #expect(runLog.contains("error: broken.html: ingest:"))
        #expect(runLog.contains("2 failed"))
        let markdown = try run.read("report.md")
        #expect(markdown.contains("## Files that failed"))
        #expect(markdown.contains("broken.html"))
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: run.output.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func emptyCorpusWritesEmptyTablesAndWarns() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("wl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let output = corpus.appendingPathComponent("out")
        let lines = Mutex<[String]>([])
        let result = try Pipeline(configuration: RunConfiguration(corpus: corpus, output: output, stopwords: nil))
            .run { line in lines.withLock { $0.append(line) } }
        #expect(result.outcome == .success)
        #expect(try result.written().documents.isEmpty)
        #expect(lines.withLock { $0 }.contains { $0.hasPrefix("warning: no file under") })
        let csv = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1)   // the header only
    }

    @Test func missingCorpusIsARunError() throws {
        let config = RunConfiguration(corpus: URL(fileURLWithPath: "/nonexistent/corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-none"))
        #expect(throws: RunError.self) { try Pipeline(configuration: config).run() }
    }

    @Test func sameCorpusGivesSameTablesWhateverTheThreadCount() throws {
        func tables(threads: Int) throws -> [String] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("wl-threads-\(UUID().uuidString)")
            let config = RunConfiguration(corpus: Self.fixtures.appendingPathComponent("corpus"), output: output,
                                          stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: threads)
            _ = try Pipeline(configuration: config).run()
            return try ["documents.csv", "terms.csv", "themes.csv", "sentiment.csv"].map {
                try String(contentsOf: output.appendingPathComponent($0), encoding: .utf8)
            }
        }
        #expect(try tables(threads: 1) == tables(threads: 2))
    }
}

/// A small RFC 4180 reader for checking the tables we write.
enum CSVReader {
    static func rows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.append(c) }
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
