import Foundation
import Testing
@testable import WaveIngest

/// The ingest's byte-level fast paths must give the answers of the String code
/// they stand in front of, on pseudo-random text mixing ASCII, the whitespace
/// and invisible characters the rules treat specially, combining and prepended
/// marks, CJK and Hangul.
@Suite struct FastPathTests {
    static let pieces = [
        "a", "Z", "word", "By", "read more", "display", ":", "none", "DISPLAY:NONE", "visibility: hidden", " ", "  ", "\t",
        "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{AD}", "\u{2003}", "\u{200B}", "\u{202F}", "\u{205F}",
        "\u{FEFF}", "\u{3000}", "\u{301}", "\u{600}", "é", "日本", "기자", "|", " | ", " - ", " — ", "｜", "：", " · ",
        "\u{387}", "©", "K", "\u{212A}", "İ", "123", "-", "article-body", "sidebar", "comment", "x",
    ]

    static func samples(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        var out: [String] = []
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var s = ""
            for _ in 0..<Int(state >> 60) + Int((state >> 20) & 7) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s += pieces[Int(state >> 33) % pieces.count]
            }
            out.append(s)
        }
        return out
    }

    /// The Character loops `TextUtil.trim` had before its byte-level front.
    static func referenceTrim(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f.isWhitespace { sub = sub.dropFirst() }
        while let l = sub.last, l.isWhitespace { sub = sub.dropLast() }
        return String(sub)
    }

    /// The byte loop `TextUtil.collapseWhitespace` had before its eight-byte path.
    static func referenceCollapse(_ s: String) -> String {
        let src = Array(s.utf8)
        var out: [UInt8] = []
        var pendingSpace = false
        var i = 0
        let n = src.count
        while i < n {
            let b = src[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B:
                pendingSpace = true; i += 1; continue
            case 0xC2 where i + 1 < n:
                if src[i + 1] == 0xA0 { pendingSpace = true; i += 2; continue }
                if src[i + 1] == 0xAD { i += 2; continue }
            case 0xE2 where i + 2 < n:
                let c1 = src[i + 1], c2 = src[i + 2]
                if c1 == 0x80 && (c2 == 0x82 || c2 == 0x83 || c2 == 0x89 || c2 == 0x8A || c2 == 0xAF) {
                    pendingSpace = true; i += 3; continue
                }
                if c1 == 0x80 && c2 == 0x8B { i += 3; continue }
                if c1 == 0x81 && c2 == 0x9F { pendingSpace = true; i += 3; continue }
            case 0xEF where i + 2 < n:
                if src[i + 1] == 0xBB && src[i + 2] == 0xBF { i += 3; continue }
            default:
                break
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(b); i += 1
            if b >= 0xC0 {
                var extra = b >= 0xF0 ? 3 : (b >= 0xE0 ? 2 : 1)
                while extra > 0 && i < n { out.append(src[i]); i += 1; extra -= 1 }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func trimAgreesWithTheCharacterLoops() {
        for s in Self.samples(4000, seed: 1) {
            #expect(TextUtil.trim(s) == Self.referenceTrim(s), "\(s.debugDescription)")
            #expect(TextUtil.trim(s).utf8.elementsEqual(Self.referenceTrim(s).utf8), "\(s.debugDescription)")
        }
    }

    @Test func collapseWhitespaceAgreesWithTheByteLoop() {
        for s in Self.samples(4000, seed: 2) {
            #expect(TextUtil.collapseWhitespace(s).utf8.elementsEqual(Self.referenceCollapse(s).utf8), "\(s.debugDescription)")
        }
    }

    @Test func styleTestAgreesWithTheStringPath() {
        for s in Self.samples(4000, seed: 3) {
            guard let fast = HTMLExtractor.styleHidesASCII(s) else {
                #expect(s.utf8.contains { $0 >= 0x80 })
                continue
            }
            let l = TextUtil.lowerASCII(s).replacingAll(" ", with: "")
            #expect(fast == (l.contains("display:none") || l.contains("visibility:hidden")), "\(s.debugDescription)")
        }
    }

    @Test func titleSeparatorTestAgreesWithFoundation() {
        for s in Self.samples(3000, seed: 4) {
            for sep in MetadataExtractor.titleSeparators {
                #expect(MetadataExtractor.containsSeparator(s, sep) == s.contains(sep), "\(s.debugDescription) \(sep)")
            }
        }
    }

    @Test func jsonLDTypeTestAgreesWithFoundation() {
        let fixed = ["application/ld+json", "APPLICATION/LD+JSON", "application/ld+json; charset=utf-8", "text/javascript",
                     "ld+jso", "ld+json", "", "İld+json", "applicatİon/LD+JSON", "\u{212A}ld+json", "ld\u{301}+json"]
        for t in fixed + Self.samples(500, seed: 31).map({ $0 + ["", "ld+json", "LD+Json", "ld+js"][$0.utf8.count % 4] }) {
            #expect(MetadataExtractor.isJSONLDType(t) == t.lowercased().contains("ld+json"), "\(t.debugDescription)")
        }
    }

    @Test func classificationCombinesPerValue() {
        let values = Self.samples(3000, seed: 5)
        var cache = HTMLExtractor.ClassCache()
        for k in 0..<(values.count - 1) {
            let a = values[k], b = values[k + 1]
            let joined = HTMLExtractor.classification(a + " " + b)
            let ca = cache.classification(a), cb = cache.classification(b)
            #expect(ca == HTMLExtractor.classification(a))
            let combined: Int8 = ca > 0 || cb > 0 ? 1 : (ca < 0 || cb < 0 ? -1 : 0)
            #expect(combined == joined, "\(a.debugDescription) + \(b.debugDescription)")
        }
    }

    @Test func boilerplatePrefixFilterOnlyRejectsNonMatches() {
        for s in Self.samples(4000, seed: 6) + ExtractionRules.boilerplateLinePrefixes.map({ $0.uppercased() + " x" }) {
            let lower = s.lowercased()
            if ExtractionRules.boilerplateLinePrefixes.contains(where: { lower.hasPrefix($0) }) {
                #expect(HTMLExtractor.mayStartWithBoilerplatePrefix(s), "\(s.debugDescription)")
            }
        }
    }
}

extension FastPathTests {
    /// `cleanAuthors` as it was (Foundation searches for every name).
    static func referenceCleanAuthors(_ raw: [String]) -> [String] {
        var out: [String] = []
        for item in raw {
            var s = TextUtil.collapseWhitespace(item)
            if s.hasPrefix("http") || s.contains("@") && !s.contains(" ") { continue }
            for prefix in ["by ", "By ", "BY ", "Written by ", "written by ", "Posted by ", "Words by ", "Text: ", "Texto: ",
                           "Текст: ", "Por ", "por ", "Von ", "von ", "Par ", "par ", "Di ", "文・", "文：", "文/", "記者 "] where s.hasPrefix(prefix) {
                s = String(s.dropFirst(prefix.count))
            }
            for cut in [" for ", " | ", "|", ", Reporter", " - ", " — "] {
                if let r = s.range(of: cut) { s = String(s[..<r.lowerBound]) }
            }
            for suffix in [" 기자", "기자", " 特派員", " 記者", "記者", " 編集部"] where s.hasSuffix(suffix) && s.count > suffix.count + 1 {
                s = String(s.dropLast(suffix.count))
            }
            let pieces = s.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
                .replacingOccurrences(of: "、", with: ",").replacingOccurrences(of: "・", with: ",")
                .split(separator: ",").map { TextUtil.trim($0) }
            for p in pieces where !p.isEmpty && p.count <= 60 {
                if p.split(separator: " ").count > 6 { continue }
                if !out.contains(p) { out.append(p) }
            }
        }
        return out
    }

    @Test func cleanAuthorsAgreesWithTheFoundationPath() {
        let names = ["Jane Doe", "By John Smith and Ann Lee", "Ann Lee for The Daily Planet", "X | Reporter",
                     "Kim, Reporter", "A & B", "Bob - Staff", "Al — Desk", "by  Mary\u{A0}Jones", "홍길동 기자", "文・山田太郎",
                     "Ana, Reuters", "a@b", "http://x", "Jo and Jo and Jo", " and ", "|", "Jürgen for X"]
        let random = Self.samples(2000, seed: 7).map { $0.replacingAll("x", with: " and ") }
        for k in 0..<(names.count + random.count - 1) {
            let batch = Array((names + random)[k...(k + 1)])
            #expect(MetadataExtractor.cleanAuthors(batch) == Self.referenceCleanAuthors(batch), "\(batch)")
        }
    }
}
