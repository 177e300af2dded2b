// MARK: - Word break: ICU, ASCII chunks and the special spans

extension Tokenizer {
    /// ICU word break over `b[range]`: words, numbers and emoji become raw
    /// segments (spaces and punctuation are left out).
    static func icuSegment(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, locale: String,
                            ends: inout [Int32], statuses: inout [Int32], into raws: inout [Raw]) {
        let slice = UnsafeBufferPointer(rebasing: b[range])
        let n = ICU.wordBreaks(utf8: slice, locale: locale, ends: &ends, statuses: &statuses)
        let base = range.lowerBound
        ends.withUnsafeBufferPointer { e in
            statuses.withUnsafeBufferPointer { st in
                var s = base
                for k in 0..<n {
                    let end = base + Int(e[k])
                    defer { s = end }
                    let kind: TokenKind
                    switch st[k] {
                    case 100..<200: kind = .number
                    case 200..<500: kind = .word
                    default:
                        guard b[s] >= 0xE2, Tokenizer.isEmoji(b, s, end) else { continue }
                        kind = .emoji
                    }
                    raws.append(Raw(range: s..<end, kind: kind))
                }
            }
        }
    }

    /// Word break chunk by chunk (chunks are cut at ASCII white space, where
    /// ICU always breaks): chunks of ASCII bytes are segmented by
    /// ``ASCIIWordBreak`` with ICU's result, each run of other chunks by one
    /// ICU call. One pass: a chunk is segmented as ASCII as it is read, and its
    /// segments are taken back if a byte of it turns out not to be ASCII.
    static func hybridSegment(_ bytes: [UInt8], locale: String,
                              ends: inout [Int32], statuses: inout [Int32], into raws: inout [Raw]) {
        bytes.withUnsafeBufferPointer { b in
            ASCIIWordBreak.classes.withUnsafeBufferPointer { tb in
                let t = tb.baseAddress!
                let n = b.count
                var i = 0
                var pending = -1, pendingEnd = 0   // a run of non-ASCII chunks not yet given to ICU
                while i < n {
                    while i < n && t[Int(b[i])] == ASCIIWordBreak.space { i += 1 }
                    guard i < n else { break }
                    let start = i
                    let mark = raws.count
                    var ascii = true
                    while i < n {
                        let c = t[Int(b[i])]
                        if c == ASCIIWordBreak.space { break }
                        if c == ASCIIWordBreak.nonASCII { ascii = false; break }
                        if c < ASCIIWordBreak.letter || c > ASCIIWordBreak.underscore { i += 1; continue }
                        let (end, status) = ASCIIWordBreak.segment(b, from: i, classes: t)
                        if status != 0 { raws.append(Raw(range: i..<end, kind: status < 200 ? .number : .word)) }
                        i = end
                    }
                    if !ascii {
                        raws.removeSubrange(mark...)
                        while i < n && t[Int(b[i])] != ASCIIWordBreak.space { i += 1 }
                        if pending < 0 { pending = start }
                        pendingEnd = i
                    } else if pending >= 0 {
                        // The ICU run comes first.
                        let chunk = Array(raws[mark...])
                        raws.removeSubrange(mark...)
                        Tokenizer.icuSegment(b, pending..<pendingEnd, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
                        raws.append(contentsOf: chunk)
                        pending = -1
                    }
                }
                if pending >= 0 {
                    Tokenizer.icuSegment(b, pending..<pendingEnd, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
                }
            }
        }
    }

    /// Word and number segments (and emoji) of `text` as (range, kind):
    /// by ICU alone, or chunk by chunk as the tokenizer does for languages
    /// other than Japanese. For tests: the two must agree.
    static func wordSegments(_ text: String, locale: String, hybrid: Bool) -> [(Range<Int>, TokenKind)] {
        let bytes = Array(text.utf8)
        var raws: [Raw] = []
        var ends: [Int32] = [], statuses: [Int32] = []
        if hybrid {
            hybridSegment(bytes, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
        } else {
            bytes.withUnsafeBufferPointer { icuSegment($0, 0..<$0.count, locale: locale, ends: &ends, statuses: &statuses, into: &raws) }
        }
        return raws.map { ($0.range, $0.kind) }
    }

    /// Puts special spans in place of the segments they overlap; a segment
    /// that starts before a span keeps its part before it.
    static func overlay(_ specials: [SpecialSpans.Span], on raws: inout [Raw]) {
        var out: [Raw] = []
        out.reserveCapacity(raws.count)
        var k = 0
        for var raw in raws {
            while k < specials.count && specials[k].range.upperBound <= raw.range.lowerBound {
                out.append(Raw(range: specials[k].range, kind: specials[k].kind))
                k += 1
            }
            if k < specials.count && specials[k].range.lowerBound < raw.range.upperBound {
                // Overlaps the span: keep only a part before it.
                guard raw.range.lowerBound < specials[k].range.lowerBound else { continue }
                raw.range = raw.range.lowerBound..<specials[k].range.lowerBound
            }
            out.append(raw)
        }
        while k < specials.count {
            out.append(Raw(range: specials[k].range, kind: specials[k].kind))
            k += 1
        }
        raws = out
    }

    static func hasAlphanumeric(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            if c < 0x80 {
                if isASCIIAlnum(c) { return true }
                i += 1
                continue
            }
            let (v, w) = decodeScalar(b, i)
            switch v {
            case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7A3,
                 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF66...0xFF9F:
                return true   // kana, ideographs, Hangul, full-width alphanumerics
            case 0x3000...0x3004, 0x3008...0x3020, 0x30FB, 0xFF01...0xFF0F:
                i += w        // CJK punctuation
                continue
            default: break
            }
            if let s = Unicode.Scalar(v) {
                let p = s.properties
                if p.isAlphabetic || p.numericType != nil { return true }
            }
            i += w
        }
        return false
    }

    /// Whether the segment `b[start..<end]` is an emoji: its first scalar
    /// (at or above U+2190) has emoji presentation, or is an emoji followed
    /// somewhere in the segment by the variation selector U+FE0F.
    static func isEmoji(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        let v = decodeScalar(b, start).value
        guard v >= 0x2190, let first = Unicode.Scalar(v) else { return false }
        if first.properties.isEmojiPresentation { return true }
        guard first.properties.isEmoji else { return false }
        var i = start
        while i + 3 <= end {
            if b[i] == 0xEF && b[i + 1] == 0xB8 && b[i + 2] == 0x8F { return true }   // U+FE0F
            i += 1
        }
        return false
    }
}
