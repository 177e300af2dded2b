import Testing
@testable import WaveText

@Suite struct JapaneseTests {
    @Test(.enabled(if: MeCab.isAvailable, "MeCab or its dictionary is not installed: the ICU fallback is tested instead"))
    func mecabBaseFormsAndPartsOfSpeech() throws {
        let tokenizer = Tokenizer()
        #expect(tokenizer.japaneseBackend == .mecab)
        #expect(tokenizer.japaneseBackendDescription.hasPrefix("MeCab"))
        let doc = tokenizer.tokenize(try Fixtures.text("ja.txt"), language: .japanese)
        #expect(doc.segmenter == .mecab)
        let natsukashiku = try #require(doc.tokens.first { $0.surface == "懐かしく" })
        #expect(natsukashiku.term == "懐かしい")
        #expect(natsukashiku.lemma == "懐かしい")
        #expect(natsukashiku.partOfSpeech == "形容詞")
        let no = try #require(doc.tokens.first { $0.surface == "の" })
        #expect(no.partOfSpeech == "助詞")
        #expect(no.isStopword && !no.isContent)
        let omowareta = doc.tokens.filter { $0.partOfSpeech == "動詞" }.map(\.term)
        #expect(omowareta.contains("思う"))
        #expect(doc.contentTokens.map(\.term).contains("日本"))
        checkRanges(doc)
    }

    @Test(.enabled(if: MeCab.isAvailable))
    func stopwordsMatchBaseForms() throws {
        let tokenizer = Tokenizer(configuration: .init(stopwords: try Fixtures.stopwords()))
        let doc = tokenizer.tokenize("正規化される。発表した。", language: .japanese)
        let suru = doc.tokens.filter { $0.term == "する" }
        #expect(suru.count == 2)
        #expect(suru.allSatisfy { $0.isStopword })
        #expect(suru.map(\.surface) == ["さ", "し"])
    }

    @Test(.enabled(if: MeCab.isAvailable))
    func lemmaFieldOption() {
        // Field 7 of ipadic is the reading: the option is honoured (UniDic's lemma is field 7).
        let tokenizer = Tokenizer(configuration: .init(mecabLemmaField: 7))
        let doc = tokenizer.tokenize("日本", language: .japanese)
        #expect(doc.tokens.map(\.term) == ["ニッポン"] || doc.tokens.map(\.term) == ["ニホン"])
    }

    @Test func missingDictionaryFallsBackToICU() {
        let tokenizer = Tokenizer(configuration: .init(mecabDictionary: "/nonexistent/dic"))
        #expect(tokenizer.japaneseBackend == .icu)
        #expect(tokenizer.japaneseBackendDescription.contains("ICU"))
        let doc = tokenizer.tokenize("日本のソフトパワー", language: .japanese)
        #expect(doc.segmenter == .icu)
        #expect(doc.tokens.map(\.surface).contains("日本"))
        checkRanges(doc)
    }

    @Test func icuWhenTurnedOff() {
        let tokenizer = Tokenizer(configuration: .init(useMeCab: false))
        #expect(tokenizer.japaneseBackend == .icu)
        #expect(tokenizer.japaneseBackendDescription.contains("turned off"))
    }

    @Test(.enabled(if: MeCab.isAvailable))
    func concurrentTokenizationMatchesSerial() async throws {
        let tokenizer = Tokenizer()
        let text = try Fixtures.text("ja.txt")
        let expected = tokenizer.tokenize(text, language: .japanese).tokens
        let results = await withTaskGroup(of: [Token].self) { group in
            for _ in 0..<16 { group.addTask { tokenizer.tokenize(text, language: .japanese).tokens } }
            var all: [[Token]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 16)
        for r in results { #expect(r == expected) }
    }
}

@Suite struct NormalizationTests {
    @Test(arguments: [("ｶﾀｶﾅ", "カタカナ"), ("Ｓｅｏｕｌ", "seoul"), ("Seoul", "seoul"), ("ﬁle", "file"),
                      ("STRASSE", "strasse"), ("Straße", "strasse"), ("한국", "한국"), ("日本", "日本"), ("①", "1")])
    func termFolding(input: String, expected: String) {
        #expect(Normalizer.term(input) == expected)
    }

    @Test func halfWidthAndFullWidthCountAsOne() {
        let tokenizer = Tokenizer()
        let a = tokenizer.tokenize("ｶﾀｶﾅ Ｓｅｏｕｌ", language: .japanese).tokens.map(\.term)
        let b = tokenizer.tokenize("カタカナ Seoul", language: .japanese).tokens.map(\.term)
        #expect(a == b)
        #expect(b.contains("seoul"))
    }
}
