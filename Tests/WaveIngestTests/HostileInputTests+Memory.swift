import Foundation
import Testing
@testable import WaveIngest

/// Defect 8 of the hostile-input suite (memory amplification): a file under the
/// size limit must not cost more than a bounded multiple of it. The tree of one
/// page holds at most one node per 32 bytes of the limit and one document at most
/// a sixteenth of the limit in text; past either, the file (or the WARC record)
/// fails with `too_large` and says which limit, and smaller files are read as
/// before. Inputs are generated, at a 1 MiB limit (scripts/memory_bound.py
/// measures the resident memory at 64 MiB).
extension HostileInputTests {
    static let mebibyte = IngestOptions(maxFileBytes: 1 << 20)

    static func wordsOfText(_ bytes: Int) -> String {
        let sentence = "The harbour ferry timetable changes next week as the winter schedule begins. "
        return String(repeating: sentence, count: bytes / sentence.utf8.count + 1)
    }

    static func failure(_ text: String, path: String, options: IngestOptions = mebibyte) -> IngestError? {
        do { _ = try Ingestor(options: options).read(Array(text.utf8), path: path); return nil } catch { return error }
    }

    @Test func limitsFollowTheFileLimit() {
        #expect(Self.mebibyte.maxTreeNodes == 32_768)
        #expect(Self.mebibyte.maxTextBytes == 65_536)
        #expect(IngestOptions().maxTreeNodes == 2_097_152)
        #expect(IngestOptions().maxTextBytes == 4 << 20)
        #expect(IngestOptions(maxFileBytes: 256 << 20).maxTextBytes == 16 << 20)
        #expect(IngestOptions(maxFileBytes: 1024).maxTreeNodes == 4096)
    }

    @Test func aPageOfTinyElementsStopsAtTheTreeLimit() throws {
        let html = "<html><body><div>" + String(repeating: "<p>a</p>", count: 40_000) + "</div></body></html>"
        #expect(html.utf8.count < 1 << 20)
        let error = try #require(Self.failure(html, path: "tags.html"))
        #expect(error.code == .tooLarge)
        #expect(error.path == "tags.html")
        #expect(error.reason == "more than 32768 elements and text runs (one per 32 bytes of --max-file-mb)")
        // Under the limit the same page is read.
        let fewer = "<html><body><div>" + String(repeating: "<p>a</p>", count: 10_000) + "</div></body></html>"
        #expect(Self.failure(fewer, path: "tags.html") == nil)
    }

    @Test func aOneLinePageWithTooMuchTextFailsWithItsSize() throws {
        let html = "<html><head><title>Long</title></head><body><article><p>" + Self.wordsOfText(200_000) + "</p></article></body></html>"
        let error = try #require(Self.failure(html, path: "one-line.html"))
        #expect(error.code == .tooLarge)
        #expect(error.reason.hasSuffix(" bytes of text is over the limit of 65536 for one document (a sixteenth of --max-file-mb)"))
        // 60 KB of text is under the limit: one article with all of it.
        let shorter = "<html><head><title>Long</title></head><body><article><p>" + Self.wordsOfText(60_000) + "</p></article></body></html>"
        let articles = try Ingestor(options: Self.mebibyte).articles(in: Array(shorter.utf8), path: "one-line.html")
        #expect(articles.count == 1)
        #expect(articles[0].text.utf8.count > 60_000)
    }

    @Test func aLongTextFileIsRefusedBeforeItIsCopied() throws {
        let error = try #require(Self.failure(Self.wordsOfText(300_000), path: "long.txt"))
        #expect(error.code == .tooLarge)
        #expect(error.reason.hasPrefix("300"))
        #expect(error.reason.hasSuffix(" bytes of text is over the limit of 65536 for one document (a sixteenth of --max-file-mb)"))
    }

    @Test func aFeedOfTooManyTagsIsRefusedBeforeParsing() throws {
        let item = "<item><title>Ferry</title><description>The timetable changes.</description></item>"
        let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>"
            + String(repeating: item, count: 3000) + "</channel></rss>"
        let error = try #require(Self.failure(feed, path: "feed.rss"))
        #expect(error.code == .tooLarge)
        #expect(error.reason == "18007 tags is over the limit of 16384 for one XML document (one per 64 bytes of --max-file-mb)")
        let small = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>"
            + String(repeating: item, count: 100) + "</channel></rss>"
        #expect(try Ingestor(options: Self.mebibyte).articles(in: Array(small.utf8), path: "feed.rss").count == 100)
    }

    @Test func warcRecordsPastTheTextLimitFailOneByOneAfterTheFirstOnesAreKept() throws {
        let body = "<html><body><article><p>" + Self.wordsOfText(25_000) + "</p></article></body></html>"
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
        let warc = (1...3).map { Self.record(uri: "https://news.example/\($0)", http: http, body: body) }.joined()
        let result = try Ingestor(options: Self.mebibyte).read(Array(warc.utf8), path: "crawl.warc")
        #expect(result.articles.map(\.url) == ["https://news.example/1", "https://news.example/2"])
        #expect(result.failures.map(\.code) == [.tooLarge])
        #expect(result.failures.first?.reason == "WARC response 3 (https://news.example/3): the file's text passes the limit of "
                + "65536 bytes (a sixteenth of --max-file-mb); this and later records were not read")
    }

    @Test func oneWARCRecordTooLargeToAnalyseFailsThatRecord() throws {
        let huge = "<html><body><article><p>" + Self.wordsOfText(200_000) + "</p></article></body></html>"
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
        let warc = Self.record(uri: "https://news.example/huge", http: http, body: huge) + Self.good(2)
        let result = try Ingestor(options: Self.mebibyte).read(Array(warc.utf8), path: "crawl.warc")
        #expect(result.articles.map(\.url) == ["https://news.example/2"])
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.code == .tooLarge)
        #expect(result.failures.first?.reason.hasPrefix("WARC response 1 (https://news.example/huge): ") == true)
        #expect(result.failures.first?.reason.hasSuffix("bytes of text is over the limit of 65536 for one document (a sixteenth of --max-file-mb)") == true)
    }
}
