import Foundation
import Testing
@testable import WaveIngest

/// The byte-level versions of the page-type and region rules' tests must give the
/// answers of the String code they replace, on pseudo-random text (``FastPathTests/samples(_:seed:)``
/// plus the words these rules look for).
@Suite struct ByteRuleTests {
    static let words = [
        "price", "PRICE", "Prix", "add-to-cart", "ADD_TO_CART", "AddToCart", "buy-now", "Buy-Now", "add-to-car", "buy",
        "byline", "BYLINE", "Author", "autho", "bylin", "comment", "Disqus", "RESPOND", "reply", "replies", "repl",
        "Read More", "read mor", "Sign up", "© ", "Copyright ©", "tags", "Tagged", "関連記事", "March", "4,", "2024",
        "2024-03-05", "12:30", "pm", "T", "/", ".", "+", "年", "３", "$", "€", "£", "¥", "₩", "¢", "19,90",
    ]

    static func samples(_ count: Int, seed: UInt64) -> [String] {
        var state = seed
        let base = FastPathTests.samples(count, seed: seed)
        return base.map { s in
            var out = s
            for _ in 0..<3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let w = words[Int(state >> 33) % words.count]
                out = (state >> 20) & 1 == 0 ? w + out : out + w
            }
            return out
        }
    }

    static func utf8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = s
        return s.withUTF8(body)
    }

    @Test func classJudgementGivesTheStringPathsMarks() {
        for s in Self.samples(3000, seed: 41) {
            let (kind, marks) = Self.utf8(s) { HTMLExtractor.judgement(utf8: $0) }
            #expect(marks == HTMLExtractor.ClassCache.priceMarks(s), "\(s.debugDescription)")
            #expect(kind == HTMLExtractor.classification(s))
        }
        #expect(Self.utf8("product-PRICE") { HTMLExtractor.judgement(utf8: $0).marks } == HTMLExtractor.ClassCache.priceBit)
        #expect(Self.utf8("btn Add_To_Cart") { HTMLExtractor.judgement(utf8: $0).marks } == HTMLExtractor.ClassCache.cartBit)
        #expect(Self.utf8("add-to-car") { HTMLExtractor.judgement(utf8: $0).marks } == 0)
    }

    @Test func asciiDateTokensAreTheCharacterTokens() {
        for s in Self.samples(3000, seed: 42) {
            // The sample's ASCII scalars ("\r\n" pairs among them): always the byte path.
            let ascii = String(String.UnicodeScalarView(s.unicodeScalars.filter(\.isASCII)))
            let fast = DateParser.asciiTokens(ascii)
            #expect(fast != nil)
            #expect(fast == DateParser.characterTokens(ascii), "\(ascii.debugDescription)")
            if !s.unicodeScalars.allSatisfy(\.isASCII) { #expect(DateParser.asciiTokens(s) == nil) }
        }
        #expect(DateParser.asciiTokens("March 4, 2024 at 12:30pm") == DateParser.characterTokens("March 4, 2024 at 12:30pm"))
        #expect(DateParser.asciiTokens("2024年") == nil)
    }

    @Test func boilerplatePrefixOnBytesAgreesWithLowercased() {
        for s in Self.samples(3000, seed: 43) + ["Read more", "READ MORE…", "read mor", "Tags", "tagsé", "Tags\u{301}", "Komments", "\u{212A}"] {
            let lower = s.lowercased()
            let expected = ExtractionRules.boilerplateLinePrefixes.contains { lower.hasPrefix($0) }
            #expect(HTMLExtractor.startsWithBoilerplatePrefix(s) == expected, "\(s.debugDescription)")
        }
    }

    @Test func strongNegativeOnBytesAgreesWithFoundation() {
        for s in Self.samples(3000, seed: 44) {
            let l = TextUtil.lowerASCII(s)
            let expected = ExtractionRules.strongNegativeSubstrings.contains { l.contains($0) }
            if let fast = HTMLExtractor.namesStrongNegativeASCII(s) { #expect(fast == expected, "\(s.debugDescription)") }
        }
        #expect(HTMLExtractor.namesStrongNegativeASCII("post-Comments") == true)
        #expect(HTMLExtractor.namesStrongNegativeASCII("commenté") == nil)
    }

    @Test func bylineTestInOnePassAgreesWithTwo() {
        for s in Self.samples(3000, seed: 45) {
            let expected = TextUtil.containsASCIICaseInsensitive(s, "byline") || TextUtil.containsASCIICaseInsensitive(s, "author")
            #expect(TextUtil.containsASCIICaseInsensitive(s, "byline", or: "author") == expected, "\(s.debugDescription)")
        }
    }

    @Test func leadingCollapsedTextKeepsTheFirst80Characters() {
        // Long runs: the samples repeated past the 1,024-byte cut, some with much whitespace.
        for (k, s) in Self.samples(600, seed: 46).enumerated() where !s.isEmpty {
            var long = String(repeating: s, count: 1 + 2048 / max(1, s.utf8.count))
            if k % 3 == 0 { long = String(repeating: " \u{A0}\u{200B}", count: 400) + long }
            let whole = TextUtil.collapseWhitespace(long)
            let lead = Self.utf8(long) { MetadataExtractor.leadingCollapsedText($0) }
            #expect(String(lead.prefix(80)) == String(whole.prefix(80)), "\(s.debugDescription)")
            #expect(whole.utf8.starts(with: lead.utf8))
            #expect((lead.count >= 8) == (whole.count >= 8))
        }
        #expect(Self.utf8("short 2024") { MetadataExtractor.leadingCollapsedText($0) } == "short 2024")
    }

    @Test func currencySignBytesComeBeforeEveryPrice() {
        for s in Self.samples(3000, seed: 47) + ["$36", "€ 19,90", "12.000₩", "¥5", "£3", "¢5"] {
            let sign = Self.utf8(s) { HTMLExtractor.hasCurrencySign($0) }
            #expect(sign == s.unicodeScalars.contains { "$€£¥₩".unicodeScalars.contains($0) }, "\(s.debugDescription)")
            if HTMLExtractor.hasPrice(s) { #expect(sign) }
        }
    }
}
