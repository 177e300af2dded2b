/// How ``HTMLExtractor`` judges a `class` or `id` value: an article-body marker, furniture
/// or neither, and the price and cart marks of product pages, on the value's bytes.
extension HTMLExtractor {
    /// +1 for an article-body marker, -1 for furniture, 0 otherwise. Each
    /// space-separated class is judged alone; inside one class the most specific
    /// (last) qualifier wins ("article-body__footer" is furniture). A node is a
    /// marker if any of its classes is.
    static func classification(_ s: String) -> Int8 {
        var s = s
        return s.withUTF8 { classification(utf8: $0) }
    }

    /// ``classification(_:)`` on UTF-8 bytes (ASCII letters lowered in a
    /// temporary buffer, no heap array for short values).
    static func classification(utf8 raw: UnsafeBufferPointer<UInt8>) -> Int8 {
        judgement(utf8: raw).kind
    }

    /// ``classification(utf8:)`` and the value's price marks (``ClassCache/priceBit``:
    /// "price" in any ASCII case; ``ClassCache/cartBit``: "add-to-cart", "addtocart",
    /// "add_to_cart" or "buy-now"), all read from one lowered copy of the bytes.
    static func judgement(utf8 raw: UnsafeBufferPointer<UInt8>) -> (kind: Int8, marks: UInt8) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, raw.count)) { tmp in
            var colon = false
            for i in 0..<raw.count {
                let c = raw[i]
                tmp[i] = c >= 65 && c <= 90 ? c + 32 : c
                if c == 58 { colon = true }
            }
            let buf = UnsafeBufferPointer(rebasing: tmp[0..<raw.count])
            // The needles are lowercase ASCII: a search of the lowered bytes is the
            // ASCII-case-insensitive search of the value.
            let marks = priceMarks(lowered: buf)
            var result: Int8 = 0
            var start = 0
            // Utility-class pages ("hidden md:flex", "overflow-hidden"): a token with a
            // variant prefix or a utility name only styles the element; with a responsive
            // display variant present, "hidden" only hides it on small screens.
            let responsiveShow = colon && (TextUtil.contains(buf, ":block") || TextUtil.contains(buf, ":flex")
                || TextUtil.contains(buf, ":grid") || TextUtil.contains(buf, ":inline") || TextUtil.contains(buf, ":table"))
            for i in 0...buf.count where i == buf.count || buf[i] == 32 {
                defer { start = i + 1 }
                guard i > start else { continue }
                let token = UnsafeBufferPointer(rebasing: buf[start..<i])
                if Self.isUtilityToken(token, responsiveShow: responsiveShow) { continue }
                let k = classifyToken(token)
                if k > 0 { return (1, marks) }
                if k < 0 { result = -1 }
            }
            return (result, marks)
        }
    }

    /// ``ClassCache/priceBit`` when lowered bytes contain "price", ``ClassCache/cartBit`` when
    /// they contain "add-to-cart", "addtocart", "add_to_cart" or "buy-now": one pass, the
    /// needles tried only where their first byte is.
    static func priceMarks(lowered b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var marks: UInt8 = 0
        @inline(__always) func at(_ i: Int, _ needle: StaticString) -> Bool {
            let n = needle.utf8CodeUnitCount
            guard i + n <= b.count else { return false }
            let p = needle.utf8Start
            for k in 1..<n where b[i + k] != p[k] { return false }
            return true
        }
        var i = 0
        while i < b.count && marks != ClassCache.priceBit | ClassCache.cartBit {
            switch b[i] {
            case 112: if at(i, "price") { marks |= ClassCache.priceBit }  // p
            case 97:  // a
                if at(i, "add-to-cart") || at(i, "addtocart") || at(i, "add_to_cart") { marks |= ClassCache.cartBit }
            case 98: if at(i, "buy-now") { marks |= ClassCache.cartBit }  // b
            default: break
            }
            i += 1
        }
        return marks
    }

    /// A utility class that says nothing about content: a variant ("md:hidden",
    /// "hover:underline"), an overflow setting, also behind a framework's prefix
    /// ("overflow-x-hidden", "tw-overflow-hidden"), or "hidden" next to a responsive display.
    static func isUtilityToken(_ t: UnsafeBufferPointer<UInt8>, responsiveShow: Bool) -> Bool {
        if t.contains(58) { return true }  // ':'
        if TextUtil.contains(t, "overflow") { return true }
        return responsiveShow && t.count == 6 && TextUtil.hasPrefix(t, "hidden")
    }

    /// Substring patterns by their first three bytes, in an open-addressing
    /// table (trigram key, 0 = empty slot) probed without `Hasher`.
    private struct PatternTable {
        var keys: [UInt32]
        var patterns: [[([UInt8], Bool)]]
        var shift: UInt32

        init(_ index: [UInt32: [([UInt8], Bool)]]) {
            var size = 16
            while size < index.count * 4 { size *= 2 }
            keys = [UInt32](repeating: 0, count: size)
            patterns = Array(repeating: [], count: size)
            shift = UInt32(32 - size.trailingZeroBitCount)
            for (k, v) in index {
                var i = slot(k)
                while keys[i] != 0 { i = (i + 1) & (size - 1) }
                keys[i] = k
                patterns[i] = v
            }
        }

        @inline(__always) func slot(_ k: UInt32) -> Int { Int((k &* 0x9E37_79B1) >> shift) }

        /// Index of `k`'s slot, or -1.
        @inline(__always) func find(_ k: UInt32) -> Int {
            let mask = keys.count - 1
            var i = slot(k)
            while true {
                let x = keys[i]
                if x == k { return i }
                if x == 0 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    private static let patternTable = PatternTable(patternIndex)

    /// ``ExtractionRules/negativeWords`` packed into 16 bytes each, in an
    /// open-addressing set (zero = empty slot) probed without `Hasher`.
    private struct PackedSet {
        var keys: [SIMD2<UInt64>]
        var shift: UInt64

        init(_ words: Set<SIMD2<UInt64>>) {
            var size = 16
            while size < words.count * 4 { size *= 2 }
            keys = [SIMD2<UInt64>](repeating: .zero, count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
            for w in words {
                var i = slot(w)
                while keys[i] != .zero { i = (i + 1) & (size - 1) }
                keys[i] = w
            }
        }

        @inline(__always) func slot(_ k: SIMD2<UInt64>) -> Int {
            Int(truncatingIfNeeded: ((k.x ^ (k.y &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        @inline(__always) func contains(_ k: SIMD2<UInt64>) -> Bool {
            let mask = keys.count - 1
            var i = slot(k)
            while true {
                let x = keys[i]
                if x == k { return true }
                if x == .zero { return false }
                i = (i + 1) & mask
            }
        }
    }

    private static let negativeWordSet = PackedSet(packedNegativeWords)

    /// Substring patterns indexed by their first three bytes: (pattern, positive?).
    private static let patternIndex: [UInt32: [([UInt8], Bool)]] = {
        var index: [UInt32: [([UInt8], Bool)]] = [:]
        for (list, positive) in [(ExtractionRules.positiveSubstrings, true), (ExtractionRules.negativeSubstrings, false)] {
            for p in list {
                let b = Array(p.utf8)
                precondition(b.count >= 3, "class patterns need at least three characters")
                index[UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2]), default: []].append((b, positive))
            }
        }
        return index
    }()

    /// Bit per first-two-bytes pair of any substring pattern: most trigram
    /// positions are rejected here without a dictionary lookup.
    private static let pairFilter: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for key in patternIndex.keys {
            let pair = Int(key >> 8)
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        return bits
    }()

    /// ``ExtractionRules/negativeWords`` packed into 16 bytes each (all are shorter).
    private static let packedNegativeWords: Set<SIMD2<UInt64>> = {
        var set = Set<SIMD2<UInt64>>()
        for w in ExtractionRules.negativeWords {
            let b = Array(w.utf8)
            precondition(b.count <= 16, "negative words are at most 16 bytes")
            set.insert(pack(b[...]))
        }
        return set
    }()

    @inline(__always) private static func pack<C: Collection<UInt8>>(_ b: C) -> SIMD2<UInt64> {
        var lo: UInt64 = 0, hi: UInt64 = 0
        var k = 0
        for x in b {
            if k < 8 { lo |= UInt64(x) << UInt64(k * 8) } else { hi |= UInt64(x) << UInt64((k - 8) * 8) }
            k += 1
        }
        return SIMD2(lo, hi)
    }

    private static func classifyToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Int8 {
        var posEnd = -1, negEnd = -1
        if bytes.count >= 3 {
            for i in 0...(bytes.count - 3) {
                let pair = Int(bytes[i]) << 8 | Int(bytes[i + 1])
                if pairFilter[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                let key = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                let slot = patternTable.find(key)
                guard slot >= 0 else { continue }
                for (p, positive) in patternTable.patterns[slot] where i + p.count <= bytes.count {
                    var k = 3
                    while k < p.count && bytes[i + k] == p[k] { k += 1 }
                    if k == p.count {
                        if positive { posEnd = max(posEnd, i + k) } else { negEnd = max(negEnd, i + k) }
                    }
                }
            }
        }
        var start = 0
        var i = 0
        while i <= bytes.count {
            let isAlnum = i < bytes.count && ((bytes[i] >= 97 && bytes[i] <= 122) || (bytes[i] >= 48 && bytes[i] <= 57))
            if !isAlnum {
                if i > start, i - start <= 16, negativeWordSet.contains(pack(bytes[start..<i])) {
                    negEnd = max(negEnd, i)
                }
                start = i + 1
            }
            i += 1
        }
        if posEnd < 0 && negEnd < 0 { return 0 }
        return posEnd >= negEnd ? 1 : -1
    }
}
