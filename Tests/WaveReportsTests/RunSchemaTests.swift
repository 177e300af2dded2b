import Foundation
import Testing
@testable import WaveReports
import WaveCorpus
import WaveIngest

@Suite struct RunSchemaTests {
    func temp() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("wl-schema-\(UUID().uuidString)") }

    /// The README's data dictionary is the schema's: regenerate it with
    /// `swift run wavelength schema --update-readme README.md`.
    @Test func readmeOutputsSectionMatchesTheSchema() throws {
        let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let updated = try #require(RunSchema.updatingReadme(readme), "README.md lacks the generated-section markers")
        #expect(updated == readme, "README.md's Outputs section differs from RunSchema: run `wavelength schema --update-readme README.md`")
        for table in RunSchema.tables(.placeholders) { #expect(readme.contains("#### `\(table.file)`")) }
    }

    @Test func everyWrittenTableHasTheSchemasHeaderAndDataPackageDescribesIt() throws {
        let folder = temp()
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "One"),
                                                   ReportFixture.article("b", title: "Two", date: nil)])
        try ReportWriter(folder: folder).write(analysis, summary: ReportFixture.summary())
        let package = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        #expect(package["version"] as? String == RunSchema.version)
        let resources = try #require(package["resources"] as? [[String: Any]])
        let schemas = RunSchema.tables(RunTables.columns(analysis), topics: false)
        #expect(resources.map { $0["path"] as? String } == schemas.map(\.file))
        for (resource, schema) in zip(resources, schemas) where !schema.file.hasSuffix(".gz") {
            let fields = (resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []
            let text = try String(contentsOf: folder.appendingPathComponent(schema.file), encoding: .utf8)
            let header = text.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.map { $0["name"] as? String } == header, "\(schema.file)")
            #expect(header == schema.header, "\(schema.file)")
        }
        #expect(resources.first { $0["name"] as? String == "tokens" }?["compression"] as? String == "gz")
    }

    @Test func publishedDateGivesTheUTCInstantAndTheOutletsDate() {
        let jst = PublishedDate("2023-03-04T08:00:00+09:00")
        #expect(jst.utc == "2023-03-03T23:00:00Z" && jst.localDate == "2023-03-04")
        #expect(PublishedDate("2023-12-31T22:30:00-05:00").utc == "2024-01-01T03:30:00Z")
        #expect(PublishedDate("2024-03-01T01:00:00.250+0200").utc == "2024-02-29T23:00:00Z")
        #expect(PublishedDate("2023-03-04T09:30:00Z").utc == "2023-03-04T09:30:00Z")
        // No offset, or no time: the instant is unknown, the printed date is kept.
        #expect(PublishedDate("2023-03-04T09:30:00").utc == nil)
        #expect(PublishedDate("2023-03-04").utc == nil && PublishedDate("2023-03-04").localDate == "2023-03-04")
        #expect(PublishedDate("2023-02-30").localDate == nil)
        #expect(PublishedDate("2023-04").localDate == nil && PublishedDate(nil).localDate == nil)
        #expect(PublishedDate("2023-03-04T09:30:00+09:00").sqlUTC == "2023-03-04 00:30:00")
    }

    @Test func jsonNumbersAreAlwaysFloatsAndEmptyIsNull() throws {
        var out = ""
        JSONValue.object([("a", .number(0)), ("b", .number(1)), ("c", .number(0.25)), ("d", .number(nil)),
                          ("e", .number(.nan)), ("f", .integer(0)), ("g", .string(nil))]).write(to: &out)
        #expect(out == #"{"a":0.0,"b":1.0,"c":0.25,"d":null,"e":null,"f":0,"g":null}"#)
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "x", text: "Plain words about the weather.")])
        let line = DocumentJSON.lines(analysis)
        #expect(line.contains(#""framing_index":null"#))
        #expect(line.contains(#""sentiment":0.0"#) || !line.contains(#""sentiment":0,"#))
        #expect(line.contains(#""published_utc":null"#) && line.contains(#""published_date":"2023-05-01""#))
    }

    @Test func yearsAndNamesNeverShareAColumn() {
        #expect(RunTables.groupCells(dimension: "year", group: "2023") == ["", "2023"])
        #expect(RunTables.groupCells(dimension: "year", group: "undated") == ["undated", ""])
        #expect(RunTables.groupCells(dimension: "site", group: "1984") == ["1984", ""])
    }

    @Test func gzipOutputRoundTrips() throws {
        let text = String(repeating: "document_id,sentence\nä,1\n", count: 50_000)
        let gz = try GzipDeflater.compress(Array(text.utf8))
        #expect(gz.prefix(2) == [0x1f, 0x8b] && gz.count < text.utf8.count / 10)
        let folder = temp()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("t.gz")
        try Data(gz).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-t", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try GzipDeflater.compress([]).count > 10)
    }

    @Test func gzipInPiecesEqualsGzipInOne() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<700_000).map { _ in UInt8.random(in: 0x20...0x7a, using: &generator) }
        var streamed: [UInt8] = []
        let stream = try GzipDeflater.Stream { streamed.append(contentsOf: $0) }
        var offset = 0
        for size in [0, 1, 17, 300_000, 65_536, 1] + [Int](repeating: 100_000, count: 4) {
            let end = min(offset + size, bytes.count)
            try stream.append(Array(bytes[offset..<end]))
            offset = end
        }
        try stream.append(Array(bytes[offset...]))
        try stream.finish()
        #expect(streamed == (try GzipDeflater.compress(bytes)))
    }

    @Test func tablesAreWrittenInPiecesAsTheyWouldBeWhole() throws {
        let rows = (0..<5_000).map { ["doc-\($0)", String($0 % 7), "=cell, with \"quotes\"", "ä\n"] }
        let schema = TableSchema(name: "t", file: "t.csv", description: "", fields: ["a", "b", "c", "d"].map {
            Field($0, .string, "")
        })
        let table = RunTable(schema, rows: rows)
        var pieces: [[UInt8]] = []
        try table.writeFile(.spreadsheetSafe, chunkBytes: 4096) { pieces.append($0) }
        #expect(pieces.count > 10)
        #expect(Array(pieces.joined()) == (try table.csvBytes(.spreadsheetSafe)))
        var gzipSchema = schema
        gzipSchema.file = "t.csv.gz"
        var gz: [UInt8] = []
        try RunTable(gzipSchema, rows: rows).writeFile(.raw, chunkBytes: 1000) { gz.append(contentsOf: $0) }
        #expect(gz == (try GzipDeflater.compress(try table.csvBytes(.raw))))
    }

    @Test func aFileWrittenInPiecesAppearsWholeOrNotAtAll() throws {
        let folder = temp()
        let target = folder.appendingPathComponent("out.txt")
        try AtomicFile.write(to: target) { append in
            try append(Array("one ".utf8))
            try append(Array("two".utf8))
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "one two")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: target) { append in
                try append(Array("half".utf8))
                throw Stop()
            }
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "one two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }
}
