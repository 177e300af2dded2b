import Testing
@testable import WaveText

@Suite struct KoreanTests {
    let tokenizer = Tokenizer()

    func terms(_ text: String) -> [String] { tokenizer.tokenize(text, language: .korean).tokens.map(\.term) }

    @Test(arguments: [
        ("일본의", "일본", "의"), ("일본은", "일본", "은"), ("일본이", "일본", "이"), ("일본에서는", "일본", "에서는"),
        ("한국을", "한국", "을"), ("나라를", "나라", "를"), ("학교가", "학교", "가"), ("친구와", "친구", "와"),
        ("정부과", nil, nil), ("서울로", "서울", "로"), ("부산으로", "부산", "으로"), ("학교로부터", "학교", "로부터"),
        ("정부로부터", "정부", "로부터"), ("집에서도", "집", "에서도"), ("친구에게서", "친구", "에게서"),
        ("서울까지는", "서울", "까지는"), ("학생으로서", "학생", "으로서"), ("CEO가", "ceo", "가"), ("2023년에", "2023년", "에"),
    ] as [(String, String?, String?)])
    func particles(word: String, stem: String?, particle: String?) throws {
        let doc = tokenizer.tokenize(word, language: .korean)
        let token = try #require(doc.tokens.first)
        #expect(doc.tokens.count == 1)
        #expect(token.surface == word)
        if let stem {
            #expect(token.term == stem)
            #expect(token.particle == particle)
            #expect(String(decoding: Array(word.utf8)[token.stemRange], as: UTF8.self).lowercased() == stem)
        } else {
            // 과 needs a final consonant: 정부 ends in a vowel, so nothing is stripped.
            #expect(token.particle == nil)
        }
    }

    @Test(arguments: ["그러나", "하지만", "같은", "나이", "아이", "사이", "거의", "종이", "정도", "결과", "회의", "자본주의",
                      "도로", "하는", "있는", "없는", "많은", "있지만", "하므로", "해도", "많이"])
    func exceptionsStayWhole(word: String) throws {
        let token = try #require(tokenizer.tokenize(word, language: .korean).tokens.first)
        #expect(token.term == word)
        #expect(token.particle == nil)
    }

    @Test func fixtureSentence() throws {
        let doc = tokenizer.tokenize(try Fixtures.text("ko.txt"), language: .korean)
        let terms = doc.tokens.map(\.term)
        #expect(terms.prefix(4) == ["일본", "한국", "소프트", "파워"])
        #expect(terms.contains("서울") && terms.contains("학교") && terms.contains("그러나"))
        checkRanges(doc)
    }

    @Test func stripCanBeTurnedOff() {
        let tokenizer = Tokenizer(configuration: .init(stripKoreanParticles: false))
        #expect(tokenizer.tokenize("일본의", language: .korean).tokens.map(\.term) == ["일본의"])
    }
}
