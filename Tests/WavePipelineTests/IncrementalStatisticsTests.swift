import Foundation
import GRDB
import Testing
import WaveCorpus
import WaveLexicon
import WaveTerms
@testable import WavePipeline

/// A rerun takes the corpus statistics its changes leave as they were (bootstrap intervals of
/// unchanged groups, signatures of unchanged documents) from the run state, and its outputs are
/// still those of a clean run: after additions, edits and deletions, with a damaged memo, and
/// not across a change of the settings.
@Suite(.serialized) struct IncrementalStatisticsTests {
    typealias Runs = IncrementalRunTests

    static func memoCounts(_ result: Pipeline.Result, sourceLocation: SourceLocation = #_sourceLocation) throws -> (hits: Int, misses: Int) {
        try #require(result.written(sourceLocation: sourceLocation).settings.bootstrap.memo, sourceLocation: sourceLocation).counts
    }

    /// The outputs equal a clean run's, and so do the report's intervals (the report itself holds
    /// the run's time).
    static func expectClean(_ config: RunConfiguration, _ rerun: Pipeline.Result, name: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        var clean = config
        clean.incremental = false
        clean.output = config.output.deletingLastPathComponent().appendingPathComponent(name)
        let full = try Runs.run(clean).result
        try Runs.expectSameOutputs(config.output, clean.output, rerun, full, sourceLocation: sourceLocation)
        let (a, b) = (try rerun.written(), try full.written())
        #expect(a.groups.rows == b.groups.rows, sourceLocation: sourceLocation)
        #expect(a.coverage() == b.coverage(), sourceLocation: sourceLocation)
        #expect(a.termStatistics.statistics.clusters == b.termStatistics.statistics.clusters, sourceLocation: sourceLocation)
        #expect(b.settings.bootstrap.memo == nil, sourceLocation: sourceLocation)
    }

    @Test func aRerunTakesWhatItsChangesLeaveFromTheState() throws {
        let corpus = try Runs.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let config = RunConfiguration(corpus: corpus, output: folder.appendingPathComponent("out"),
                                      stopwords: Runs.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Runs.run(config)
        #expect(try Self.memoCounts(first.result).hits == 0)

        // A file added: the groups it does not join and every other document's signature are kept.
        try Data("Hallyu exports rose again this year as Korean films reached new audiences in Japan.\n".utf8)
            .write(to: corpus.appendingPathComponent("added.txt"))
        let added = try Runs.run(config)
        let afterAdding = try Self.memoCounts(added.result)
        #expect(afterAdding.hits > 0 && afterAdding.misses > 0)
        try Self.expectClean(config, added.result, name: "clean-added")

        // A page edited and the feed deleted.
        let page = corpus.appendingPathComponent("news/harbour-ghibli.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "</p>", with: " Korean dramas and K-pop keep growing abroad.</p>").utf8).write(to: page)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("feed.rss"))
        let edited = try Runs.run(config)
        #expect(try Self.memoCounts(edited.result).hits > 0)
        try Self.expectClean(config, edited.result, name: "clean-edited")

        // A damaged memo in the state is started again, with the same outputs.
        let queue = try DatabaseQueue(path: StateStore.path(for: config.output))
        try queue.write { db in try db.execute(sql: "UPDATE statistics_memo SET memo = x'0102030405'") }
        try queue.close()
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("added.txt"))
        let damaged = try Runs.run(config)
        #expect(try Self.memoCounts(damaged.result).hits == 0)
        try Self.expectClean(config, damaged.result, name: "clean-damaged")
    }

    @Test func aChangedSettingStartsAnEmptyMemo() throws {
        let corpus = try Runs.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let dictionary = folder.appendingPathComponent("themes.yaml")
        try Data(ShippedData.text("themes.yaml").utf8).write(to: dictionary)
        var config = RunConfiguration(corpus: corpus, output: folder.appendingPathComponent("out"), dictionary: dictionary, threads: 2)
        _ = try Runs.run(config)
        // The dictionary edited: every analysis is made again, and nothing of the memo is used.
        try Data((ShippedData.text("themes.yaml") + "\n# edited\n").utf8).write(to: dictionary)
        let rerun = try Runs.run(config)
        #expect(try Self.memoCounts(rerun.result).hits == 0)
        try Self.expectClean(config, rerun.result, name: "clean")
        // --full starts the state, memo included, again.
        config.full = true
        #expect(try Self.memoCounts(Runs.run(config).result).hits == 0)
    }
}
