import Foundation
import Testing
@testable import WaveReports

@Suite struct ReportWriterTests {
    func record(_ id: String, title: String, date: String? = "2023-05-01") -> DocumentRecord {
        DocumentRecord(id: id, path: id, item: nil, url: nil, title: title, authors: ["A, B"], date: date,
                       language: "en", site: "Site", format: "html", encoding: "UTF-8", tokens: 10, terms: 5,
                       sentences: 2, sentiment: 0.5, sentimentJapan: -0.25, sentimentKorea: nil, focus: "japan",
                       themeHits: ["nostalgia": 2], themeRates: ["nostalgia": 200], themeSentiment: [:],
                       framingIndex: -1, warnings: [])
    }

    func data(_ documents: [DocumentRecord], failures: [FailureRecord] = []) -> ReportData {
        var summary = RunSummary(version: "t", corpus: "c", output: "o", startedAt: "2026-01-01T00:00:00Z",
                                 seconds: 1, japaneseSegmenter: "icu")
        summary.failures = failures
        summary.documents = documents.count
        return ReportData(summary: summary, documents: documents,
                          themes: [ThemeInfo(path: "nostalgia", label: "Nostalgia <&>", parent: nil)],
                          terms: [TermRecord(term: "<b>", language: "en", count: 3, documentFrequency: 1, rank: 1)],
                          evidence: [EvidenceRecord(theme: "nostalgia", documentID: "x", title: "t",
                                                    sentence: "<script>alert(1)</script> | *bold*")])
    }

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
        let hostile = record("a", title: "<img src=x onerror=alert(1)> & \"quotes\"")
        let html = HTMLReport(data: data([hostile], failures: [FailureRecord(path: "<evil>.html", stage: "ingest", code: "binary", reason: "<b>")])).render()
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;evil&gt;.html"))
        #expect(!html.contains("<b>"))
    }

    @Test func markdownReportKeepsTablesIntact() {
        let md = MarkdownReport(data: data([record("a", title: "pipe | in title\nand newline")])).render()
        #expect(md.contains("pipe \\| in title and newline"))
        #expect(!md.contains("<script>"))
    }

    @Test func writesEveryFileAtomicallyInsideTheFolder() throws {
        let folder = temp()
        let writer = ReportWriter(folder: folder)
        let names = try writer.write(data([record("a", title: "One"), record("b", title: "Two, with comma", date: nil)]))
        #expect(names == ReportWriter.fileNames)
        let contents = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(contents == ReportWriter.fileNames.sorted())
        let csv = try String(contentsOf: folder.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(csv.contains("\"Two, with comma\""))
        #expect(csv.contains("\"A, B\""))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["documents"] as? Int == 2)
        #expect((summary["outputs"] as? [String])?.contains("report.html") == true)
    }

    @Test func refusesNamesThatLeaveTheFolder() {
        let writer = ReportWriter(folder: temp())
        for name in ["../escape.csv", "/etc/passwd", "a/b.csv", "..", ".", ""] {
            #expect(throws: (any Error).self, "\(name)") { try writer.put(name, "x") }
        }
    }

    @Test func unwritableFolderThrows() {
        let writer = ReportWriter(folder: URL(fileURLWithPath: "/proc/wavelength-cannot-write"))
        #expect(throws: (any Error).self) { try writer.write(data([])) }
    }
}

internal import CSQLite

@Suite struct SQLiteTablesTests {
    @Test func databaseHoldsTheSameRowsAsTheCSVTables() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-sqlite-\(UUID().uuidString)")
        let tests = ReportWriterTests()
        try ReportWriter(folder: folder).write(tests.data([tests.record("a", title: "O'Brien; \"x\""), tests.record("b", title: "B")],
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
        #expect(scalar("SELECT count(*) FROM documents") == "2")
        #expect(scalar("SELECT title FROM documents WHERE id = 'a'") == "O'Brien; \"x\"")
        #expect(scalar("SELECT sentiment_korea IS NULL FROM documents WHERE id = 'a'") == "1")
        #expect(scalar("SELECT nostalgia FROM documents WHERE id = 'b'") == "2")
        #expect(scalar("SELECT reason FROM failures") == "NUL bytes")
        #expect(scalar("SELECT count FROM terms WHERE term = '<b>'") == "3")
    }
}
