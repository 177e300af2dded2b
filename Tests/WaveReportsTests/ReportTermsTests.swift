import Foundation
import Testing
@testable import WaveReports
@testable import WaveCorpus
import WaveIngest
@testable import WaveTerms

/// What the report says about words: evidence with the matched words marked,
/// distinctive top terms, collocations of the target names, outlets.
@Suite struct ReportTermsTests {
    @Test func evidenceMarksTheMatchedWordsEscaped() throws {
        let text = "Critics <b>praise</b> how Japan looks back with nostalgia at its classic anime."
        let analysis = try ReportFixture.analysis([ReportFixture.article("a", title: "T", text: text)])
        let model = ReportModel(analysis: analysis, summary: ReportFixture.summary())
        let kwic = model.sections.first { $0.anchor == "evidence" }?.blocks.compactMap { block -> [ReportKWIC]? in
            if case .keywordsInContext(let items) = block { return items } else { return nil }
        }.flatMap { $0 } ?? []
        #expect(!kwic.isEmpty)
        for k in kwic {
            #expect(!k.match.isEmpty, "\(k)")
            #expect(k.before + k.match + k.after == text)
        }
        let html = HTMLRenderer(model: model).render()
        #expect(html.contains("<mark>nostalgia</mark>"))
        #expect(html.contains("Critics &lt;b&gt;praise&lt;/b&gt; how Japan"))
        #expect(MarkdownRenderer(model: model).render().contains("**nostalgia**"))
    }

    @Test func aSentenceWithoutItsMatchIsShownWhole() {
        let k = ReportModel.kwic("cut off before the word", marking: "nostalgia", source: "s", copies: 2)
        #expect(k.before == "cut off before the word" && k.match.isEmpty && k.after.isEmpty && k.copies == 2)
        let m = ReportModel.kwic("a <i>classic</i> film", marking: "classic", source: "s", copies: 1)
        #expect(m.before == "a <i>" && m.match == "classic" && m.after == "</i> film")
    }

    @Test func fragmentsAndReportingWordsAreNotTopTerms() {
        for term in ["said", "れ", "っ", "的", "者", "d", "s", "れる", "こと", "2024", "--"] {
            #expect(!ReportModel.meaningful(term), "\(term)")
        }
        for term in ["anime", "映画", "ゲーム", "한국", "k-pop", "たこ焼き", "ジブリ"] {
            #expect(ReportModel.meaningful(term), "\(term)")
        }
    }

    @Test func distinctiveTermsWeighRepetitionsLessThanDocuments() throws {
        // "watched" is in every document, "people" is a general word; "anime" is in three
        // documents; "festival" in two; "wn" (an interview's speaker label) many times in two.
        var articles: [Article] = []
        for i in 0..<10 {
            let extra = i < 2 ? " Wn: what did the studio plan for the anime? Wn: how did the fans react? Wn: when will it open? Wn: why now? Wn: who paid? Wn: where next?"
                : i < 3 ? " The anime drew fans." : i < 5 ? " A festival opened." : ""
            articles.append(ReportFixture.article("d\(i)", title: "T\(i)", text: "People watched the parade in the city and more people joined the crowd." + extra))
        }
        let analysis = try ReportFixture.analysis(articles)
        let ranked = ReportModel.distinctiveTerms(analysis, language: "en", count: 50).map(\.row.term)
        let anime = try #require(ranked.firstIndex(of: "anime")), festival = try #require(ranked.firstIndex(of: "festival"))
        #expect(anime < festival)
        #expect(!ranked.contains("people") && !ranked.contains("watched"))
        #expect(ReportModel.distinctiveness(count: 50, documentFrequency: 10, documents: 10) == 0)
        #expect(ReportModel.distinctiveness(count: 3, documentFrequency: 3, documents: 10)
                > ReportModel.distinctiveness(count: 2, documentFrequency: 2, documents: 10))
        // A term used 40 times in 20 of 1,000 documents beats one repeated 120 times in 2 (copies
        // of one article), which ranking by count × ln(N / df) would put far ahead.
        #expect(ReportModel.distinctiveness(count: 40, documentFrequency: 20, documents: 1000)
                > ReportModel.distinctiveness(count: 120, documentFrequency: 2, documents: 1000))
        #expect(40 * log(1000.0 / 20) < 120 * log(1000.0 / 2))
    }

    static func collocation(_ a: String, _ b: String, _ g2: Int) -> Collocation {
        Collocation(terms: [a, b], count: g2, documentFrequency: 1, table: ContingencyTable(a: g2, b: 1, c: 1, d: 1000))
    }

    @Test func collocationsOfATargetPairItsNamesWithOtherTerms() {
        let japan = Targets.Target(key: "japan", label: "Japan", names: ["japan", "日本", "cool japan", "j-drama*"])
        let found = ReportModel.targetCollocations([
            Self.collocation("cool", "japan", 90),       // itself a name
            Self.collocation("japan", "foundation", 80),
            Self.collocation("日本", "映画", 70),
            Self.collocation("japan", "said", 60),       // not a meaningful term
            Self.collocation("korea", "wave", 50),       // not Japan's
            Self.collocation("j-dramas", "streaming", 40),
            Self.collocation("japan", "日本", 30),        // two names
        ], japan)
        #expect(found.map(\.text) == ["japan foundation", "日本 映画", "j-dramas streaming"])
    }

    @Test func documentsWithoutAnOutletAreLabelledAndNotCompared() throws {
        var articles: [Article] = []
        for i in 0..<24 {
            var a = ReportFixture.article("a\(i)", title: "A\(i)", date: "2023-0\(i % 9 + 1)-01",
                                          text: i % 2 == 0 ? ReportFindingsTests.japan : ReportFindingsTests.korea)
            a.site = i < 12 ? nil : "Daily A"
            articles.append(a)
        }
        let model = ReportModel(analysis: try ReportFixture.analysis(articles), summary: ReportFixture.summary())
        let outline = model.outline(anchors: ["framing-by-outlet", "key-findings"])
        #expect(outline.contains("(outlet not known)"))
        #expect(!outline.contains("unknown"))
        #expect(outline.contains("Fewer than two outlets have 10 or more framed documents"))
    }
}
