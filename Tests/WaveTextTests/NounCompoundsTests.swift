import Testing
@testable import WaveText

@Suite struct NounCompoundsTests {
    static func token(_ term: String, _ start: Int, pos: String?, stopword: Bool = false) -> Token {
        Token(surface: term, term: term, kind: .word, range: start..<(start + term.utf8.count), sentence: 0,
              isStopword: stopword, partOfSpeech: pos)
    }

    @Test func touchingNounsJoinAndTheRestStays() {
        // 情報|通信|機器 touch; を is a particle; 買う a verb; 新型 and 端末 are split by a space.
        var tokens: [Token] = []
        var at = 0
        for (term, pos, gap) in [("情報", "名詞", 0), ("通信", "名詞", 0), ("機器", "名詞", 0), ("を", "助詞", 0),
                                 ("買う", "動詞", 0), ("新型", "名詞", 0), ("端末", "名詞", 1)] {
            at += gap
            tokens.append(Self.token(term, at, pos: pos))
            at += term.utf8.count
        }
        let joined = NounCompounds.joined(tokens)
        #expect(joined.map(\.term) == ["情報通信機器", "を", "買う", "新型", "端末"])
        #expect(joined[0].range == 0..<18)
        #expect(NounCompounds.topicTerms(tokens) == ["情報通信機器", "新型", "端末"])
    }

    @Test func stopwordsDigitsAndUntaggedTokens() {
        // A stopword noun (こと) and a number break a run; a token without a part of
        // speech (a merged dictionary phrase) is kept but never joined.
        let tokens = [Self.token("研究", 0, pos: "名詞"), Self.token("こと", 6, pos: "名詞", stopword: true),
                      Self.token("2", 12, pos: "名詞"), Self.token("年", 13, pos: "名詞"),
                      Self.token("ソフトパワー", 16, pos: nil), Self.token("政策", 34, pos: "名詞")]
        #expect(NounCompounds.joined(tokens).map(\.term) == ["研究", "こと", "2", "年", "ソフトパワー", "政策"])
        #expect(NounCompounds.topicTerms(tokens).contains("ソフトパワー"))
        #expect(!NounCompounds.isTagged([Self.token("ソフトパワー", 0, pos: nil)]))
        #expect(NounCompounds.joined([]).isEmpty)
    }

    @Test(.enabled(if: MeCab.isAvailable))
    func withMeCab() {
        let doc = Tokenizer().tokenize("友人代表のスピーチを頼まれた。", language: .japanese)
        let terms = NounCompounds.topicTerms(doc.contentTokens)
        #expect(terms.contains("友人代表"))
        #expect(terms.contains("スピーチ"))
        #expect(!terms.contains("頼む") && !terms.contains("頼まれ"))
    }
}
