/// Finds URLs, e-mail addresses, hashtags and @mentions before word
/// segmentation, so that each stays one token (a word breaker would split
/// `https://example.com/a-b` or `#韓流` into pieces).
///
/// The scan looks only at trigger bytes (`h`, `w`, `@`, `#`) at word starts,
/// so it costs one pass over the bytes.
enum SpecialSpans {
    struct Span: Equatable {
        var range: Range<Int>
        var kind: TokenKind
    }

    /// The spans in byte order, not overlapping.
    static func scan(_ bytes: [UInt8]) -> [Span] {
        var spans: [Span] = []
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            let raw = UnsafeRawPointer(b.baseAddress)
            while i < n {
                // Eight bytes at a time while none of them is a trigger byte.
                if let raw, i + 8 <= n, !mayHoldTrigger(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let c = b[i]
                // Only trigger bytes need a closer look.
                if c != UInt8(ascii: "@") && c != UInt8(ascii: "#") && (c | 0x20) != UInt8(ascii: "h") && (c | 0x20) != UInt8(ascii: "w") {
                    i += 1
                    continue
                }
                let atWordStart = i == 0 || !isWordByte(b[i - 1])
                switch c {
                case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "w"), UInt8(ascii: "W"):
                    // Most words starting with h or w are not URLs: "ht"/"ww" first.
                    guard atWordStart, i + 4 < n,
                          (b[i + 1] | 0x20) == ((c | 0x20) == UInt8(ascii: "h") ? UInt8(ascii: "t") : UInt8(ascii: "w"))
                    else { break }
                    if let end = urlEnd(b, i) {
                        spans.append(Span(range: i..<end, kind: .url)); i = end; continue
                    }
                case UInt8(ascii: "@"):
                    if i > 0, isLocalPartByte(b[i - 1]), let span = email(b, at: i, after: spans.last?.range.upperBound ?? 0) {
                        spans.append(span); i = span.range.upperBound; continue
                    }
                    if atWordStart || (i > 0 && b[i - 1] == UInt8(ascii: "@")) {
                        var j = i + 1
                        while j < n, j - i <= 50, isASCIIAlnum(b[j]) || b[j] == UInt8(ascii: "_") { j += 1 }
                        if j - i >= 2 {
                            spans.append(Span(range: i..<j, kind: .mention)); i = j; continue
                        }
                    }
                case UInt8(ascii: "#"):
                    if atWordStart, let end = hashtagEnd(b, i) {
                        spans.append(Span(range: i..<end, kind: .hashtag)); i = end; continue
                    }
                default: break
                }
                i += 1
            }
        }
        return spans
    }

    /// Whether the eight bytes `v` may start a span: they hold `@` or `#`,
    /// `ht` or `ww` in any case (URLs start `http` or `www.`), or end in `h`
    /// or `w` (the next byte is not in `v`). No false negatives; "h" and "w"
    /// alone, frequent in English, are not enough.
    @inline(__always) private static func mayHoldTrigger(_ v: UInt64) -> Bool {
        /// High bit of each byte of `x` that is zero (exact).
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 {
            ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
        }
        let folded = v | 0x2020_2020_2020_2020   // H -> h, T -> t, W -> w
        let h = zeros(folded ^ 0x6868_6868_6868_6868)
        let t = zeros(folded ^ 0x7474_7474_7474_7474)
        let w = zeros(folded ^ 0x7777_7777_7777_7777)
        // Byte k and byte k + 1 (the next byte sits 8 bits higher).
        let pairs = (h & (t >> 8)) | (w & (w >> 8)) | ((h | w) & 0x8000_0000_0000_0000)
        return pairs | zeros(v ^ 0x4040_4040_4040_4040) | zeros(v ^ 0x2323_2323_2323_2323) != 0
    }

    @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool {
        isASCIIAlnum(c) || c == UInt8(ascii: "_") || c >= 0x80 || c == UInt8(ascii: "&")
            || c == UInt8(ascii: "#") || c == UInt8(ascii: "/")
    }

    @inline(__always) private static func isLocalPartByte(_ c: UInt8) -> Bool {
        isASCIIAlnum(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "%")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
    }

    private static func hasPrefixIgnoringCase(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where (b[i + k] | 0x20) != (p[k] | 0x20) {
            // "|0x20" folds ASCII letters; ":" and "/" and "." are unchanged by it.
            return false
        }
        return true
    }

    /// End of a URL starting at `i` (`http://`, `https://` or `www.`).
    private static func urlEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j: Int
        if hasPrefixIgnoringCase(b, i, "https://") { j = i + 8 }
        else if hasPrefixIgnoringCase(b, i, "http://") { j = i + 7 }
        else if hasPrefixIgnoringCase(b, i, "www.") { j = i + 4 }
        else { return nil }
        let hostStart = j
        var parens = 0
        while j < b.count {
            let c = b[j]
            if c <= 0x20 || c >= 0x7F { break }
            switch c {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "`"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"):
                break
            case UInt8(ascii: "("): parens += 1; j += 1; continue
            case UInt8(ascii: ")"): parens -= 1; j += 1; continue
            default: j += 1; continue
            }
            break
        }
        // Trailing punctuation belongs to the sentence, not the URL.
        while j > hostStart {
            let c = b[j - 1]
            if c == UInt8(ascii: ")") && parens < 0 { parens += 1; j -= 1; continue }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || c == UInt8(ascii: ":")
                || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: "'") || c == UInt8(ascii: "]") {
                j -= 1; continue
            }
            break
        }
        guard j > hostStart, isASCIIAlnum(b[hostStart]) else { return nil }
        return j
    }

    /// An e-mail address around the `@` at `at`, starting no earlier than `after`.
    private static func email(_ b: UnsafeBufferPointer<UInt8>, at: Int, after: Int) -> Span? {
        var s = at
        let floor = max(after, at - 64)   // local parts are at most 64 bytes (RFC 5321)
        while s > floor, isLocalPartByte(b[s - 1]) { s -= 1 }
        if s == floor, s > after, isLocalPartByte(b[s - 1]) { return nil }
        while s < at, !isASCIIAlnum(b[s]) { s += 1 }   // no leading dots or dashes
        guard s < at else { return nil }
        if s > 0, b[s - 1] >= 0x80 || b[s - 1] == UInt8(ascii: "/") || b[s - 1] == UInt8(ascii: ":") { return nil }
        var e = at + 1
        while e < b.count, isASCIIAlnum(b[e]) || b[e] == UInt8(ascii: ".") || b[e] == UInt8(ascii: "-") { e += 1 }
        while e > at + 1, !isASCIIAlnum(b[e - 1]) { e -= 1 }
        guard e - at > 2, isASCIIAlnum(b[at + 1]) else { return nil }
        return Span(range: s..<e, kind: .email)
    }

    /// End of a hashtag (`#` then letters, digits, `_`; not only digits).
    private static func hashtagEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        var j = i + 1
        var letters = 0
        while j < b.count {
            let c = b[j]
            if c < 0x80 {
                if isASCIIAlnum(c) || c == UInt8(ascii: "_") {
                    if c > 0x39 { letters += 1 }
                    j += 1; continue
                }
                break
            }
            let (v, w) = decodeScalar(b, j)
            guard let scalar = Unicode.Scalar(v),
                  scalar.properties.isAlphabetic || scalar.properties.generalCategory == .decimalNumber
                    || scalar.properties.generalCategory == .nonspacingMark else { break }
            letters += 1
            j += w
        }
        return letters > 0 ? j : nil
    }
}
