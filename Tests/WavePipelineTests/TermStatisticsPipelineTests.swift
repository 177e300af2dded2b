import Foundation
import Testing
import WaveTerms
@testable import WavePipeline
import WaveCorpus

/// The run's term-statistics outputs: tokens.wlt, keyness.csv, collocations.csv,
/// duplicates.csv, term_frequencies.csv and the report sections.
@Suite struct TermStatisticsPipelineTests {
    @Test func runWritesTermStatisticsTablesAndSections() throws {
        let run = try PipelineEndToEndTests.run()
        let summary = try run.read("summary.json")
        for name in ["tokens.wlt", "keyness.csv", "collocations.csv", "duplicates.csv", "term_frequencies.csv"] {
            #expect(FileManager.default.fileExists(atPath: run.output.appendingPathComponent(name).path), "\(name)")
            #expect(summary.contains("\"\(name)\""), "\(name) listed in summary.json")
        }
        let keyness = try run.rows("keyness.csv")
        #expect(keyness.allSatisfy { $0["target"] == "focus=japan" && $0["reference"] == "focus=korea" })
        for column in ["term", "target_count", "reference_count", "target_total", "reference_total", "g2", "p_g2", "chi2", "p_chi2", "log_ratio"] {
            #expect(keyness.first?[column] != nil, "keyness column \(column)")
        }
        let collocations = try run.rows("collocations.csv")
        #expect(collocations.contains { $0["collocation"] == "studio ghibli" })
        let frequencies = try run.rows("term_frequencies.csv")
        #expect(Set(frequencies.map { $0["variable"]! }).isSuperset(of: ["language", "focus", "year"]))
        let report = try run.read("report.md")
        #expect(report.contains("## Keyness: japan vs korea (focus)"))
        #expect(report.contains("## Collocations") && report.contains("## Syndicated copies"))
        #expect(try run.read("report.html").contains("Syndicated copies"))
    }

    @Test func storeHoldsEveryDocumentAndServesKWIC() throws {
        let run = try PipelineEndToEndTests.run()
        let stored = try TokenStore.read(folder: run.output)
        #expect(try stored.map(\.id) == run.result.written().documents.map(\.id))
        // The store keeps tokens as segmented; the run counts multiword entries
        // ("studio ghibli") as one term, so it counts fewer terms than the store holds.
        let counted = try run.result.written().documents.reduce(0) { $0 + $1.terms.count }
        let storedTerms = stored.reduce(0) { $0 + $1.sentences.reduce(0) { $0 + $1.contentTerms.count } }
        #expect(storedTerms > counted)
        #expect(storedTerms < counted * 2)
        let lines = KWIC.lines(for: ["studio", "ghibli"], in: stored, window: 3)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.keyword.lowercased() == "studio ghibli" })
    }
}
