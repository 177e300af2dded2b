import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveSentiment

/// Informal text: Korean endings, contractions and run-together phrases,
/// Korean negation written together, the tone cue; English emoticons,
/// hashtags and slang; and the fast paths (byte tries, byte scans), which must
/// give the same results as the general code they stand in for.
@Suite struct SentimentInformalTests {
    static let tokenizer = ShippedSentiment.tokenizer
    static let shipped = ShippedSentiment.scorer

    func score(_ text: String, _ language: Language) -> Double { ShippedSentiment.sentiment(text, language).overall }

    // MARK: Korean spelling and morphology

    @Test func contractionsAndMisspellingsShareOneForm() {
        #expect(KoreanForms.canonical("재밌다") == KoreanForms.canonical("재미있다"))
        #expect(KoreanForms.canonical("재밌었다") == KoreanForms.canonical("재미있었다"))
        #expect(KoreanForms.canonical("있었다") == KoreanForms.canonical("잇엇다"))
        #expect(KoreanForms.canonical("같내요") == KoreanForms.canonical("같네요"))       // ㅔ/ㅐ
        #expect(KoreanForms.canonical("ㅋㅋㅋㅋㅋ") == KoreanForms.canonical("ㅋㅋ"))
        #expect(KoreanForms.canonical("잤다") == "잣다")                                // vowel ㅏ: no 있 split, ㅆ → ㅅ
    }

    @Test func conjoiningJamoDoNotSwallowTheNextSyllable() {
        // NFKC turns ㅋ into a conjoining jamo that would join 재 into one
        // grapheme; the canonical form uses the standalone jamo.
        let folded = TextNormalizer.fold("ㅋㅋ재밌당")
        #expect(Array(KoreanForms.canonical(folded)).count == 6)
    }

    @Test(arguments: [
        ("그냥좋다", 1), ("보기좋았습니다", 1), ("일본특유의개그감ㅋㅋㅋ재밌당", 1), ("제미있습니다", 1),
        ("재미있었어요", 1), ("재밋엇다", 1), ("잼있음", 1), ("재미없네", -1), ("지루했다", -1), ("지루하다", -1),
        ("아깝다", -1), ("아까운 시간", -1), ("시간아깝다", -1), ("인상깊었다", 1),
    ])
    func koreanEndingsAndRunTogetherWords(text: String, sign: Int) {
        let s = score(text, .korean)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test(arguments: [
        ("노잼", -1), ("꿀잼", 1), ("핵노잼", -1), ("최고", 1), ("최악", -1), ("쓰레기", -1), ("강추", 1), ("비추", -1),
        ("별로", -1), ("10점 준다", 1), ("1점도 아깝다", -1), ("평점이 너무 높다", -1), ("짱이에요", 1),
    ])
    func koreanSlangAndRatings(text: String, sign: Int) {
        let s = score(text, .korean)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test(arguments: [
        ("감동없는 음악", -1), ("재미도없고", -1), ("감동 없는 음악", -1), ("안재밌어", -1), ("재밌지 않다", -1),
        ("재미있지도않고", -1), ("이건 아님", -1), ("못 만든 영화", -1),
    ])
    func koreanNegationWrittenTogetherOrApart(text: String, sign: Int) {
        let s = score(text, .korean)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test func wishesAndIdiomsAreNotPraiseOrNegation() {
        // "It would have been good if the acting were better": regret, not praise.
        #expect(score("연기만 더 잘했으면 좋았을것을", .korean) < 0)
        // 어쩔 수 없다 ("cannot be helped") does not negate the drowsiness before it.
        #expect(score("화면은 아름다웠지만, 쏟아지는 졸음은 어쩔수 없다", .korean) < 0)
        // A genre is not a verdict.
        #expect(score("공포영화 재밌다", .korean) > 0)
    }

    @Test func aRunTogetherPhraseIsSearchedInsideNotReadFromItsStart() {
        // 공포* (fear) begins the word, but the phrase praises the film.
        #expect(score("공포영화인데웃으면서봤네요ㅋㅋㅋ강추입니다", .korean) > 0)
    }

    @Test func theToneCueOnlyBreaksSilence() {
        #expect(score("그냥 영화...", .korean) == -0.05)
        #expect(score("영화 봤어요~!", .korean) == 0.05)
        #expect(score("영화 봤어요", .korean) == 0)
        // A lexicon hit outweighs the cue entirely.
        #expect(score("재밌어요...", .korean) > 0.3)
    }

    @Test func sadnessInAStoryIsNotAVerdict() {
        // 슬프다 and 재밌다 together: the verdict wins.
        #expect(score("슬프지만 정말 재밌다", .korean) > 0)
        #expect(abs(score("슬프다", .korean)) < abs(score("지루하다", .korean)))
    }

    // MARK: English informal register

    @Test(arguments: [
        ("made my day :)))", 1), ("ugh :((((", -1), ("missing you &lt;3", 1), ("so tired -.-", -1),
        ("this &gt;:(", -1), ("\\o/ we did it", 1),
    ])
    func emoticonsIncludingRepeatsAndHTMLEscapes(text: String, sign: Int) {
        let s = score(text, .english)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test(arguments: [
        ("Another Monday #fail", -1), ("Got the job #winning", 1), ("HP almost ran me over #stillbitter", -1),
        ("Friday night #sohappy", 1),
    ])
    func hashtagsMatchWholeOrByTheWordAtAnEnd(text: String, sign: Int) {
        let s = score(text, .english)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test(arguments: [
        ("woot finally done", 1), ("fml", -1), ("smh at this", -1), ("that was sooo good", 1), ("yummy", 1),
        ("Oh no!", -1), ("I like the new one", 1), ("in a foul mood", -1), ("congrats!!", 1),
    ])
    func slangAndInterjections(text: String, sign: Int) {
        let s = score(text, .english)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    @Test func capitalsAndExclamationsStrengthen() {
        #expect(score("The food was GOOD.", .english) > score("The food was good.", .english))
        #expect(score("The food was good!!!", .english) > score("The food was good.", .english))
    }

    // MARK: Fast paths agree with the general code

    @Test func asciiStemsEqualTheGeneralStems() {
        for word in ["disappointingly", "luckiest", "happily", "stopped", "running", "goooood", "hated", "ladies", "cafés"] {
            #expect(SentimentEngine.englishStems(word) == SentimentEngine.englishStemsGeneral(word), "\(word)")
        }
    }

    @Test func lexiconParsingKeepsEntriesAndTrimsSpaces() throws {
        let table = try SentimentLexicon.parseValences("# c\n  good \t 2.0\r\nbad\t-2\n\nfine\t1\textra\n", source: "t")
        #expect(table == ["good": 2.0, "bad": -2, "fine": 1])
        #expect(throws: LexiconError.self) { try SentimentLexicon.parseValences("\tempty\t1\n", source: "t") }
    }

    @Test func eachLanguageIsCompiledOnFirstUseAndScoresTheSame() {
        let fresh = SentimentScorer(lexicon: try! SentimentLexicon.shipped(), tokenizer: Self.tokenizer)
        for (text, language) in [("A good film.", Language.english), ("정말 좋다", .korean), ("良い。", .japanese)] {
            let document = Self.tokenizer.tokenize(text, language: language)
            #expect(fresh.sentiment(of: document).overall == Self.shipped.sentiment(of: document).overall)
        }
    }
}
