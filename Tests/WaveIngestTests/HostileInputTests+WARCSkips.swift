import Foundation
import Testing
@testable import WaveIngest

/// WARC records that hold no page ingest reads are skipped with a reason, never lost
/// without a word (issue 18: every input is a document, a failure or a skip).
extension HostileInputTests {
    /// A WARC record of `type` with `id` as its WARC-Record-ID and `block` as its content.
    static func warcRecord(type: String, id: String, uri: String?, contentType: String, block: [UInt8]) -> [UInt8] {
        var head = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(id)\r\n"
        if let uri { head += "WARC-Target-URI: \(uri)\r\n" }
        head += "Content-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
        return Array(head.utf8) + block + Array("\r\n\r\n".utf8)
    }

    /// An HTTP response record with `type` as its Content-Type and `body` as its body.
    static func httpRecord(_ n: Int, type: String, body: [UInt8]) -> [UInt8] {
        warcRecord(type: "response", id: "<urn:uuid:\(n)>", uri: "https://news.example/\(n)",
                   contentType: "application/http; msgtype=response",
                   block: Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\n\r\n".utf8) + body)
    }

    /// A crawl of nine records: the crawl's own records (warcinfo, request), two pages with
    /// text, and five captures that are no page with text.
    static let mixedCrawl: [UInt8] = {
        var bytes = warcRecord(type: "warcinfo", id: "<urn:uuid:0>", uri: nil, contentType: "application/warc-fields",
                               block: Array("software: test\r\n".utf8))
        bytes += warcRecord(type: "request", id: "<urn:uuid:1r>", uri: "https://news.example/1",
                            contentType: "application/http; msgtype=request", block: Array("GET /1 HTTP/1.1\r\n\r\n".utf8))
        bytes += httpRecord(1, type: "text/html; charset=utf-8", body: Array(page.utf8))
        bytes += httpRecord(2, type: "image/png", body: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0])
        bytes += httpRecord(3, type: "text/html", body: [])
        bytes += httpRecord(4, type: "text/html", body: [0x3C, 0x70, 0x3E] + [UInt8](repeating: 0, count: 64))
        bytes += httpRecord(5, type: "text/html", body: Array("<html><head><title>Moved</title></head><body></body></html>".utf8))
        bytes += warcRecord(type: "resource", id: "<urn:uuid:6>", uri: "file:///notes.html", contentType: "text/html",
                            block: Array(page.utf8))
        bytes += httpRecord(7, type: "text/html; charset=utf-8", body: Array(page.utf8))
        return bytes
    }()

    @Test func warcRecordsWithoutAPageWithTextAreSkippedWithTheirReason() throws {
        let result = try Ingestor().read(Self.mixedCrawl, path: "crawl.warc")
        #expect(result.articles.map(\.url) == ["https://news.example/1", "https://news.example/7"])
        #expect(result.articles.allSatisfy { $0.text.contains("ferry timetable") })
        #expect(result.failures.isEmpty)
        #expect(result.skipped.map(\.path) == Array(repeating: "crawl.warc", count: 5))
        #expect(result.skipped.map(\.code) == [.unsupported, .empty, .binary, .noArticle, .unsupported])
        let reasons = result.skipped.map(\.reason)
        #expect(reasons.count == 5)
        guard reasons.count == 5 else { return }
        #expect(reasons[0] == "WARC record 4 (https://news.example/2, <urn:uuid:2>): not an HTML page (Content-Type 'image/png')")
        #expect(reasons[1] == "WARC record 5 (https://news.example/3, <urn:uuid:3>): the body is empty")
        #expect(reasons[2] == "WARC record 6 (https://news.example/4, <urn:uuid:4>): NUL bytes in the first 8 KB")
        #expect(reasons[3] == "WARC record 7 (https://news.example/5, <urn:uuid:5>): the page has no visible text")
        #expect(reasons[4] == "WARC record 8 (file:///notes.html, <urn:uuid:6>): a resource record (only response records are read)")
    }

    @Test func recordsSkippedBeforeTheirBodyDoNotCountTowardTheRecordLimit() throws {
        // The limit counts HTML responses read and broken records, not other captures.
        let bytes = Self.httpRecord(2, type: "image/png", body: [0x89, 0x50])
            + Self.warcRecord(type: "resource", id: "<urn:uuid:6>", uri: "file:///notes.html", contentType: "text/html",
                              block: Array(Self.page.utf8))
            + Self.httpRecord(1, type: "text/html", body: Array(Self.page.utf8))
            + Self.httpRecord(7, type: "text/html", body: Array(Self.page.utf8))
        let result = try Ingestor(options: IngestOptions(maxWARCRecords: 2)).read(bytes, path: "crawl.warc")
        #expect(result.articles.map(\.url) == ["https://news.example/1", "https://news.example/7"])
        #expect(result.failures.isEmpty)
        #expect(result.skipped.map(\.code) == [.unsupported, .unsupported])
    }

    @Test func aWARCFileWithOnlySkippedRecordsFailsNamingThem() throws {
        let bytes = Self.httpRecord(2, type: "image/png", body: [0x89, 0x50]) + Self.httpRecord(3, type: "text/html", body: [])
        do {
            _ = try Ingestor().read(bytes, path: "crawl.warc")
            Issue.record("a WARC file without pages was read")
        } catch {
            #expect(error.code == .noArticle)
            #expect(error.reason == "no HTML response records with text (2 records skipped, the first: "
                + "WARC record 1 (https://news.example/2, <urn:uuid:2>): not an HTML page (Content-Type 'image/png'))")
        }
    }
}
