import Foundation
import Testing
@testable import WavePipeline
import WaveReports

/// The output folder always holds one complete set from one run: written beside
/// it and swapped in at the end; leftovers of dead runs are removed at the next start.
@Suite struct CrashConsistentOutputTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func place() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wl-staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func config(output: URL, corpus: URL? = nil) -> RunConfiguration {
        RunConfiguration(corpus: corpus ?? fixtures.appendingPathComponent("corpus"), output: output,
                         stopwords: fixtures.appendingPathComponent("stopwords"), threads: 2)
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func summaryAndManifestNameTheRunAndListExactlyTheFolder() throws {
        let output = try Self.place().appendingPathComponent("Output")
        let result = try Pipeline(configuration: Self.config(output: output)).run()
        let runID = try #require(result.summary.runId)
        #expect(runID.range(of: #"^\d{8}T\d{6}Z-[0-9a-f]{8}$"#, options: .regularExpression) != nil)
        let summary = try Self.json(output.appendingPathComponent("summary.json"))
        let manifest = try Self.json(output.appendingPathComponent("manifest.json"))
        #expect(summary["run_id"] as? String == runID)
        #expect(manifest["run_id"] as? String == runID)
        #expect(manifest["files"] as? [String] == (try Self.names(output)))
        // Nothing but the output folder, its lock and the incremental run state (the database
        // and its WAL files) is left beside it: no staging folder, no temporary file.
        let beside = try Self.names(output.deletingLastPathComponent()).filter { !$0.hasPrefix(".Output.state.sqlite") }
        #expect(beside == [".Output.lock", "Output"])
    }

    @Test func aSecondRunReplacesTheWholeSet() throws {
        let corpus = try PipelineTopicsTests.corpus()
        let output = try Self.place().appendingPathComponent("out")
        var config = RunConfiguration(corpus: corpus, output: output, stopwords: nil, threads: 2)
        config.topics = 2
        config.topicIterations = 20
        config.topicMinDocuments = 10
        let first = try Pipeline(configuration: config).run()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("topics.csv").path))
        // A temporary file a killed older version left inside the folder.
        try Data("half".utf8).write(to: output.appendingPathComponent(".tokens.wlt.DEAD.tmp"))
        config.topics = 0
        let second = try Pipeline(configuration: config).run()
        #expect(first.summary.runId != second.summary.runId)
        let names = try Self.names(output)
        #expect(!names.contains("topics.csv"))
        #expect(!names.contains("document_topics.csv"))
        #expect(!names.contains(".tokens.wlt.DEAD.tmp"))
        #expect(try Self.json(output.appendingPathComponent("manifest.json"))["files"] as? [String] == names)
    }

    @Test func leftoversOfDeadRunsAreRemovedAndAnInterruptedSwapIsUndone() throws {
        let place = try Self.place()
        let output = place.appendingPathComponent("Output")
        let fm = FileManager.default
        // A run killed while writing: a half staging folder.
        try fm.createDirectory(at: place.appendingPathComponent(".Output.staging-dead/sub"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: place.appendingPathComponent(".Output.staging-dead/documents.csv"))
        // A run killed between the two renames of the fallback swap: the previous set aside, no output folder.
        let previous = place.appendingPathComponent(".Output.previous-dead")
        try fm.createDirectory(at: previous, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: previous.appendingPathComponent("summary.json"))
        var lines: [String] = []
        let staging = try OutputStaging(output: output, runID: "now", log: { lines.append($0) })
        #expect(fm.fileExists(atPath: output.appendingPathComponent("summary.json").path))
        #expect(!fm.fileExists(atPath: place.appendingPathComponent(".Output.staging-dead").path))
        #expect(!fm.fileExists(atPath: previous.path))
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("restored the previous outputs from ") })
        staging.abandon()
        #expect(try Self.names(place) == ["Output"])
    }

    @Test func aFolderHoldingOtherFilesIsNeverReplaced() throws {
        let output = try Self.place()
        try Data("keep me".utf8).write(to: output.appendingPathComponent("thesis.docx"))
        #expect(throws: RunError.self) { try Pipeline(configuration: Self.config(output: output)).run() }
        do { _ = try Pipeline(configuration: Self.config(output: output)).run() } catch let error as RunError {
            #expect(error.reason.contains("holds files a run does not write (thesis.docx)"))
        }
        #expect(try Self.names(output) == ["thesis.docx"])
    }

    @Test func anOutputPlaceThatCannotBeWrittenIsFoundBeforeAnyAnalysis() throws {
        let place = try Self.place()
        let file = place.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        // The corpus does not exist: had the analysis started, that would be the error.
        let config = RunConfiguration(corpus: place.appendingPathComponent("no-corpus"),
                                      output: file.appendingPathComponent("Output"))
        do {
            _ = try Pipeline(configuration: config).run()
            Issue.record("the run wrote under a file")
        } catch let error as RunError {
            #expect(error.reason.hasPrefix("cannot write the output lock"))
        }
        let output = place.appendingPathComponent("out-file")
        try Data("x".utf8).write(to: output)
        do {
            _ = try Pipeline(configuration: RunConfiguration(corpus: place.appendingPathComponent("no-corpus"), output: output)).run()
            Issue.record("the run replaced a file")
        } catch let error as RunError {
            #expect(error.reason == "the output \(output.path) is not a folder")
        }
    }
}
