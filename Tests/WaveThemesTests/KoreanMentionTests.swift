import Testing
import WaveLexicon
import WaveText
@testable import WaveThemes

/// Korean gazetteer entries whose last syllable reads as a particle (경기도 → term 경기, 세가 → 세)
/// match only where the word itself is written, not every word with the same stem.
@Suite struct KoreanMentionTests {
    static let tokenizer = Tokenizer()

    static func targets(_ text: String) throws -> [String: Int] {
        let finder = MentionFinder(gazetteer: try Gazetteer.shipped(), tokenizer: tokenizer)
        return finder.mentions(in: tokenizer.tokenize(text, language: .korean, id: "t")).counts
    }

    @Test func aWordThatSharesATruncatedStemIsNoMention() throws {
        // "In the game, three players were banned": 경기 is "game", 세 is "three".
        #expect(try Self.targets("경기에서는 세 명의 선수가 출전 정지를 받았다.") == [:])
    }

    @Test func theEntryWithAParticleIsStillAMention() throws {
        #expect(try Self.targets("경기도의 축제에 관광객이 몰렸다.") == ["korea": 1])
        #expect(try Self.targets("세가의 새 게임이 나왔다.") == ["japan": 1])
        #expect(try Self.targets("한국의 드라마와 일본 정부는") == ["korea": 1, "japan": 1])
    }
}
