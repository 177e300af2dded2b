/// Splits a (decompressed) WARC file into its HTML `response` records.
///
/// Every other record that holds a page or a capture is returned as skipped with the
/// reason (a response that is not HTML or not HTTP, a `resource`, `revisit` or
/// `conversion` record); only the records that describe the crawl itself
/// (`warcinfo`, `request`, `metadata`) are passed over without a word.
///
/// Every length read from the file is checked before use: a record whose
/// `Content-Length` (or chunk size) is negative, unparsable, overflows or runs
/// past the end of the file fails on its own (``Entry/failure(record:offset:reason:)``)
/// and reading goes on at the next line that starts a WARC record.
enum WARCReader {
    struct Record {
        /// The record's place in the file, counting every WARC record from 1.
        var ordinal: Int
        /// `WARC-Record-ID` as written (`<urn:uuid:…>`), when the record has one.
        var recordID: String?
        var targetURI: String?
        var httpHeaders: [String: String]
        var body: [UInt8]
    }

    /// One WARC record read, or why it could not be.
    enum Entry {
        case record(Record)
        /// `record` counts every WARC record of the file from 1; `offset` is its first byte.
        case failure(record: Int, offset: Int, reason: String)
        /// A record read but not a page ingest reads: `name` says which (``name(ordinal:id:uri:)``).
        case skipped(name: String, reason: String)
    }

    /// Record types that describe the crawl, not a page: passed over without being listed.
    static let crawlRecordTypes: Set<String> = ["warcinfo", "request", "metadata"]

    /// How a record is named in failures and skips: its ordinal, target URI and record id.
    static func name(ordinal: Int, id: String?, uri: String?) -> String {
        "WARC record \(ordinal) (\(uri ?? "no URI"), \(id ?? "no WARC-Record-ID"))"
    }

    enum Failure: Error { case malformed(String), truncated }

    private static func findHeaderEnd(_ b: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 3 < b.count {
            if b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 { return i + 4 }
            if b[i] == 10 && b[i + 1] == 10 { return i + 2 }
            i += 1
        }
        if i + 1 < b.count && b[i] == 10 && b[i + 1] == 10 { return i + 2 }
        return nil
    }

    private static func headers(_ b: ArraySlice<UInt8>) -> (String, [String: String]) {
        let text = String(decoding: b, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        let first = lines.isEmpty ? "" : String(lines.removeFirst())
        var h: [String: String] = [:]
        for line in lines {
            guard let c = line.firstIndex(of: ":") else { continue }
            h[TextUtil.lowerASCII(TextUtil.trim(line[..<c]))] = TextUtil.trim(line[line.index(after: c)...])
        }
        return (first, h)
    }

    /// The first byte at or after `from` that starts a line beginning with `WARC/`
    /// (where reading resumes after a broken record), or `nil`.
    private static func nextRecordStart(_ b: [UInt8], from: Int) -> Int? {
        let magic = Array("WARC/".utf8)
        var i = max(from, 1)
        while i < b.count {
            if b[i - 1] == 10, b.count - i >= magic.count, b[i] == magic[0], b[i..<(i + magic.count)].elementsEqual(magic) {
                return i
            }
            i += 1
        }
        return nil
    }

    /// HTML response records (and the records that could not be read, and those skipped), in file order.
    /// At most `limit` records and failures are returned (skipped records do not count);
    /// `more` tells whether more were left.
    static func entries(_ b: [UInt8], limit: Int = .max) -> (entries: [Entry], more: Bool) {
        var out: [Entry] = []
        var counted = 0  // records and failures in `out`
        var pos = 0
        var ordinal = 0
        while pos < b.count {
            // Skip blank lines between records.
            while pos < b.count && (b[pos] == 13 || b[pos] == 10) { pos += 1 }
            if pos >= b.count { break }
            if counted >= limit { return (out, true) }
            ordinal += 1
            let start = pos
            func fail(_ reason: String) {
                out.append(.failure(record: ordinal, offset: start, reason: reason))
                counted += 1
            }
            guard b.count - pos >= 5, b[pos..<(pos + 5)].elementsEqual("WARC/".utf8) else {
                fail("expected a WARC record at byte \(pos)")
                guard let next = nextRecordStart(b, from: pos + 1) else { break }
                pos = next; continue
            }
            guard let headEnd = findHeaderEnd(b, from: pos) else {
                fail("the WARC file ends inside the record's header")
                break
            }
            let (_, h) = headers(b[pos..<headEnd])
            guard let lenText = h["content-length"] else {
                fail("WARC record without Content-Length")
                guard let next = nextRecordStart(b, from: headEnd) else { break }
                pos = next; continue
            }
            guard let length = Int(lenText), length >= 0 else {
                fail("Content-Length '\(lenText.prefix(40))' is not a byte count")
                guard let next = nextRecordStart(b, from: headEnd) else { break }
                pos = next; continue
            }
            let (end, overflow) = headEnd.addingReportingOverflow(length)
            guard !overflow, end <= b.count else {
                fail("Content-Length \(length) runs past the end of the file (\(b.count - headEnd) bytes left)")
                guard let next = nextRecordStart(b, from: headEnd) else { break }
                pos = next; continue
            }
            let block = b[headEnd..<end]
            pos = end
            var uri = h["warc-target-uri"]
            if let u = uri, u.hasPrefix("<"), u.hasSuffix(">") { uri = String(u.dropFirst().dropLast()) }
            let id = h["warc-record-id"]
            func skip(_ reason: String) {
                out.append(.skipped(name: name(ordinal: ordinal, id: id, uri: uri), reason: reason))
            }
            let warcType = h["warc-type"].map(TextUtil.lowerASCII) ?? ""
            guard warcType == "response" else {
                if !crawlRecordTypes.contains(warcType) {
                    skip(warcType.isEmpty ? "a record without WARC-Type (only response records are read)"
                                          : "a \(warcType.prefix(40)) record (only response records are read)")
                }
                continue
            }
            let ct = h["content-type"]?.lowercased() ?? ""
            guard ct.contains("application/http") else {
                skip("not an HTTP response (Content-Type '\(ct.prefix(60))')")
                continue
            }
            // HTTP message: status line + headers, then the body.
            let blockArray = Array(block)
            guard let httpEnd = findHeaderEnd(blockArray, from: 0) else {
                skip("the HTTP response has no end of headers")
                continue
            }
            let (_, http) = headers(blockArray[0..<httpEnd])
            let type = http["content-type"]?.lowercased() ?? "text/html"
            guard type.contains("html") else {
                skip("not an HTML page (Content-Type '\(type.prefix(60))')")
                continue
            }
            var body = Array(blockArray[httpEnd...])
            if http["transfer-encoding"]?.lowercased().contains("chunked") == true {
                do throws(Failure) { body = try dechunk(body) } catch {
                    if case .malformed(let why) = error { fail(why) } else { fail("the chunked body ends early") }
                    continue
                }
            }
            out.append(.record(Record(ordinal: ordinal, recordID: id, targetURI: uri, httpHeaders: http, body: body)))
            counted += 1
        }
        return (out, false)
    }

    /// Removes HTTP/1.1 chunked transfer coding. A body that is not chunked after
    /// all is returned as it is; a chunk cut short keeps what there is.
    /// - Throws: `.malformed` for a negative or overflowing chunk size.
    static func dechunk(_ b: [UInt8]) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        var pos = 0
        while pos < b.count {
            var lineEnd = pos
            while lineEnd < b.count && b[lineEnd] != 10 { lineEnd += 1 }
            let sizeText = String(decoding: b[pos..<lineEnd], as: UTF8.self).split(separator: ";").first.map { TextUtil.trim($0) } ?? ""
            let isHex = !sizeText.isEmpty && sizeText.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102)
            }
            guard isHex else {
                if sizeText.hasPrefix("-") || sizeText.hasPrefix("+") {
                    throw .malformed("chunk size '\(sizeText.prefix(40))' is not a byte count")
                }
                return b
            }
            guard let size = Int(sizeText, radix: 16) else {
                throw .malformed("chunk size \(sizeText.prefix(40)) is too large")
            }
            if size == 0 { break }
            let start = lineEnd + 1
            let (end, overflow) = start.addingReportingOverflow(size)
            guard !overflow, end <= b.count else { out.append(contentsOf: b[min(start, b.count)...]); break }
            out.append(contentsOf: b[start..<end])
            pos = end
            while pos < b.count && (b[pos] == 13 || b[pos] == 10) { pos += 1; if b[pos - 1] == 10 { break } }
        }
        return out
    }
}
