import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveSentiment

/// Second round of issue 6: Korean negation scope, -ㄴ데, slang prefixes, lack and
/// recommendation; English bare "no", "like" as a verb and mild everyday words.
@Suite struct SentimentVerdictTests {
    static let tokenizer = ShippedSentiment.tokenizer
    static let shipped = ShippedSentiment.scorer

    func sentiment(_ text: String, _ language: Language) -> DocumentSentiment { ShippedSentiment.sentiment(text, language) }

    func score(_ text: String, _ language: Language) -> Double { sentiment(text, language).overall }

    // MARK: Korean

    @Test func aBluntRhetoricalQuestionReadsAsAJab() {
        #expect(SentimentEngine.koreanToneCue("이걸 영화라고 만들었냐") < 0)
        #expect(SentimentEngine.koreanToneCue("누가 만들었니?") < 0)
        #expect(SentimentEngine.koreanToneCue("영화 봤어요") == 0)
    }

    @Test func aNegationWithNothingToNegateLeansNegative() {
        #expect(SentimentEngine.isBareNegation("없다"))
        #expect(SentimentEngine.isBareNegation("남는게없네"))
        #expect(SentimentEngine.isBareNegation("않는"))
        #expect(SentimentEngine.isBareNegation("안"))
        #expect(SentimentEngine.isBareNegation("못봤다"))
        #expect(SentimentEngine.isBareNegation("아닌"))
        #expect(!SentimentEngine.isBareNegation("아니라"))
        #expect(!SentimentEngine.isBareNegation("아니면"))
        #expect(!SentimentEngine.isBareNegation("안경"))
        #expect(SentimentEngine.koreanToneCue("배우 말고는 남는 게 없다") < 0)
        #expect(SentimentEngine.koreanToneCue("원작이 아니라 각색") == 0)
        // Only a cue: a lexicon hit still decides.
        #expect(score("재미가 없지 않다", .korean) != -0.05)
        #expect(score("줄거리 따라가기가 쉽지 않다", .korean) == -0.05)
    }

    @Test func endingsMergedIntoAStemsLastSyllableStillMatch() {
        #expect(Set(KoreanForms.stemVariants("나오")) == ["나온", "나올", "나옴", "나옵"])
        #expect(Set(KoreanForms.stemVariants("편하")) == ["편한", "편할", "편함", "편합", "편해", "편했"])
        #expect(Set(KoreanForms.stemVariants("빠져들")) == ["빠져든", "빠져듭", "빠져드"])
        #expect(KoreanForms.stemVariants("좋").isEmpty)        // one syllable
        #expect(KoreanForms.stemVariants("재미있").isEmpty)    // closed by another consonant
        #expect(KoreanForms.stemVariants("보지 마").isEmpty)   // last word of one syllable
        // An entry of its own is not overwritten by a variant.
        let table = KoreanForms.withStemVariants(["나쁘*": -2.4, "나쁜": -2.0])
        #expect(table["나쁜"] == -2.0 && table["나쁜*"] == nil && table["나쁨*"] == -2.4)
        let scorer = SentimentScorer(lexicon: SentimentLexicon(valences: [.korean: ["욕 나오*": -1.5, "편하*": 1.0]]),
                                     tokenizer: Self.tokenizer)
        #expect(scorer.sentiment(of: Self.tokenizer.tokenize("욕 나온다", language: .korean)).overall < 0)
        #expect(scorer.sentiment(of: Self.tokenizer.tokenize("너무 편했다", language: .korean)).overall > 0)
    }

    @Test func aNegationAfterMembersJoinedByDoNegatesThemAll() {
        // 감동도 재미도 없다: not moving and not fun, not "moving" plus "no fun".
        #expect(score("감동도 재미도 없다", .korean) < 0)
        #expect(score("통찰도 웃음도 결여된 영화", .korean) < 0)
        // Without the negation the members keep their sign.
        #expect(score("감동도 재미도 있다", .korean) > 0)
    }

    @Test func laughterBesideAVerdictGoesWithIt() {
        #expect(SentimentEngine.isLaughter("ㅋㅋㅋ"))
        #expect(SentimentEngine.isLaughter("ㅎㅎ"))
        #expect(!SentimentEngine.isLaughter("ㅋㅋ재밌다"))
        // Mockery: laughter after a complaint makes it stronger, not weaker.
        #expect(score("재미없다 ㅋㅋ", .korean) < score("재미없다", .korean))
        // Amusement after praise still adds to it.
        #expect(score("재밌다 ㅋㅋ", .korean) > score("재밌다", .korean))
        // On its own it is good humour.
        #expect(score("ㅋㅋ", .korean) > 0)
    }

    @Test func slangPrefixesStrengthenTheWordTheyAreWrittenOnto() {
        #expect(score("개재밌다", .korean) > score("재밌다", .korean))
        #expect(score("핵지루하다", .korean) < score("지루하다", .korean))
        #expect(score("존웃김", .korean) > 0)
        // A separate 개 before the word intensifies too.
        #expect(score("개 재밌다", .korean) > score("재밌다", .korean))
    }

    @Test func anAdverbialNegatorBelongsToTheWordAfterIt() {
        // 안 before 지루하다 negates 지루하다 only; it does not also negate the praise before it.
        #expect(score("명작 안 지루합니다", .korean) > 0)
        #expect(score("좋아요 안 지루합니다", .korean) > score("좋아요", .korean) * 0.9)
        // With no evaluative word after it, it still negates the one before.
        #expect(score("재미 안 있다", .korean) < 0)
    }

    @Test func aConnectiveNDeOpensTheClauseThatCounts() {
        #expect(SentimentEngine.endsInNDe("화려한데"))
        #expect(SentimentEngine.endsInNDe("아름다운데"))
        #expect(!SentimentEngine.endsInNDe("바다"))
        #expect(!SentimentEngine.endsInNDe("데"))
        // 화려하다 before, 그닥 after: the later clause decides.
        #expect(score("캐스팅은 화려한데 내용이 그닥", .korean) < 0)
    }

    @Test func lackMayTakeAnAdverbBetween() {
        #expect(SentimentEngine.koreanLacks("가많이없어졌다"))
        #expect(SentimentEngine.koreanLacks("이하나도없고"))
        #expect(!SentimentEngine.koreanLacks("가많이있다"))
        #expect(score("재미가많이없어졌다", .korean) < 0)
    }

    @Test(arguments: [
        ("통찰도 웃음도 결여된 영화", -1), ("감흥이 없다", -1), ("만들다 말았다", -1), ("보지 마세요", -1),
        ("돈 버렸다", -1), ("꼭 보세요", 1), ("한 번쯤은 봐야 할 영화", 1), ("보는 내내 뭉클했다", 1),
        ("다시 보고 싶다", 1), ("완성도가 높다", 1), ("완성도가 낮다", -1), ("깊은 잠에 빠지게 한다", -1),
        ("평점이 왜 이리 낮은지 모르겠다", 1), ("울 뻔했다", 1), ("졸 뻔했다", -1), ("용가리가 차라리 낫다", -1),
    ])
    func koreanLackRecommendationAndVerdicts(text: String, sign: Int) {
        let s = score(text, .korean)
        #expect(s != 0 && (s > 0) == (sign > 0), "\(text): \(s)")
    }

    // MARK: English

    @Test func aBareNoThatNegatesNothingDenies() {
        #expect(score("No Keynote, S5 or Prezi.", .english) < 0)
        #expect(score("No.", .english) < 0)
        // It still negates a word when there is one, and set phrases keep their own score.
        #expect(score("no problem at all", .english) > 0)
        #expect(score("no good", .english) < 0)
        #expect(score("There were no good seats", .english) < 0)
    }

    @Test func likeIsAVerbAfterASubjectNotAPreposition() {
        #expect(score("I like this phone", .english) > 0)
        #expect(score("I don't like it", .english) < 0)
        #expect(score("she looks like a singer", .english) == 0)
    }

    @Test func mildEverydayWordsTouchOtherwiseNeutralTweets() {
        #expect(score("well there is a breeze now", .english) > 0)
        #expect(score("I want this", .english) > 0)
        #expect(score("just stop", .english) < 0)
        #expect(score("cant stop daydreaming about paris", .english) > 0)
        // "as well" is not praise.
        #expect(score("I went there as well", .english) == 0)
    }
}
