import Foundation
import Testing
import WaveText
@testable import WaveSentiment

/// Rules of the sentiment scorer on the shipped lexicons: negation scope per
/// language, contrast, concession, direction words, emoticons and emoji.
@Suite struct SentimentRulesTests {
    static let tokenizer = ShippedSentiment.tokenizer
    static let shipped = ShippedSentiment.scorer

    func score(_ text: String, _ language: Language) -> Double { ShippedSentiment.sentiment(text, language).overall }

    // MARK: Negation scope

    @Test(arguments: [
        ("The film was good.", 1), ("The film was not good.", -1),
        ("It isn't a very good film.", -1),           // reaches over the intensifier and article
        ("Not once, but the food was good.", 1),      // stops at the comma and the contrast
        ("The service was never bad.", 1),
    ])
    func englishNegationReachesToThePunctuation(text: String, sign: Int) {
        #expect(score(text, .english).sign == (sign > 0 ? .plus : .minus), "\(text)")
    }

    @Test(arguments: [
        ("良い。", 1), ("良くない。", -1), ("良くはない。", -1), ("問題がない。", 1),
        ("業績は悪化しました。", -1), ("業績は悪化していない。", 1),
        ("売れない状況が続いている。", -1), ("来客数が増えている。", 1), ("来客数が減っている。", -1),
    ])
    func japaneseNegationFollowsThePredicate(text: String, sign: Int) {
        let s = score(text, .japanese)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test(arguments: [
        ("정말 좋다", 1), ("좋지 않다", -1), ("안 좋아요", -1), ("안좋아요", -1), ("좋지않다", -1),
        ("재미없다", -1), ("완전 꿀잼", 1), ("변화 없음의 지루함", -1),   // 없 follows its predicate; it does not negate 지루함
    ])
    func koreanNegationBeforeAfterAndInside(text: String, sign: Int) {
        let s = score(text, .korean)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    // MARK: Contrast and concession

    @Test func theClauseAfterButWeighsMore() {
        #expect(score("The cast is great but the plot is terrible.", .english) < 0)
        #expect(score("The plot is terrible but the cast is great.", .english) > 0)
    }

    @Test func aConcessiveClauseWeighsLess() {
        #expect(score("Although the plot is weak, the film is wonderful.", .english) > 0)
        #expect(score("Although the cast is wonderful, the film is weak.", .english) < 0)
    }

    @Test func contrastInJapaneseAndKorean() {
        // が at the end of a clause is a contrast; the subject particle が is not.
        #expect(score("デザインは良いが、品質が悪い。", .japanese) < 0)
        #expect(score("品質は悪いが、デザインが良い。", .japanese) > 0)
        #expect(score("배우는 좋지만 스토리가 최악이다", .korean) < 0)
        #expect(score("스토리는 별로지만 배우가 최고다", .korean) > 0)
    }

    @Test func directionWordsTurnAroundForThingsBadToHaveMoreOf() {
        #expect(score("Sales rose sharply.", .english) > 0)
        #expect(score("Costs rose sharply.", .english) < 0)
        #expect(score("売上高が増加しました。", .japanese) > 0)
        #expect(score("費用が増加しました。", .japanese) < 0)
        #expect(score("赤字が減少しました。", .japanese) > 0)
    }

    @Test func japaneseOneCharacterEntriesMatchOnlyWholeTokens() {
        #expect(score("売上高は前年同期比3.5%増となりました。", .japanese) > 0)
        #expect(score("売上高は前年同期比15.5%減となりました。", .japanese) < 0)
    }

    // MARK: Emoticons, emoji, emphasis

    @Test func emoticonsAndEmojiCount() {
        #expect(score("Monday again :(", .english) < 0)
        #expect(score("Monday again :-)", .english) > 0)
        #expect(score("Monday again 😂😍", .english) > 0)
        #expect(score("Monday again 😡", .english) < 0)
        #expect(score("최고의 영화^^", .korean) > 0)
    }

    @Test func symbolEntriesDoNotMatchAsWords() {
        // "a+" is a grade; the article "a" must not carry its valence.
        #expect(score("It is a dog.", .english) == 0)
        #expect(score("Grade: A+", .english) > 0)
    }

    @Test func capitalsAndExclamationsStrengthen() {
        #expect(score("The food was GOOD.", .english) > score("The food was good.", .english))
        #expect(score("The food was good!!", .english) > score("The food was good.", .english))
    }

    // MARK: Fallbacks

    @Test func englishSuffixesAreStrippedWhenNothingElseMatches() {
        #expect(SentimentScorer.englishStems("disappointingly").contains("disappointing"))
        #expect(SentimentScorer.englishStems("luckiest").contains("lucky"))
    }

    @Test func koreanEntriesAreFoundInsideLongerWords() {
        #expect(score("개꿀잼이었음", .korean) > 0)
        #expect(score("완전재미없음", .korean) < 0)
    }

    @Test func cancellingSentencesLeanToTheLastOne() {
        let s = score("The start is good. The end is bad.", .english)
        // English pools the raw sums (good 1.8, bad −2.2): (1.8 − 2.2) / √2, squashed.
        #expect(s < 0 && s > -0.1)
    }
}
