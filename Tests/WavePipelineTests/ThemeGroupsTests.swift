import Foundation
import Testing
import WaveReports
@testable import WavePipeline

/// Per-group theme rates and framing index with bootstrap intervals.
@Suite struct ThemeGroupsTests {
    static func document(_ id: String, date: String, site: String, language: String, focus: String,
                         nostalgia: Int, forward: Int, rate: Double, sentiment: Double) -> DocumentRecord {
        let n = Double(nostalgia), f = Double(forward)
        return DocumentRecord(
            id: id, path: "\(id).html", item: nil, url: nil, title: id, authors: [], date: date, language: language,
            site: site, format: "html", encoding: "utf-8", tokens: 1000, terms: 500, sentences: 40, sentiment: sentiment,
            sentimentJapan: nil, sentimentKorea: nil, focus: focus,
            themeHits: ["nostalgia": nostalgia, "forward_facing": forward],
            themeRates: ["nostalgia": rate, "forward_facing": f], themeSentiment: [:],
            framingIndex: n + f == 0 ? 0 : (f - n) / (f + n), warnings: [])
    }

    static let themes = [ThemeInfo(path: "nostalgia", label: "Nostalgia", parent: nil),
                         ThemeInfo(path: "forward_facing", label: "Forward", parent: nil),
                         ThemeInfo(path: "nostalgia/classic_works", label: "Classics", parent: "nostalgia")]

    static let documents = [
        document("a", date: "2020-01-02", site: "Courier", language: "en", focus: "japan", nostalgia: 5, forward: 1, rate: 5, sentiment: 0.2),
        document("b", date: "2020-05-02", site: "Courier", language: "en", focus: "korea", nostalgia: 0, forward: 4, rate: 0, sentiment: 0.4),
        document("c", date: "2021-03-09", site: "Monitor", language: "ja", focus: "japan", nostalgia: 2, forward: 2, rate: 2, sentiment: -0.1),
        document("d", date: "2021-07-01", site: "Monitor", language: "ja", focus: "japan", nostalgia: 0, forward: 0, rate: 0, sentiment: 0.0),
    ]

    @Test func tableHasEveryDimensionAndIntervalsHoldTheMean() throws {
        let groups = Pipeline.themeGroups(documents: Self.documents, themes: Self.themes)
        #expect(groups.table.name == "themes_by_group.csv")
        let rows = CSVReader.rows(groups.table.text)
        #expect(Set(rows.map { $0["dimension"]! }) == ["year", "site", "language", "focus"])
        for row in rows where !(row["mean"] ?? "").isEmpty {
            let mean = Double(row["mean"]!)!, low = Double(row["ci_low"]!)!, high = Double(row["ci_high"]!)!
            #expect(low <= mean && mean <= high, "\(row)")
        }
        // Subthemes are not columns; the framing index leaves out documents with neither theme.
        #expect(!rows.contains { $0["measure"] == "rate:nostalgia/classic_works" })
        let index2021 = try #require(rows.first { $0["dimension"] == "year" && $0["group"] == "2021" && $0["measure"] == "framing_index" })
        #expect(index2021["n"] == "1" && index2021["documents"] == "2" && index2021["mean"] == "0.0000")
        let rate2020 = try #require(rows.first { $0["dimension"] == "year" && $0["group"] == "2020" && $0["measure"] == "rate:nostalgia" })
        #expect(rate2020["mean"] == "2.5000")
    }

    @Test func theSameDocumentsGiveTheSameTable() {
        let a = Pipeline.themeGroups(documents: Self.documents, themes: Self.themes)
        let b = Pipeline.themeGroups(documents: Self.documents.reversed(), themes: Self.themes)
        #expect(a.table.text == b.table.text)
        #expect(a.section.markdown == b.section.markdown)
        #expect(a.section.title == "Themes and framing by group")
    }
}
