import Foundation
import Testing
@testable import WaveIngest

/// Hostile and careless input, one test per defect found: each asserts the exact
/// outcome (which part failed, with which code and reason, and that everything
/// else was read unchanged). Exit codes of whole runs are in the CLI's
/// HostileCommandLineTests.
@Suite struct HostileInputTests {
    static let page = """
        <html><head><title>Harbour news</title></head><body><div class="article-body">\
        <p>The harbour ferry timetable changes next week as the winter schedule begins.</p>\
        <p>Extra crossings run on Saturdays until the end of March, the operator said.</p></div></body></html>
        """

    /// One WARC response record around `body` (HTTP headers included), with
    /// `length` as its Content-Length when given (the true length otherwise).
    static func record(uri: String, http: String, body: String, length: String? = nil) -> String {
        let block = http + "\r\n\r\n" + body
        return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\n"
            + "Content-Type: application/http; msgtype=response\r\n"
            + "Content-Length: \(length ?? String(block.utf8.count))\r\n\r\n" + block + "\r\n\r\n"
    }

    static func good(_ n: Int) -> String {
        record(uri: "https://news.example/\(n)", http: "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", body: page)
    }

    static func read(_ text: String, options: IngestOptions = IngestOptions()) throws(IngestError) -> IngestResult {
        try Ingestor(options: options).read(Array(text.utf8), path: "crawl.warc")
    }

    @Test(arguments: ["9223372036854775807", "-5", "18446744073709551616", "12abc"])
    func warcContentLengthThatIsNoByteCountFailsOnlyThatRecord(length: String) throws {
        let bad = Self.record(uri: "https://news.example/bad", http: "HTTP/1.1 200 OK\r\nContent-Type: text/html", body: Self.page, length: length)
        let result = try Self.read(Self.good(1) + bad + Self.good(2))
        #expect(result.articles.map(\.url) == ["https://news.example/1", "https://news.example/2"])
        #expect(result.articles.allSatisfy { $0.text.contains("ferry timetable") })
        #expect(result.failures.count == 1)
        let failure = try #require(result.failures.first)
        #expect(failure.code == .malformed)
        #expect(failure.path == "crawl.warc")
        #expect(failure.reason.hasPrefix("WARC record 2 (byte "))
        #expect(failure.reason.contains(length.hasPrefix("92") ? "runs past the end of the file" : "is not a byte count"))
    }

    @Test(arguments: [("7fffffffffffffff", true), ("ffffffffffffffffff", false), ("-10", false), ("+a", false)])
    func warcChunkSizesNeverOverflow(size: String, keepsText: Bool) throws {
        let chunked = Self.record(uri: "https://news.example/chunked",
                                  http: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
                                  body: "\(size)\r\n" + Self.page + "\r\n0\r\n\r\n")
        let result = try Self.read(Self.good(1) + chunked + Self.good(2))
        #expect(result.articles.first?.url == "https://news.example/1")
        #expect(result.articles.last?.url == "https://news.example/2")
        if keepsText {
            // A chunk longer than the body: what there is is kept (best effort, as before).
            #expect(result.articles.count == 3)
            #expect(result.failures.isEmpty)
        } else {
            #expect(result.articles.count == 2)
            #expect(result.failures.count == 1)
            #expect(result.failures.first?.code == .malformed)
            #expect(result.failures.first?.reason.contains("chunk size") == true)
        }
    }

    @Test func warcRecordWithoutContentLengthFailsAndReadingResumesAtTheNextRecord() throws {
        let broken = "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n"
        let result = try Self.read(broken + Self.good(1))
        #expect(result.articles.map(\.url) == ["https://news.example/1"])
        #expect(result.failures.map(\.reason) == ["WARC record 1 (byte 0): WARC record without Content-Length"])
    }

    @Test func warcWithOnlyBrokenRecordsFailsTheFileWithTheRecordsReason() throws {
        let bad = Self.record(uri: "https://news.example/bad", http: "HTTP/1.1 200 OK", body: Self.page, length: "9223372036854775807")
        #expect(throws: IngestError.self) { try Self.read(bad) }
        do { _ = try Self.read(bad) } catch {
            #expect(error.code == .malformed)
            #expect(error.reason.contains("runs past the end of the file"))
        }
    }

    @Test func warcOverTheRecordLimitSaysSo() throws {
        let result = try Self.read(Self.good(1) + Self.good(2) + Self.good(3),
                                   options: IngestOptions(maxWARCRecords: 2))
        #expect(result.articles.count == 2)
        #expect(result.failures.map(\.code) == [.tooLarge])
        #expect(result.failures.first?.reason == "more than 2 WARC records; the rest were not read")
    }

    @Test func gzipInflationIsCappedByTheFileLimit() throws {
        // bomb.html.gz is small but inflates far past 64 KiB.
        let options = IngestOptions(maxFileBytes: 64 << 10)
        let bytes = try fixture("bomb.html.gz")
        #expect(bytes.count < options.maxFileBytes)
        do {
            _ = try Ingestor(options: options).read(bytes, path: "bomb.html.gz")
            Issue.record("a gzip bomb was read")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.reason == "decompresses to more than \(64 << 10) bytes")
        }
    }

    @Test(arguments: [true, false])
    func utf16WithoutBOMIsDecodedNotRefusedAsBinary(littleEndian: Bool) throws {
        let html = "<html><head><title>Ferry</title></head><body><article><p>"
            + "The harbour ferry timetable changes next week as the winter schedule begins, café owners said.</p>"
            + "<p>Extra crossings run on Saturdays until the end of March, the operator said.</p></article></body></html>"
        var bytes: [UInt8] = []
        for unit in html.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        let articles = try Ingestor().articles(in: bytes, path: "ferry.html")
        #expect(articles.count == 1)
        #expect(articles[0].encoding == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
        #expect(articles[0].text.contains("café owners said"))
    }

    @Test func binaryFilesAreStillRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]
        #expect(errorCode(png, path: "image.html") == .binary)
    }

    @Test func entityMentionedInACommentDoesNotRefuseTheFeed() throws {
        let feed = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- Do not add <!ENTITY declarations here: readers refuse them. -->
            <rss version="2.0"><channel><title>Harbour</title>
            <item><title>Ferry timetable</title><link>https://news.example/f</link>
            <description><![CDATA[The <!ENTITY word in text. The harbour ferry timetable changes next week.]]></description></item>
            </channel></rss>
            """
        let articles = try Ingestor().articles(in: Array(feed.utf8), path: "feed.rss")
        #expect(articles.map(\.title) == ["Ferry timetable"])
        #expect(!Ingestor.declaresEntities(Array(feed.utf8)))
    }

    @Test func entityDeclarationsOutsideCommentsAreStillRefused() {
        let bomb = "<?xml version=\"1.0\"?><!-- note --><!DOCTYPE rss [<!ENTITY a \"aaaa\">]><rss><channel><item><title>&a;</title></item></channel></rss>"
        #expect(errorCode(Array(bomb.utf8), path: "feed.rss") == .unsafe)
        #expect(Ingestor.declaresEntities(Array("<!-- unterminated <!ENTITY".utf8)) == false)
        #expect(Ingestor.declaresEntities(Array("<!--x--><!entity".utf8)) == true)
    }

    @Test func aFileThatIsNotRegularIsRefusedByTheReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.html").path
        #expect(mkfifo(fifo, 0o600) == 0)
        do {
            _ = try Ingestor().read(fileSystemPath: Array(fifo.utf8CString), path: "pipe.html")
            Issue.record("a FIFO was read")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.reason == "not a regular file")
        }
    }

    @Test(arguments: ["2023-02-29", "2023-04-31", "0001-01-01T00:00:00Z", "9999-12-31"])
    func impossibleAndImplausibleDatesAreLeftOutWithAWarning(date: String) throws {
        let html = "<html><head><meta property=\"article:published_time\" content=\"\(date)\"><title>Ferry</title></head>"
            + "<body><article><p>The harbour ferry timetable changes next week as the winter schedule begins.</p>"
            + "<p>Extra crossings run on Saturdays until the end of March, the operator said.</p></article></body></html>"
        let article = try #require(try Ingestor().articles(in: Array(html.utf8), path: "a.html").first)
        #expect(article.date == nil)
        #expect(article.warnings == ["date '\(date)' left out: not a real calendar date in the years 1900–2100"])
    }

    @Test func realLeapDaysAreKept() {
        #expect(DateParser.normalize("2024-02-29") == "2024-02-29")
        #expect(DateParser.normalize("2000-02-29") == "2000-02-29")
        #expect(DateParser.normalize("2100-02-29") == nil)
        #expect(DateParser.rejection("2024-02-29") == nil)
    }

    @Test func feedItemWithAnImpossibleDateKeepsItsTextAndSaysWhy() throws {
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>
            <item><title>Ferry</title><pubDate>Wed, 29 Feb 2023 10:00:00 GMT</pubDate>
            <description>The harbour ferry timetable changes next week.</description></item></channel></rss>
            """
        let article = try #require(try Ingestor().articles(in: Array(feed.utf8), path: "f.rss").first)
        #expect(article.date == nil)
        #expect(article.text.contains("ferry timetable"))
        #expect(article.warnings.count == 1)
        #expect(article.warnings.first?.hasPrefix("date 'Wed, 29 Feb 2023 10:00:00 GMT' left out") == true)
    }
}
