import Testing
@testable import WaveText

/// The ASCII word break must give exactly ICU's segments and kinds, and the
/// chunked segmentation exactly what one ICU pass over the text gives.
@Suite struct ASCIIWordBreakTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func expectSameAsICU(_ text: String, locale: String = "en", sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = Tokenizer.wordSegments(text, locale: locale, hybrid: true)
        let icu = Tokenizer.wordSegments(text, locale: locale, hybrid: false)
        let same = ours.count == icu.count && zip(ours, icu).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        #expect(same, "\(text.debugDescription): \(ours) vs ICU \(icu)", sourceLocation: sourceLocation)
    }

    @Test func everyShortASCIIString() {
        // All ASCII but the chunk separators, every string of one and two
        // characters, and every string of three over a letter, a digit and
        // the bytes with rules of their own.
        let all = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }.filter { !" \t\n\r\u{0B}\u{0C}".contains($0) }
        for a in all {
            expectSameAsICU(String(a))
            for b in all { expectSameAsICU(String([a, b])) }
        }
        let classes = Array("aZ9_.',;:@-#&/\"")
        for a in classes { for b in classes { for c in classes { expectSameAsICU(String([a, b, c])) } } }
    }

    @Test func randomASCIIStrings() {
        var g = Generator(state: 4)
        let classes = Array("aZq9_.',;:@-#&/\" ")
        for _ in 0..<20_000 {
            let n = 1 + g.next(14)
            expectSameAsICU(String((0..<n).map { _ in classes[g.next(classes.count)] }))
        }
    }

    @Test func ruleExamples() {
        // Statuses decided by the last two characters (ICU 72).
        let cases: [(String, [(String, TokenKind)])] = [
            ("a1", [("a1", .number)]), ("1a", [("1a", .word)]), ("0_", [("0_", .number)]), ("0__", [("0__", .word)]),
            ("_", []), ("__", [("__", .word)]), ("3.5", [("3.5", .number)]), ("U.S", [("U.S", .word)]),
            ("a:b", [("a", .word), ("b", .word)]), ("1,200", [("1,200", .number)]), ("a,b", [("a", .word), ("b", .word)]),
            ("don't", [("don't", .word)]), ("a@b.com", [("a@b.com", .word)]),
        ]
        for (text, expected) in cases {
            let segments = Tokenizer.wordSegments(text, locale: "en", hybrid: true)
            let got = segments.map { (String(decoding: Array(text.utf8)[$0.0], as: UTF8.self), $0.1) }
            #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1), "\(text)")
            expectSameAsICU(text)
        }
    }

    @Test func mixedTextChunks() {
        // Non-ASCII pieces next to white space and ASCII: combining marks and
        // ZWJ after a space, curly apostrophes, emoji, CJK, Hangul, full-width.
        let pieces = ["a", "Z", "7", " ", "  ", "\t", "\n", "\r\n", ".", "'", ",", "_", "@", "-", "\u{2019}", "\u{201C}",
                      "é", "e\u{301}", "\u{301}", "\u{200D}", "\u{200B}", "\u{00AD}", "😀", "❤️", "👍🏽", "🇰🇷", "韓流",
                      "한국어", "カタカナ", "ｶﾀｶﾅ", "Ｓｅｏｕｌ", "١٢", "\u{00A0}", "\u{3000}", "2023년", "ß"]
        var g = Generator(state: 11)
        for locale in ["en", "ko", ""] {
            for _ in 0..<3_000 {
                let n = 1 + g.next(12)
                expectSameAsICU((0..<n).map { _ in pieces[g.next(pieces.count)] }.joined(), locale: locale)
            }
        }
    }
}

@Suite struct TokenLayoutTests {
    /// ``Token/initialize(_:surface:term:kind:range:sentence:isStopword:)``
    /// writes every stored property by hand: it must give the same token as
    /// the initializer, and must learn of any stored property added later.
    @Test func inPlaceInitializerMatchesInit() {
        let made = Token(surface: "Seoul", term: "seoul", kind: .word, range: 3..<8, sentence: 2, isStopword: true)
        let p = UnsafeMutablePointer<Token>.allocate(capacity: 1)
        defer { p.deinitialize(count: 1); p.deallocate() }
        Token.initialize(p, surface: "Seoul", term: "seoul", kind: .word, range: 3..<8, sentence: 2, isStopword: true)
        #expect(p.pointee == made)
        #expect(p.pointee.parts == 1 && p.pointee.partOfSpeech == nil && p.pointee.lemma == nil && p.pointee.particle == nil)
        #expect(Mirror(reflecting: made).children.count == 8, "a stored property was added to Token: initialize it in Token.initialize too")
    }
}
