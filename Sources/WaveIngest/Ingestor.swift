import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Limits and switches for reading files.
public struct IngestOptions: Sendable, Hashable {
    /// Largest file read, in bytes (after decompression for `.gz`).
    public var maxFileBytes: Int
    /// Largest decompressed size of a `.gz` file or WARC member stream, in bytes
    /// (never more than `maxFileBytes`: the smaller of the two applies).
    public var maxDecompressedBytes: Int
    /// Most records read from one WARC file.
    public var maxWARCRecords: Int
    /// Refuse HTML pages that are not articles (``PageType``) or whose text is
    /// only a fallback (no article container, all visible text): they fail
    /// with `.noArticle` and the reason, instead of being kept with a low
    /// ``Article/extractionConfidence``.
    public var articlesOnly: Bool

    /// Most nodes (elements and text runs) of one HTML page's tree: one per 32
    /// bytes of ``maxFileBytes`` (at least 4,096). A node costs about 90 bytes,
    /// so a page of tiny elements costs at most about 3 × the file limit here;
    /// real pages have one node per 40–100 bytes of markup.
    public var maxTreeNodes: Int { max(4096, maxFileBytes / 32) }
    /// Most bytes of text one document may hand to the analysis: a sixteenth of
    /// ``maxFileBytes`` (at least 64 KiB; 4 MiB at the default 64 MiB), where a
    /// news article has a few dozen kilobytes. The analysis keeps about 110 bytes
    /// per byte of text (tokens, sentences, spans, term ids), so a document at this
    /// limit costs about 7 × ``maxFileBytes``, inside the documented bound of
    /// 8 × (BENCHMARKS.md section 10, `scripts/memory_bound.py`).
    public var maxTextBytes: Int { max(64 << 10, maxFileBytes / 16) }

    public init(maxFileBytes: Int = 64 << 20, maxDecompressedBytes: Int = 256 << 20, maxWARCRecords: Int = 100_000,
                articlesOnly: Bool = false) {
        self.maxFileBytes = maxFileBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxWARCRecords = maxWARCRecords
        self.articlesOnly = articlesOnly
    }
}

/// What one file gave: its articles, the parts of it that failed on their own
/// (a broken WARC record, a record over the size limit) while the rest was read,
/// and the parts it skipped (WARC records that are no page with text).
public struct IngestResult: Sendable {
    public var articles: [Article]
    /// Per-record failures; their path is the file's and the reason names the record.
    public var failures: [IngestError]
    /// Per-record skips, neither articles nor failures: a WARC response that is not an
    /// HTML page, has an empty or binary body or a page without text (`.unsupported`,
    /// `.empty`, `.binary`, `.noArticle`...). Their path is the file's; the reason names
    /// the record (ordinal, target URI, WARC-Record-ID) and why it was skipped.
    public var skipped: [IngestError]

    public init(articles: [Article], failures: [IngestError] = [], skipped: [IngestError] = []) {
        self.articles = articles
        self.failures = failures
        self.skipped = skipped
    }
}

/// Reads files of any supported format into ``Article`` values.
///
/// Formats are recognised by content first and extension second: HTML/XHTML,
/// RSS 0.9x/1.0/2.0, Atom, NITF, plain text, WARC, and any of these inside gzip.
/// Bytes are decoded to UTF-8 (see ``CharsetDecoder``) before parsing.
/// Safe to call from several threads at once.
///
/// ```swift
/// let ingestor = Ingestor()
/// let articles = try ingestor.articles(atPath: "news/a.html", root: corpusURL)
/// ```
public struct Ingestor: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Whether a file with this relative path is one ingest reads (by extension).
    /// Others (README.md, images...) are skipped, not failed.
    public func handles(path: String) -> Bool {
        let lower = path.lowercased()
        return [".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".txt", ".gz", ".warc", ".nitf"]
            .contains { lower.hasSuffix($0) }
    }

    /// Reads the file at `path` (relative to `root`) and returns its articles.
    /// - Throws: ``IngestError`` with the path, a code and a reason.
    public func articles(atPath path: String, root: URL) throws(IngestError) -> [Article] {
        try read(atPath: path, root: root).articles
    }

    /// Reads the file at `path` (relative to `root`): its articles, and the parts of
    /// it (WARC records) that failed while the rest was read.
    /// - Throws: ``IngestError`` when nothing of the file could be read.
    public func read(atPath path: String, root: URL) throws(IngestError) -> IngestResult {
        let full = root.appendingPathComponent(path).path
        return try read(fileSystemPath: Array(full.utf8CString), path: path)
    }

    /// Reads the file at the file-system path `fileSystemPath` (NUL-terminated bytes,
    /// so names that are not UTF-8 can be read), reported as `path`. Only regular
    /// files are read; the size limit is checked before reading.
    public func read(fileSystemPath: [CChar], path: String) throws(IngestError) -> IngestResult {
        let fd = fileSystemPath.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else {
            throw IngestError(.unreadable, path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw IngestError(.unreadable, path: path, reason: "cannot read its status: \(String(cString: strerror(errno)))")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw IngestError(.unsupported, path: path, reason: "not a regular file")
        }
        let size = Int(st.st_size)
        if size > options.maxFileBytes {
            throw IngestError(.tooLarge, path: path, reason: "\(size) bytes is over the limit of \(options.maxFileBytes)")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, size - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError(.unreadable, path: path, reason: "read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }  // the file shrank while being read
            filled += n
        }
        if filled < size { bytes.removeSubrange(filled...) }
        return try read(bytes, path: path)
    }

    /// Parses raw bytes that came from `path` (used for the format guess and ids).
    /// - Throws: ``IngestError``: `.empty`, `.tooLarge`, `.binary`, `.truncated`,
    ///   `.malformed`, `.unsafe` (entity declarations), `.noArticle`.
    public func articles(in bytes: [UInt8], path: String) throws(IngestError) -> [Article] {
        try read(bytes, path: path).articles
    }

    /// Parses raw bytes that came from `path`, keeping per-record failures (see ``read(atPath:root:)``).
    public func read(_ bytes: [UInt8], path: String) throws(IngestError) -> IngestResult {
        if bytes.isEmpty { throw IngestError(.empty, path: path, reason: "the file is empty") }
        if bytes.count > options.maxFileBytes {
            throw IngestError(.tooLarge, path: path, reason: "\(bytes.count) bytes is over the limit of \(options.maxFileBytes)")
        }
        var data = bytes
        var name = path.lowercased()
        if GzipInflater.isGzip(data) {
            data = try inflate(data, path: path)
            if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
            if data.isEmpty { throw IngestError(.empty, path: path, reason: "the compressed file is empty") }
            if data.count > options.maxFileBytes {
                throw IngestError(.tooLarge, path: path, reason: "\(data.count) decompressed bytes is over the limit of \(options.maxFileBytes)")
            }
        } else if name.hasSuffix(".gz") {
            throw IngestError(.malformed, path: path, reason: "not a gzip file")
        }
        if data.starts(with: Array("WARC/".utf8)) { return try warc(data, path: path) }
        if CharsetDecoder.unmarkedUTF16(data) == nil, let why = Self.binaryReason(data) {
            throw IngestError(.binary, path: path, reason: why)
        }
        return try document(data, path: path, name: name, httpCharset: nil, url: nil, item: nil)
    }

    // MARK: stages

    private func inflate(_ data: [UInt8], path: String) throws(IngestError) -> [UInt8] {
        do throws(GzipInflater.Failure) { return try GzipInflater.inflate(data, limit: min(options.maxDecompressedBytes, options.maxFileBytes)) }
        catch {
            switch error {
            case .truncated: throw IngestError(.truncated, path: path, reason: "the gzip stream ends early")
            case .tooLarge(let limit): throw IngestError(.tooLarge, path: path, reason: "decompresses to more than \(limit) bytes")
            case .corrupt(let why): throw IngestError(.malformed, path: path, reason: "corrupt gzip data: \(why)")
            }
        }
    }

    /// NUL bytes or many control bytes in the first 8 KB mean binary data.
    static func binaryReason(_ data: [UInt8]) -> String? {
        if data.count >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)) { return nil }
        let head = data.prefix(8192)
        var control = 0
        for b in head {
            if b == 0 { return "NUL bytes in the first 8 KB" }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { control += 1 }
        }
        if control * 20 > head.count { return "\(control) control bytes in the first \(head.count)" }
        return nil
    }

    enum Kind { case html, rss, atom, nitf, text, xml }

    static func sniff(_ utf8: [UInt8], name: String) -> Kind {
        var head = Array(utf8.prefix(4096))
        for i in head.indices where head[i] >= 65 && head[i] <= 90 { head[i] += 32 }
        let h = head[...]
        func has(_ s: String) -> Bool { TextUtil.contains(h, s) }
        if has("<rss") || has("<rdf:rdf") { return .rss }
        if has("<feed") && (has("w3.org/2005/atom") || name.hasSuffix(".atom")) { return .atom }
        if has("<nitf") { return .nitf }
        if has("<html") || has("<!doctype html") || has("<body") || has("<head") { return .html }
        if name.hasSuffix(".txt") { return .text }
        let trimmed = h.drop { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }
        if trimmed.starts(with: Array("<?xml".utf8)) { return .xml }
        if has("<feed") { return .atom }
        if trimmed.first == UInt8(ascii: "<") || name.hasSuffix(".html") || name.hasSuffix(".htm") { return .html }
        return .text
    }

    private func document(_ raw: [UInt8], path: String, name: String, httpCharset: String?, url: String?,
                          item: Int?) throws(IngestError) -> IngestResult {
        let decoded = CharsetDecoder.decode(raw, httpCharset: httpCharset)
        let kind = Self.sniff(decoded.utf8, name: name)
        switch kind {
        case .text:
            return IngestResult(articles: try text(decoded, path: path))
        case .html:
            return IngestResult(articles: [try html(decoded, path: path, url: url, item: item)])
        case .rss, .atom, .nitf, .xml:
            if Self.declaresEntities(decoded.utf8) {
                throw IngestError(.unsafe, path: path, reason: "entity declarations are not allowed")
            }
            // libxml2's own tree costs about 120 bytes a node before the copy: count
            // the tags first (each gives at most an element and a text node).
            let tags = decoded.utf8.reduce(0) { $0 + ($1 == 0x3C ? 1 : 0) }
            if tags > options.maxTreeNodes / 2 {
                throw IngestError(.tooLarge, path: path, reason: "\(tags) tags is over the limit of \(options.maxTreeNodes / 2) "
                                  + "for one XML document (one per 64 bytes of --max-file-mb)")
            }
            guard let (tree, errorLine) = LibXMLParser.parseXML(decoded.utf8), let root = tree.root else {
                throw IngestError(.malformed, path: path, reason: "not well-formed XML")
            }
            let rootName = tree.nodes[root].name.split(separator: ":").last.map(String.init) ?? ""
            let reader = FeedReader(tree: tree, path: path, encoding: decoded.charset)
            var articles: [Article]
            switch rootName.lowercased() {
            case "rss", "rdf": articles = reader.rss()
            case "feed": articles = reader.atom()
            case "nitf": articles = reader.nitf()
            case "html": return IngestResult(articles: [try html(decoded, path: path, url: url, item: item)])
            default: throw IngestError(.unsupported, path: path, reason: "unknown XML document <\(tree.nodes[root].name)>")
            }
            var warnings = decoded.warnings
            if let errorLine {
                // libxml2 recovered past an error: what follows it may be missing or cut short.
                warnings.append("not well-formed XML (read in recovery mode; libxml2's last error at line \(errorLine)): "
                                + "items may be missing or cut short")
            }
            articles = articles.map { a in var a = a; a.warnings = warnings + a.warnings; return a }
            // An item without text is that item's failure, not an empty document; the others are read.
            let withoutText = articles.filter { $0.paragraphs.isEmpty }
            articles.removeAll { $0.paragraphs.isEmpty }
            if articles.isEmpty {
                var why = withoutText.isEmpty ? "the feed has no items"
                    : withoutText.count == 1 ? "the \(rootName.lowercased() == "nitf" ? "document" : "feed's one item") has no text"
                    : "none of the feed's \(withoutText.count) items has text"
                if let errorLine { why = "not well-formed XML (libxml2's last error at line \(errorLine)); " + why }
                throw IngestError(errorLine == nil ? .noArticle : .malformed, path: path, reason: why)
            }
            try checkTextSize(articles.flatMap(\.paragraphs), path: path)
            let failures = withoutText.map { a in
                IngestError(.noArticle, path: path, reason: "feed item \(a.item ?? 1)\(a.title.map { " ('\($0.prefix(60))')" } ?? ""): no text")
            }
            return IngestResult(articles: articles, failures: failures)
        }
    }

    /// Whether an XML document declares entities (billion laughs, external entities).
    /// `<!ENTITY` inside a comment or a CDATA section is text, not a declaration.
    static func declaresEntities(_ utf8: [UInt8]) -> Bool {
        let needle = Array("<!ENTITY".utf8)
        let count = utf8.count
        func at(_ i: Int, _ s: String) -> Bool {
            let p = Array(s.utf8)
            return count - i >= p.count && utf8[i..<(i + p.count)].elementsEqual(p)
        }
        /// The index just after the first `close` at or after `from` (or the end).
        func skip(from: Int, past close: String) -> Int {
            let c = Array(close.utf8)
            var j = from
            while j <= count - c.count {
                if utf8[j] == c[0] && utf8[j..<(j + c.count)].elementsEqual(c) { return j + c.count }
                j += 1
            }
            return count
        }
        var i = 0
        while i + 1 < count {
            if utf8[i] == 0x3C && utf8[i + 1] == 0x21 {
                if at(i, "<!--") { i = skip(from: i + 4, past: "-->"); continue }
                if at(i, "<![CDATA[") { i = skip(from: i + 9, past: "]]>"); continue }
                if count - i >= needle.count {
                    var k = 2
                    while k < needle.count && (utf8[i + k] | 0x20) == (needle[k] | 0x20) { k += 1 }
                    if k == needle.count { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// Refuses an article whose text is over ``IngestOptions/maxTextBytes``.
    private func checkTextSize(_ paragraphs: [String], path: String) throws(IngestError) {
        if Self.textBytes(paragraphs) > options.maxTextBytes {
            let total = Self.textBytes(paragraphs)
            throw IngestError(.tooLarge, path: path, reason: "\(total) bytes of text is over the limit of \(options.maxTextBytes) "
                              + "for one document (a sixteenth of --max-file-mb)")
        }
    }

    static func textBytes(_ paragraphs: [String]) -> Int {
        var total = 0
        for p in paragraphs { total += p.utf8.count }
        return total
    }

    private func text(_ decoded: CharsetDecoder.Decoded, path: String) throws(IngestError) -> [Article] {
        if decoded.utf8.count > options.maxTextBytes * 2 {
            // Whitespace collapsing cannot bring it under the limit: refuse before copying.
            throw IngestError(.tooLarge, path: path, reason: "\(decoded.utf8.count) bytes of text is over the limit of "
                              + "\(options.maxTextBytes) for one document (a sixteenth of --max-file-mb)")
        }
        let s = String(decoding: decoded.utf8, as: UTF8.self).replacingAll("\r\n", with: "\n")
        let paragraphs = s.components(separatedBy: "\n\n").map { TextUtil.collapseWhitespace($0) }.filter { !$0.isEmpty }
        guard !paragraphs.isEmpty else { throw IngestError(.noArticle, path: path, reason: "the file has no text") }
        try checkTextSize(paragraphs, path: path)
        let title = paragraphs.first.flatMap { $0.count <= 200 ? $0 : nil }
        return [Article(id: path, path: path, title: title, format: .text, encoding: decoded.charset,
                        paragraphs: paragraphs, warnings: decoded.warnings)]
    }

    private func html(_ decoded: CharsetDecoder.Decoded, path: String, url: String?, item: Int?) throws(IngestError) -> Article {
        let parsed = LibXMLParser.parseHTML(decoded.utf8, maxNodes: options.maxTreeNodes)
        if parsed.overLimit { throw treeTooLarge(path) }
        guard let tree = parsed.tree else {
            throw IngestError(.malformed, path: path, reason: "no HTML document could be parsed")
        }
        let meta = MetadataExtractor(tree: tree).extract(pageURL: url)
        let headlines = Set([meta.title, tree.first("title").map { tree.text(of: $0) }].compactMap { $0 })
        var extractor = HTMLExtractor(tree: tree)
        extractor.headlines = headlines
        extractor.metadata = meta
        extractor.pageURL = url ?? meta.url
        var paragraphs = extractor.paragraphs()
        if Self.isThin(paragraphs, extractor.rootKind), Self.containsNoscript(decoded.utf8),
           let full = LibXMLParser.parseHTML(decoded.utf8, keepNoscript: true, maxNodes: options.maxTreeNodes).tree {
            // Script-rendered pages often carry their text in <noscript> for crawlers.
            var second = HTMLExtractor(tree: full)
            second.headlines = headlines
            second.metadata = meta
            second.pageURL = extractor.pageURL
            let more = second.paragraphs()
            if more.reduce(0, { $0 + $1.utf8.count }) > paragraphs.reduce(0, { $0 + $1.utf8.count }) * 2 {
                paragraphs = more
                extractor = second
            }
        }
        guard !paragraphs.isEmpty else { throw IngestError(.noArticle, path: path, reason: "the page has no visible text") }
        try checkTextSize(paragraphs, path: path)
        if options.articlesOnly {
            if extractor.pageType != .article {
                throw IngestError(.noArticle, path: path, reason: "not an article (page type \(extractor.pageType.rawValue))")
            }
            if extractor.rootKind == .lenient || extractor.rootKind == .summary {
                throw IngestError(.noArticle, path: path, reason: "no main text found (only page furniture)")
            }
        }
        let id = item.map { "\(path)#\($0)" } ?? path
        return Article(id: id, path: path, item: item, url: meta.url ?? url, title: meta.title, authors: meta.authors,
                       date: meta.date, site: meta.site, declaredLanguage: meta.language, format: item == nil ? .html : .warc,
                       encoding: decoded.charset, paragraphs: paragraphs,
                       warnings: decoded.warnings + (meta.dateWarning.map { [$0] } ?? []),
                       pageType: extractor.pageType, extractionConfidence: extractor.confidence)
    }

    private func treeTooLarge(_ path: String) -> IngestError {
        IngestError(.tooLarge, path: path, reason: "more than \(options.maxTreeNodes) elements and text runs "
                    + "(one per 32 bytes of --max-file-mb)")
    }

    /// Too little text, or only a fallback: worth a second look.
    static func isThin(_ paragraphs: [String], _ kind: HTMLExtractor.RootKind) -> Bool {
        kind == .lenient || kind == .summary || kind == .structured || kind == .none || paragraphs.reduce(0, { $0 + $1.utf8.count }) < 200
    }

    /// Whether the bytes contain `<noscript` (any case).
    static func containsNoscript(_ utf8: [UInt8]) -> Bool {
        let needle = Array("<noscript".utf8)
        guard utf8.count >= needle.count else { return false }
        var i = 0
        let end = utf8.count - needle.count
        while i <= end {
            if utf8[i] == 0x3C {
                var k = 1
                while k < needle.count && (utf8[i + k] | 0x20) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    private func warc(_ data: [UInt8], path: String) throws(IngestError) -> IngestResult {
        let (entries, more) = WARCReader.entries(data, limit: options.maxWARCRecords)
        var out: [Article] = []
        var failures: [IngestError] = []
        var skipped: [IngestError] = []
        var n = 0
        var text = 0
        records: for entry in entries {
            let record: WARCReader.Record
            switch entry {
            case .failure(let ordinal, let offset, let reason):
                failures.append(IngestError(.malformed, path: path, reason: "WARC record \(ordinal) (byte \(offset)): \(reason)"))
                continue
            case .skipped(let name, let reason):
                skipped.append(IngestError(.unsupported, path: path, reason: "\(name): \(reason)"))
                continue
            case .record(let r):
                record = r
            }
            let name = WARCReader.name(ordinal: record.ordinal, id: record.recordID, uri: record.targetURI)
            n += 1
            var body = record.body
            if record.httpHeaders["content-encoding"]?.lowercased().contains("gzip") == true, GzipInflater.isGzip(body) {
                do throws(GzipInflater.Failure) {
                    body = try GzipInflater.inflate(body, limit: options.maxFileBytes)
                } catch {
                    let why: String
                    switch error {
                    case .truncated: why = "the gzip body ends early"
                    case .tooLarge(let limit): why = "the gzip body decompresses to more than \(limit) bytes"
                    case .corrupt(let c): why = "corrupt gzip body: \(c)"
                    }
                    failures.append(IngestError(.malformed, path: path, reason: "WARC response \(n) (\(record.targetURI ?? "no URI")): \(why)"))
                    continue
                }
            }
            let charset = record.httpHeaders["content-type"].flatMap(CharsetDecoder.charsetParameter(ofContentType:))
            if body.isEmpty {
                skipped.append(IngestError(.empty, path: path, reason: "\(name): the body is empty"))
                continue
            }
            if let why = Self.binaryReason(body) {
                skipped.append(IngestError(.binary, path: path, reason: "\(name): \(why)"))
                continue
            }
            do {
                var a = try html(CharsetDecoder.decode(body, httpCharset: charset), path: path, url: record.targetURI, item: n)
                if a.url == nil { a.url = record.targetURI }
                a.format = .warc
                text += Self.textBytes(a.paragraphs)
                if text > options.maxTextBytes {
                    // The file's text as a whole is bounded like one document's.
                    failures.append(IngestError(.tooLarge, path: path, reason: "WARC response \(n) (\(record.targetURI ?? "no URI")): "
                        + "the file's text passes the limit of \(options.maxTextBytes) bytes (a sixteenth of --max-file-mb); "
                        + "this and later records were not read"))
                    break records
                }
                out.append(a)
            } catch {
                // A page without main text is not an error (index pages, redirects): it is
                // skipped with the reason; one too large to analyse is a failure.
                if error.code == .tooLarge {
                    failures.append(IngestError(.tooLarge, path: path,
                                                reason: "WARC response \(n) (\(record.targetURI ?? "no URI")): \(error.reason)"))
                } else {
                    skipped.append(IngestError(error.code, path: path, reason: "\(name): \(error.reason)"))
                }
                continue
            }
        }
        if more {
            failures.append(IngestError(.tooLarge, path: path,
                                        reason: "more than \(options.maxWARCRecords) WARC records; the rest were not read"))
        }
        if out.isEmpty {
            if let first = failures.first, failures.count == 1 { throw first }
            var why = failures.isEmpty ? "" : " (\(failures.count) records could not be read: \(failures[0].reason))"
            if failures.isEmpty, let first = skipped.first {
                why = " (\(skipped.count) records skipped, the first: \(first.reason))"
            }
            throw IngestError(failures.isEmpty ? .noArticle : .malformed, path: path,
                              reason: "no HTML response records with text" + why)
        }
        return IngestResult(articles: out, failures: failures, skipped: skipped)
    }
}
