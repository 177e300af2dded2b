import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveThemes

@Suite struct ThemeDictionaryTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    let tokenizer = Tokenizer()

    @Test func shippedDictionaryHasTheRequiredThemesInThreeLanguages() throws {
        let dictionary = try ThemeDictionary.shipped()
        for theme in ["nostalgia", "forward_facing", "government_policy", "exports_economy", "talent_labour",
                      "global_reach_diplomacy", "risk_aversion_conservatism", "streaming_platforms"] {
            let t = try #require(dictionary.themes.first { $0.path == theme }, "\(theme)")
            for language in [Language.english, .japanese, .korean] {
                #expect((t.terms[language]?.count ?? 0) >= 10, "\(theme) \(language)")
            }
        }
        #expect(dictionary.themes.contains { $0.parent != nil })
    }

    @Test func subthemeHitsCountTowardTheirParent() throws {
        let yaml = """
        version: 1
        themes:
          nostalgia:
            terms: {en: [retro]}
            subthemes:
              works:
                terms: {en: ["studio ghibli"]}
        """
        let dictionary = try ThemeDictionary(yaml: yaml, source: "inline")
        let scorer = ThemeScorer(dictionary: dictionary, tokenizer: tokenizer)
        let scores = scorer.scores(for: tokenizer.tokenize("Studio Ghibli is retro. Studio Ghibli!", language: .english))
        #expect(scores.hits["nostalgia/works"] == 2)
        #expect(scores.hits["nostalgia"] == 3)
        #expect(scores.framingIndex == -1)
    }

    @Test func framingIndexRunsFromNostalgiaToForwardFacing() throws {
        let dictionary = try ThemeDictionary(yaml: """
        themes:
          nostalgia: {terms: {en: [classic]}}
          forward_facing: {terms: {en: [export*, streaming]}}
        """, source: "inline")
        let scorer = ThemeScorer(dictionary: dictionary, tokenizer: tokenizer)
        let doc = tokenizer.tokenize("A classic film. Exports and streaming grow. Exporters cheer.", language: .english)
        let scores = scorer.scores(for: doc)
        #expect(scores.hits["forward_facing"] == 3)
        #expect(scores.hits["nostalgia"] == 1)
        #expect(abs(scores.framingIndex - 0.5) < 1e-9)
        #expect(scores.tokenCount == 9)
        #expect(abs(scores.rate("nostalgia") - 1000.0 / 9) < 1e-9)
    }

    @Test func readsQuantedaYAML() throws {
        let dictionary = try ThemeDictionary(contentsOf: Self.fixtures.appendingPathComponent("quanteda.yml"))
        #expect(dictionary.themes.map(\.path) == ["heritage", "future", "future/markets"])
        let scorer = ThemeScorer(dictionary: dictionary, tokenizer: tokenizer)
        let scores = scorer.scores(for: tokenizer.tokenize("Retro Ghibli and a global strategy for exports.", language: .english))
        #expect(scores.hits["heritage"] == 2)
        #expect(scores.hits["future"] == 2)
    }

    @Test func readsLIWCDictionaries() throws {
        let dictionary = try ThemeDictionary(contentsOf: Self.fixtures.appendingPathComponent("sample.dic"))
        #expect(dictionary.topLevel == ["nostalgia", "future"])
        let scorer = ThemeScorer(dictionary: dictionary, tokenizer: tokenizer)
        let scores = scorer.scores(for: tokenizer.tokenize("Streaming a classic retro show boosts exports.", language: .english))
        #expect(scores.hits["nostalgia"] == 3)   // streaming (both), classic, retro
        #expect(scores.hits["future"] == 2)      // streaming, exports
    }

    @Test func badFilesNameTheFileAndLine() throws {
        let url = Self.fixtures.appendingPathComponent("bad-theme.yaml")
        let error = try #require(throws: LexiconError.self) { try ThemeDictionary(contentsOf: url) }
        #expect(error.source.hasSuffix("bad-theme.yaml"))
        #expect(error.line != nil)
        #expect(error.description.contains("bad-theme.yaml:"))

        let liwc = try #require(throws: LexiconError.self) { try ThemeDictionary(liwc: "%\n1 a\n%\nword 7\n", source: "x.dic") }
        #expect(liwc.line == 4)
        #expect(liwc.reason.contains("7"))

        #expect(throws: LexiconError.self) { try ThemeDictionary(yaml: "", source: "empty.yaml") }
        #expect(throws: LexiconError.self) { try ThemeDictionary(yaml: "themes: [1, 2]", source: "list.yaml") }
        #expect(throws: LexiconError.self) { try ThemeDictionary(yaml: "\u{0}\u{1}binary", source: "bin.yaml") }
        #expect(throws: LexiconError.self) { try ThemeDictionary(contentsOf: URL(fileURLWithPath: "/nonexistent.yaml")) }
    }
}
