import Foundation
import Testing
@testable import WaveReports

/// The report model stored as JSON: every block and chart comes back as it was,
/// so the renderers give the same bytes.
@Suite struct StoredReportTests {
    /// A model with every kind of block and chart, edge values included.
    static func everyBlock() -> ReportModel {
        let mark = IntervalMark(mean: -0.25, lower: -0.5, upper: 0.0, n: 12, few: false)
        let few = IntervalMark(mean: 1e-17, lower: -0.0, upper: 0.3333333333333333, n: 2, few: true)
        let table = ReportTable(header: ["a", ""], rows: [[ReportCell("x|<y>"), ReportCell(code: "`code`")]], sectioned: true)
        let chart = ReportChart.intervals(IntervalChart(title: "t", summary: "s", axis: "index", rows: ["r1", "r2"],
                                                        series: [(name: "A", marks: [mark, nil]), (name: "B", marks: [few, mark])],
                                                        domain: -1 ... 1))
        let blocks: [ReportBlock] = [
            .paragraph(["one", ReportCell(code: "2026-01-01"), "<script>alert(1)</script>"]),
            .subheading("Sub", bold: true), .subheading("Plain", bold: false),
            .table(table), .chart(chart),
            .chart(.lines(title: "l", categories: ["2020", "2021"], series: [(name: "x", values: [0.1, .nan])])),
            .chart(.divergingBars(title: "d", categories: ["c"], series: [(name: "y", values: [nil, -2, .infinity])])),
            .chart(.bars(title: "b", labels: ["p", "q"], values: [3, 1])),
            .chart(.timeline(TimelineChart(title: "tl", summary: "ts", axis: "a", unit: "month", periods: ["2021-01", "2021-02"],
                                           series: [(name: "s", marks: [mark, nil])]))),
            .chart(.keyness(KeynessChart(title: "k", summary: "ks", target: "T", reference: "R",
                                         terms: [(term: "anime", score: 12.5, targetCount: 9, referenceCount: 1)]))),
            .evidence([(sentence: "A sentence.", source: "doc 1")]),
            .termCounts("en", [(term: "anime", count: 4)]),
            .blankLine, .only(.html, .text("html only")), .only(.markdown, .only(.markdown, .blankLine)),
            .findings([ReportFinding(text: "f", claim: false, anchor: "a", sectionTitle: "A")]),
            .figure(chart, table),
            .keywordsInContext([ReportKWIC(before: "the ", match: "nostalgia", after: " of it", source: "s", copies: 3)]),
        ]
        var model = ReportModel(corpus: "/c", startedAt: "2026-01-01T00:00:00Z", seconds: 12.3456, japaneseSegmenter: "icu",
                                sections: [ReportSection(title: "S", blocks: blocks, htmlLayout: .lines, anchor: "s"),
                                           ReportSection(title: "Empty", blocks: [])])
        model.title = "Title <b>"
        return model
    }

    @Test func aStoredModelRendersToTheSameBytes() throws {
        let model = Self.everyBlock()
        let data = try StoredReport.encode(model, program: "9.9")
        let back = try StoredReport.decode(data)
        #expect(back.outline() == model.outline())
        let (html, markdown) = StoredReport.render(model), again = StoredReport.render(back)
        #expect(again.html == html)
        #expect(again.markdown == markdown)
        // Stored again, the same bytes: nothing is lost or reordered on the way.
        #expect(try StoredReport.encode(back, program: "9.9") == data)
    }

    @Test func theRunsOwnModelRoundTrips() throws {
        let analysis = try ReportFindingsTests.contrasted(12)
        let model = ReportModel(analysis: analysis, summary: ReportFixture.summary())
        let back = try StoredReport.decode(try StoredReport.encode(model, program: "t"))
        #expect(StoredReport.render(back).html == StoredReport.render(model).html)
        #expect(StoredReport.render(back).markdown == StoredReport.render(model).markdown)
    }

    @Test func refusesOtherFilesAndOtherVersions() throws {
        let data = try StoredReport.encode(Self.everyBlock(), program: "9.9")
        let text = String(decoding: data, as: UTF8.self)
        func failure(_ text: String) -> StoredReport.Failure? {
            do { _ = try StoredReport.decode(Data(text.utf8)); return nil } catch { return error }
        }
        guard case .version(let found, let program) = failure(text.replacingOccurrences(of: "\"version\":\(StoredReport.version)}", with: "\"version\":7}")) else {
            Issue.record("another version was read"); return
        }
        #expect(found == 7 && program == "9.9")
        for bad in ["", "[]", "{\"format\":\"other\",\"version\":1}", String(text.prefix(100)),
                    text.replacingOccurrences(of: "\"kind\":\"paragraph\"", with: "\"kind\":\"poem\"")] {
            guard case .notAModel = failure(bad) else { Issue.record("read: \(bad.prefix(60))"); continue }
        }
    }
}
