internal import CICUShim

/// The only file of WaveText that calls ICU (through the C shim).
enum ICU {
    /// Segment ends and rule statuses from ICU's word break iterator.
    static func wordBreaks(_ utf16: [UInt16], locale: String) -> (ends: [Int32], statuses: [Int32]) {
        guard !utf16.isEmpty, utf16.count < Int(Int32.max) else { return ([], []) }
        var capacity = utf16.count / 3 + 16
        while true {
            var ends = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            var needed: Int32 = 0
            let n = utf16.withUnsafeBufferPointer { text in
                cicu_word_breaks_cached(text.baseAddress, Int32(text.count), locale,
                                 &ends, &statuses, Int32(capacity), &needed)
            }
            if n >= 0 { return (Array(ends.prefix(Int(n))), Array(statuses.prefix(Int(n)))) }
            if n == CICU_BUFFER_TOO_SMALL { capacity = Int(needed); continue }
            return ([], [])
        }
    }

    /// Word breaks over UTF-8 text, as UTF-8 end offsets (relative to the
    /// text) and rule statuses written into reusable buffers. ICU reads
    /// UTF-16: the shim converts the text into a per-thread scratch buffer and
    /// maps the offsets back, so no offset table is kept. One ICU call.
    static func wordBreaks(utf8 text: UnsafeBufferPointer<UInt8>, locale: String,
                           ends: inout [Int32], statuses: inout [Int32]) -> Int {
        guard text.count > 0, text.count < Int(Int32.max) else { return 0 }
        // A segment holds at least one byte: `text.count` entries always suffice.
        let capacity = text.count + 1
        if ends.count < capacity {
            // ICU writes every entry it returns: no need to zero them.
            ends = [Int32](unsafeUninitializedCapacity: capacity) { _, n in n = capacity }
            statuses = [Int32](unsafeUninitializedCapacity: capacity) { _, n in n = capacity }
        }
        var needed: Int32 = 0
        let n = ends.withUnsafeMutableBufferPointer { e in
            statuses.withUnsafeMutableBufferPointer { st in
                cicu_word_breaks_utf8(text.baseAddress, Int32(text.count), locale,
                                      e.baseAddress, st.baseAddress, Int32(capacity), &needed)
            }
        }
        return max(0, Int(n))
    }

    /// Sentence ends. With `suppressAbbreviations`, ICU's "ss=standard"
    /// filter keeps "Mr." and "U.S." inside a sentence, but ICU 72 rebuilds
    /// that filter on every call (most of the tokenizer's time on short
    /// documents), so the tokenizer passes false and applies its own
    /// abbreviation rule (``Abbreviations/mergeSentences(_:bytes:)``).
    static func sentenceBreaks(_ utf16: [UInt16], locale: String, suppressAbbreviations: Bool = false) -> [Int32] {
        guard !utf16.isEmpty, utf16.count < Int(Int32.max) else { return [] }
        var capacity = utf16.count / 40 + 16
        while true {
            var ends = [Int32](repeating: 0, count: capacity)
            var needed: Int32 = 0
            let n = utf16.withUnsafeBufferPointer { text in
                cicu_sentence_breaks_cached(text.baseAddress, Int32(text.count), locale, suppressAbbreviations ? 1 : 0,
                                     &ends, Int32(capacity), &needed)
            }
            if n >= 0 { return Array(ends.prefix(Int(n))) }
            if n == CICU_BUFFER_TOO_SMALL { capacity = Int(needed); continue }
            return [Int32(utf16.count)]
        }
    }

    /// NFKC with case folding; returns the input unchanged if ICU fails.
    static func foldedNFKC<S: StringProtocol>(_ s: S) -> String {
        normalize(s, casefold: true)
    }

    /// NFKC without case folding.
    static func nfkc<S: StringProtocol>(_ s: S) -> String {
        normalize(s, casefold: false)
    }

    private static func normalize<S: StringProtocol>(_ s: S, casefold: Bool) -> String {
        // Fast path: ASCII needs only lowercasing.
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return casefold ? String(s).lowercased() : String(s)
        }
        let src = Array(s.utf16)
        var capacity = src.count + src.count / 2 + 8
        while true {
            var dst = [UInt16](repeating: 0, count: capacity)
            var needed: Int32 = 0
            let n = src.withUnsafeBufferPointer { p in
                casefold
                    ? cicu_nfkc_casefold(p.baseAddress, Int32(p.count), &dst, Int32(capacity), &needed)
                    : cicu_nfkc(p.baseAddress, Int32(p.count), &dst, Int32(capacity), &needed)
            }
            if n >= 0 { return String(decoding: dst.prefix(Int(n)), as: UTF16.self) }
            if n == CICU_BUFFER_TOO_SMALL { capacity = Int(needed) + 1; continue }
            return String(s)
        }
    }
}
