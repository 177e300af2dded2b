import Testing
@testable import WaveText

@Suite struct EnglishTests {
    let tokenizer = Tokenizer()

    @Test func kindsAndSpecialTokens() throws {
        let doc = tokenizer.tokenize(try Fixtures.text("en.txt"), language: .english)
        func kind(of surface: String) -> TokenKind? { doc.tokens.first { $0.surface == surface }?.kind }
        #expect(kind(of: "https://example.com/k-pop?id=3") == .url)
        #expect(kind(of: "press@example.org") == .email)
        #expect(kind(of: "#Kpop") == .hashtag)
        #expect(kind(of: "@bts_twt") == .mention)
        #expect(kind(of: "😀") == .emoji)
        #expect(kind(of: "2019") == .number)
        #expect(kind(of: "1,200") == .number)
        #expect(kind(of: "10:30") == .number)
        #expect(kind(of: "Smith") == .word)
        // No punctuation tokens.
        #expect(!doc.tokens.contains { $0.surface == "," || $0.surface == "\"" || $0.surface == ":" })
        checkRanges(doc)
    }

    @Test func hyphensContractionsAbbreviations() {
        let doc = tokenizer.tokenize("Don't stop: K-pop's forward-facing U.S. fans met Dr. Lee of Acme Inc. and e.g. it's fine.",
                                     language: .english)
        let surfaces = doc.tokens.map(\.surface)
        #expect(surfaces == ["Don't", "stop", "K-pop's", "forward-facing", "U.S.", "fans", "met", "Dr.", "Lee",
                             "of", "Acme", "Inc.", "and", "e.g.", "it's", "fine"])
        let terms = doc.tokens.map(\.term)
        #expect(terms.contains("don't"))
        #expect(terms.contains("k-pop"))        // possessive dropped from the term
        #expect(terms.contains("u.s."))
        #expect(terms.contains("it's"))         // contractions stay whole
    }

    @Test func curlyApostrophesFoldToStraight() {
        let doc = tokenizer.tokenize("Don’t forget Korea’s films", language: .english)
        #expect(doc.tokens.map(\.term) == ["don't", "forget", "korea", "films"])
    }

    @Test func urlTrailingPunctuationStaysOut() {
        let doc = tokenizer.tokenize("See (https://example.com/a_(b)) and www.example.org.", language: .english)
        #expect(doc.tokens.map(\.surface) == ["See", "https://example.com/a_(b)", "and", "www.example.org"])
    }

    @Test func emailIsNotAMention() {
        let doc = tokenizer.tokenize("mail john.doe+news@mail.example.co.uk or @jane", language: .english)
        #expect(doc.tokens.map(\.kind) == [.word, .email, .word, .mention])
    }

    @Test func stopwordsAfterNormalization() throws {
        let tokenizer = Tokenizer(configuration: .init(stopwords: try Fixtures.stopwords()))
        let doc = tokenizer.tokenize("THE Cat and The hat went TO town", language: .english)
        #expect(doc.tokens.filter(\.isStopword).map(\.surface) == ["THE", "and", "The", "TO"])
        #expect(doc.contentTokens.map(\.term) == ["cat", "hat", "went", "town"])
    }

    @Test(.enabled(if: Stemmer.isAvailable, "libstemmer.so.0d is not installed"))
    func snowballStemming() {
        let tokenizer = Tokenizer(configuration: .init(stem: true))
        let doc = tokenizer.tokenize("Running runners connected connections", language: .english)
        #expect(doc.tokens.map(\.term) == ["run", "runner", "connect", "connect"])
        // Off by default.
        #expect(Tokenizer().tokenize("running", language: .english).tokens.map(\.term) == ["running"])
    }
}

@Suite struct SentenceTests {
    static let text = "Dr. Smith moved to the U.S. Army base in 2019. She works for Acme Inc. and writes a lot! Does she? Yes.\nNew paragraph here"

    @Test(arguments: [SentenceSegmentation.icu, .rules])
    func abbreviationsDoNotEndSentences(segmentation: SentenceSegmentation) {
        let tokenizer = Tokenizer(configuration: .init(sentenceSegmentation: segmentation))
        let doc = tokenizer.tokenize(Self.text, language: .english)
        let sentences = doc.sentences.map { doc.text(of: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(sentences == [
            "Dr. Smith moved to the U.S. Army base in 2019.",
            "She works for Acme Inc. and writes a lot!",
            "Does she?",
            "Yes.",
            "New paragraph here",
        ])
        checkRanges(doc)
    }

    @Test(arguments: [SentenceSegmentation.icu, .rules])
    func japaneseSentences(segmentation: SentenceSegmentation) {
        let tokenizer = Tokenizer(configuration: .init(sentenceSegmentation: segmentation))
        let doc = tokenizer.tokenize("今日は晴れ。明日は雨！本当？", language: .japanese)
        #expect(doc.sentences.map { String(doc.text(of: $0)) } == ["今日は晴れ。", "明日は雨！", "本当？"])
    }
}

@Suite struct LanguageTests {
    @Test(arguments: [
        ("The film was a hit in the cinemas of Seoul and Tokyo.", "en"),
        ("日本のソフトパワーと韓流", "ja"),
        ("한국의 소프트 파워", "ko"),
        ("Le film a été un grand succès dans les salles de Paris.", "und"),
        ("ภาษาไทยเป็นภาษาที่สวยงาม", "und"),
        ("مرحبا بكم في العالم", "und"),
        ("", "und"),
    ])
    func detect(text: String, code: String) {
        #expect(LanguageDetector.detect(text) == Language(code))
    }
}

@Suite struct ParagraphLanguageTests {
    @Test func mixedDocument() {
        let text = "Korean dramas and the rise of the wave in the region.\n\n한국 드라마와 한류의 확산이 주목받고 있다고 전문가들은 말했다.\n日本でも韓流ドラマの人気が続いていると報じられている。\nOK"
        let paragraphs = LanguageDetector.paragraphs(text)
        #expect(paragraphs.map(\.language) == [.english, .korean, .japanese, LanguageDetector.detect(text)])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[paragraphs[1].range], as: UTF8.self).hasPrefix("한국"))
    }
}

@Suite struct AdversarialInputTests {
    @Test func manyAtSignsAndHashes() {
        let text = String(repeating: "a.b-c_", count: 200_000) + String(repeating: "@x@-#", count: 100_000)
        let doc = Tokenizer().tokenize(text, language: .english)
        checkRanges(doc)
    }
}
