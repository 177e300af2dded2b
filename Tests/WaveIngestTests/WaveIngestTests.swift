import Foundation
import Testing
@testable import WaveIngest

/// Bytes of a fixture in Tests/WaveIngestTests/Fixtures.
func fixture(_ name: String) throws -> [UInt8] {
    let dot = name.firstIndex(of: ".")!
    let base = String(name[..<dot]), ext = String(name[name.index(after: dot)...])
    let url = try #require(Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"))
    return [UInt8](try Data(contentsOf: url))
}

/// Articles of a fixture, read through `articles(in:path:)`.
func ingest(_ name: String, options: IngestOptions = IngestOptions()) throws -> [Article] {
    try Ingestor(options: options).articles(in: fixture(name), path: name)
}

/// The IngestError code thrown for `bytes`, if any.
func errorCode(_ bytes: [UInt8], path: String, options: IngestOptions = IngestOptions()) -> IngestError.Code? {
    do { _ = try Ingestor(options: options).articles(in: bytes, path: path); return nil }
    catch { return error.code }
}

@Suite struct HTMLPageTests {
    @Test func boilerplatePage() throws {
        let a = try #require(try ingest("article.html").first)
        #expect(a.id == "article.html")
        #expect(a.item == nil)
        #expect(a.format == .html)
        #expect(a.title == "Harbor Lights Return to Port Wexley")
        #expect(a.site == "The Coastal Ledger")
        #expect(a.authors == ["Mara Quillfeather", "Tobias Renn"])
        #expect(a.date == "2023-03-04T09:30:00Z")
        #expect(a.declaredLanguage == "en")
        #expect(a.url == "https://ledger.example/2023/03/04/harbor-lights")
        #expect(a.encoding == "UTF-8")
        let text = a.text
        #expect(a.paragraphs.first?.hasPrefix("After a winter of repairs") == true)
        #expect(text.contains("Volunteers from the harbor trust"))
        #expect(text.contains("A beacon for the fishing fleet"))
        #expect(text.contains("112 steps to the lantern room"))
        for junk in ["Home", "Sport", "cookies", "Advertisement", "Share on", "Ferry timetable", "Lovely to see",
                     "car park", "Copyright", "tracking", "Harbor Lights Return"] {
            #expect(!text.contains(junk), "boilerplate \(junk) leaked")
        }
    }

    @Test func gzipPageMatchesPlain() throws {
        let plain = try ingest("article.html")
        let gz = try ingest("article.html.gz")
        #expect(gz.first?.paragraphs == plain.first?.paragraphs)
        #expect(gz.first?.id == "article.html.gz")
    }

    @Test func truncatedGzip() throws {
        let bytes = try fixture("article.html.gz")
        #expect(errorCode(Array(bytes.prefix(bytes.count / 2)), path: "a.html.gz") == .truncated)
    }

    @Test func gzipBombHitsTheCap() throws {
        let options = IngestOptions(maxFileBytes: 8 << 20, maxDecompressedBytes: 8 << 20)
        #expect(errorCode(try fixture("bomb.html.gz"), path: "bomb.html.gz", options: options) == .tooLarge)
    }

    @Test func plainText() throws {
        let a = try #require(try ingest("plain.txt").first)
        #expect(a.format == .text)
        #expect(a.paragraphs.count == 3)
        #expect(a.title == "Tide tables for March")
    }

    @Test func metadataFallbacks() throws {
        let html = """
        <html><head><title>Quiet Streets Plan Approved - Northfield Post</title>
        <meta name="author" content="By Sam Okafor for The Daily Northfield"></head>
        <body><div class="story-body"><p>SEOUL, March 4, 2023 — The council approved the quiet streets plan on Monday after a long debate, with eight votes in favour and three against.</p>
        <p>Work on the first two streets begins in May, and the rest will follow over the summer if the trial goes well.</p></div></body></html>
        """
        let a = try #require(try Ingestor().articles(in: Array(html.utf8), path: "news/2023/03/04/q.html").first)
        #expect(a.title == "Quiet Streets Plan Approved")
        #expect(a.site == "Northfield Post")
        #expect(a.authors == ["Sam Okafor"])
        #expect(a.date == "2023-03-04")
    }

    @Test func japaneseBylineAndDateline() throws {
        let html = """
        <html lang="ja"><head><title>駅前に新しい図書館</title></head><body>
        <div class="entry-content"><p>2023年3月4日</p><p>駅前の再開発地区に、市内で三つ目となる図書館が完成し、記念式典が開かれた。館内には学習室や子ども向けの読み聞かせ室が設けられている。</p>
        <p>（文・佐藤花子）</p></div></body></html>
        """
        let a = try #require(try Ingestor().articles(in: Array(html.utf8), path: "ja.html").first)
        #expect(a.authors == ["佐藤花子"])
        #expect(a.date == "2023-03-04")
        #expect(a.declaredLanguage == "ja")
        #expect(a.paragraphs.first?.hasPrefix("駅前の再開発地区") == true)
    }

    @Test func rss091() throws {
        let xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <rss version="0.91"><channel><title>Old Wire</title><language>fr</language>
        <item><title>Caf\u{E9} opens</title><link>https://old.example/1</link><description>A new caf\u{E9} opened on the square.</description></item>
        </channel></rss>
        """
        // Encode as Latin-1 to check the XML declaration is honoured.
        let bytes = xml.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let items = try Ingestor().articles(in: bytes, path: "old.rss")
        #expect(items.count == 1)
        #expect(items[0].encoding == "windows-1252")
        #expect(items[0].title == "Café opens")
        #expect(items[0].paragraphs == ["A new café opened on the square."])
        #expect(items[0].declaredLanguage == "fr")
        #expect(items[0].site == "Old Wire")
    }

    @Test(arguments: [
        ("2024-03-05", "2024-03-05"), ("2024-03-05T09:30:00.000+09:00", "2024-03-05T09:30:00+09:00"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00Z"), ("March 4, 2023", "2023-03-04"),
        ("4 March 2023", "2023-03-04"), ("2023年3月4日", "2023-03-04"), ("2023.03.04", "2023-03-04"),
        ("2023년 3월 4일", "2023-03-04"), ("20240307T120000Z", "2024-03-07T12:00:00Z"),
        ("segunda-feira, 22 de janeiro de 2018 às 0:13", "2018-01-22T00:13:00"),
        ("Nov. 18, 2019 at 5:04 p.m. EST", "2019-11-18T17:04:00-05:00"),
    ])
    func dates(input: String, expected: String) {
        #expect(DateParser.normalize(input) == expected)
    }

    @Test func dateOnlyLines() {
        #expect(DateParser.isDateOnly("Updated: Nov 20 2019, 11:06am"))
        #expect(DateParser.isDateOnly("segunda-feira, 22 de janeiro de 2018 às 0:13"))
        #expect(!DateParser.isDateOnly("2018.04.05 ~ OPEN RUN"))
        #expect(!DateParser.isDateOnly("The vote on March 4, 2023 was close"))
    }

    @Test func titleCleaning() {
        #expect(MetadataExtractor.cleanTitle("Headline here | Site", site: "Site") == "Headline here")
        #expect(MetadataExtractor.cleanTitle("港町の朝市が再開 ｜ 潮風新聞", site: "潮風新聞") == "港町の朝市が再開")
        #expect(MetadataExtractor.cleanAuthors(["By Ann Lee and Bo Chan"]) == ["Ann Lee", "Bo Chan"])
        #expect(MetadataExtractor.cleanAuthors(["홍길동 기자"]) == ["홍길동"])
    }
}

@Suite struct CharsetTests {
    @Test func shiftJISWithMeta() throws {
        let a = try #require(try ingest("shift_jis.html").first)
        #expect(a.encoding == "Shift_JIS")
        #expect(a.text.contains("港町の朝市が三年ぶりに再開された"))
        #expect(a.text.contains("①会場の整理券"))  // a CP932 vendor character
        #expect(a.title == "港町の朝市が再開")
        #expect(a.site == "潮風新聞")
        #expect(a.date == "2024-03-05")
        #expect(a.authors == ["山田太郎"])
        #expect(a.declaredLanguage == "ja")
        #expect(a.warnings.isEmpty)
    }

    @Test func eucJP() throws {
        let a = try #require(try ingest("euc_jp.html").first)
        #expect(a.encoding == "EUC-JP")
        #expect(a.text.contains("多くの買い物客でにぎわった"))
    }

    @Test func iso2022JP() throws {
        let a = try #require(try ingest("iso2022jp.html").first)
        #expect(a.encoding == "ISO-2022-JP")
        #expect(a.text.contains("多くの買い物客でにぎわった"))
    }

    @Test func eucKRUndeclaredIsDetected() throws {
        let a = try #require(try ingest("euc_kr_undeclared.html").first)
        #expect(a.encoding == "EUC-KR")
        #expect(a.text.contains("한강 공원의 자전거 도로"))
        #expect(a.authors == ["홍길동"])
    }

    @Test func gb18030() throws {
        let a = try #require(try ingest("gb18030.html").first)
        #expect(a.encoding == "GB18030")
        #expect(a.text.contains("周末开放时间将延长到晚上十点"))
    }

    @Test func latin1MeansWindows1252() throws {
        let a = try #require(try ingest("windows1252.html").first)
        #expect(a.encoding == "windows-1252")
        #expect(a.text.contains("council’s “quiet street” plan"))
        #expect(a.text.contains("six o’clock — a change"))
    }

    @Test func declaredCharsetContradictsBytes() throws {
        let a = try #require(try ingest("contradicting_charset.html").first)
        #expect(a.encoding == "UTF-8")
        #expect(a.text.contains("한강 공원의 자전거 도로"))
        #expect(a.warnings.contains { $0.contains("EUC-KR") })
    }

    @Test func utf8BOMWins() throws {
        let a = try #require(try ingest("utf8_bom.html").first)
        #expect(a.encoding == "UTF-8")
        #expect(a.text.contains("crème brûlée"))
    }

    @Test func invalidBytesAreReplacedWithAWarning() throws {
        var bytes = Array("<html><body><p>Good text here that is long enough to keep as a paragraph of the page. ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" more text.</p></body></html>".utf8)
        let a = try #require(try Ingestor().articles(in: bytes, path: "bad.html").first)
        #expect(a.text.contains("Good text here"))
        #expect(!a.warnings.isEmpty)
    }

    @Test func shiftJISDeclaredAsLatin1IsDetected() throws {
        let sjis = try fixture("shift_jis.html")
        let text = String(decoding: sjis, as: UTF8.self)
        _ = text
        // Re-declare the Shift_JIS page as iso-8859-1: detection must win.
        var bytes = sjis
        let needle = Array("Shift_JIS".utf8)
        if let r = bytes.firstRange(of: needle) { bytes.replaceSubrange(r, with: Array("iso-8859-1".utf8)) }
        let a = try #require(try Ingestor().articles(in: bytes, path: "x.html").first)
        #expect(a.encoding == "Shift_JIS")
        #expect(a.text.contains("港町の朝市"))
        #expect(!a.warnings.isEmpty)
    }
}

@Suite struct FeedTests {
    @Test func rss2() throws {
        let items = try ingest("rss2.xml")
        #expect(items.count == 2)
        let first = items[0]
        #expect(first.id == "rss2.xml#1")
        #expect(first.item == 1)
        #expect(first.format == .rss)
        #expect(first.title == "Bridge reopens after repairs")
        #expect(first.url == "https://courier.example/bridge")
        #expect(first.date == "2024-03-05T09:30:00Z")
        #expect(first.authors == ["Ana Ortiz"])
        #expect(first.site == "Valley Courier")
        #expect(first.declaredLanguage == "en")
        #expect(first.paragraphs == ["The Mill Lane bridge reopened on Tuesday after six weeks of repairs.",
                                     "Drivers can again cross the river without the long detour."])
        let second = items[1]
        #expect(second.id == "rss2.xml#2")
        #expect(second.authors == ["Ben Cole"])
        #expect(second.date == "2024-03-06T18:00:00+01:00")
        #expect(second.paragraphs == ["The library will stay open until nine on weekdays."])
    }

    @Test func rss1() throws {
        let items = try ingest("rss1.rdf")
        #expect(items.count == 1)
        #expect(items[0].title == "Spring fair dates set")
        #expect(items[0].authors == ["Lia Park"])
        #expect(items[0].date == "2024-04-02T10:00:00+09:00")
        #expect(items[0].site == "Hill Town Notes")
        #expect(items[0].paragraphs == ["The spring fair will be held on the first weekend of May."])
    }

    @Test func atomTextHTMLAndXHTML() throws {
        let items = try ingest("atom.xml")
        #expect(items.count == 3)
        #expect(items.map(\.format) == [.atom, .atom, .atom])
        #expect(items[0].paragraphs == ["Apple harvest figures came in higher than expected."])
        #expect(items[0].authors == ["Ivy Holt"])
        #expect(items[0].date == "2024-01-01T08:00:00Z")
        #expect(items[0].url == "https://orchard.example/1")
        #expect(items[1].paragraphs == ["Pear growers met in the hall.", "They agreed on a shared cold store."])
        #expect(items[1].authors == ["Desk Editor"])
        #expect(items[2].paragraphs == ["Cherry blossom is early this year.", "Bees are already busy."])
        #expect(items[2].site == "Orchard Journal")
        #expect(items[2].declaredLanguage == "en")
    }

    @Test func nitf() throws {
        let a = try #require(try ingest("nitf.xml").first)
        #expect(a.format == .nitf)
        #expect(a.title == "Ferry service expands to the outer islands")
        #expect(a.authors == ["Noor Haddad"])
        #expect(a.date == "2024-03-07T12:00:00Z")
        #expect(a.site == "Island Wire")
        #expect(a.paragraphs.count == 2)
    }

    @Test(arguments: ["sample.warc", "sample.warc.gz"])
    func warc(name: String) throws {
        let items = try ingest(name)
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.format == .warc })
        #expect(items[0].url == "https://walks.example/quarry")
        #expect(items[0].id.hasPrefix(name + "#"))
        #expect(items[0].text.contains("quarry walk reopened"))
        #expect(!items[0].text.contains("Server"))
        #expect(items[1].url == "https://market.example/report")
        #expect(items[1].encoding == "windows-1252")
        #expect(items[1].text.contains("Café prices rose"))
    }
}

@Suite struct SafetyTests {
    /// Refused before any expansion (the DTD declares entities); its speed is not timed here.
    @Test func billionLaughsIsRefused() throws {
        #expect(errorCode(try fixture("billion_laughs.xml"), path: "lol.xml") == .unsafe)
    }

    @Test func externalEntityIsRefused() throws {
        #expect(errorCode(try fixture("external_entity.xml"), path: "xxe.xml") == .unsafe)
    }

    @Test func externalDTDIsNotLoaded() throws {
        let items = try ingest("external_dtd.xml")
        #expect(items.count == 1)
        #expect(!items[0].text.contains("root:"))
        #expect(items[0].text == "Nothing to see here.")
    }

    @Test func emptyFile() {
        #expect(errorCode([], path: "e.html") == .empty)
    }

    @Test func binaryFile() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for i in 0..<4000 { bytes.append(UInt8(truncatingIfNeeded: i * 7)) }
        #expect(errorCode(bytes, path: "image.html") == .binary)
    }

    @Test func pageWithoutText() {
        #expect(errorCode(Array("<html><body><nav><a href='/'>Home</a></nav></body></html>".utf8), path: "n.html") == .noArticle)
    }

    @Test func hugePageHitsTheCap() {
        let chunk = Array("<p>All work and no play makes a very long page indeed, paragraph after paragraph.</p>\n".utf8)
        var bytes = Array("<html><body>".utf8)
        bytes.reserveCapacity(50 << 20 + chunk.count)
        while bytes.count < 50 << 20 { bytes += chunk }
        let options = IngestOptions(maxFileBytes: 32 << 20)
        #expect(errorCode(bytes, path: "big.html", options: options) == .tooLarge)
    }

    @Test func deepNestingDoesNotCrash() throws {
        let depth = 10_000
        var html = "<html><body>"
        html += String(repeating: "<div>", count: depth)
        html += "<p>Deep inside the nest there is one real sentence, long enough to count as text.</p>"
        html += String(repeating: "</div>", count: depth)
        html += "</body></html>"
        let result = Result { () throws(IngestError) in try Ingestor().articles(in: Array(html.utf8), path: "deep.html") }
        switch result {
        case .success(let a): #expect(a.first?.text.contains("Deep inside") == true)
        case .failure(let e): #expect(e.code == .noArticle || e.code == .malformed)
        }
    }

    @Test func concurrentIngestIsSafe() throws {
        let names = ["article.html", "shift_jis.html", "rss2.xml", "atom.xml", "sample.warc.gz", "euc_kr_undeclared.html"]
        let inputs = try names.map { ($0, try fixture($0)) }
        let expected = inputs.map { (try? Ingestor().articles(in: $0.1, path: $0.0))?.map(\.text) ?? [] }
        let results = Mutex(Array(repeating: [String](), count: inputs.count * 8))
        DispatchQueue.concurrentPerform(iterations: inputs.count * 8) { i in
            let (name, bytes) = inputs[i % inputs.count]
            let texts = (try? Ingestor().articles(in: bytes, path: name))?.map(\.text) ?? []
            results.withLock { $0[i] = texts }
        }
        results.withLock { all in
            for (i, texts) in all.enumerated() { #expect(texts == expected[i % inputs.count]) }
        }
    }
}
