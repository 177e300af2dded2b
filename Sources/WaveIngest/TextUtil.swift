/// Small string helpers shared by the extractors (no Foundation needed).
enum TextUtil {
    /// Collapses runs of whitespace (incl. NBSP and ideographic space kept as is
    /// for CJK? no: U+3000 is kept, it is meaningful in Japanese layout) into one
    /// space and trims both ends.
    static func collapseWhitespace(_ s: String) -> String {
        var s = s
        return s.withUTF8 { collapseWhitespace(utf8: $0) }
    }

    /// Single pass over UTF-8 bytes (see ``collapseWhitespace(_:)``).
    static func collapseWhitespace(utf8 src: UnsafeBufferPointer<UInt8>) -> String {
        let n = src.count
        if n == 0 { return "" }
        return String(unsafeUninitializedCapacity: n) { out in
            var o = 0
            var pendingSpace = false
            var i = 0
            let base = src.baseAddress!, outBase = out.baseAddress!
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            while i < n {
                // Eight printable ASCII bytes (0x21-0x7F, nothing the switch
                // below treats specially): copied at once. The output never
                // runs ahead of the input, so the store stays in bounds.
                if i + 8 <= n {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if x & high == 0 && (x &- ones &* 0x21) & ~x & high == 0 {
                        if pendingSpace && o > 0 { out[o] = 0x20; o += 1 }
                        pendingSpace = false
                        UnsafeMutableRawPointer(outBase + o).storeBytes(of: x, as: UInt64.self)
                        o += 8; i += 8
                        continue
                    }
                }
                let b = src[i]
                switch b {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                    pendingSpace = true
                    i += 1
                    continue
                case 0xC2 where i + 1 < n:
                    // NBSP (C2 A0) is a space; soft hyphen (C2 AD) disappears.
                    let c = src[i + 1]
                    if c == 0xA0 { pendingSpace = true; i += 2; continue }
                    if c == 0xAD { i += 2; continue }
                case 0xE2 where i + 2 < n:
                    // U+2002-200B, U+202F, U+205F.
                    let c1 = src[i + 1], c2 = src[i + 2]
                    if c1 == 0x80 && (c2 == 0x82 || c2 == 0x83 || c2 == 0x89 || c2 == 0x8A || c2 == 0xAF) {
                        pendingSpace = true; i += 3; continue
                    }
                    if c1 == 0x80 && c2 == 0x8B { i += 3; continue }
                    if c1 == 0x81 && c2 == 0x9F { pendingSpace = true; i += 3; continue }
                case 0xEF where i + 2 < n:
                    // BOM / zero-width no-break space (EF BB BF).
                    if src[i + 1] == 0xBB && src[i + 2] == 0xBF { i += 3; continue }
                default:
                    break
                }
                if pendingSpace && o > 0 { out[o] = 0x20; o += 1 }
                pendingSpace = false
                out[o] = b; o += 1; i += 1
                // Copy the rest of this scalar's bytes untouched.
                if b >= 0xC0 {
                    var extra = b >= 0xF0 ? 3 : (b >= 0xE0 ? 2 : 1)
                    while extra > 0 && i < n { out[o] = src[i]; o += 1; i += 1; extra -= 1 }
                }
            }
            return o
        }
    }

    /// Number of Unicode scalars (a cheap length for scoring): the UTF-8 bytes
    /// that are not continuation bytes (a String's UTF-8 is always valid), eight at a time.
    @inline(__always) static func length(_ s: some StringProtocol) -> Int {
        if let n = s.utf8.withContiguousStorageIfAvailable({ scalarCount(utf8: $0) }) { return n }
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Scalars in valid UTF-8: bytes that are not `10xxxxxx`.
    static func scalarCount(utf8 b: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        var count = 0
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // Continuation bytes: bit 7 set and bit 6 clear (bit 6 shifted onto bit 7).
            let continuation = x & ~(x << 1) & 0x8080_8080_8080_8080
            count += 8 - continuation.nonzeroBitCount
            i += 8
        }
        while i < n { if b[i] & 0xC0 != 0x80 { count += 1 }; i += 1 }
        return count
    }

    /// Total ``length(_:)`` of several strings (their concatenation's length).
    static func length(of parts: [String]) -> Int {
        var n = 0
        for p in parts { n += length(p) }
        return n
    }

    /// Scalars that are not ASCII whitespace (the scoring length of a text node).
    static func visibleLength(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 && b != 32 && b != 10 && b != 9 && b != 13 { n += 1 }
        return n
    }

    /// Whether the bytes `haystack` contain the ASCII bytes of `needle`.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        contains(haystack, bytes: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    /// Whether the bytes `haystack` start with the ASCII bytes of `prefix`.
    static func hasPrefix(_ haystack: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard haystack.count >= n else { return false }
        for k in 0..<n where haystack[k] != prefix.utf8Start[k] { return false }
        return true
    }

    /// Whether `haystack` contains the ASCII bytes of `needle`.
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        let n = Array(needle.utf8)
        return haystack.withUnsafeBufferPointer { h in n.withUnsafeBufferPointer { contains(h, bytes: $0) } }
    }

    /// Whether the bytes `haystack` contain the bytes `n` (an empty `n` is contained).
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, bytes n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = n.first, haystack.count >= n.count else { return n.isEmpty }
        var i = 0
        let end = haystack.count - n.count
        while i <= end {
            if haystack[i] == first {
                var k = 1
                while k < n.count && haystack[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `haystack` contains `needle`, ASCII letters compared without case
    /// (other bytes exactly), on UTF-8 bytes without Foundation.
    static func containsASCIICaseInsensitive(_ haystack: String, _ needle: StaticString) -> Bool {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = n.first else { return true }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        let f = lower(first)
        var h = haystack
        return h.withUTF8 { buf in
            guard buf.count >= n.count else { return false }
            var i = 0
            let end = buf.count - n.count
            while i <= end {
                if lower(buf[i]) == f {
                    var k = 1
                    while k < n.count && lower(buf[i + k]) == lower(n[k]) { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// `containsASCIICaseInsensitive(haystack, a) || containsASCIICaseInsensitive(haystack, b)`
    /// in one pass, for lowercase ASCII needles.
    static func containsASCIICaseInsensitive(_ haystack: String, _ a: StaticString, or b: StaticString) -> Bool {
        @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        var h = haystack
        return h.withUTF8 { buf in
            @inline(__always) func at(_ i: Int, _ needle: StaticString) -> Bool {
                let n = needle.utf8CodeUnitCount
                guard i + n <= buf.count else { return false }
                let p = needle.utf8Start
                for k in 0..<n where lower(buf[i + k]) != p[k] { return false }
                return true
            }
            let fa = a.utf8Start[0], fb = b.utf8Start[0]
            for i in 0..<buf.count {
                let c = lower(buf[i])
                if (c == fa && at(i, a)) || (c == fb && at(i, b)) { return true }
            }
            return false
        }
    }

    /// Commas and similar clause punctuation (Latin and CJK).
    static func commaCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { commaCount(utf8: $0) }
    }

    /// ``commaCount(_:)`` on UTF-8 bytes.
    static func commaCount(utf8: UnsafeBufferPointer<UInt8>) -> Int {
        // ',' or the UTF-8 of 、 (E3 80 81), 。 (E3 80 82), ， (EF BC 8C), ． (EF BC 8E).
        var n = 0
        var prev1: UInt8 = 0, prev2: UInt8 = 0
        for b in utf8 {
            if b == 0x2C { n += 1 }
            else if prev2 == 0xE3 && prev1 == 0x80 && (b == 0x81 || b == 0x82) { n += 1 }
            else if prev2 == 0xEF && prev1 == 0xBC && (b == 0x8C || b == 0x8E) { n += 1 }
            prev2 = prev1; prev1 = b
        }
        return n
    }

    static func lowerASCII(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func trim(_ s: some StringProtocol) -> String {
        var sub = Substring(s)
        // ASCII whitespace on the UTF-8 first: such a byte is a whole Character
        // (or part of "\r\n") when ASCII bytes (or the ends) surround it. The
        // Character loops below then only see the rest (Unicode whitespace,
        // combining marks, a space after a prepended mark).
        let u = sub.utf8
        var lo = u.startIndex, hi = u.endIndex
        @inline(__always) func ws(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
        while lo < hi, ws(u[lo]) {
            let next = u.index(after: lo)
            guard next == hi || u[next] < 0x80 else { break }
            lo = next
        }
        while hi > lo {
            let prev = u.index(before: hi)
            guard ws(u[prev]), prev == lo || u[u.index(before: prev)] < 0x80 else { break }
            hi = prev
        }
        if lo != u.startIndex || hi != u.endIndex { sub = sub[lo..<hi] }
        while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
        while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }

    /// Decodes the few HTML entities that survive in attribute-less feed text.
    static func decodeBasicEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var r = s
        for (e, v) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            r = r.replacingAll(e, with: v)
        }
        return r
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension String {
    func trimmingASCIIQuotesAndSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\"" || f == "'" || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\"" || l == "'" || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
