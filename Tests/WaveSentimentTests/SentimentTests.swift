import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveSentiment

@Suite struct SentimentTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    let tokenizer = Tokenizer()

    func scorer() throws -> SentimentScorer {
        let rules = try SentimentLexicon.parseRules("""
        en:
          negators: [not, never, "n't"]
          intensifiers: {very: 0.5}
          diminishers: {slightly: -0.5}
          contrast: [but]
        """, source: "rules")
        let lexicon = SentimentLexicon(valences: [.english: ["good": 2, "bad": -2, "great success": 3]], rules: rules)
        return SentimentScorer(lexicon: lexicon, tokenizer: tokenizer)
    }

    func score(_ text: String) throws -> Double {
        let s = try scorer().sentiment(of: tokenizer.tokenize(text, language: .english))
        return s.overall
    }

    @Test func valenceBecomesABoundedScore() throws {
        // 2 / sqrt(4 + 15)
        #expect(abs(try score("It is good.") - 2 / 19.0.squareRoot()) < 1e-9)
        #expect(try score("It is bad.") < 0)
        #expect(try score("Nothing here.") == 0)
    }

    @Test func negationFlipsAndDamps() throws {
        let v = -0.74 * 2
        #expect(abs(try score("It is not good.") - v / (v * v + 15).squareRoot()) < 1e-9)
    }

    @Test func intensifiersAndDiminishersScale() throws {
        #expect(try score("It is very good.") > score("It is good."))
        #expect(try score("It is slightly good.") < score("It is good."))
    }

    @Test func contrastWeighsTheSecondPart() throws {
        // before "but": ×0.5, after: ×1.5 → 2*0.5 - 2*1.5 = -2
        let v = -2.0
        #expect(abs(try score("It is good but bad.") - v / (v * v + 15).squareRoot()) < 1e-9)
    }

    @Test func phrasesScoreAsOneEntry() throws {
        let v = 3.0
        #expect(abs(try score("A great success.") - v / (v * v + 15).squareRoot()) < 1e-9)
    }

    @Test func documentsDoNotSaturateWithTheirLength() throws {
        // English pools up to four sentences (Σ s / √n), then the mean times √4:
        // 200 sentences of "good" (2.0) score like four, 4 / √(16 + 15).
        let long = Array(repeating: "It is good.", count: 200).joined(separator: " ")
        let four = Array(repeating: "It is good.", count: 4).joined(separator: " ")
        #expect(abs(try score(long) - 4 / 31.0.squareRoot()) < 1e-9)
        #expect(abs(try score(long) - score(four)) < 1e-9)
    }

    @Test func targetSentimentAveragesOnlyTheGivenSentences() throws {
        let doc = tokenizer.tokenize("Japan is good. Korea is bad. Nothing else.", language: .english)
        let s = try scorer().sentiment(of: doc)
        #expect(s.score(over: [0])! > 0)
        #expect(s.score(over: [1])! < 0)
        #expect(s.score(over: [2]) == 0)
        #expect(s.score(over: []) == nil)
    }

    @Test func shippedLexiconsLoadInEveryLanguage() throws {
        let lexicon = try SentimentLexicon.shipped()
        for language in [Language.english, .japanese, .korean] {
            #expect((lexicon.counts[language] ?? 0) >= 500, "\(language)")
            #expect(lexicon.rules[language] != nil)
        }
        let scorer = SentimentScorer(lexicon: lexicon, tokenizer: tokenizer)
        #expect(scorer.sentiment(of: tokenizer.tokenize("This is a wonderful, brilliant film.", language: .english)).overall > 0.3)
        #expect(scorer.sentiment(of: tokenizer.tokenize("This is a terrible, boring film.", language: .english)).overall < -0.3)
        #expect(scorer.sentiment(of: tokenizer.tokenize("This is not a good film.", language: .english)).overall < 0)
    }

    @Test func badLexiconFilesNameTheLine() throws {
        let url = Self.fixtures.appendingPathComponent("bad-lexicon.tsv")
        var lexicon = SentimentLexicon()
        let error = try #require(throws: LexiconError.self) { try lexicon.load(contentsOf: url, language: .english) }
        #expect(error.line == 4)
        #expect(error.source.hasSuffix("bad-lexicon.tsv"))
        #expect(throws: LexiconError.self) { try SentimentLexicon.parseValences("word\tnot-a-number\n", source: "x") }
        #expect(throws: LexiconError.self) { try SentimentLexicon.parseValences("word\tnan\n", source: "x") }
        #expect(throws: LexiconError.self) { try SentimentLexicon.parseRules("en: [1, 2]", source: "r") }
        #expect(throws: LexiconError.self) { try SentimentLexicon.parseRules("en: {negation_position: sideways}", source: "r") }
    }

    @Test func vaderFormatFilesLoad() throws {
        let table = try SentimentLexicon.parseValences("good\t1.9\t0.9\t[2, 2, 1]\n:)\t2.0\t1.1\t[1]\n", source: "vader.txt")
        #expect(table == ["good": 1.9, ":)": 2.0])
    }
}

@Suite struct ElongationTests {
    @Test func elongatedWordsFallBackToTheirDictionaryForm() throws {
        #expect(SentimentScorer.collapsingRuns("goooood", keep: 2) == "good")
        #expect(SentimentScorer.collapsingRuns("goooood", keep: 1) == "god")
        #expect(SentimentScorer.collapsingRuns("good", keep: 2) == nil)
        let tokenizer = Tokenizer()
        let scorer = SentimentScorer(lexicon: try SentimentLexicon.shipped(), tokenizer: tokenizer)
        #expect(scorer.sentiment(of: tokenizer.tokenize("Goooooood!!!", language: .english)).overall > 0)
        #expect(scorer.sentiment(of: tokenizer.tokenize("So baaaaad.", language: .english)).overall < 0)
    }
}
