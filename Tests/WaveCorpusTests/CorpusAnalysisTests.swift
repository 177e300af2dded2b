import Testing
@testable import WaveCorpus
@testable import WaveThemes

/// Targets as data, focus labels, and the aggregates the corpus stage computes once.
@Suite struct CorpusAnalysisTests {
    static let three = Targets([.init(key: "japan", label: "Japan"), .init(key: "korea", label: "Korea"),
                                .init(key: "china", label: "China")])

    @Test func focusFollowsTheMentionedTargets() {
        func focus(_ counts: [String: Int]) -> Focus {
            Focus(TargetMentions(sentences: counts.mapValues { _ in [0] }, counts: counts))
        }
        #expect(focus([:]).label == "neither")
        #expect(focus(["china": 4]).label == "china")
        #expect(focus(["china": 4, "japan": 2]) == .several(["china", "japan"]))
        #expect(focus(["china": 4, "japan": 2]).label == "both")
        #expect(focus(["china": 3, "japan": 3, "korea": 1]).label == "several")
        // A target with less than a third of the top target's mentions does not count.
        #expect(focus(["china": 9, "japan": 2]).label == "china")
    }

    @Test func everyPairOfTargetsInGazetteerOrder() {
        #expect(Self.three.pairs.map { "\($0.target.key)-\($0.reference.key)" } == ["japan-korea", "japan-china", "korea-china"])
        #expect(Self.three.focusOrder == ["japan", "korea", "china", "both", "several", "neither"])
        let two = Targets(Array(Self.three.all.prefix(2)))
        #expect(two.focusOrder == ["japan", "korea", "both", "neither"])
    }

    @Test func sentimentByFocusAveragesTowardEachTarget() throws {
        let documents = [
            DocumentFixture.document("a", date: "2020-01-01", site: "S", mentions: ["china": 2], hits: [:], sentiment: 0.5,
                                     targetSentiment: ["china": 0.25]),
            DocumentFixture.document("b", date: "2021-01-01", site: "S", mentions: ["china": 1], hits: ["nostalgia": 2],
                                     sentiment: -0.5, targetSentiment: ["china": -0.75]),
            DocumentFixture.document("c", date: nil, site: nil, hits: ["nostalgia": 4], sentiment: 0),
        ]
        let themes = [ThemeInfo(path: "nostalgia", label: "Nostalgia", parent: nil)]
        let analysis = CorpusAnalysis(documents: documents, targets: Self.three, themes: themes)
        #expect(analysis.sentimentByFocus.map(\.focus) == ["china", "neither"])
        let china = try #require(analysis.sentimentByFocus.first)
        #expect(china.documents == 2 && china.overall == 0 && china.towardTarget["china"] == -0.25)
        #expect(china.towardTarget["japan"] == nil)
        #expect(analysis.counts.sentimentByFocus == ["china": 0, "neither": 0])
        #expect(analysis.themeRatesByYear.map(\.year) == ["2020", "2021", "undated"])
        #expect(analysis.themeRatesByYear.last?.rates["nostalgia"] == 4)
        #expect(analysis.counts.themeTotals == ["nostalgia": 6])
        #expect(analysis.termStatistics.keyness.count == 3)
        #expect(analysis.topics == nil)
    }
}
