import Testing
import WaveText
@testable import WaveTerms

/// The packed tokens of a sentence give back exactly the tokens they were made from.
@Suite struct StoredSentenceTests {
    let text = "Soft Power of Ｋ-pop: 韓流 grows café"
    var tokens: [StoredToken] {
        [StoredToken(term: "soft", range: 0..<4, isContent: true, kind: .word, isStopword: false),       // lowercased
         StoredToken(term: "Power", range: 5..<10, isContent: false, kind: .word, isStopword: true),     // as written
         StoredToken(term: "of", range: 11..<13, isContent: false),                                      // unknown kind
         StoredToken(term: "k-pop", range: 14..<21, isContent: true, kind: .word, isStopword: false),    // spelled (NFKC)
         StoredToken(term: "韓流", range: 23..<29, isContent: true, kind: .word, isStopword: false),
         StoredToken(term: "soft power", range: 0..<10, isContent: true),                                // a phrase
         StoredToken(term: "grow", range: 30..<35, isContent: true, kind: .hashtag, isStopword: nil),    // a base form
         StoredToken(term: "café", range: 36..<41, isContent: true, kind: .word, isStopword: false)]
    }

    @Test func tokensComeBackAsGiven() {
        let sentence = StoredSentence(text: text, tokens: tokens)
        #expect(sentence.tokens == tokens)
        #expect(sentence.tokenCount == tokens.count)
        for (i, token) in tokens.enumerated() {
            #expect(sentence.term(at: i) == token.term)
            #expect(sentence.range(at: i) == token.range)
            #expect(sentence.isContent(at: i) == token.isContent)
        }
        #expect(sentence.contentTerms == tokens.filter(\.isContent).map(\.term))
        var seen: [String] = []
        sentence.forEachTerm { _, term in seen.append(term) }
        #expect(seen == tokens.map(\.term))
    }

    @Test func offsetsOutsideTheTextAreKeptAsGiven() {
        let odd = [StoredToken(term: "far", range: 90..<99, isContent: true),
                   StoredToken(term: "huge", range: 0..<(Int(UInt32.max) + 2), isContent: false)]
        let sentence = StoredSentence(text: "short", tokens: odd)
        #expect(sentence.tokens == odd)
        #expect(sentence.contentTerms == ["far"])
    }

    @Test func aNewTextKeepsTheTokens() {
        var sentence = StoredSentence(text: text, tokens: tokens)
        sentence.text = "something else entirely, longer than the first text was"
        #expect(sentence.tokens == tokens)
        var edited = sentence
        edited.tokens = Array(tokens.prefix(2))
        #expect(edited.tokenCount == 2)
        #expect(edited != sentence)
        #expect(StoredSentence(text: text, tokens: tokens) == StoredSentence(text: text, tokens: tokens))
    }
}
