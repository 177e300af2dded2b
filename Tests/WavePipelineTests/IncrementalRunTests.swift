import Foundation
import Logging
import Synchronization
import Testing
import WaveLexicon
import WaveReports
@testable import WavePipeline

/// A rerun takes unchanged files from the run state and gives the outputs a clean run gives.
@Suite(.serialized) struct IncrementalRunTests {
    static let fixtures = PipelineEndToEndTests.fixtures

    /// A copy of the fixture corpus in a fresh folder.
    static func corpusCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-incr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("corpus"), to: corpus)
        return corpus
    }

    /// Runs and returns the result and the files the per-document stage read (the reading total).
    static func run(_ config: RunConfiguration) throws -> (result: Pipeline.Result, read: Int) {
        let total = Mutex(0)
        let result = try Pipeline(configuration: config).run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { progress in
            if progress.stage == .reading { total.withLock { $0 = progress.filesTotal } }
        }
        return (result, total.withLock { $0 })
    }

    /// The tables two runs wrote, which must be equal byte for byte, and the summaries' counts.
    static func expectSameOutputs(_ a: URL, _ b: URL, _ ra: Pipeline.Result, _ rb: Pipeline.Result,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv", "failures.csv", "tokens.tsv"] {
            let x = try? Data(contentsOf: a.appendingPathComponent(name))
            let y = try? Data(contentsOf: b.appendingPathComponent(name))
            #expect(x != nil && x == y, "\(name)", sourceLocation: sourceLocation)
        }
        var sa = ra.summary, sb = rb.summary
        sa.seconds = 0; sb.seconds = 0; sa.stageSeconds = [:]; sb.stageSeconds = [:]
        sa.output = ""; sb.output = ""; sa.startedAt = ""; sb.startedAt = ""; sa.runId = nil; sb.runId = nil
        #expect(sa == sb, sourceLocation: sourceLocation)
    }

    @Test func editsDeletesAndAddsGiveTheOutputsOfACleanRun() throws {
        let corpus = try Self.corpusCopy()
        let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
        var config = RunConfiguration(corpus: corpus, output: out, stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Self.run(config)
        #expect(first.read == 6)   // every readable file
        #expect(FileManager.default.fileExists(atPath: StateStore.path(for: out)))

        // Nothing changed: nothing is read again.
        let unchanged = try Self.run(config)
        #expect(unchanged.read == 0)
        try Self.expectSameOutputs(out, out, first.result, unchanged.result)

        // Edit one page, delete the feed, add a text file.
        let page = corpus.appendingPathComponent("news/harbour-ghibli.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "</p>", with: " Korean dramas and K-pop keep growing abroad.</p>").utf8).write(to: page)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("feed.rss"))
        try Data("Hallyu exports rose again this year as Korean films reached new audiences in Japan.\n".utf8)
            .write(to: corpus.appendingPathComponent("added.txt"))
        let rerun = try Self.run(config)
        #expect(rerun.read == 2)   // the edited page and the added file

        var clean = config
        clean.incremental = false
        clean.output = corpus.deletingLastPathComponent().appendingPathComponent("clean")
        let full = try Self.run(clean)
        #expect(!FileManager.default.fileExists(atPath: StateStore.path(for: clean.output)))
        try Self.expectSameOutputs(out, clean.output, rerun.result, full.result)
        #expect(!rerun.result.analysis.documents.contains { $0.article.path == "feed.rss" })

        // --full reads everything again, with the same outputs.
        config.full = true
        let forced = try Self.run(config)
        #expect(forced.read == 6)
        try Self.expectSameOutputs(out, clean.output, forced.result, full.result)
    }

    @Test func aChangedDictionaryInvalidatesTheStoredAnalyses() throws {
        let corpus = try Self.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let dictionary = folder.appendingPathComponent("themes.yaml")
        try Data(ShippedData.text("themes.yaml").utf8).write(to: dictionary)
        var config = RunConfiguration(corpus: corpus, output: folder.appendingPathComponent("out"), dictionary: dictionary, threads: 2)
        #expect(try Self.run(config).read == 6)
        #expect(try Self.run(config).read == 0)
        // Any change to the dictionary's content analyses every file again.
        try Data((ShippedData.text("themes.yaml") + "\n# edited\n").utf8).write(to: dictionary)
        let rerun = try Self.run(config)
        #expect(rerun.read == 6)
        var clean = config
        clean.incremental = false
        clean.output = folder.appendingPathComponent("clean")
        try Self.expectSameOutputs(config.output, clean.output, rerun.result, try Self.run(clean).result)
        // So does naming other stopwords.
        config.stopwords = Self.fixtures.appendingPathComponent("stopwords")
        #expect(try Self.run(config).read == 6)
    }

    @Test func aDamagedStateIsAClearError() throws {
        let corpus = try Self.corpusCopy()
        let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: StateStore.path(for: out)))
        let config = RunConfiguration(corpus: corpus, output: out, threads: 2)
        #expect { try Self.run(config) } throws: { ($0 as? RunError)?.reason.contains("--full") == true }
    }
}
