import Foundation
import Testing
@testable import WaveReports
import WaveCorpus
import WaveIngest

/// Key findings, the framing and sentiment sections and their charts, from small corpora
/// made by the shipped analyzer.
@Suite struct ReportFindingsTests {
    static let japan = "Japan looks back with nostalgia at its classic anime heritage and the golden age of its films."
    static let korea = "Korea bets on innovation: the next generation of digital platforms and a global expansion."

    /// `count` Japan-focused nostalgic and Korea-focused forward-facing articles, monthly
    /// from January 2021 with March missing, from two outlets.
    static func contrasted(_ count: Int) throws -> CorpusAnalysis {
        var articles: [Article] = []
        for i in 0..<count {
            let month = [1, 2, 4, 5][i % 4]
            var a = ReportFixture.article("j\(i)", title: "J\(i)", date: "2021-0\(month)-1\(i % 9)", text: japan)
            a.site = i % 2 == 0 ? "Daily A" : "Weekly B"
            var k = ReportFixture.article("k\(i)", title: "K\(i)", date: "2021-0\(month)-2\(i % 9)", text: korea)
            k.site = i % 2 == 0 ? "Daily A" : "Weekly B"
            articles += [a, k]
        }
        articles.append(ReportFixture.article("u", title: "Undated", date: nil, text: japan))
        return try ReportFixture.analysis(articles)
    }

    func findings(_ model: ReportModel) -> [ReportFinding] {
        for block in model.sections.first?.blocks ?? [] { if case .findings(let f) = block { return f } }
        return []
    }

    @Test func keyFindingsComeFirstAndLinkToSectionsThatExist() throws {
        let model = ReportModel(analysis: try Self.contrasted(12), summary: ReportFixture.summary())
        #expect(model.sections.first?.title == "Key findings")
        let anchors = Set(model.sections.compactMap(\.anchor))
        let found = findings(model)
        #expect(found.count >= 4)
        for f in found { #expect(anchors.contains(f.anchor), "\(f.anchor)") }
        let html = HTMLRenderer(model: model).render()
        #expect(html.range(of: "<h2 id=\"key-findings\">")!.lowerBound < html.range(of: "<h2 id=\"framing\">")!.lowerBound)
        #expect(model.sections.last?.title == "Run manifest")
    }

    @Test func aClearContrastIsClaimedWithItsIntervalAndN() throws {
        let model = ReportModel(analysis: try Self.contrasted(12), summary: ReportFixture.summary())
        let framing = try #require(findings(model).first { $0.anchor == "framing" })
        #expect(framing.claim)
        #expect(framing.text.contains("Japan-focused coverage leans toward nostalgia (framing index -1.00"))
        #expect(framing.text.contains("n = 13"))
        #expect(framing.text.contains("Korea-focused coverage is more forward-facing than Japan-focused coverage by +2.00"))
    }

    @Test func smallGroupsAreNotClaimed() throws {
        let model = ReportModel(analysis: try Self.contrasted(3), summary: ReportFixture.summary())
        let found = findings(model)
        let framing = try #require(found.first { $0.anchor == "framing" })
        #expect(!framing.claim)
        #expect(framing.text.hasPrefix("Too few documents to compare how Japan and Korea are framed"))
        #expect(found.filter { $0.anchor != "manifest" }.allSatisfy { !$0.claim })
    }

    @Test func theTimeAxisHasEveryPeriodAndLeavesUndatedOut() throws {
        let coverage = try Self.contrasted(12).coverage()
        #expect(coverage.period == .month)
        #expect(coverage.framingByPeriod.map(\.group) == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05"])
        #expect(coverage.framingByPeriod[2].interval == nil && coverage.framingByPeriod[2].documents == 0)
        #expect(coverage.undated == 1)
    }

    @Test func periodFollowsTheSpan() {
        #expect(CorpusAnalysis.axis(["2019-Q4", "2020-Q2"], .quarter) == ["2019-Q4", "2020-Q1", "2020-Q2"])
        #expect(CorpusAnalysis.axis(["2001", "2003"], .year) == ["2001", "2002", "2003"])
        #expect(CorpusAnalysis.periodKey("2020-11-30", .quarter) == "2020-Q4")
        #expect(CorpusAnalysis.periodKey("2020-13-01", .month) == nil)
        #expect(CorpusAnalysis.periodKey("undated", .year) == nil)
    }

    @Test func theModelIsDeterministic() throws {
        let a = ReportModel(analysis: try Self.contrasted(12), summary: ReportFixture.summary())
        let b = ReportModel(analysis: try Self.contrasted(12), summary: ReportFixture.summary())
        #expect(findings(a) == findings(b))
        #expect(HTMLRenderer(model: a).render() == HTMLRenderer(model: b).render())
    }

    @Test func chartsScaleAndCarryATextAlternative() throws {
        let html = HTMLRenderer(model: ReportModel(analysis: try Self.contrasted(12), summary: ReportFixture.summary())).render()
        let svgs = html.components(separatedBy: "<svg ").dropFirst()
        #expect(svgs.count >= 6)
        for svg in svgs {
            #expect(svg.contains("width=\"100%\"") && svg.contains("viewBox="))
            #expect(!svg.contains("<desc></desc>") && svg.contains("<desc>"))
            #expect(!svg.contains("<title></title>"))
        }
        #expect(!html.contains("<script"))
    }

    @Test func evidenceShowsASyndicatedSentenceOnceAndSamplesBothTargets() throws {
        var articles = (0..<5).map { ReportFixture.article("j\($0)", title: "Copy \($0)", date: "2022-01-0\($0 + 1)", text: Self.japan) }
        articles.append(ReportFixture.article("k0", title: "Korea", date: "2022-02-01",
                                              text: "Korea remembers the golden age of its classic dramas with nostalgia."))
        let analysis = try ReportFixture.analysis(articles)
        let nostalgia = analysis.evidenceSentences(perTheme: 4).filter { $0.theme == "nostalgia" }
        #expect(nostalgia.count == 2)
        let copied = try #require(nostalgia.first { $0.focus == "japan" })
        #expect(copied.copies == 5 && copied.documentID == "j0")
        #expect(nostalgia.contains { $0.focus == "korea" && $0.copies == 1 })
        let html = HTMLRenderer(model: ReportModel(analysis: analysis, summary: ReportFixture.summary())).render()
        #expect(html.contains("· 5 copies"))
    }
}
