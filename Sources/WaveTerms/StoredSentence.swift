import WaveText

/// One token as a run stores it for KWIC and term statistics.
public struct StoredToken: Sendable, Hashable, Codable {
    /// The normalized term.
    public var term: String
    /// UTF-8 byte offsets of the surface in the sentence text.
    public var range: Range<Int>
    /// Whether the token is counted as a term (a word or hashtag, not a stopword).
    public var isContent: Bool
    /// What the token is, and whether it is a stopword: known for the tokens of a
    /// run (written to `tokens.csv.gz`), nil for tokens read back from the token store (`tokens.wlt`).
    public var kind: TokenKind?
    public var isStopword: Bool?
    public init(term: String, range: Range<Int>, isContent: Bool, kind: TokenKind? = nil, isStopword: Bool? = nil) {
        self.term = term; self.range = range; self.isContent = isContent; self.kind = kind; self.isStopword = isStopword
    }
}

/// One sentence: its text and its tokens.
///
/// A run holds the sentences of every document until its tables are written, so the tokens
/// are kept packed rather than as ``StoredToken`` values (40 bytes and a `String` each): three
/// 32-bit words per token (start, end, and a flag byte with how the term is spelled), and a
/// term is stored only when it is neither the surface as written nor the surface with ASCII
/// letters lowercased (for most tokens it is one of the two). ``tokens`` gives the same
/// values back; the per-token accessors (``term(at:)``, ``range(at:)``…) read them without
/// building the array.
public struct StoredSentence: Sendable, Hashable, Codable {
    /// The sentence as written (a new text keeps the tokens, packed again against it).
    public var text: String {
        get { storedText }
        set {
            let tokens = tokens
            storedText = newValue
            pack(tokens)
        }
    }
    private var storedText: String
    /// Per token: start, end, info (``Info``).
    private var columns: [UInt32] = []
    /// The terms spelled neither as the surface nor as its lowercase, in token order.
    private var spelled: [String] = []
    /// The tokens as given when the packed form cannot hold them (an offset outside 0…2³²−1);
    /// nil when packed.
    private var unpacked: [StoredToken]?

    /// The info word: bit 0 content; bits 1–2 stopword (0 unknown, 1 false, 2 true); bits 3–7
    /// kind (0 unknown, else its position in `TokenKind.allCases` plus one); bits 8–9 the term's
    /// spelling (``Spelling``).
    private enum Spelling: UInt32 { case surface = 0, lowercased = 1, stored = 2 }
    private static let kinds = TokenKind.allCases

    public init(text: String, tokens: [StoredToken]) {
        storedText = text
        pack(tokens)
    }

    /// The number of tokens.
    public var tokenCount: Int { unpacked?.count ?? columns.count / 3 }

    /// The tokens, in order.
    public var tokens: [StoredToken] {
        get {
            if let unpacked { return unpacked }
            var out: [StoredToken] = []
            out.reserveCapacity(tokenCount)
            forEachTerm { i, term in
                let info = columns[3 * i + 2]
                out.append(StoredToken(term: term, range: range(at: i), isContent: info & 1 != 0,
                                       kind: Self.kind(info), isStopword: Self.stopword(info)))
            }
            return out
        }
        set { pack(newValue) }
    }

    /// The term of token `i` (0 ≤ `i` < ``tokenCount``).
    public func term(at i: Int) -> String {
        if let unpacked { return unpacked[i].term }
        let info = columns[3 * i + 2]
        switch Spelling(rawValue: info >> 8 & 3) {
        case .surface?: return surface(i, lowercased: false)
        case .lowercased?: return surface(i, lowercased: true)
        default:
            var before = 0
            for j in 0..<i where columns[3 * j + 2] >> 8 & 3 == Spelling.stored.rawValue { before += 1 }
            return spelled[before]
        }
    }

    /// The UTF-8 offsets of token `i`'s surface in ``text``.
    public func range(at i: Int) -> Range<Int> {
        if let unpacked { return unpacked[i].range }
        return Int(columns[3 * i])..<Int(columns[3 * i + 1])
    }

    /// Whether token `i` is counted as a term.
    public func isContent(at i: Int) -> Bool {
        if let unpacked { return unpacked[i].isContent }
        return columns[3 * i + 2] & 1 != 0
    }

    /// Calls `body` with the index and term of every token (of every content token when
    /// `contentOnly`), in order; each stored term is found once, not searched for.
    public func forEachTerm(contentOnly: Bool = false, _ body: (Int, String) throws -> Void) rethrows {
        if let unpacked {
            for (i, token) in unpacked.enumerated() where !contentOnly || token.isContent { try body(i, token.term) }
            return
        }
        var next = 0
        for i in 0..<tokenCount {
            let info = columns[3 * i + 2]
            let how = Spelling(rawValue: info >> 8 & 3)
            if how == .stored { next += 1 }
            guard !contentOnly || info & 1 != 0 else { continue }
            switch how {
            case .surface?: try body(i, surface(i, lowercased: false))
            case .lowercased?: try body(i, surface(i, lowercased: true))
            default: try body(i, spelled[next - 1])
            }
        }
    }

    /// The content terms, in order.
    public var contentTerms: [String] {
        var terms: [String] = []
        forEachTerm(contentOnly: true) { _, term in terms.append(term) }
        return terms
    }

    public static func == (a: StoredSentence, b: StoredSentence) -> Bool {
        a.text == b.text && a.tokens == b.tokens
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(tokens)
    }

    // MARK: spooling

    /// Writes the packed form to `writer` (``Spool``); false, writing nothing, when the sentence
    /// is not packed (the caller keeps it in memory).
    func spool(to writer: inout SpoolWriter) -> Bool {
        guard unpacked == nil else { return false }
        writer.string(storedText)
        writer.varint(columns.count)
        columns.withUnsafeBytes { writer.raw($0) }
        writer.varint(spelled.count)
        for term in spelled { writer.string(term) }
        return true
    }

    /// The sentence ``spool(to:)`` wrote; nil on bytes it did not write.
    init?(spooled reader: inout SpoolReader) {
        guard let text = reader.string(), let count = reader.count(), count % 3 == 0,
              let columns = reader.raw(count * MemoryLayout<UInt32>.size, { raw in
                  [UInt32](unsafeUninitializedCapacity: count) { out, n in
                      UnsafeMutableRawBufferPointer(out).copyMemory(from: raw)
                      n = count
                  }
              }),
              let spelledCount = reader.count() else { return nil }
        var spelled: [String] = []
        spelled.reserveCapacity(spelledCount)
        for _ in 0..<spelledCount {
            guard let term = reader.string() else { return nil }
            spelled.append(term)
        }
        // Offsets the packed form reads the text at must lie in it (as ``pack(_:)`` left them).
        let textCount = text.utf8.count
        var stored = 0
        for i in stride(from: 0, to: count, by: 3) {
            let how = columns[i + 2] >> 8 & 3
            guard columns[i] <= columns[i + 1], how <= Spelling.stored.rawValue,
                  how == Spelling.stored.rawValue || Int(columns[i + 1]) <= textCount else { return nil }
            if how == Spelling.stored.rawValue { stored += 1 }
        }
        guard stored == spelled.count else { return nil }
        storedText = text
        self.columns = columns
        self.spelled = spelled
        unpacked = nil
    }

    // MARK: packing

    private static func kind(_ info: UInt32) -> TokenKind? {
        let k = Int(info >> 3 & 31)
        return k == 0 || k > kinds.count ? nil : kinds[k - 1]
    }

    private static func stopword(_ info: UInt32) -> Bool? {
        switch info >> 1 & 3 { case 1: false; case 2: true; default: nil }
    }

    /// The surface of token `i` (its offsets checked against the text when packed).
    private func surface(_ i: Int, lowercased: Bool) -> String {
        let lower = Int(columns[3 * i]), upper = Int(columns[3 * i + 1])
        var text = storedText
        return text.withUTF8 { bytes in
            let slice = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            guard lowercased else { return String(decoding: slice, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: slice.count) { out in
                for (k, b) in slice.enumerated() { out[k] = b &+ (b >= 0x41 && b <= 0x5A ? 0x20 : 0) }
                return slice.count
            }
        }
    }

    /// How `term` is spelled against `surface`: as it, as its ASCII lowercase, or neither.
    private static func spelling(of term: String, surface: UnsafeBufferPointer<UInt8>) -> Spelling {
        var same = true, lower = true, count = 0
        for b in term.utf8 {
            guard count < surface.count else { return .stored }
            let s = surface[count]
            if b != s { same = false }
            if b != s &+ (s >= 0x41 && s <= 0x5A ? 0x20 : 0) { lower = false }
            if !same && !lower { return .stored }
            count += 1
        }
        guard count == surface.count else { return .stored }
        return same ? .surface : .lowercased
    }

    private mutating func pack(_ tokens: [StoredToken]) {
        var text = storedText
        var columns: [UInt32] = []
        var spelled: [String] = []
        columns.reserveCapacity(3 * tokens.count)
        let packed = text.withUTF8 { bytes -> Bool in
            for token in tokens {
                let lower = token.range.lowerBound, upper = token.range.upperBound
                guard lower >= 0, upper <= Int(UInt32.max) else { return false }
                var info: UInt32 = token.isContent ? 1 : 0
                if let stopword = token.isStopword { info |= stopword ? 4 : 2 }
                if let kind = token.kind, let k = Self.kinds.firstIndex(of: kind) { info |= UInt32(k + 1) << 3 }
                var how = Spelling.stored
                if upper <= bytes.count { how = Self.spelling(of: token.term, surface: UnsafeBufferPointer(rebasing: bytes[lower..<upper])) }
                if how == .stored { spelled.append(token.term) }
                info |= how.rawValue << 8
                columns.append(UInt32(lower))
                columns.append(UInt32(upper))
                columns.append(info)
            }
            return true
        }
        if packed {
            self.columns = columns
            self.spelled = spelled
            self.unpacked = nil
        } else {
            self.columns = []
            self.spelled = []
            self.unpacked = tokens
        }
    }
}
