import Foundation
import WaveText

/// What a run keeps of one document so that term statistics and KWIC can be
/// computed again without re-parsing the corpus.
///
/// Its sentences may lie in a ``Spool`` rather than in memory (``spool(into:)``): they are then
/// read back each time ``sentences`` is asked for.
public struct StoredDocument: Sendable, Hashable, Codable {
    public var id: String
    public var language: String
    public var focus: String
    public var site: String
    /// ISO date (yyyy-mm-dd…) or empty.
    public var date: String
    /// The top-level theme with the most hits, or empty.
    public var theme: String
    public var title: String
    /// The sentences (read from the spool when they lie there; setting them keeps them in memory).
    public var sentences: [StoredSentence] {
        get { body.sentences }
        set { body = .inline(newValue) }
    }
    /// Where the sentences are.
    var body: SentenceBody

    public init(id: String, language: String, focus: String = "", site: String = "", date: String = "",
                theme: String = "", title: String = "", sentences: [StoredSentence]) {
        self.id = id; self.language = language; self.focus = focus; self.site = site; self.date = date
        self.theme = theme; self.title = title; body = .inline(sentences)
    }

    /// Builds the stored form of a tokenized document: every sentence's text and
    /// its word-like tokens, offsets made relative to the sentence.
    public init(document: TokenizedDocument, focus: String = "", site: String = "", date: String = "",
                theme: String = "", title: String = "") {
        var sentences: [StoredSentence] = []
        sentences.reserveCapacity(document.sentences.count)
        for sentence in document.sentences {
            let base = sentence.range.lowerBound
            let text = String(document.text(of: sentence))
            var tokens: [StoredToken] = []
            for i in sentence.tokens where i < document.tokens.count {
                let token = document.tokens[i]
                guard token.kind != .symbol, token.range.lowerBound >= base,
                      token.range.upperBound <= sentence.range.upperBound else { continue }
                tokens.append(StoredToken(term: token.term, range: (token.range.lowerBound - base)..<(token.range.upperBound - base),
                                          isContent: !token.isStopword && (token.kind == .word || token.kind == .hashtag),
                                          kind: token.kind, isStopword: token.isStopword))
            }
            sentences.append(StoredSentence(text: text, tokens: tokens))
        }
        self.init(id: document.id, language: document.language.rawValue, focus: focus, site: site, date: date,
                  theme: theme, title: title, sentences: sentences)
    }

    /// The content terms of each sentence.
    public var contentTermsBySentence: [[String]] { sentences.map(\.contentTerms) }

    /// A document variable by name: `language`, `site`, `year`, `month`, `week`,
    /// `focus`, `theme`, or `all` (one group); nil for an unknown name.
    public func group(_ variable: String) -> String? {
        switch variable {
        case "all": return "all"
        case "language": return language
        case "site": return site.isEmpty ? "unknown" : site
        case "focus": return focus.isEmpty ? "neither" : focus
        case "theme": return theme.isEmpty ? "none" : theme
        case "year": return date.count >= 4 ? String(date.prefix(4)) : "undated"
        case "month": return date.count >= 7 ? String(date.prefix(7)) : "undated"
        case "week": return Self.isoWeek(date) ?? "undated"
        default: return nil
        }
    }

    /// The document variables ``group(_:)`` knows.
    public static let groupVariables = ["all", "language", "site", "year", "month", "week", "focus", "theme"]

    /// ISO 8601 week ("2024-W07") of a date that starts with yyyy-mm-dd.
    static func isoWeek(_ date: String) -> String? {
        let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
        guard let y = c.yearForWeekOfYear, let w = c.weekOfYear else { return nil }
        return String(format: "%04d-W%02d", y, w)
    }
}

/// Reads and writes `tokens.tsv`, the compact store a run leaves in its output
/// folder for KWIC and term statistics.
///
/// The format is UTF-8 text, one record per line, fields separated by TAB;
/// in text fields `\` `TAB` `LF` `CR` are written `\\` `\t` `\n` `\r`:
///
/// ```text
/// #wavelength-tokens	1
/// D	id	language	focus	site	date	theme	title
/// S	sentence text	tokens
/// ```
///
/// A `D` line opens a document; the `S` lines after it are its sentences in order.
/// `tokens` is a space-separated list of `start:end:flag:term`, where `start` and
/// `end` are UTF-8 byte offsets in the (unescaped) sentence text, `flag` is `c`
/// for a content token (counted as a term) or `s` for any other word-like token
/// (stopwords, numbers, URLs…), and `term` is the normalized term with a space
/// written `\s` (plus the escapes above).
public enum TokenStore {
    public static let fileName = "tokens.tsv"
    public static let header = "#wavelength-tokens\t1\n"

    static func escape(_ s: String, space: Bool = false) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (space && $0 == 0x20) }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case " " where space: out += "\\s"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescape<S: StringProtocol>(_ s: S) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = ""
        var escaped = false
        for ch in s.unicodeScalars {
            if escaped {
                switch ch {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "s": out += " "
                default: out.unicodeScalars.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The text of the store for `documents`.
    public static func text(_ documents: [StoredDocument]) -> String {
        String(decoding: bytes(documents), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``text(_:)``, written straight into one buffer.
    public static func bytes(_ documents: [StoredDocument]) -> [UInt8] {
        var out: [UInt8] = []
        write(documents, chunkBytes: .max) { out.append(contentsOf: $0) }
        return out
    }

    /// The bytes of ``bytes(_:)`` handed to `sink` in pieces of about `chunkBytes` (whole
    /// documents), so that a large store is never held in memory whole.
    public static func write(_ documents: [StoredDocument], chunkBytes: Int = 1 << 20,
                             to sink: ([UInt8]) throws -> Void) rethrows {
        var out = Array(header.utf8)
        for d in documents {
            if out.count >= chunkBytes {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
            append(d, to: &out)
        }
        if !out.isEmpty { try sink(out) }
    }

    /// Appends the lines of one document of the store (its `D` line and its `S` lines) to `out`:
    /// a document's lines depend on it alone.
    public static func append(_ d: StoredDocument, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "D"))
        for field in [d.id, d.language, d.focus, d.site, d.date, d.theme, d.title] {
            out.append(0x09)
            appendEscaped(field, space: false, to: &out)
        }
        out.append(0x0A)
        for s in d.sentences {
            out.append(UInt8(ascii: "S"))
            out.append(0x09)
            appendEscaped(s.text, space: false, to: &out)
            out.append(0x09)
            s.forEachTerm { i, term in
                if i > 0 { out.append(0x20) }
                let range = s.range(at: i)
                appendNumber(range.lowerBound, to: &out)
                out.append(UInt8(ascii: ":"))
                appendNumber(range.upperBound, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(s.isContent(at: i) ? UInt8(ascii: "c") : UInt8(ascii: "s"))
                out.append(UInt8(ascii: ":"))
                appendEscaped(term, space: true, to: &out)
            }
            out.append(0x0A)
        }
    }

    /// ``escape(_:space:)`` on bytes: the escaped characters are ASCII, which no
    /// other scalar's UTF-8 contains, so byte by byte is scalar by scalar.
    static func appendEscaped(_ s: String, space: Bool, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x20 where space: out.append(0x5C); out.append(UInt8(ascii: "s"))
            default: out.append(b)
            }
        }
    }

    static func appendNumber(_ n: Int, to out: inout [UInt8]) {
        guard n >= 0 else { out.append(contentsOf: String(n).utf8); return }
        if n < 10 { out.append(0x30 + UInt8(n)); return }
        var digits: [UInt8] = []
        var v = n
        while v > 0 { digits.append(0x30 + UInt8(v % 10)); v /= 10 }
        out.append(contentsOf: digits.reversed())
    }

    /// Parses the text of a store.
    /// - Throws: ``TermsError`` naming the line that is malformed.
    public static func documents(fromText text: String, source: String = fileName) throws -> [StoredDocument] {
        try documents(fromBytes: Array(text.utf8), source: source)
    }

    /// Parses the bytes of a store, working on UTF-8 bytes (no per-line strings).
    /// - Complexity: O(bytes).
    public static func documents(fromBytes bytes: [UInt8], source: String = fileName) throws -> [StoredDocument] {
        try documents(fromBytes: bytes, source: source, linesBefore: 0)
    }

    /// Parses `bytes`, the lines after the first `linesBefore` lines of a store
    /// (0: the whole store, header first; else whole lines starting with a `D` line).
    static func documents(fromBytes bytes: [UInt8], source: String, linesBefore: Int) throws -> [StoredDocument] {
        try bytes.withUnsafeBufferPointer { buffer -> [StoredDocument] in
            var documents: [StoredDocument] = []
            var lineNumber = linesBefore
            var position = 0
            let count = buffer.count
            while position < count {
                var end = position
                while end < count && buffer[end] != 0x0A { end += 1 }
                lineNumber += 1
                defer { position = end + 1 }
                if end == position { continue }
                if lineNumber == 1 {
                    let prefix = Array(header.utf8.dropLast(2))
                    guard end - position >= prefix.count, Array(buffer[position..<position + prefix.count]) == prefix else {
                        throw bad(source, 1, "not a Wavelength token store")
                    }
                    continue
                }
                // Field boundaries.
                var tabs: [Int] = []
                for i in position..<end where buffer[i] == 0x09 { tabs.append(i) }
                switch buffer[position] {
                case UInt8(ascii: "D") where end - position == 1 || buffer[position + 1] == 0x09:
                    guard tabs.count == 7 else { throw bad(source, lineNumber, "a D line has 8 fields") }
                    let bounds = tabs + [end]
                    let f = (0..<7).map { unescaped(buffer, bounds[$0] + 1, bounds[$0 + 1]) }
                    documents.append(StoredDocument(id: f[0], language: f[1], focus: f[2], site: f[3], date: f[4],
                                                    theme: f[5], title: f[6], sentences: []))
                case UInt8(ascii: "S") where end - position == 1 || buffer[position + 1] == 0x09:
                    guard tabs.count == 2, !documents.isEmpty else {
                        throw bad(source, lineNumber, "an S line has 3 fields and follows a D line")
                    }
                    let tokens = try storedTokens(buffer, tabs[1] + 1, end, source: source, line: lineNumber)
                    documents[documents.count - 1].sentences.append(
                        StoredSentence(text: unescaped(buffer, tabs[0] + 1, tabs[1]), tokens: tokens))
                default:
                    throw bad(source, lineNumber, "unknown record type")
                }
            }
            return documents
        }
    }

    /// The tokens of an S line's last field, `buffer[from..<to]`: space-separated
    /// `start:end:flag:term` (flag `c` for a content word).
    static func storedTokens(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int,
                             source: String, line lineNumber: Int) throws -> [StoredToken] {
        var tokens: [StoredToken] = []
        var i = from
        while i < to {
            var j = i
            while j < to && buffer[j] != 0x20 { j += 1 }
            // start:end:flag:term
            var numbers = [0, 0], k = i, field = 0
            var valid = true
            while field < 2 {
                var digits = 0
                while k < j && buffer[k] >= 0x30 && buffer[k] <= 0x39 {
                    // Checked: a number too large for an offset is a bad token, not a crash.
                    let (times10, o1) = numbers[field].multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(Int(buffer[k] - 0x30))
                    if o1 || o2 { valid = false; break }
                    numbers[field] = sum; k += 1; digits += 1
                }
                if !valid || digits == 0 || k >= j || buffer[k] != 0x3A { valid = false; break }
                k += 1; field += 1
            }
            // k is at the flag; a ':' and the term follow.
            guard valid, k + 1 < j, buffer[k + 1] == 0x3A, numbers[0] <= numbers[1] else {
                throw bad(source, lineNumber, "bad token '\(unescaped(buffer, i, j))'")
            }
            tokens.append(StoredToken(term: unescaped(buffer, k + 2, j), range: numbers[0]..<numbers[1],
                                      isContent: buffer[k] == UInt8(ascii: "c")))
            i = j + 1
        }
        return tokens
    }

    /// `buffer[from..<to]` as a string, the store's escapes (`\t`, `\n`, `\r`,
    /// `\s`, `\\`) undone.
    static func unescaped(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        var hasEscape = false
        for i in from..<to where buffer[i] == 0x5C { hasEscape = true; break }
        if !hasEscape { return String(decoding: UnsafeBufferPointer(rebasing: buffer[from..<to]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(to - from)
        var i = from
        while i < to {
            let b = buffer[i]
            if b == 0x5C && i + 1 < to {
                switch buffer[i + 1] {
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "s"): out.append(0x20)
                default: out.append(buffer[i + 1])
                }
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads the store in `folder` (a run's output folder).
    public static func read(folder: URL) throws -> [StoredDocument] {
        let url = folder.appendingPathComponent(fileName)
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: url)) } catch {
            throw TermsError(.unreadable, source: url.path,
                                 reason: "cannot read the token store (run `wavelength run` first): \(error.localizedDescription)")
        }
        return try documents(fromBytes: bytes, source: url.path)
    }

    /// Reads the store in `folder` one document at a time, in store order, holding
    /// only a chunk of the file (about `chunkBytes`) and its documents in memory:
    /// for KWIC and other single passes over a large store.
    /// - Throws: ``TermsError`` when the file is unreadable or malformed, or what `body` throws.
    public static func forEachDocument(folder: URL, chunkBytes: Int = 8 << 20,
                                       _ body: (StoredDocument) throws -> Void) throws {
        let url = folder.appendingPathComponent(fileName)
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw TermsError(.unreadable, source: url.path,
                                 reason: "cannot read the token store (run `wavelength run` first): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var linesBefore = 0
        var atEnd = false
        while !atEnd {
            let data: Data
            do { data = try handle.read(upToCount: max(chunkBytes, 1)) ?? Data() } catch {
                throw TermsError(.unreadable, source: url.path, reason: "cannot read the token store: \(error.localizedDescription)")
            }
            atEnd = data.isEmpty
            pending.append(contentsOf: data)
            // Parse up to the start of the last D line seen (its document may go on in the next chunk).
            var cut = pending.count
            if !atEnd {
                cut = 0
                var i = pending.count - 2
                while i >= 1 {
                    if pending[i] == UInt8(ascii: "D") && pending[i - 1] == 0x0A && pending[i + 1] == 0x09 { cut = i; break }
                    i -= 1
                }
            }
            guard cut > 0 else { continue }
            let head = Array(pending[0..<cut])
            pending.removeFirst(cut)
            for document in try documents(fromBytes: head, source: url.path, linesBefore: linesBefore) { try body(document) }
            linesBefore += head.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    static func bad(_ source: String, _ line: Int, _ reason: String) -> TermsError {
        TermsError(.malformed, source: source, line: line, reason: reason)
    }
}
