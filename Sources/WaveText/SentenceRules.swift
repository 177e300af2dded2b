/// How sentences are found.
///
/// `.rules` is the default since it finds the same sentence ends as ICU on
/// the data we measure (UD EWT/GSD/Kaist test sets, 10 sentences per
/// document, scored against the gold sentence boundaries: English F1 0.773
/// vs 0.772 for ICU, Japanese 0.970 both, Korean 0.9998 both; on Wikinews
/// and livedoor articles 99.98–100 % of ends agree) and saves a second ICU
/// pass over the text (about 8 % of the tokenizer's time on English).
/// Token spans and terms do not depend on the choice, except that MeCab
/// reads Japanese one sentence at a time.
public enum SentenceSegmentation: String, Sendable, Hashable, Codable {
    /// ICU sentence break (UAX #29), then the abbreviation rule.
    case icu
    /// A one-pass rule over the bytes that follows UAX #29 for common text:
    /// a sentence ends after `.`, `!` or `?` (and closing quotes or brackets)
    /// followed by white space and not by a lower-case letter, after `。`,
    /// `！`, `？` right away, and at every line break; then the abbreviation
    /// rule. About as fast as reading the text once. The default.
    case rules
}

enum SentenceRules {
    /// Sentence ends (UTF-8 offsets, each after the trailing white space and
    /// one paragraph separator, as ICU puts them); the last one is the end
    /// of the text. Follows UAX #29: `!` and `?` end a sentence unless a
    /// comma, colon or semicolon follows; `.` does not before a digit
    /// (`3.5`), between letters and a capital (`U.S`), or when the next word
    /// starts in lower case.
    static func ends(_ bytes: [UInt8]) -> [Int] {
        var ends: [Int] = []
        let n = bytes.count
        guard n > 0 else { return [] }
        bytes.withUnsafeBufferPointer { b in
            let raw = UnsafeRawPointer(b.baseAddress!)
            var i = 0
            var nextTry = 0   // after a window that matters, its bytes one by one
            while i < n {
                // Eight bytes at a time through plain ASCII text.
                if i >= nextTry && i + 8 <= n {
                    if !mayMatter(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8; continue }
                    nextTry = i + 8
                }
                let c = b[i]
                if c >= 0x40 && c < 0x80 || c == 0x20 || (c >= 0x80 && c < 0xC0) { i += 1; continue }
                guard let (after, aTerm) = terminator(b, at: i) else {
                    let w = paraSep(b, i)
                    if w > 0 {
                        if i + w < n { ends.append(i + w) }
                        i += w
                        continue
                    }
                    i += 1
                    continue
                }
                let (end, next) = sentenceEnd(b, terminatorAt: i, after: after, aTerm: aTerm)
                if let end { ends.append(end) }
                i = next
            }
        }
        ends.append(n)
        return ends
    }

    /// The terminator at `i` (`.`, `!`, `?`, `。`, `！`, `？`, `．`, `।`, `॥`, `؟`, `۔`):
    /// the offset after it and whether it is a full stop, or nil.
    @inline(__always)
    static func terminator(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (after: Int, aTerm: Bool)? {
        let n = b.count
        let c = b[i]
        if c == UInt8(ascii: ".") {
            return (i + 1, true)
        } else if c == UInt8(ascii: "!") || c == UInt8(ascii: "?") {
            return (i + 1, false)
        } else if c == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x82 {        // 。
            return (i + 3, false)
        } else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x81 || b[i + 2] == 0x9F || b[i + 2] == 0x8E { // ！ ？ ．
            return (i + 3, false)
        } else if c == 0xE0, i + 2 < n, b[i + 1] == 0xA5, b[i + 2] == 0xA4 || b[i + 2] == 0xA5 {    // । ॥
            return (i + 3, false)
        } else if (c == 0xD8 && i + 1 < n && b[i + 1] == 0x9F) || (c == 0xDB && i + 1 < n && b[i + 1] == 0x94) { // ؟ ۔
            return (i + 2, false)
        }
        return nil
    }

    /// After the terminator at `i` (ending at `after`): the sentence end it
    /// makes (nil: none, UAX #29 goes on) and where the scan resumes.
    @inline(__always)
    static func sentenceEnd(_ b: UnsafeBufferPointer<UInt8>, terminatorAt i: Int, after start: Int,
                            aTerm isFullStop: Bool) -> (end: Int?, next: Int) {
        let n = b.count
        var after = start, aTerm = isFullStop
        // More terminators ("?!", "...") belong to the same end.
        while after < n {
            let d = b[after]
            if d == UInt8(ascii: ".") || d == UInt8(ascii: "!") || d == UInt8(ascii: "?") {
                if d != UInt8(ascii: ".") { aTerm = false }
                after += 1
            } else if d == 0xE3, after + 2 < n, b[after + 1] == 0x80, b[after + 2] == 0x82 { after += 3; aTerm = false }
            else if d == 0xEF, after + 2 < n, b[after + 1] == 0xBC, b[after + 2] == 0x81 || b[after + 2] == 0x9F { after += 3; aTerm = false }
            else { break }
        }
        if aTerm && after < n {
            let d = b[after]
            if d >= 0x30 && d <= 0x39 { return (nil, after) }                     // 3.5
            if d >= 0x41 && d <= 0x5A && i > 0 && ((b[i - 1] | 0x20) >= 0x61 && (b[i - 1] | 0x20) <= 0x7A) {
                return (nil, after)                                                 // U.S
            }
        }
        var j = after
        while j < n { let w = close(b, j); if w == 0 { break }; j += w }
        if j < n, j > after, isTerminator(b, j) { return (nil, j) }    // "？」。" ends once, after 。
        while j < n { let w = space(b, j); if w == 0 { break }; j += w }
        if j < n {
            let d = b[j]
            if d == UInt8(ascii: ",") || d == UInt8(ascii: ";") || d == UInt8(ascii: ":") || d == UInt8(ascii: "-") {
                return (nil, j)                                                       // SContinue
            }
            if aTerm {
                // SB8: the next letter (past anything that is not a letter,
                // terminator or paragraph separator) is lower case.
                var k = j
                while k < n, b[k] < 0x80, !((b[k] | 0x20) >= 0x61 && (b[k] | 0x20) <= 0x7A),
                      b[k] != UInt8(ascii: "."), b[k] != UInt8(ascii: "!"), b[k] != UInt8(ascii: "?"),
                      b[k] != 0x0A, b[k] != 0x0D { k += 1 }
                if k < n, b[k] >= 0x61 && b[k] <= 0x7A { return (nil, j) }        // e.g. the
            }
            j += paraSep(b, j)
        }
        return (j < n ? j : nil, max(j, i + 1))
    }

    /// Width of a paragraph separator at j (LF, CR LF, CR, NEL, U+2029), or 0.
    @inline(__always)
    static func paraSep(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let n = b.count
        let d = b[j]
        if d == 0x0A { return 1 }
        if d == 0x0D { return j + 1 < n && b[j + 1] == 0x0A ? 2 : 1 }
        if d == 0xC2, j + 1 < n, b[j + 1] == 0x85 { return 2 }
        if d == 0xE2, j + 2 < n, b[j + 1] == 0x80, b[j + 2] == 0xA9 || b[j + 2] == 0xA8 { return 3 }
        return 0
    }

    /// Width of a space at j (space, tab, NBSP, U+3000, U+2000-200A), or 0.
    @inline(__always)
    static func space(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let n = b.count
        let d = b[j]
        if d == 0x20 || d == 0x09 || d == 0x0B || d == 0x0C { return 1 }
        if d == 0xC2, j + 1 < n, b[j + 1] == 0xA0 { return 2 }
        if d == 0xE3, j + 2 < n, b[j + 1] == 0x80, b[j + 2] == 0x80 { return 3 }
        if d == 0xE2, j + 2 < n, b[j + 1] == 0x80, b[j + 2] >= 0x80 && b[j + 2] <= 0x8A { return 3 }
        return 0
    }

    /// Width of a closing punctuation mark at j, or 0.
    @inline(__always)
    static func close(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let n = b.count
        let d = b[j]
        // UAX #29 "Close": quotation marks and brackets, opening ones too.
        if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") || d == UInt8(ascii: ")") || d == UInt8(ascii: "]")
            || d == UInt8(ascii: "(") || d == UInt8(ascii: "[") || d == UInt8(ascii: "{") || d == UInt8(ascii: "}") { return 1 }
        guard j + 2 < n else { return 0 }
        if d == 0xE2, b[j + 1] == 0x80, b[j + 2] >= 0x98 && b[j + 2] <= 0x9F { return 3 }        // ‘ ’ “ ” ...
        if d == 0xE3, b[j + 1] == 0x80, b[j + 2] >= 0x88 && b[j + 2] <= 0x91 { return 3 }        // 〈〉《》「」『』【】
        if d == 0xEF, b[j + 1] == 0xBC, b[j + 2] == 0x88 || b[j + 2] == 0x89 { return 3 }        // （ ）
        return 0
    }

    /// Whether a terminator (`.`, `!`, `?`, `。`, `！`, `？`) stands at j.
    @inline(__always)
    static func isTerminator(_ b: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        let n = b.count
        let d = b[j]
        if d == UInt8(ascii: ".") || d == UInt8(ascii: "!") || d == UInt8(ascii: "?") { return true }
        guard j + 2 < n else { return false }
        return (d == 0xE3 && b[j + 1] == 0x80 && b[j + 2] == 0x82)
            || (d == 0xEF && b[j + 1] == 0xBC && (b[j + 2] == 0x81 || b[j + 2] == 0x9F))
    }

    /// Whether any byte of the eight bytes `v` is a terminator, a line
    /// break or not ASCII (no false negatives).
    @inline(__always) static func mayMatter(_ v: UInt64) -> Bool {
        @inline(__always) func hasZero(_ x: UInt64) -> Bool {
            (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
        }
        return v & 0x8080_8080_8080_8080 != 0
            || hasZero(v ^ 0x2E2E_2E2E_2E2E_2E2E) || hasZero(v ^ 0x2121_2121_2121_2121)
            || hasZero(v ^ 0x3F3F_3F3F_3F3F_3F3F) || hasZero(v ^ 0x0A0A_0A0A_0A0A_0A0A)
            || hasZero(v ^ 0x0D0D_0D0D_0D0D_0D0D)
    }
}
