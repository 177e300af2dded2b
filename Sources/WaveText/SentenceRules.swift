/// How sentences are found.
public enum SentenceSegmentation: String, Sendable, Hashable, Codable {
    /// ICU sentence break (UAX #29), then the abbreviation rule. The default.
    case icu
    /// A one-pass rule over the bytes that follows UAX #29 for common text:
    /// a sentence ends after `.`, `!` or `?` (and closing quotes or brackets)
    /// followed by white space and not by a lower-case letter, after `。`,
    /// `！`, `？` right away, and at every line break; then the abbreviation
    /// rule. About as fast as reading the text once.
    case rules
}

enum SentenceRules {
    /// Sentence ends (UTF-8 offsets, each after the trailing white space);
    /// the last one is the end of the text.
    static func ends(_ bytes: [UInt8]) -> [Int] {
        var ends: [Int] = []
        let n = bytes.count
        guard n > 0 else { return [] }
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < n {
                let c = b[i]
                if c >= 0x40 && c < 0x80 || c == 0x20 || (c >= 0x80 && c < 0xC0) { i += 1; continue }   // letters, spaces, continuation bytes
                var after = -1        // position right after a terminator (and closers)
                var needsSpace = true
                if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") {
                    after = i + 1
                    while after < n, b[after] == UInt8(ascii: ".") || b[after] == UInt8(ascii: "!") || b[after] == UInt8(ascii: "?") { after += 1 }
                } else if c == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x82 {   // 。
                    after = i + 3; needsSpace = false
                } else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x81 || b[i + 2] == 0x9F { // ！ ？
                    after = i + 3; needsSpace = false
                } else if c == 0x0A || c == 0x0D || (c == 0xE2 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0xA9) {
                    var j = i + (c == 0xE2 ? 3 : 1)
                    if c == 0x0D && j < n && b[j] == 0x0A { j += 1 }
                    if j < n { ends.append(j) }
                    i = j
                    continue
                }
                guard after > 0 else { i += 1; continue }
                // Closing quotes and brackets.
                while after < n {
                    let d = b[after]
                    if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") || d == UInt8(ascii: ")") || d == UInt8(ascii: "]") {
                        after += 1
                    } else if d == 0xE2, after + 2 < n, b[after + 1] == 0x80, b[after + 2] == 0x9D || b[after + 2] == 0x99 {
                        after += 3   // ” ’
                    } else if d == 0xE3, after + 2 < n, b[after + 1] == 0x80, b[after + 2] == 0x8D || b[after + 2] == 0x8F {
                        after += 3   // 」 』
                    } else if d == 0xEF, after + 2 < n, b[after + 1] == 0xBC, b[after + 2] == 0x89 {
                        after += 3   // ）
                    } else { break }
                }
                var j = after
                while j < n, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
                if j < n, b[j] == 0x0A || b[j] == 0x0D {   // one line break belongs to the sentence
                    j += (b[j] == 0x0D && j + 1 < n && b[j + 1] == 0x0A) ? 2 : 1
                }
                if needsSpace {
                    if j == after && j < n { i = after; continue }        // "3.5", "U.S"
                    if j < n, b[j] >= 0x61 && b[j] <= 0x7A { i = j; continue }   // "e.g. the"
                }
                if j < n { ends.append(j) }
                i = j
            }
        }
        ends.append(n)
        return ends
    }
}
