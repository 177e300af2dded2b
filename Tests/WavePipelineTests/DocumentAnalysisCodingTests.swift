import Foundation
import Testing
import WaveCorpus
@testable import WavePipeline

/// A document's analysis survives encoding and decoding unchanged (the ground of a store of
/// analyses that gives back what a fresh analysis would).
@Suite struct DocumentAnalysisCodingTests {
    @Test func roundTripsThroughJSONAndPropertyLists() throws {
        let fixtures = PipelineEndToEndTests.fixtures
        let config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"),
                                      output: FileManager.default.temporaryDirectory.appendingPathComponent("wl-coding"))
        let documents = try Workbench(configuration: config).documents()
        #expect(documents.count >= 4)
        #expect(documents.contains { $0.language.rawValue == "ja" })
        let json = try JSONDecoder().decode([DocumentAnalysis].self, from: JSONEncoder().encode(documents))
        #expect(json == documents)
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        let plist = try PropertyListDecoder().decode([DocumentAnalysis].self, from: encoder.encode(documents))
        #expect(plist == documents)
        for (a, b) in zip(documents, json) {
            #expect(a.sentiment.bitPattern == b.sentiment.bitPattern)
            #expect(a.framingIndex?.bitPattern == b.framingIndex?.bitPattern)
            #expect(a.targetSentiment.mapValues(\.bitPattern) == b.targetSentiment.mapValues(\.bitPattern))
            #expect(a.themeSentiment.mapValues(\.bitPattern) == b.themeSentiment.mapValues(\.bitPattern))
        }
    }
}
