import Testing
import WaveLexicon
import WaveText
@testable import WaveThemes

/// Korean theme entries are found by their written form with any particle after them, and
/// entries whose last syllable reads as a particle (다도 → term 다, 레트로 → 레트) are not
/// found in words that only share the truncated stem.
@Suite struct KoreanThemeTests {
    static let tokenizer = Tokenizer()
    static let dictionary = """
    themes:
      nostalgia:
        terms: {ko: [다도, 태권도, 레트로, 한복, "구로사와 아키라", 그리워*]}
      forward_facing:
        terms: {ko: [웹툰, 선도, "공동 제작"]}
    """

    static func hits(_ text: String) throws -> [String: Int] {
        let scorer = ThemeScorer(dictionary: try ThemeDictionary(yaml: dictionary, source: "inline"), tokenizer: tokenizer)
        return scorer.scores(for: tokenizer.tokenize(text, language: .korean, id: "t")).hits.filter { $0.value > 0 }
    }

    @Test func entriesMatchWithEveryParticle() throws {
        for particle in ["", "는", "가", "를", "의", "에", "에서", "도", "로", "와", "에서는", "처럼"] {
            #expect(try Self.hits("그녀는 다도\(particle) 배웠다.") == ["nostalgia": 1], "다도\(particle)")
            #expect(try Self.hits("레트로\(particle) 유행이다.") == ["nostalgia": 1], "레트로\(particle)")
            #expect(try Self.hits("업계를 선도\(particle) 한다.") == ["forward_facing": 1], "선도\(particle)")
        }
        for particle in ["", "은", "이", "을", "의", "으로", "과", "도"] {
            #expect(try Self.hits("한복\(particle) 입었다.") == ["nostalgia": 1], "한복\(particle)")
            #expect(try Self.hits("웹툰\(particle) 읽었다.") == ["forward_facing": 1], "웹툰\(particle)")
        }
        #expect(try Self.hits("태권도를 배우는 학생과 구로사와 아키라는 영화를 찍었다.") == ["nostalgia": 2])
        #expect(try Self.hits("두 회사의 공동 제작은 처음이다.") == ["forward_facing": 1])
    }

    @Test func aTruncatedStemIsNoHit() throws {
        // 다 ("all"), 레트, 선 ("line") and 공동 alone are none of the entries.
        #expect(try Self.hits("모두 다 왔다. 다른 것도 다 좋다.") == [:])
        #expect(try Self.hits("선을 넘었다. 공동 주택이다.") == [:])
    }

    @Test func prefixEntriesKeepTheirTermMatch() throws {
        #expect(try Self.hits("옛날이 그리워진다.") == ["nostalgia": 1])
    }
}
