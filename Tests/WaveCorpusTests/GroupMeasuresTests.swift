import Testing
@testable import WaveCorpus
import WaveTerms

/// Per-group theme rates and framing index with bootstrap intervals.
@Suite struct GroupMeasuresTests {
    static let documents = [
        DocumentFixture.document("a", date: "2020-01-02", site: "Courier", mentions: ["japan": 3],
                                 hits: ["nostalgia": 5, "forward_facing": 1], sentiment: 0.2),
        DocumentFixture.document("b", date: "2020-05-02", site: "Courier", mentions: ["korea": 2],
                                 hits: ["forward_facing": 4], sentiment: 0.4),
        DocumentFixture.document("c", date: "2021-03-09", site: "Monitor", language: .japanese, mentions: ["japan": 1],
                                 hits: ["nostalgia": 2, "forward_facing": 2], sentiment: -0.1),
        DocumentFixture.document("d", date: "2021-07-01", site: "Monitor", language: .japanese, mentions: ["japan": 1],
                                 hits: [:], sentiment: 0.0),
    ]

    @Test func everyDimensionAndIntervalsHoldTheMean() throws {
        let groups = GroupMeasures(Self.documents, topThemes: ["nostalgia", "forward_facing"])
        #expect(Set(groups.rows.map(\.dimension)) == ["year", "site", "language", "focus"])
        for row in groups.rows {
            for interval in row.measures.values {
                #expect(interval.lower <= interval.mean && interval.mean <= interval.upper, "\(row)")
            }
        }
        #expect(groups.measures == ["rate:nostalgia", "rate:forward_facing", "framing_index", "sentiment"])
        // The framing index leaves out documents with neither theme.
        let y2021 = try #require(groups.rows(of: "year").first { $0.group == "2021" })
        #expect(y2021.documents == 2)
        #expect(y2021.measures["framing_index"]?.count == 1)
        #expect(y2021.measures["framing_index"]?.mean == 0)
        let y2020 = try #require(groups.rows(of: "year").first { $0.group == "2020" })
        #expect(y2020.measures["rate:nostalgia"]?.mean == 2.5)
        #expect(groups.rows(of: "focus").map(\.group) == ["japan", "korea"])
    }

    @Test func theSameDocumentsGiveTheSameRows() {
        let a = GroupMeasures(Self.documents, topThemes: ["nostalgia"])
        let b = GroupMeasures(Self.documents.reversed(), topThemes: ["nostalgia"])
        #expect(a.rows == b.rows)
    }

    @Test func framingIndexIsUndefinedWithoutFramingHits() {
        #expect(Self.documents[3].framingIndex == nil)
        #expect(Self.documents[0].framingIndex == -4.0 / 6.0)
    }
}
