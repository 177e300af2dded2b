import Foundation
import Testing
@testable import WavePipeline
import WaveCorpus

/// A gazetteer with a third target adds its columns, focus values, keyness
/// pairs and report rows without code changes.
@Suite struct TargetsAsDataTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("three-targets")

    static func run() throws -> (result: Pipeline.Result, output: URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wl-targets-\(UUID().uuidString)")
        var config = RunConfiguration(corpus: fixtures.appendingPathComponent("corpus"), output: output, stopwords: nil, threads: 2)
        config.gazetteer = fixtures.appendingPathComponent("gazetteer.yaml")
        return (try Pipeline(configuration: config).run(), output)
    }

    @Test func thirdTargetGetsItsColumnsFocusAndSections() throws {
        let (result, output) = try Self.run()
        #expect(try result.written().targets.keys == ["japan", "korea", "china"])
        let read = { (name: String) in try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8) }
        let documentsHeader = try read("documents.csv").split(separator: "\n")[0]
        #expect(documentsHeader.contains("sentiment,sentiment_japan,sentiment_korea,sentiment_china,focus,framing_index"))
        #expect(try read("sentiment.csv").hasPrefix("id,language,focus,sentiment,sentiment_japan,sentiment_korea,sentiment_china,"))
        let rows = Dictionary(uniqueKeysWithValues: try CSVReader.rows(read("documents.csv")).map { ($0["id"] ?? "", $0) })
        #expect(rows["china.txt"]?["focus"] == "china")
        #expect(rows["japan.txt"]?["focus"] == "japan")
        #expect(rows["pair.txt"]?["focus"] == "both")
        #expect(rows["all.txt"]?["focus"] == "several")
        #expect(rows["china.txt"]?["sentiment_china"]?.isEmpty == false)
        #expect(rows["japan.txt"]?["sentiment_china"] == "")
        let jsonl = try read("documents.jsonl")
        #expect(jsonl.contains("\"sentiment_china\":"))
        let report = try read("report.md")
        #expect(report.contains("toward China"))
        #expect(report.contains("## Keyness: japan vs china (focus)"))
        #expect(report.contains("## Keyness: korea vs china (focus)"))
        #expect(try read("report.html").contains("<th>toward China</th>"))
        #expect(result.summary.documentsByFocus["several"] == 1)
        let keyness = try CSVReader.rows(read("keyness.csv"))
        #expect(keyness.allSatisfy { ["focus=japan", "focus=korea"].contains($0["target"] ?? "") })
    }

    @Test func shippedGazetteerKeepsTodaysColumns() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("wl-targets-\(UUID().uuidString)")
        let config = RunConfiguration(corpus: Self.fixtures.appendingPathComponent("corpus"), output: output,
                                      stopwords: nil, threads: 1)
        let result = try Pipeline(configuration: config).run()
        #expect(try result.written().targets.keys == ["japan", "korea"])
        let header = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8).split(separator: "\n")[0]
        #expect(header.contains("sentiment,sentiment_japan,sentiment_korea,focus,framing_index"))
        #expect(Set(try result.written().documents.map(\.focus.label)).isSubset(of: ["japan", "korea", "both", "neither"]))
    }
}
