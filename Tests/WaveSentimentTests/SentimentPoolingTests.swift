import Foundation
import Testing
import WaveText
@testable import WaveSentiment

/// Third round of issue 6: how an English text's sentences make one score.
@Suite struct SentimentPoolingTests {
    static let tokenizer = ShippedSentiment.tokenizer
    static let shipped = ShippedSentiment.scorer

    func sentiment(_ text: String, _ language: Language) -> DocumentSentiment { ShippedSentiment.sentiment(text, language) }

    @Test func rawSumsArePooledOverTheSquareRootOfTheirCount() {
        #expect(SentimentEngine.pooled([]) == 0)
        #expect(SentimentEngine.pooled([2]) == SentimentEngine.squash(2))
        #expect(abs(SentimentEngine.pooled([2, 2]) - SentimentEngine.squash(4 / 2.0.squareRoot())) < 1e-12)
        #expect(SentimentEngine.pooled([2, 2]) > SentimentEngine.squash(2))
        #expect(SentimentEngine.pooled([2, -2]) == 0)
        // Beyond four sentences the pool stops growing: 100 sentences of +1 pool like four (+1 · √4).
        #expect(abs(SentimentEngine.pooled(Array(repeating: 1, count: 4)) - SentimentEngine.squash(2)) < 1e-12)
        #expect(abs(SentimentEngine.pooled(Array(repeating: 1, count: 100)) - SentimentEngine.squash(2)) < 1e-12)
        #expect(abs(SentimentEngine.pooled([3, 1, 1, 1, 0, 0]) - SentimentEngine.squash(6 / 6 * 2)) < 1e-12)
    }

    @Test func agreeingEnglishSentencesStrengthenEachOther() {
        let one = sentiment("I love it.", .english).overall
        let two = sentiment("I love it. I love it.", .english).overall
        #expect(one > 0)
        #expect(two > one)
        let bad = sentiment("The food was awful.", .english).overall
        #expect(sentiment("The food was awful. The service was awful.", .english).overall < bad)
        // One sentence scores as its own squashed sum.
        let single = sentiment("I love it.", .english)
        #expect(single.overall == single.sentences[0])
    }

    @Test func disagreeingEnglishSentencesWeighByTheirRawSums() {
        // Strong praise and a mild complaint: positive overall, but less than the praise alone.
        let praise = sentiment("It was absolutely wonderful.", .english).overall
        let mixed = sentiment("It was absolutely wonderful. The parking was a bit annoying.", .english).overall
        #expect(mixed > 0)
        #expect(mixed < praise)
    }

    @Test func everyLanguagePoolsOnOneScaleAndTargetsPoolTheirSentences() {
        for (text, language) in [("정말 재밌다. 지루하다.", Language.korean), ("とても面白い。少し退屈だ。", .japanese),
                                 ("It was wonderful. It was a bit slow.", .english)] {
            let doc = sentiment(text, language)
            let scored = doc.scoredSentences.sorted()
            #expect(scored.count == 2, "\(text)")
            #expect(doc.overall == SentimentEngine.pooled(scored.map { doc.rawSums[$0] }), "\(text)")
            // A target or theme mentioned in some sentences is scored the same way over them.
            #expect(doc.score(over: Set(scored)) == doc.overall)
            #expect(doc.score(over: [scored[0]]) == SentimentEngine.squash(doc.rawSums[scored[0]]))
            // The first sentence is praise, the second a complaint.
            #expect(doc.score(over: [scored[0]])! > 0 && doc.score(over: [scored[1]])! < 0, "\(text)")
        }
    }
}

/// Third round of issue 6: evaluative adverbs used for degree.
@Suite struct SentimentDegreeAdverbTests {
    func score(_ text: String) -> Double {
        SentimentPoolingTests.shipped.sentiment(of: SentimentPoolingTests.tokenizer.tokenize(text, language: .english)).overall
    }

    @Test func anEvaluativeAdverbBeforeAnotherHitOnlyStrengthensIt() {
        // "terribly", "damn", "spectacularly" carry their own valence alone, but before
        // another evaluative word they say how much, not which way.
        #expect(score("The food was terribly good.") > score("The food was good."))
        #expect(score("That was damn good.") > score("That was good."))
        #expect(score("I was spectacularly stupid.") < score("I was stupid."))
        #expect(score("This is fucking awesome.") > score("This is awesome."))
        #expect(score("She looks pretty nice.") > score("She looks nice."))
    }

    @Test func adjectivesOfDegreeStrengthenTheNounOrAdjectiveAfterThem() {
        #expect(score("It was a complete disaster.") < score("It was a disaster."))
        #expect(score("That was pure joy.") > score("That was joy."))
        #expect(score("It is utter garbage.") < score("It is garbage."))
    }

    @Test func aloneTheyKeepTheirOwnValence() {
        #expect(score("Damn.") < 0)
        #expect(score("She is pretty.") > 0)
        #expect(score("It went spectacularly.") > 0)
        // Not adjacent: both count on their own.
        #expect(score("Damn, that is good.") < score("That is good."))
    }
}

/// Third round of issue 6: elongated spellings, and inflected forms in sentences that have other hits.
@Suite struct SentimentElongationTests {
    func score(_ text: String) -> Double {
        SentimentPoolingTests.shipped.sentiment(of: SentimentPoolingTests.tokenizer.tokenize(text, language: .english)).overall
    }

    @Test func longRunsAreShortenedWithoutTouchingDoubleLetters() {
        #expect(SentimentEngine.hasLongRun("sooo"))
        #expect(!SentimentEngine.hasLongRun("really"))
        #expect(SentimentEngine.shorteningLongRuns("reallyyyy", to: 1) == "really")
        #expect(SentimentEngine.shorteningLongRuns("toooo", to: 2) == "too")
        #expect(SentimentEngine.shorteningLongRuns("goooood", to: 2) == "good")
        #expect(SentimentEngine.shorteningLongRuns("good", to: 1) == nil)
    }

    @Test func anElongatedIntensifierStillIntensifies() {
        #expect(score("The cake is sooo good.") > score("The cake is good."))
        #expect(score("That was reallyyy bad.") < score("That was bad."))
    }

    @Test func anElongatedWordCountsInFullNextToOtherHits() {
        // "goooood" beside "thanks": found, and at the full weight of "good".
        #expect(score("Thanks, that is goooood.") > score("Thanks, that is."))
        #expect(abs(score("It is goooood.") - score("It is good.")) < 1e-9)
    }

    @Test func nextToOtherHitsOnlyElongatedWordsAreLookedUpAgain() {
        // "abusively" is not an entry; "abusive" is. Alone it is found by the stem fallback;
        // beside another hit only elongated words are looked up again (stemming every word
        // of every sentence slowed scoring by about a fifth for little gain).
        #expect(score("He answered abusively.") < 0)
        #expect(score("Thanks, he answered abusively.") == score("Thanks, he answered."))
        #expect(score("Thanks, he answered baaaadly.") < score("Thanks, he answered."))
    }
}

/// Third round of issue 6: English negation reaches three words back.
@Suite struct SentimentNegationReachTests {
    func score(_ text: String) -> Double {
        SentimentPoolingTests.shipped.sentiment(of: SentimentPoolingTests.tokenizer.tokenize(text, language: .english)).overall
    }

    @Test func aNegatorWithinThreeWordsTurnsTheWordAround() {
        #expect(score("It is not very good.") < 0)
        #expect(score("It is not a good film.") < 0)
        #expect(score("I didn't like it.") < 0)
    }

    @Test func aNegatorFartherAwayDoesNot() {
        // "not" is four words before "cancer": the sentence stays negative.
        #expect(score("Dogs should not be allowed to get cancer.") < 0)
        #expect(SentimentEngine.englishNegationReach == 3)
    }
}

/// Third round of issue 6: emoticons ending in "*", and English hits that cancel exactly.
@Suite struct SentimentSymbolAndTieTests {
    func score(_ text: String) -> Double {
        SentimentPoolingTests.shipped.sentiment(of: SentimentPoolingTests.tokenizer.tokenize(text, language: .english)).overall
    }

    @Test func aStarAfterMarksOnlyIsPartOfTheEmoticon() {
        #expect(SentimentEngine.isSymbolEntry(":*"))
        #expect(SentimentEngine.isSymbolEntry(":-*"))
        #expect(!SentimentEngine.isSymbolEntry("disappoint*"))
        #expect(!SentimentEngine.isSymbolEntry("*"))
        #expect(score("@anonymous :-*") > 0)
        #expect(score("thanks :*") > score("thanks"))
    }

    @Test func englishHitsThatCancelExactlyLeanToTheLastOne() {
        // "hahaha" (+2.0) and "ew" (−2.0): the last word decides, weakly.
        let s = score("Hahaha ew?")
        #expect(s < 0 && s > -0.05)
        let t = score("Ew hahaha")
        #expect(t > 0 && t < 0.05)
    }
}

/// Third round of issue 6: negation is asymmetric in English.
@Suite struct SentimentNegationAsymmetryTests {
    func score(_ text: String) -> Double {
        SentimentPoolingTests.shipped.sentiment(of: SentimentPoolingTests.tokenizer.tokenize(text, language: .english)).overall
    }

    @Test func aNegatedComplaintIsOnlyMildlyPositive() {
        // terrible −3.6 → × −0.5 = +1.8; wonderful +3.4 → × −0.74 = −2.516.
        let notTerrible = score("It was not terrible.")
        let notWonderful = score("It was not wonderful.")
        #expect(notTerrible > 0)
        #expect(notWonderful < 0)
        #expect(abs(notTerrible - SentimentEngine.squash(1.8)) < 1e-9)
        #expect(abs(notWonderful - SentimentEngine.squash(3.4 * SentimentEngine.negationScale)) < 1e-9)
    }

    @Test func theScalesAreTheDocumentedOnes() {
        #expect(SentimentEngine.englishNegatedNegativeScale == -0.5)
        #expect(SentimentEngine.negationScale == -0.74)
    }
}

/// The per-text check that gates the elongation look-ups.
@Suite struct SentimentLetterRunTests {
    @Test func aRunOfThreeLettersIsFoundAnywhereAndOtherRunsAreNot() {
        #expect(SentimentEngine.hasLetterRun("that was sooo good"))
        #expect(SentimentEngine.hasLetterRun("GOOOD"))
        #expect(!SentimentEngine.hasLetterRun("really good... !!! 2000"))
        #expect(!SentimentEngine.hasLetterRun(""))
    }
}
