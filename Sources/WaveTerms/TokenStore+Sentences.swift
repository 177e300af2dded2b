/// The sentences of a token store's document body (``TokenStore``).
///
/// A sentence is its UTF-8 text with its tokens marked inline by bytes that valid UTF-8 never
/// holds (text and terms are Swift strings, so they cannot contain them):
///
/// ```text
/// F8 / F9   a token starts (F9: a content token, counted as a term); it ends by itself
///           (its "natural end", below) and its term is its surface with ASCII letters lowercased
/// FA / FB   a token starts (FB: content) and one of these ends it:
///   FC        the term is the surface with ASCII letters lowercased
///   FD        the term is the surface as written
///   FE t FF   the term is t (UTF-8)
/// F5        the sentence ends
/// F6        (first byte of a sentence) the sentence in explicit form: its text (a varint byte
///           count and the bytes), its token count, then per token the start and end offsets
///           (zigzag varints), a flag byte (1: content) and the term (count and bytes)
/// ```
///
/// A token's natural end is the first place after its start where the next token starts,
/// the sentence ends, or an ASCII byte other than a letter or digit stands: reading the bytes
/// that follow an F8/F9 token, the token ends before such a byte or before the next marker.
/// The writer uses F8/F9 only where that end is the token's end.
///
/// Offsets are UTF-8 byte offsets in the sentence text, as in ``StoredToken``. A sentence whose
/// tokens overlap, go backwards or reach outside its text cannot be marked inline and is
/// written in explicit form.
extension TokenStore {
    enum Marker {
        static let sentenceEnd: UInt8 = 0xF5
        static let explicitSentence: UInt8 = 0xF6
        static let naturalStart: UInt8 = 0xF8      // | 1: content
        static let markedStart: UInt8 = 0xFA       // | 1: content
        static let endLowercased: UInt8 = 0xFC
        static let endSurface: UInt8 = 0xFD
        static let endStored: UInt8 = 0xFE
        static let termEnd: UInt8 = 0xFF
    }

    /// Whether `b` ends a token that ends by itself: an ASCII byte other than a letter or digit.
    @inline(__always)
    static func endsToken(_ b: UInt8) -> Bool {
        b < 0x80 && !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A))
    }

    @inline(__always)
    static func asciiLowercased(_ b: UInt8) -> UInt8 { b &+ (b >= 0x41 && b <= 0x5A ? 0x20 : 0) }

    private enum Spelling { case lowercased, surface, stored }

    /// Appends one sentence of a document body to `out`.
    static func appendSentence(_ sentence: StoredSentence, to out: inout [UInt8]) {
        let tokens = sentence.tokens
        var text = sentence.text
        text.withUTF8 { t in
            var cursor = 0
            for token in tokens {
                guard token.range.lowerBound >= cursor, token.range.upperBound <= t.count else {
                    appendExplicit(t, tokens, to: &out)
                    return
                }
                cursor = token.range.upperBound
            }
            cursor = 0
            for (k, token) in tokens.enumerated() {
                let a = token.range.lowerBound, b = token.range.upperBound
                out.append(contentsOf: t[cursor..<a])
                let surface = UnsafeBufferPointer(rebasing: t[a..<b])
                let spelling = spelling(of: token.term, surface: surface)
                // The natural end: the next token's start, the sentence's end or an ASCII non-alphanumeric byte.
                let next = k + 1 < tokens.count ? tokens[k + 1].range.lowerBound : t.count
                var natural = a
                while natural < t.count, natural != next, !endsToken(t[natural]) { natural += 1 }
                let content: UInt8 = token.isContent ? 1 : 0
                if spelling == .lowercased && natural == b {
                    out.append(Marker.naturalStart | content)
                    out.append(contentsOf: surface)
                } else {
                    out.append(Marker.markedStart | content)
                    out.append(contentsOf: surface)
                    switch spelling {
                    case .lowercased: out.append(Marker.endLowercased)
                    case .surface: out.append(Marker.endSurface)
                    case .stored:
                        out.append(Marker.endStored)
                        out.append(contentsOf: token.term.utf8)
                        out.append(Marker.termEnd)
                    }
                }
                cursor = b
            }
            out.append(contentsOf: t[cursor..<t.count])
            out.append(Marker.sentenceEnd)
        }
    }

    /// How `term` is spelled against `surface`: as its ASCII lowercase (checked first), as it, or neither.
    private static func spelling(of term: String, surface: UnsafeBufferPointer<UInt8>) -> Spelling {
        var lower = true, same = true, count = 0
        for b in term.utf8 {
            guard count < surface.count else { return .stored }
            let s = surface[count]
            if b != asciiLowercased(s) { lower = false }
            if b != s { same = false }
            if !lower && !same { return .stored }
            count += 1
        }
        guard count == surface.count else { return .stored }
        return lower ? .lowercased : .surface
    }

    /// The explicit form of a sentence (tokens that cannot be marked inline).
    private static func appendExplicit(_ text: UnsafeBufferPointer<UInt8>, _ tokens: [StoredToken], to out: inout [UInt8]) {
        out.append(Marker.explicitSentence)
        appendVarint(UInt64(text.count), to: &out)
        out.append(contentsOf: text)
        appendVarint(UInt64(tokens.count), to: &out)
        for token in tokens {
            appendVarint(zigzag(token.range.lowerBound), to: &out)
            appendVarint(zigzag(token.range.upperBound), to: &out)
            out.append(token.isContent ? 1 : 0)
            appendVarint(UInt64(token.term.utf8.count), to: &out)
            out.append(contentsOf: token.term.utf8)
        }
    }

    /// A signed value as an unsigned one, small magnitudes small (bit patterns only: no overflow).
    static func zigzag(_ n: Int) -> UInt64 {
        UInt64(bitPattern: Int64(n) << 1) ^ UInt64(bitPattern: Int64(n) >> 63)
    }

    static func unzigzag(_ u: UInt64) -> Int64 {
        Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    /// Decodes the sentence at `position` of a body (advanced past it).
    static func decodeSentence(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) throws -> StoredSentence {
        if bytes[position] == Marker.explicitSentence {
            position += 1
            return try decodeExplicit(bytes, &position)
        }
        var text: [UInt8] = []
        var tokens: [StoredToken] = []
        // The open token: where it starts, whether it is content, whether an end marker closes it.
        var open: (start: Int, content: Bool, marked: Bool)?
        func close(_ term: String) {
            if let o = open { tokens.append(StoredToken(term: term, range: o.start..<text.count, isContent: o.content)) }
            open = nil
        }
        func lowercasedSurface() -> String {
            let start = open?.start ?? text.count
            return String(unsafeUninitializedCapacity: text.count - start) { out in
                for i in start..<text.count { out[i - start] = asciiLowercased(text[i]) }
                return text.count - start
            }
        }
        func surface() -> String { String(decoding: text[(open?.start ?? text.count)...], as: UTF8.self) }
        while true {
            guard position < bytes.count else { throw BodyError(reason: "a sentence is not terminated") }
            let b = bytes[position]
            position += 1
            switch b {
            case Marker.sentenceEnd:
                if let o = open {
                    guard !o.marked else { throw BodyError(reason: "a marked token is not closed") }
                    close(lowercasedSurface())
                }
                return StoredSentence(text: String(decoding: text, as: UTF8.self), tokens: tokens)
            case Marker.naturalStart, Marker.naturalStart | 1, Marker.markedStart, Marker.markedStart | 1:
                if let o = open {
                    guard !o.marked else { throw BodyError(reason: "tokens overlap") }
                    close(lowercasedSurface())
                }
                open = (text.count, b & 1 == 1, b >= Marker.markedStart)
            case Marker.endLowercased, Marker.endSurface:
                guard open?.marked == true else { throw BodyError(reason: "a token end without its start") }
                close(b == Marker.endSurface ? surface() : lowercasedSurface())
            case Marker.endStored:
                guard open?.marked == true else { throw BodyError(reason: "a token end without its start") }
                var end = position
                while end < bytes.count && bytes[end] != Marker.termEnd { end += 1 }
                guard end < bytes.count else { throw BodyError(reason: "a term is not terminated") }
                close(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self))
                position = end + 1
            case 0xC0, 0xC1, 0xF6...0xFF:
                throw BodyError(reason: "unexpected byte \(b) in a sentence")
            default:
                if let o = open, !o.marked, endsToken(b) { close(lowercasedSurface()) }
                text.append(b)
            }
        }
    }

    /// A sentence in explicit form (after its F6).
    private static func decodeExplicit(_ bytes: UnsafeRawBufferPointer, _ position: inout Int) throws -> StoredSentence {
        func count() throws -> Int {
            guard let n = varint(bytes, &position), n <= UInt64(bytes.count - position) else {
                throw BodyError(reason: "a sentence runs past the body")
            }
            return Int(n)
        }
        func string() throws -> String {
            let n = try count()
            defer { position += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
        }
        let text = try string()
        let n = try count()   // each token takes at least 4 bytes, so n is bounded by the body's size
        var tokens: [StoredToken] = []
        tokens.reserveCapacity(n)
        for _ in 0..<n {
            guard let lower = varint(bytes, &position).map(unzigzag), let upper = varint(bytes, &position).map(unzigzag),
                  let a = Int(exactly: lower), let b = Int(exactly: upper), a <= b, position < bytes.count else {
                throw BodyError(reason: "a token's offsets are damaged")
            }
            let flag = bytes[position]
            position += 1
            guard flag <= 1 else { throw BodyError(reason: "a token's flag is damaged") }
            tokens.append(StoredToken(term: try string(), range: a..<b, isContent: flag == 1))
        }
        return StoredSentence(text: text, tokens: tokens)
    }
}
