/// Splits a (decompressed) WARC file into its HTML `response` records.
enum WARCReader {
    struct Record {
        var targetURI: String?
        var httpHeaders: [String: String]
        var body: [UInt8]
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

    /// HTML response records, in file order.
    static func records(_ b: [UInt8]) throws(Failure) -> [Record] {
        var out: [Record] = []
        var pos = 0
        while pos < b.count {
            // Skip blank lines between records.
            while pos < b.count && (b[pos] == 13 || b[pos] == 10) { pos += 1 }
            if pos >= b.count { break }
            guard b.count - pos >= 5, b[pos..<(pos + 5)].elementsEqual("WARC/".utf8) else {
                throw .malformed("expected a WARC record at byte \(pos)")
            }
            guard let headEnd = findHeaderEnd(b, from: pos) else { throw .truncated }
            let (_, h) = headers(b[pos..<headEnd])
            guard let lenText = h["content-length"], let length = Int(lenText), length >= 0 else {
                throw .malformed("WARC record without Content-Length")
            }
            guard headEnd + length <= b.count else { throw .truncated }
            let block = b[headEnd..<(headEnd + length)]
            pos = headEnd + length
            guard h["warc-type"]?.lowercased() == "response" else { continue }
            let ct = h["content-type"]?.lowercased() ?? ""
            guard ct.contains("application/http") else { continue }
            // HTTP message: status line + headers, then the body.
            let blockArray = Array(block)
            guard let httpEnd = findHeaderEnd(blockArray, from: 0) else { continue }
            let (_, http) = headers(blockArray[0..<httpEnd])
            let type = http["content-type"]?.lowercased() ?? "text/html"
            guard type.contains("html") else { continue }
            var body = Array(blockArray[httpEnd...])
            if http["transfer-encoding"]?.lowercased().contains("chunked") == true { body = dechunk(body) }
            var uri = h["warc-target-uri"]
            if let u = uri, u.hasPrefix("<"), u.hasSuffix(">") { uri = String(u.dropFirst().dropLast()) }
            out.append(Record(targetURI: uri, httpHeaders: http, body: body))
        }
        return out
    }

    /// Removes HTTP/1.1 chunked transfer coding (best effort).
    static func dechunk(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var pos = 0
        while pos < b.count {
            var lineEnd = pos
            while lineEnd < b.count && b[lineEnd] != 10 { lineEnd += 1 }
            let sizeText = String(decoding: b[pos..<lineEnd], as: UTF8.self).split(separator: ";").first.map { TextUtil.trim($0) } ?? ""
            guard let size = Int(sizeText, radix: 16) else { return b }
            if size == 0 { break }
            let start = lineEnd + 1
            guard start + size <= b.count else { out.append(contentsOf: b[min(start, b.count)...]); break }
            out.append(contentsOf: b[start..<(start + size)])
            pos = start + size
            while pos < b.count && (b[pos] == 13 || b[pos] == 10) { pos += 1; if b[pos - 1] == 10 { break } }
        }
        return out
    }
}
