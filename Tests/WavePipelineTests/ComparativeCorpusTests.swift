import Foundation
import Testing
@testable import WavePipeline
@testable import WaveCorpus
import WaveIngest
import WaveLexicon
import WaveText
import WaveThemes

/// Sentiment toward each target, framing in target scope and focus by salience,
/// on the shipped Corpus's comparative articles (our own writing: each praises
/// one target and criticises the other) and on small texts made for each rule.
@Suite struct ComparativeCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    struct Expected: Decodable {
        var file: String
        var framing: String
        var focus: String
        var sentiment_japan: String
        var sentiment_korea: String
        var comparative: Bool?
    }

    static func analyzer() throws -> Analyzer {
        try Analyzer(configuration: RunConfiguration(corpus: FileManager.default.temporaryDirectory))
    }

    static func text(_ id: String, _ paragraphs: [String], title: String? = nil) -> Article {
        Article(id: id, path: "\(id).txt", title: title, format: .text, encoding: "UTF-8", paragraphs: paragraphs)
    }

    @Test func comparativeArticlesGetBothTargetsSignsRight() throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent("expected.jsonl"), encoding: .utf8)
        let expected = try text.split(separator: "\n").map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }
            .filter { $0.comparative == true }
        #expect(expected.count >= 6)
        #expect(Set(expected.map { $0.file.prefix(2) }) == ["en", "ja", "ko"])
        let analyzer = try Self.analyzer(), ingestor = Ingestor()
        for e in expected {
            let article = try #require(try ingestor.articles(atPath: e.file, root: Self.corpus).first, "\(e.file)")
            let result = analyzer.analyze(article)
            for (key, want) in [("japan", e.sentiment_japan), ("korea", e.sentiment_korea)] {
                let score = try #require(result.targetSentiment[key], "\(e.file): \(key) is named")
                #expect(want == "positive" ? score > 0 : score < 0, "\(e.file): \(key) \(score), expected \(want)")
                let counts = try #require(result.towardTargets[key])
                #expect(counts.mentions >= counts.sentences && counts.sentences >= 3, "\(e.file): \(key) \(counts)")
            }
            #expect(result.focus.label == e.focus, "\(e.file)")
            let index = try #require(result.framingIndex, "\(e.file): framing in scope")
            #expect(e.framing == "nostalgia" ? index < 0 : index > 0, "\(e.file): \(index)")
        }
    }

    @Test func aPageThatNamesNoTargetHasNoFramingIndex() throws {
        let analyzer = try Self.analyzer()
        let page = analyzer.analyze(Self.text("bank", [
            "The bank will invest in digital platforms and expand into new markets.",
            "Its future growth depends on AI and a strong debut of the new app."]))
        #expect(page.themeHits("forward_facing") > 0)
        #expect(page.pageFramingIndex == 1)
        #expect(page.framingIndex == nil)
        #expect(page.themes.scopedHits == nil && page.scopeSentences == nil)
        #expect(page.focus == .neither)
    }

    @Test func inContextEntriesCountOnlyInSentencesNamingATarget() throws {
        let analyzer = try Self.analyzer()
        // "invest", "digital" and "future" are in-context entries: far from the naming sentence they count
        // on the page only. "nostalgia" (a plain entry) counts in the window of one sentence around it.
        let page = analyzer.analyze(Self.text("mixed", [
            "Korea's film archive stirs nostalgia among older viewers.",
            "Many remember the theatres of their youth with nostalgia.",
            "Elsewhere, the bank will invest in digital services.",
            "Its future depends on them."]))
        #expect(page.themeHits("nostalgia") == 2 && page.themeHits("forward_facing") >= 3)
        #expect(page.themes.scopedHits?["nostalgia"] == 2)
        #expect((page.themes.scopedHits?["forward_facing"] ?? 0) == 0)
        #expect(page.framingIndex == -1)
        #expect(page.scopeSentences == 2)
        // In the naming sentence, the in-context entry counts.
        let naming = analyzer.analyze(Self.text("naming", ["Korea will invest in digital services."]))
        #expect((naming.themes.scopedHits?["forward_facing"] ?? 0) >= 2)
    }

    @Test func homeCountryNamedInPassingIsNotTheFocus() throws {
        let analyzer = try Self.analyzer()
        var body = ["新しいスマートフォンは画面が明るく、電池も長持ちする。"]
        body += Array(repeating: "カメラの性能も高く、夜景もきれいに撮れる。", count: 8)
        body += ["日本では来月から発売される。"]
        let review = analyzer.analyze(Self.text("gadget", body, title: "新型スマホを試す"))
        #expect(review.mentions.counts["japan"] == 1)
        #expect(review.focus == .neither)
        // The same passing mention of a foreign country in English is not the focus either,
        // but a title mention is.
        var english = ["The new phone has a bright screen and a long battery life."]
        english += Array(repeating: "The camera is good and takes clear pictures at night.", count: 12)
        english += ["It goes on sale in Japan next month."]
        #expect(analyzer.analyze(Self.text("phone", english, title: "Trying the new phone")).focus == .neither)
        #expect(analyzer.analyze(Self.text("phone2", english, title: "Japan gets the new phone")).focus == .target("japan"))
    }

    @Test func salienceRule() {
        func s(_ target: String, title: Bool = false, lead: Bool = false, _ sentences: Int, of total: Int, home: Bool = false) -> TargetSalience {
            TargetSalience(target: target, inTitle: title, inLead: lead, sentences: sentences, sentenceCount: total, isHome: home)
        }
        #expect(s("japan", 1, of: 20).isSalient == false)
        #expect(s("japan", 2, of: 20).isSalient)                       // 10 % of the sentences
        #expect(s("japan", title: true, 0, of: 20).isSalient)
        #expect(s("japan", title: true, 0, of: 20, home: true).isSalient == false)
        #expect(s("japan", title: true, lead: true, 1, of: 20, home: true).isSalient)
        #expect(Focus(salience: [s("japan", title: true, 6, of: 20), s("korea", 3, of: 20)]) == .several(["japan", "korea"]))
        #expect(Focus(salience: [s("japan", title: true, 8, of: 20), s("korea", 2, of: 20)]) == .target("japan"))
        #expect(Focus(salience: []) == .neither)
    }

    @Test func mixedPraiseAndCriticismOfOneTargetDoesNotSaturate() {
        let mentions = (0..<4).map { TargetMention(target: "japan", sentence: $0, range: 0..<5) }
        let pooled = TargetSentiment.pooled(mentions, scores: [0.8, -0.7, 0.9, -0.8])
        let japan = pooled["japan"]
        #expect(japan?.mentions == 4 && japan?.sentences == 4)
        #expect(abs(japan?.score ?? 1) < 0.1)
        #expect(TargetSentiment.pooled(mentions, scores: [0.6, 0.6, 0.6, 0.6])["japan"]?.score == 0.6)
    }

    @Test func mentionSpansAreCodePointsInTheirSentence() throws {
        let analyzer = try Self.analyzer()
        let text = "Café owners love K-pop. 日本と韓国は違う、but Korea and Japan agree."
        let document = analyzer.tokenizer.tokenize(text, language: .english, id: "t")
        let found = analyzer.mentions.mentions(in: document)
        let (groups, positions) = Analyzer.mentionsBySentence(found.spans, in: document)
        #expect(positions.count == found.spans.count)
        for (mention, position) in zip(found.spans, positions) {
            let group = groups[position.group]
            let scalars = Array(group.text.unicodeScalars)
            let range = group.targets[position.target]
            let piece = String(String.UnicodeScalarView(scalars[range]))
            let expected = String(decoding: Array(text.utf8)[mention.range], as: UTF8.self)
            #expect(piece == expected)
        }
        #expect(found.spans.contains { $0.target == "korea" })
    }
}
