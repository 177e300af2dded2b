import Foundation
import Testing
import WaveLexicon
import WaveText
@testable import WaveThemes

/// The prefilter of `--require-target` keeps every text in which mentions are found.
@Suite struct TargetPrefilterTests {
    static func gazetteer() throws -> Gazetteer {
        try Gazetteer(yaml: """
        version: 1
        targets:
          japan:
            label: Japan
            terms:
              en: [japan*, "studio ghibli", tokyo]
              ja: [日本, ジブリ]
              ko: [일본]
          korea:
            label: Korea
            terms:
              en: [korea, k-pop, "crash landing on you"]
              ko: [한국]
        """, source: "test")
    }

    @Test(arguments: [
        ("A new film from Tokyo", true),
        ("JAPANESE exports rose", true),               // glob stem, any case
        ("ＪＡＰＡＮ and its neighbours", true),          // full-width letters fold as tokens do
        ("The STUDIO GHIBLI museum", true),             // a phrase, by one of its longest words
        ("K-POP stars", true),
        ("ｼﾞﾌﾞﾘの新作", true),                           // half-width katakana folds (NFKC)
        ("일본의 수출", true),                              // a stem with its particle
        ("日本映画の復活", true),
        ("Wheat prices rose after the rain", false),
        ("A crash on the road", false),                 // "crash" is not the longest word of its phrase
        ("", false),
    ])
    func keepsTextsThatMayNameATarget(text: String, expected: Bool) throws {
        #expect(TargetPrefilter(gazetteer: try Self.gazetteer()).mayMention(text) == expected)
    }

    @Test func titleCountsAndAnEmptyGazetteerKeepsEverything() throws {
        let prefilter = TargetPrefilter(gazetteer: try Self.gazetteer())
        #expect(prefilter.mayMention("Quarterly figures", "Seoul and Korea"))
        let empty = TargetPrefilter(gazetteer: Gazetteer(targets: [], source: "none"))
        #expect(empty.isEmpty && empty.mayMention("anything"))
    }

    /// Every text in which the mention finder finds a target passes the prefilter (shipped gazetteer).
    @Test func neverDropsATextWithAMention() throws {
        let gazetteer = try Gazetteer.shipped()
        let prefilter = TargetPrefilter(gazetteer: gazetteer)
        let tokenizer = Tokenizer()
        let finder = MentionFinder(gazetteer: gazetteer, tokenizer: tokenizer)
        let texts: [(String, Language)] = [
            ("Ｓｏｕｔｈ Ｋｏｒｅａ's exports of K-dramas grew.", .english),
            ("The Crash Landing On You cast toured Seoul.", .english),
            ("スタジオジブリの新作が公開された。", .japanese),
            ("ｽﾀｼﾞｵｼﾞﾌﾞﾘ", .japanese),
            ("일본 애니메이션이 인기를 끌었다.", .korean),
            ("BTS and BLACKPINK topped the charts.", .english),
        ]
        for (text, language) in texts {
            let found = finder.mentions(in: tokenizer.tokenize(text, language: language, id: "t"))
            #expect(!found.counts.isEmpty, "\(text): no mention found (fixture)")
            #expect(prefilter.mayMention(text), "\(text)")
        }
    }
}
