// MARK: - Joins: hyphenated words, number groups, glued Korean words, abbreviations

extension Tokenizer {
    /// Joins hyphenated words, number groups and (Korean) glued words, and
    /// gives abbreviations their period.
    func joinPass(_ raws: inout [Raw], from first: Int, bytes: [UInt8], language: Language) {
        guard raws.count > first else { return }
        let korean = language == .korean
        let n = raws.count
        let kept = raws.withUnsafeMutableBufferPointer { r in
            bytes.withUnsafeBufferPointer { b in
                var out = first
                var i = first
                while i < n {
                    var cur = r[i]
                    i += 1
                    while i < n {
                        let next = r[i]
                        guard cur.kind == .word || cur.kind == .number, next.kind == .word || next.kind == .number else { break }
                        let gap = next.range.lowerBound - cur.range.upperBound
                        if gap == 1 {
                            let c = b[cur.range.upperBound]
                            let digits = isDigit(b[cur.range.upperBound - 1]) && isDigit(b[next.range.lowerBound])
                            if c == UInt8(ascii: "-") || ((c == UInt8(ascii: ":") || c == UInt8(ascii: "/")) && digits) {
                                cur.range = cur.range.lowerBound..<next.range.upperBound
                                if next.kind == .word { cur.kind = .word }
                                i += 1
                                continue
                            }
                        } else if gap == 0 && korean {
                            cur.range = cur.range.lowerBound..<next.range.upperBound
                            cur.kind = .word
                            i += 1
                            continue
                        }
                        break
                    }
                    if cur.kind == .word, cur.range.upperBound < b.count, b[cur.range.upperBound] == UInt8(ascii: "."),
                       Abbreviations.takesPeriod(bytes, cur.range) {
                        cur.range = cur.range.lowerBound..<(cur.range.upperBound + 1)
                    }
                    r[out] = cur
                    out += 1
                }
                return out
            }
        }
        raws.removeSubrange(kept..<n)
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
