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
        #expect(framing.text.contains("Korea-focused coverage is more forward-facing than Japan-focused coverage: the difference (Korea − Japan) is +2.00"))
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

/// The content of the findings, framing and sentiment sections for a fixed corpus, as an outline
/// (``ReportModel/outline(anchors:)``): a change of wording or of a number shows as a diff here.
@Suite struct ReportModelSnapshotTests {
    @Test func findingsFramingAndSentimentStayTheSame() throws {
        let model = ReportModel(analysis: try ReportFindingsTests.contrasted(12), summary: ReportFixture.summary())
        let outline = model.outline(anchors: ["key-findings", "framing", "framing-over-time", "sentiment"])
        if outline != Self.expected { print("--- outline ---\n" + outline + "--- end ---") }
        #expect(outline == Self.expected)
    }

    static let expected = """
    ## Key findings {#key-findings}
    p: Generated from the numbers below; each finding gives its n (documents) and a bootstrap 95 % interval and links to its section. A finding on fewer than 10 documents, or whose interval holds zero, says so instead of claiming.
    finding (claim, #manifest): The run analysed 25 documents: Japan focus 13, Korea focus 12.
    finding (claim, #framing): Japan-focused coverage leans toward nostalgia (framing index -1.00 [-1.00, -1.00], n = 13); Korea-focused coverage leans forward-facing (+1.00 [+1.00, +1.00], n = 12). Korea-focused coverage is more forward-facing than Japan-focused coverage: the difference (Korea − Japan) is +2.00 [+2.00, +2.00].
    finding (claim, #sentiment): Sentiment toward Japan is positive (+0.90 [+0.90, +0.90], n = 13 documents); toward Korea it is positive (+0.85 [+0.85, +0.85], n = 12). Korea is written about more negatively than Japan: the difference (Korea − Japan) is -0.06 [-0.06, -0.06].
    finding (caution, #framing-over-time): From the earlier half of the dated coverage (2021-01-10–2021-02-25, n = 12) to the later half (2021-04-11–2021-05-27, n = 12), the framing index went from 0.00 to 0.00: a change of 0.00 [-0.67, +0.83], whose interval holds 0: no clear trend.
    finding (caution, #sentiment-over-time): From the earlier half of the dated coverage (2021-01-10–2021-02-25, n = 12) to the later half (2021-04-11–2021-05-27, n = 12), the mean sentiment went from +0.58 to +0.58: a change of 0.00 [-0.11, +0.13], whose interval holds 0: no clear trend.
    finding (caution, #framing-by-outlet): Across the 2 outlets with at least 10 framed documents, the framing index runs from 0.00 [-0.50, +0.50] at Daily A (n = 12) to 0.00 [-0.50, +0.50] at Weekly B (n = 12); their intervals overlap, so the outlets do not clearly differ.

    ## Framing: nostalgia or forward-facing, by target {#framing}
    p: The framing index of a document is (forward-facing − nostalgia) / (forward-facing + nostalgia) theme hits: −1 all nostalgia (heritage, classics, the golden age), +1 all forward-facing (innovation, the next generation). Documents without an index (no hit of either, or about no target) are left out; focus is the target a document is about (gazetteer mentions).
    p: Means with seeded bootstrap 95 % intervals (1000 resamples, seed 20260529); n is the number of documents a mean is over. Groups with fewer than 10 documents are drawn grey and hollow and marked "few": read them as anecdotes.
    chart (dot plot): Framing index by target focus — Japan focus -1.00 [-1.00, -1.00], n = 13; Korea focus +1.00 [+1.00, +1.00], n = 12.
    table: group | documents | n | mean [95 % interval] | note
      Japan focus | 13 | 13 | -1.00 [-1.00, -1.00] | 
      Korea focus | 12 | 12 | +1.00 [+1.00, +1.00] | 

    ## Framing over time {#framing-over-time}
    p: Per month (chosen from the span of the dates: month up to 3 years, quarter up to 10, year beyond). The axis runs through every month of the span, so a month without documents is a gap in the line. 1 document without a date precise enough is left out.
    chart (timeline, 5 months): Framing over time (per month) — Framing index per month, 2021-01 to 2021-05; 4 of 5 periods have data. 2021-01 0.00 [-0.67, +0.67], n = 6 (few); 2021-02 0.00 [-0.67, +0.67], n = 6 (few); 2021-04 0.00 [-0.67, +0.67], n = 6 (few); 2021-05 0.00 [-0.67, +0.67], n = 6 (few).
    table: month | documents | n | mean [95 % interval] | note
      2021-01 | 6 | 6 | 0.00 [-0.67, +0.67] | few documents (n < 10)
      2021-02 | 6 | 6 | 0.00 [-0.67, +0.67] | few documents (n < 10)
      2021-04 | 6 | 6 | 0.00 [-0.67, +0.67] | few documents (n < 10)
      2021-05 | 6 | 6 | 0.00 [-0.67, +0.67] | few documents (n < 10)

    ## Sentiment overall and toward each target {#sentiment}
    p: Document sentiment runs from −1 to +1; sentiment toward a target is scored at each of its mentions (the sentence's sentiment toward that mention, not the whole sentence's), pooled per document and averaged over the documents that mention it (n).
    p: Means with seeded bootstrap 95 % intervals (1000 resamples, seed 20260529); n is the number of documents a mean is over. Groups with fewer than 10 documents are drawn grey and hollow and marked "few": read them as anecdotes.
    chart (dot plot): Sentiment overall and toward each target — all documents +0.59 [+0.54, +0.65], n = 25; toward Japan +0.90 [+0.90, +0.90], n = 13; toward Korea +0.85 [+0.85, +0.85], n = 12.
    table: group | documents | n | mean [95 % interval] | note
      all documents | 25 | 25 | +0.59 [+0.54, +0.65] | 
      toward Japan | 25 | 13 | +0.90 [+0.90, +0.90] | 
      toward Korea | 25 | 12 | +0.85 [+0.85, +0.85] | 
    chart (dot plot): Sentiment by target focus — Mean sentiment per target focus, overall and toward each target. Japan focus +0.74 [+0.74, +0.74], n = 13; Korea focus +0.42 [+0.42, +0.42], n = 12.
    table: group | documents | n | mean [95 % interval] | note
      Japan focus, overall | 13 | 13 | +0.74 [+0.74, +0.74] | 
      Korea focus, overall | 12 | 12 | +0.42 [+0.42, +0.42] | 
      Japan focus, toward Japan | 13 | 13 | +0.90 [+0.90, +0.90] | 
      Korea focus, toward Japan | 12 | 0 | – | no value
      Japan focus, toward Korea | 13 | 0 | – | no value
      Korea focus, toward Korea | 12 | 12 | +0.85 [+0.85, +0.85] | 

    """
}
