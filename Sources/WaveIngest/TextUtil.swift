/// Small string helpers shared by the extractors (no Foundation needed).
enum TextUtil {
    /// Collapses runs of whitespace (incl. NBSP and ideographic space kept as is
    /// for CJK? no: U+3000 is kept, it is meaningful in Japanese layout) into one
    /// space and trims both ends.
    static func collapseWhitespace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x2009, 0x200A, 0x2002, 0x2003, 0x202F, 0x205F:
                pendingSpace = true
            case 0x200B, 0xFEFF, 0x00AD:
                continue
            default:
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// Number of Unicode scalars (a cheap length for scoring).
    @inline(__always) static func length(_ s: some StringProtocol) -> Int { s.unicodeScalars.count }

    /// Commas and similar clause punctuation (Latin and CJK).
    static func commaCount(_ s: String) -> Int {
        var n = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x2C, 0x3001, 0xFF0C, 0x3002, 0xFF0E: n += 1
            default: break
            }
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

