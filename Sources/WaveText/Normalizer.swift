/// Turns a token's surface into its term: NFKC + Unicode case folding, with
/// `’` folded to `'`.
///
/// Most tokens skip ICU: ASCII only needs lowercasing, and Hangul syllables,
/// kana and CJK ideographs are unchanged by NFKC_Casefold, so a token made
/// of those (plus ASCII) is copied. Everything else (full-width Latin,
/// half-width katakana, accented capitals, ligatures...) goes through ICU.
enum Normalizer {
    /// The term of `b[range]`, whose text is `surface`.
    static func term(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, surface: String) -> String {
        var upper = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            if c >= 0x80 {
                return nonASCII(b, range, surface: surface)
            }
            if c >= 0x41 && c <= 0x5A { upper = true }
            i += 1
        }
        guard upper else { return surface }
        return lowercasedASCII(b, range)
    }

    /// The term of a string (a MeCab base form, a phrase).
    static func term(_ s: String) -> String {
        var copy = s
        return copy.withUTF8 { b in term(b, 0..<b.count, surface: s) }
    }

    private static func lowercasedASCII(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            var k = 0
            for i in range {
                let c = b[i]
                out[k] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                k += 1
            }
            return k
        }
    }

    private static func nonASCII(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, surface: String) -> String {
        var i = range.lowerBound
        var changes = false   // an upper-case letter or a curly apostrophe
        while i < range.upperBound {
            let c = b[i]
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A { changes = true }
                i += 1
                continue
            }
            let (v, w) = decodeScalar(b, i)
            switch fold(v) {
            case .stable: break
            case .changes: changes = true
            case .icu:
                var folded = ICU.foldedNFKC(surface)
                if folded.utf8.contains(0xE2) { folded = folded.replacingApostrophes() }
                return folded
            }
            i += w
        }
        return changes ? folded(b, range) : surface
    }

    /// What NFKC_Casefold (then `’` → `'`) does to a scalar.
    private enum Fold { case stable, changes, icu }

    @inline(__always)
    private static func fold(_ v: UInt32) -> Fold {
        if isStable(v) { return .stable }
        switch v {
        case 0xE0...0xF6, 0xF8...0xFF: return .stable                  // Latin-1 lower case
        case 0xC0...0xD6, 0xD8...0xDE: return .changes                 // Latin-1 upper case: + 0x20
        case 0x2018, 0x2019: return .changes                           // ‘ ’ → '
        default: return .icu
        }
    }

    /// Scalars that NFKC_Casefold leaves as they are (a safe subset).
    @inline(__always)
    private static func isStable(_ v: UInt32) -> Bool {
        switch v {
        case 0xAC00...0xD7A3,            // Hangul syllables
             0x3041...0x3096, 0x309D...0x309E, // hiragana
             0x30A1...0x30FA, 0x30FC...0x30FE, // katakana (ー, ヽ, ヾ)
             0x4E00...0x9FFF, 0x3400...0x4DBF, // CJK ideographs
             0x3005, 0x3006:                   // 々 〆
            return true
        default:
            return false
        }
    }

    /// `b[range]` folded without ICU: every scalar in it is ASCII or
    /// ``fold(_:)`` is not `.icu`.
    private static func folded(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            var k = 0
            var i = range.lowerBound
            while i < range.upperBound {
                let c = b[i]
                if c < 0x80 {
                    out[k] = (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
                    k += 1; i += 1
                } else if c == 0xC3 && b[i + 1] >= 0x80 && b[i + 1] <= 0x9E && b[i + 1] != 0x97 {
                    out[k] = 0xC3; out[k + 1] = b[i + 1] + 0x20   // À → à (U+00C0-00DE but ×)
                    k += 2; i += 2
                } else if c == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x98 || b[i + 2] == 0x99) {
                    out[k] = UInt8(ascii: "'")
                    k += 1; i += 3
                } else {
                    out[k] = c
                    k += 1; i += 1
                }
            }
            return k
        }
    }

    /// Words whose `'s` is a contraction of "is"/"has"/"us", not a possessive.
    static let contractionStems: Set<[UInt8]> = Set([
        "it", "he", "she", "that", "what", "there", "here", "who", "where", "how", "let", "when", "why",
        "this", "everyone", "everything", "nobody", "nothing", "somebody", "someone", "something",
    ].map { Array($0.utf8) })

    /// Whether `b[range]` (ASCII, any case) is a contraction stem.
    static func isContraction(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= 10 else { return false }
        return contractionStems.contains(b[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
    }

    static func isContraction(_ stem: [UInt8]) -> Bool { contractionStems.contains(stem) }

    /// Drops an English possessive `'s` (`google's` → `google`); `’` is
    /// already `'` in a term.
    static func droppingPossessive(_ term: String) -> String {
        let u = Array(term.utf8)
        guard u.count > 2, u[u.count - 1] == UInt8(ascii: "s"), u[u.count - 2] == UInt8(ascii: "'") else { return term }
        return String(decoding: u[..<(u.count - 2)], as: UTF8.self)
    }
}

extension String {
    /// `’` (U+2019) and `‘` (U+2018) as `'`.
    func replacingApostrophes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar == "\u{2019}" || scalar == "\u{2018}" { out.unicodeScalars.append("'") }
            else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

/// English abbreviations that keep their period, and the sentence breaks they
/// must not cause.
enum Abbreviations {
    /// Lowercased abbreviations written without inner periods.
    static let words: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "ltd", "co", "corp", "vs", "etc",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gov", "gen", "sen", "rep", "rev", "mt", "ft", "dept", "univ", "assn", "bros", "capt", "col",
        "lt", "sgt", "cpl", "hon", "pres", "est", "approx", "fig", "vol", "no", "ave", "blvd", "rd",
    ]
    /// Titles after which a sentence never ends.
    static let titles: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "st", "capt", "col", "lt", "sgt", "gen", "sen", "rep", "rev", "hon", "pres", "mt"]

    /// `words` and `titles` as packed keys (see ``key(_:_:)``), so that the
    /// per-token checks neither build a String nor hash one.
    static let wordKeys: Set<UInt64> = Set(words.map { key(Array($0.utf8), 0..<$0.utf8.count)! })
    static let titleKeys: Set<UInt64> = Set(titles.map { key(Array($0.utf8), 0..<$0.utf8.count)! })

    /// The lowercased ASCII bytes of `bytes[range]` packed into an integer,
    /// or nil when the range is empty or longer than 8 bytes (no entry is).
    @inline(__always)
    static func key(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 8 else { return nil }
        var k: UInt64 = 0
        for i in range {
            let c = bytes[i]
            k = k << 8 | UInt64(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        return k
    }

    /// Whether the word at `range` (followed by a period) is an abbreviation:
    /// it has inner periods (`U.S`, `e.g`), is a single capital letter (an
    /// initial), or is on the list.
    static func takesPeriod(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let n = range.count
        guard n <= 12 else { return false }
        var hasDot = false
        for i in range {
            let c = bytes[i]
            if c == UInt8(ascii: ".") { hasDot = true; continue }
            if !((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) { return false }
        }
        if hasDot { return true }
        if n == 1 { return bytes[range.lowerBound] >= 0x41 && bytes[range.lowerBound] <= 0x5A && bytes[range.lowerBound] != UInt8(ascii: "I") }
        guard let word = key(bytes, range) else { return false }
        if word == 0x6E6F {   // "no"
            // "No. 5", not "I said no."
            let after = range.upperBound + 1
            return after + 1 < bytes.count && bytes[after] == UInt8(ascii: " ") && bytes[after + 1] >= 0x30 && bytes[after + 1] <= 0x39
        }
        return wordKeys.contains(word)
    }

    /// Removes sentence ends that follow a title (`Dr.`, `Mr.`) or a dotted
    /// abbreviation (`U.S.`, `e.g.`), or another abbreviation (`Inc.`,
    /// `etc.`) when the next sentence starts in lower case.
    static func mergeSentences(_ ends: [Int], bytes: [UInt8]) -> [Int] {
        guard ends.count > 1 else { return ends }
        var out: [Int] = []
        out.reserveCapacity(ends.count)
        for (k, end) in ends.enumerated() {
            if k == ends.count - 1 { out.append(end); break }
            // Last non-space byte before the end.
            var j = end
            while j > 0 && isASCIISpace(bytes[j - 1]) { j -= 1 }
            guard j > 0, bytes[j - 1] == UInt8(ascii: ".") else { out.append(end); continue }
            var s = j - 1
            while s > 0 && (isASCIIAlnum(bytes[s - 1]) || bytes[s - 1] == UInt8(ascii: ".")) { s -= 1 }
            guard s < j - 1 else { out.append(end); continue }
            let word = s..<(j - 1)
            var next = end
            while next < bytes.count && isASCIISpace(bytes[next]) { next += 1 }
            let lowerNext = next < bytes.count && bytes[next] >= 0x61 && bytes[next] <= 0x7A
            let dotted = word.count <= 8 && bytes[word].contains(UInt8(ascii: "."))   // U.S, e.g, i.e, a.m
            let packed = key(bytes, word)
            if dotted || packed.map({ titleKeys.contains($0) || (lowerNext && wordKeys.contains($0)) }) == true {
                continue   // no break here
            }
            out.append(end)
        }
        return out
    }
}
