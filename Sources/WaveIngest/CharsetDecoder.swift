#if canImport(Glibc)
internal import Glibc
#endif
internal import CICUShim

/// Turns raw bytes into UTF-8 following the declared charset where it can be
/// trusted, and ICU's detector where it cannot. ICU is only reached here.
///
/// Order: byte-order mark, XML declaration, `<meta charset>` / `http-equiv`
/// (first 4 KB), the HTTP `Content-Type` header (WARC), then detection. Valid
/// UTF-8 wins when nothing is declared, and also when a declaration names a
/// legacy charset but the bytes are valid, non-ASCII UTF-8 (a common mistake).
enum CharsetDecoder {
    struct Decoded {
        var utf8: [UInt8]
        /// Canonical name reported in ``Article/encoding``.
        var charset: String
        var warnings: [String] = []
    }

    /// Decodes `bytes`; `httpCharset` is the charset from a transport header.
    static func decode(_ bytes: [UInt8], httpCharset: String? = nil) -> Decoded {
        // 1. BOM.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return lenient(Array(bytes[3...]), charset: "UTF-8", label: "UTF-8")
        }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return lenient(Array(bytes[2...]), charset: "UTF-16LE", label: "UTF-16LE")
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return lenient(Array(bytes[2...]), charset: "UTF-16BE", label: "UTF-16BE")
        }
        // 2. UTF-16 without a BOM, told by its zero bytes.
        if let label = unmarkedUTF16(bytes) {
            return lenient(bytes, charset: label, label: label)
        }
        let declaredRaw = declaredCharset(in: bytes) ?? httpCharset
        let isValidUTF8 = validUTF8(bytes)
        let hasNonASCII = bytes.contains { $0 >= 0x80 }
        if let raw = declaredRaw {
            guard let (icuName, label) = normalize(raw) else {
                var d = undeclared(bytes, isValidUTF8: isValidUTF8)
                d.warnings.insert("unknown declared charset \"\(raw)\"; ignored", at: 0)
                return d
            }
            if label == "UTF-8" {
                if isValidUTF8 { return Decoded(utf8: bytes, charset: "UTF-8") }
                var d = detected(bytes)
                d.warnings.insert("declared UTF-8 but the bytes are not valid UTF-8; decoded as \(d.charset)", at: 0)
                return d
            }
            let stateful = label.hasPrefix("ISO-2022") || label.hasPrefix("UTF-16") || label.hasPrefix("UTF-7")
            if !hasNonASCII && !stateful { return Decoded(utf8: bytes, charset: label) }
            if isValidUTF8 && hasNonASCII && !stateful {
                return Decoded(utf8: bytes, charset: "UTF-8",
                               warnings: ["declared \(label) but the bytes are valid UTF-8; decoded as UTF-8"])
            }
            if let out = convert(bytes, from: icuName, strict: true) {
                // A single-byte declaration over CJK bytes decodes without errors
                // but gives mojibake: trust a confident detector then.
                if singleByte.contains(label), let (name, confidence) = detect(bytes), confidence >= 50,
                   let (dIcu, dLabel) = normalize(name), multiByteCJK.contains(dLabel),
                   let alt = convert(bytes, from: dIcu, strict: true) {
                    return Decoded(utf8: alt.bytes, charset: dLabel,
                                   warnings: ["declared \(label) contradicts the bytes; detected \(dLabel) (confidence \(confidence))"])
                }
                return Decoded(utf8: out.bytes, charset: label)
            }
            // The declaration is wrong (or the page has a few bad bytes).
            if let (name, confidence) = detect(bytes), let (dIcu, dLabel) = normalize(name), dLabel != label,
               let alt = convert(bytes, from: dIcu, strict: true) {
                return Decoded(utf8: alt.bytes, charset: dLabel,
                               warnings: ["declared \(label) contradicts the bytes; detected \(dLabel) (confidence \(confidence))"])
            }
            return lenient(bytes, charset: icuName, label: label)
        }
        return undeclared(bytes, isValidUTF8: isValidUTF8)
    }

    private static func undeclared(_ bytes: [UInt8], isValidUTF8: Bool) -> Decoded {
        // ISO-2022-JP is 7-bit (so "valid UTF-8"); its escape sequences give it away.
        if hasISO2022JPEscape(bytes), let out = convert(bytes, from: "ISO-2022-JP", strict: true) {
            return Decoded(utf8: out.bytes, charset: "ISO-2022-JP")
        }
        if isValidUTF8 { return Decoded(utf8: bytes, charset: "UTF-8") }
        return detected(bytes)
    }

    private static func detected(_ bytes: [UInt8]) -> Decoded {
        if let (name, confidence) = detect(bytes), let (icu, label) = normalize(name) {
            let note = "charset not declared (or wrong); detected \(label) (confidence \(confidence))"
            if let out = convert(bytes, from: icu, strict: true) {
                return Decoded(utf8: out.bytes, charset: label, warnings: [note])
            }
            var d = lenient(bytes, charset: icu, label: label)
            d.warnings.insert(note, at: 0)
            return d
        }
        return lenient(bytes, charset: "windows-1252", label: "windows-1252")
    }

    private static func lenient(_ bytes: [UInt8], charset icu: String, label: String) -> Decoded {
        if label == "UTF-8" {
            if validUTF8(bytes) { return Decoded(utf8: bytes, charset: label) }
            let s = String(decoding: bytes, as: UTF8.self)
            return Decoded(utf8: Array(s.utf8), charset: label, warnings: ["invalid UTF-8 bytes replaced with U+FFFD"])
        }
        guard let out = convert(bytes, from: icu, strict: false) else {
            let s = String(decoding: bytes, as: UTF8.self)
            return Decoded(utf8: Array(s.utf8), charset: "UTF-8", warnings: ["could not decode as \(label); decoded as UTF-8 with replacements"])
        }
        var d = Decoded(utf8: out.bytes, charset: label)
        if out.substitutions > 0 { d.warnings.append("\(out.substitutions) invalid byte sequences in \(label) replaced with U+FFFD") }
        return d
    }

    static let singleByte: Set<String> = ["windows-1252", "ISO-8859-2", "ISO-8859-5", "ISO-8859-15", "windows-1250", "windows-1251", "KOI8-R"]
    static let multiByteCJK: Set<String> = ["Shift_JIS", "EUC-JP", "ISO-2022-JP", "EUC-KR", "GB18030", "Big5"]

    /// Maps a declared or detected charset name to (ICU converter name, label).
    /// Legacy names map to the superset browsers use.
    static func normalize(_ raw: String) -> (String, String)? {
        let name = raw.trimmingASCIIQuotesAndSpaces().lowercased()
        if name.isEmpty { return nil }
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return ("UTF-8", "UTF-8")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932", "ms932", "csshiftjis", "x-ms-cp932":
            return ("windows-31j", "Shift_JIS")
        case "euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese": return ("EUC-JP", "EUC-JP")
        case "iso-2022-jp", "csiso2022jp": return ("ISO-2022-JP", "ISO-2022-JP")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "cp949", "windows-949", "x-windows-949", "ksc_5601", "csksc56011987", "korean":
            return ("windows-949", "EUC-KR")
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "chinese", "csgb2312", "euc-cn", "x-euc-cn":
            return ("GB18030", "GB18030")
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", "cp819", "ibm819":
            return ("windows-1252", "windows-1252")
        case "big5", "big5-hkscs", "x-x-big5": return ("Big5", "Big5")
        case "utf-16le": return ("UTF-16LE", "UTF-16LE")
        case "utf-16be", "utf-16": return ("UTF-16BE", "UTF-16BE")
        default:
            guard cicu_charset_known(name) != 0 else { return nil }
            var buf = [CChar](repeating: 0, count: 64)
            if cicu_canonical_charset(name, &buf, 64) == CICU_OK {
                let canonical = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return (name, canonicalLabel(canonical, fallback: raw))
            }
            return (name, raw)
        }
    }

    private static func canonicalLabel(_ icu: String, fallback: String) -> String {
        let l = icu.lowercased()
        if l.contains("8859-2") { return "ISO-8859-2" }
        if l.contains("8859-5") { return "ISO-8859-5" }
        if l.contains("8859-15") || l.contains("8859_15") { return "ISO-8859-15" }
        if l.contains("5346") { return "windows-1250" }
        if l.contains("5347") { return "windows-1251" }
        if l.contains("koi8-r") || l.contains("878") { return "KOI8-R" }
        return fallback
    }

    /// ICU detection over (at most) the first 64 KB.
    /// "UTF-16LE" or "UTF-16BE" when `bytes` (without a BOM) look like UTF-16: in
    /// the first 1,024 bytes, at least a quarter of the code units have a zero byte,
    /// always on the same side (the high byte of Latin text and markup), and no
    /// zero byte on the other side. Text in any 8-bit charset has no zero bytes.
    static func unmarkedUTF16(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(1024)
        let units = head.count / 2
        guard units >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in 0..<units {
            if head[head.startIndex + 2 * i] == 0 { evenZeros += 1 }
            if head[head.startIndex + 2 * i + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 4 >= units && evenZeros == 0 { return "UTF-16LE" }
        if evenZeros * 4 >= units && oddZeros == 0 { return "UTF-16BE" }
        return nil
    }

    static func detect(_ bytes: [UInt8]) -> (String, Int)? {
        let n = min(bytes.count, 65536)
        var name = [CChar](repeating: 0, count: 64)
        var confidence: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buf in
            cicu_detect_charset(buf.baseAddress, Int32(n), nil, &name, 64, &confidence)
        }
        guard status == CICU_OK else { return nil }
        let s = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (s, Int(confidence))
    }

    /// Converts with ICU; nil when (strict and) the bytes are invalid.
    static func convert(_ bytes: [UInt8], from charset: String, strict: Bool) -> (bytes: [UInt8], substitutions: Int)? {
        if bytes.isEmpty { return ([], 0) }
        guard bytes.count < Int(Int32.max / 4) else { return nil }
        var capacity = bytes.count * 3 + 16
        for _ in 0..<2 {
            var out = [UInt8](repeating: 0, count: capacity)
            var needed: Int32 = 0, subs: Int32 = 0, errorOffset: Int32 = -1
            let n = bytes.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    cicu_convert_to_utf8(charset, src.baseAddress, Int32(src.count), strict ? 1 : 0,
                                         dst.baseAddress, Int32(dst.count), &needed, &subs, &errorOffset)
                }
            }
            if n >= 0 { out.removeSubrange(Int(n)...); return (out, Int(subs)) }
            if n == CICU_BUFFER_TOO_SMALL { capacity = Int(needed) + 16; continue }
            return nil
        }
        return nil
    }

    /// ESC $ B / ESC $ @ / ESC ( J, as ISO-2022-JP text uses.
    static func hasISO2022JPEscape(_ bytes: [UInt8]) -> Bool {
        let n = min(bytes.count, 65536) - 2
        guard n > 0 else { return false }
        return bytes.withUnsafeBufferPointer { b in
            // memchr to each ESC, then the two bytes after it.
            var i = 0
            while i < n, let esc = memchr(b.baseAddress! + i, 0x1B, n - i) {
                i = UnsafeRawPointer(esc) - UnsafeRawPointer(b.baseAddress!)
                if b[i + 1] == 0x24 && (b[i + 2] == 0x42 || b[i + 2] == 0x40) { return true }
                i += 1
            }
            return false
        }
    }

    /// UTF-8 validity check without building a String: eight ASCII bytes at a
    /// time, then the well-formed sequences of Unicode's table 3-7 (no
    /// overlongs, no surrogates, nothing above U+10FFFF).
    static func validUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { validUTF8($0) }
    }

    /// ``validUTF8(_:)-([UInt8])`` on a buffer.
    static func validUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        while i < n {
            if i + 32 <= n {
                let p = UnsafeRawPointer(base + i)
                let x = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) |
                    p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if x & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            }
            if i + 8 <= n,
               UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            func continuation(_ k: Int) -> UInt8? { i + k < n && b[i + k] & 0xC0 == 0x80 ? b[i + k] : nil }
            switch c {
            case 0xC2...0xDF:
                guard continuation(1) != nil else { return false }
                i += 2
            case 0xE0...0xEF:
                guard let c1 = continuation(1), continuation(2) != nil else { return false }
                if c == 0xE0 && c1 < 0xA0 { return false }   // overlong
                if c == 0xED && c1 >= 0xA0 { return false }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard let c1 = continuation(1), continuation(2) != nil, continuation(3) != nil else { return false }
                if c == 0xF0 && c1 < 0x90 { return false }   // overlong
                if c == 0xF4 && c1 >= 0x90 { return false }  // above U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// Charset declared inside the document: XML declaration, then `<meta>`
    /// in the first 4 KB. Works on bytes: ASCII letters lowercased, non-ASCII
    /// bytes read as spaces; the value comes back lowercased.
    static func declaredCharset(in bytes: [UInt8]) -> String? {
        let n = min(bytes.count, 4096)
        if n == 0 { return nil }
        var lower = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            let b = bytes[i]
            lower[i] = b >= 0x80 ? 0x20 : (b >= 65 && b <= 90 ? b + 32 : b)
        }
        return lower.withUnsafeBufferPointer { l -> String? in
            /// Start of the first `needle` in l[from..<to].
            func find(_ needle: StaticString, _ from: Int, _ to: Int) -> Int? {
                let p = needle.utf8Start, k = needle.utf8CodeUnitCount
                var i = from
                while i + k <= to {
                    if l[i] == p[0] {
                        var j = 1
                        while j < k && l[i + j] == p[j] { j += 1 }
                        if j == k { return i }
                    }
                    i += 1
                }
                return nil
            }
            func string(_ a: Int, _ b: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: l[a..<b]), as: UTF8.self) }
            let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), space = UInt8(ascii: " ")
            if find("<?xml", 0, min(n, 5)) == 0, let end = find("?>", 0, n), let r = find("encoding", 0, end) {
                var i = r + 8
                while i < end && (l[i] == space || l[i] == UInt8(ascii: "=")) { i += 1 }
                if i < end, l[i] == quote || l[i] == apostrophe {
                    let q = l[i]
                    var j = i + 1
                    while j < end && l[j] != q { j += 1 }
                    if j > i + 1 { return string(i + 1, j) }
                }
            }
            var pos = 0
            while let m = find("<meta", pos, n) {
                var tagEnd = m + 5
                while tagEnd < n && l[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
                if let c = find("charset", m + 5, tagEnd) {
                    var i = c + 7
                    while i < tagEnd && l[i] == space { i += 1 }
                    if i < tagEnd && l[i] == UInt8(ascii: "=") {
                        i += 1
                        while i < tagEnd && (l[i] == space || l[i] == quote || l[i] == apostrophe) { i += 1 }
                        var j = i
                        while j < tagEnd {
                            let b = l[j]
                            if b == space || b == quote || b == apostrophe || b == UInt8(ascii: ";") || b == UInt8(ascii: "/") ||
                                b == UInt8(ascii: ">") { break }
                            j += 1
                        }
                        if j > i { return string(i, j) }
                    }
                }
                pos = tagEnd
            }
            return nil
        }
    }

    /// `charset=` parameter of a Content-Type header value.
    static func charsetParameter(ofContentType value: String) -> String? {
        let lower = value.lowercased()
        guard let r = lower.firstRange(of: "charset=") else { return nil }
        let v = lower[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let s = v.prefix { !" \"';,".contains($0) }
        return s.isEmpty ? nil : String(s)
    }
}
