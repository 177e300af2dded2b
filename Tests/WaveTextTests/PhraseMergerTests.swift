import Testing
@testable import WaveText

@Suite struct PhraseMergerTests {
    static let phrases: [Language: [String]] = [
        .english: ["soft power", "Squid Game", "squid game season"],
        .japanese: ["ソフトパワー", "韓流", "クールジャパン", "日本政府"],
        .korean: ["소프트 파워", "소프트파워", "오징어 게임"],
    ]

    @Test(arguments: [true, false])
    func japanese(useMeCab: Bool) throws {
        let tokenizer = Tokenizer(configuration: .init(phrases: Self.phrases, useMeCab: useMeCab))
        let doc = tokenizer.tokenize(try Fixtures.text("ja.txt"), language: .japanese)
        let terms = doc.tokens.map(\.term)
        for phrase in ["ソフトパワー", "韓流", "クールジャパン", "日本政府"] {
            #expect(terms.contains(phrase), "\(phrase) in \(terms)")
        }
        let kanryu = try #require(doc.tokens.first { $0.term == "韓流" })
        #expect(kanryu.surface == "韓流")
        checkRanges(doc)
    }

    @Test func englishLongestMatch() {
        let tokenizer = Tokenizer(configuration: .init(phrases: Self.phrases))
        let doc = tokenizer.tokenize("Squid  Game season two beat Korea's soft power, said squid game fans.", language: .english)
        let merged = doc.tokens.filter { $0.parts > 1 }
        #expect(merged.map(\.term) == ["squid game season", "soft power", "squid game"])
        #expect(merged.first?.surface == "Squid  Game season")
        #expect(merged.first?.parts == 3)
        checkRanges(doc)
    }

    @Test func doesNotMergeAcrossPunctuation() {
        let tokenizer = Tokenizer(configuration: .init(phrases: Self.phrases))
        let doc = tokenizer.tokenize("It was soft. Power came later; soft, power", language: .english)
        #expect(doc.tokens.allSatisfy { $0.parts == 1 })
    }

    @Test func korean() throws {
        let tokenizer = Tokenizer(configuration: .init(phrases: Self.phrases))
        let doc = tokenizer.tokenize(try Fixtures.text("ko.txt"), language: .korean)
        let softPower = try #require(doc.tokens.first { $0.term == "소프트 파워" })
        #expect(softPower.surface == "소프트 파워를")
        #expect(softPower.particle == "를")
        #expect(doc.tokens.contains { $0.term == "소프트파워" && $0.particle == "에" })
        checkRanges(doc)
    }

    @Test func compiledCount() {
        let merger = PhraseMerger(phrases: Self.phrases, tokenizer: Tokenizer())
        #expect(merger.count >= 6)
        let doc = Tokenizer().tokenize("squid game", language: .english)
        #expect(merger.merged(doc).tokens.map(\.term) == ["squid game"])
    }
}
