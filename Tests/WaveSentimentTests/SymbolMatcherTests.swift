import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveSentiment

/// The byte trie for symbols inside words must find what Foundation's
/// `contains` finds (canonical equivalence on whole grapheme clusters), in the
/// same order, for the shipped symbol lists and for texts the byte path leaves
/// to `contains` (combining marks, joiners, decomposed kana and Hangul).
@Suite struct SymbolMatcherTests {
    static let texts: [String] = [
        "좋다^^", "최고ㅠ_ㅠ", "ㅠ_ㅠ\u{301}", "^^\u{301}", "\u{301}^^", "x^^y", "좋아요^_^!!", "-_-;;",
        "楽しい(笑)", "（笑）", "悲しい(泣)", "(^_^)/", "(;_;)", "(≧∇≦)", "(t_t)", "ok(^^)", "(^^)v",
        "♥♥", "♥\u{FE0F}♥", "♥♥\u{FE0F}", "♡♡최고", "が(笑)", "か\u{3099}(笑)", "e\u{301}:-)", "é:-)",
        "≠:)", "=\u{338}(", "Ω:-(", "\u{2126}:-(", "\u{1100}\u{1161}^^", "👍🏻^^", "🇰🇷^^", "a\u{200D}^^",
        "<3<3", ":-)):-(", "ㅋㅋ^^ㅋㅋ", "", "^", "(", "ＡＢ^^",
    ]

    @Test func byteTrieFindsWhatContainsFinds() {
        #expect(ShippedSentiment.scorer.engine(for: .japanese).attachedSymbols[.japanese]?.entries.isEmpty == false)
        #expect(ShippedSentiment.scorer.engine(for: .korean).attachedSymbols[.korean]?.entries.isEmpty == false)
        for language in [Language.japanese, .korean, .english] {
            let engine = ShippedSentiment.scorer.engine(for: language)
            for matcher in [engine.attachedSymbols[language], engine.nonASCIISymbols[language]].compactMap({ $0 }) {
                for text in Self.texts {
                    let folded = text.lowercased()
                    let expected = matcher.entries.compactMap { folded.contains($0.0) ? $0.1 : nil }
                    #expect(matcher.values(in: folded) == expected, "\(language) \(text)")
                }
                // Every entry found in a plain text around it, and only once.
                for (symbol, value) in matcher.entries where SymbolMatcher.isPlain(symbol) {
                    let values = matcher.values(in: "좋다" + symbol + "요" + symbol)
                    #expect(values.contains(value))
                    #expect(values == matcher.entries.compactMap { ("좋다" + symbol + "요" + symbol).contains($0.0) ? $0.1 : nil })
                }
            }
        }
    }

    @Test func plainTextsAreOneScalarPerCluster() {
        #expect(SymbolMatcher.isPlain("좋다^^(笑)がヴ♥"))
        #expect(!SymbolMatcher.isPlain("か\u{3099}"))
        #expect(!SymbolMatcher.isPlain("♥\u{FE0F}"))
        #expect(!SymbolMatcher.isPlain("\u{1100}\u{1161}"))
        #expect(!SymbolMatcher.isPlain("\u{2126}"))
        #expect(!SymbolMatcher.isPlain("\u{2329}"))
        #expect(!SymbolMatcher.isPlain("\u{F900}"))
    }
}
