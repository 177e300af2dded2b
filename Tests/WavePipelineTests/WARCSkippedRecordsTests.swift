import Foundation
import Logging
import Testing
import WaveReports
@testable import WavePipeline

/// A WARC file's records that are no page with text appear in the run's accounting as
/// skipped records (summary.json, the report, run.log), neither documents nor failures,
/// and a rerun from the run state keeps them (issue 18).
@Suite struct WARCSkippedRecordsTests {
    static let page = """
        <html><head><title>Harbour news</title></head><body><div class="article-body">\
        <p>The harbour ferry timetable changes next week as the winter schedule begins.</p>\
        <p>Extra crossings run on Saturdays until the end of March, the operator said.</p></div></body></html>
        """

    static func response(_ n: Int, type: String, body: [UInt8]) -> [UInt8] {
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\n\r\n".utf8) + body
        let head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:\(n)>\r\nWARC-Target-URI: https://news.example/\(n)\r\n"
            + "Content-Type: application/http; msgtype=response\r\nContent-Length: \(block.count)\r\n\r\n"
        return Array(head.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func run(_ corpus: URL, output: URL) throws -> Pipeline.Result {
        let config = RunConfiguration(corpus: corpus, output: output,
                                      stopwords: PipelineEndToEndTests.fixtures.appendingPathComponent("stopwords"), threads: 1)
        return try Pipeline(configuration: config).run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    @Test func skippedRecordsAreInTheSummaryAndTheReportNotInTheFailures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-warc-skips-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let warc = Self.response(1, type: "text/html; charset=utf-8", body: Array(Self.page.utf8))
            + Self.response(2, type: "image/jpeg", body: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0])
            + Self.response(3, type: "text/html", body: [])
        try Data(warc).write(to: corpus.appendingPathComponent("crawl.warc"))
        let output = folder.appendingPathComponent("out")

        let first = try Self.run(corpus, output: output)
        let summary = first.summary
        #expect(summary.documents == 1)
        #expect(summary.failures.isEmpty)
        #expect(summary.files.seen == 1 && summary.files.ingested == 1 && summary.files.failed == 0 && summary.files.skipped == 0)
        let expected = [
            FailureRecord(path: "crawl.warc", stage: "skipped", code: "unsupported",
                          reason: "WARC record 2 (https://news.example/2, <urn:uuid:2>): not an HTML page (Content-Type 'image/jpeg')"),
            FailureRecord(path: "crawl.warc", stage: "skipped", code: "empty",
                          reason: "WARC record 3 (https://news.example/3, <urn:uuid:3>): the body is empty"),
        ]
        #expect(summary.skippedRecords == expected)
        let json = try String(contentsOf: output.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(json.contains("\"skipped_records\""))
        #expect(json.contains("<urn:uuid:3>): the body is empty"))
        let failuresCSV = try String(contentsOf: output.appendingPathComponent("failures.csv"), encoding: .utf8)
        #expect(!failuresCSV.contains("urn:uuid"))
        let report = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Skipped records"))
        #expect(report.contains("the body is empty"))
        let log = try String(contentsOf: output.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(log.contains("skipped: crawl.warc: WARC record 2 (https://news.example/2, &lt;urn:uuid:2&gt;)")
                || log.contains("skipped: crawl.warc: WARC record 2 (https://news.example/2, <urn:uuid:2>)"))

        // The rerun takes the file from the run state: the same records skipped.
        let rerun = try Self.run(corpus, output: output)
        #expect(rerun.summary.skippedRecords == expected)
        #expect(rerun.summary.failures.isEmpty)
    }
}
