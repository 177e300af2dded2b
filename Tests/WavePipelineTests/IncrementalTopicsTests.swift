import Foundation
import GRDB
import Testing
import WaveCorpus
import WaveTopics
@testable import WavePipeline

/// A rerun takes a language's topic model from the run state when that language's training
/// corpus and options did not change, trains it again when they did, and writes the outputs a
/// clean run writes either way.
@Suite(.serialized) struct IncrementalTopicsTests {
    /// Tables whose bytes two runs over the same files must share, topics included.
    static let tables = ["documents.csv", "terms.csv", "topics.csv", "document_topics.csv", "document_topics_long.csv",
                         "keyness.csv", "collocations.csv", "duplicates.csv", "themes_by_group.csv"]

    static func configuration(corpus: URL, output: URL) -> RunConfiguration {
        var config = RunConfiguration(corpus: corpus, output: output, stopwords: nil, threads: 2)
        config.topics = 2
        config.topicIterations = 40
        config.topicMinDocuments = 10
        return config
    }

    /// A clean run (no state) over `config`'s corpus into a new folder, compared with `config`'s outputs.
    static func expectCleanRunEquals(_ config: RunConfiguration, _ result: Pipeline.Result,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        var clean = config
        clean.incremental = false
        clean.output = config.output.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        let full = try IncrementalRunTests.run(clean).result
        #expect(full.analysis?.topics?.analysis.reusedLanguages == [], sourceLocation: sourceLocation)
        for name in tables {
            let x = try? Data(contentsOf: config.output.appendingPathComponent(name))
            let y = try? Data(contentsOf: clean.output.appendingPathComponent(name))
            #expect(x != nil && x == y, "\(name)", sourceLocation: sourceLocation)
        }
        try IncrementalRunTests.expectSameOutputs(config.output, clean.output, result, full, sourceLocation: sourceLocation)
    }

    static func write(_ text: String, _ name: String, in corpus: URL) throws {
        try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
    }

    static let korean = "한국 드라마와 케이팝은 해외에서 계속 인기를 얻고 있다. 일본의 젊은 세대도 한국 음식과 노래를 즐긴다.\n"

    @Test func anUnchangedLanguageTakesItsModelFromTheState() throws {
        let corpus = try PipelineTopicsTests.corpus()
        let config = Self.configuration(corpus: corpus, output: corpus.deletingLastPathComponent()
            .appendingPathComponent("out-\(UUID().uuidString)"))
        let first = try IncrementalRunTests.run(config).result
        #expect(first.analysis?.topics?.analysis.models.map(\.language) == ["en"])
        #expect(first.analysis?.topics?.analysis.reusedLanguages == [])

        // A document in another language (too few for a model of its own): English trains on the same corpus.
        try Self.write(Self.korean, "korean-note.txt", in: corpus)
        let rerun = try IncrementalRunTests.run(config)
        #expect(rerun.read == 1)
        #expect(rerun.result.analysis?.topics?.analysis.reusedLanguages == ["en"])
        #expect(rerun.result.analysis?.topics?.analysis.skippedLanguages["ko"] == 1)
        try Self.expectCleanRunEquals(config, rerun.result)

        // A new English article changes English's corpus: trained again, and still a clean run's outputs.
        try Self.write("food story extra\n\nThe chef made kimchi ramen and sushi in the kitchen. The fans sang a song on stage.\n",
                       "food-extra.txt", in: corpus)
        let grown = try IncrementalRunTests.run(config)
        #expect(grown.read == 1)
        #expect(grown.result.analysis?.topics?.analysis.reusedLanguages == [])
        try Self.expectCleanRunEquals(config, grown.result)

        // Other topic options are another training.
        var fewer = config
        fewer.topicIterations = 30
        try Self.write(Self.korean, "korean-note-2.txt", in: corpus)
        let changed = try IncrementalRunTests.run(fewer)
        #expect(changed.result.analysis?.topics?.analysis.reusedLanguages == [])
        try Self.expectCleanRunEquals(fewer, changed.result)
    }

    @Test func aDamagedStoredModelIsTrainedAgain() throws {
        let corpus = try PipelineTopicsTests.corpus()
        let config = Self.configuration(corpus: corpus, output: corpus.deletingLastPathComponent()
            .appendingPathComponent("out-\(UUID().uuidString)"))
        _ = try IncrementalRunTests.run(config)
        let queue = try DatabaseQueue(path: StateStore.path(for: config.output))
        let damaged = try queue.write { db -> Int in
            try db.execute(sql: "UPDATE topic_models SET model = substr(model, 1, length(model) / 2)")
            return db.changesCount
        }
        try queue.close()
        #expect(damaged == 1)
        try Self.write(Self.korean, "korean-note.txt", in: corpus)
        let rerun = try IncrementalRunTests.run(config).result
        #expect(rerun.analysis?.topics?.analysis.reusedLanguages == [])
        try Self.expectCleanRunEquals(config, rerun)
        // The model trained again is kept, whole, for the next run.
        try Self.write(Self.korean, "korean-note-2.txt", in: corpus)
        #expect(try IncrementalRunTests.run(config).result.analysis?.topics?.analysis.reusedLanguages == ["en"])
    }

    @Test func aStoredModelRoundTripsExactly() throws {
        var counts: [Int32] = []
        for i in 0..<6 { counts.append(Int32(i * 3 % 5)) }
        let model = WaveTopics.LDAModel(language: "en", terms: ["a", "b", "c"], topicCount: 2, alpha: [0.1, 0.30000000000000004],
                                        beta: 0.01, topicWordCounts: counts, documentCount: 2, iterations: 40, seed: 42)
        let proportions = [[0.25, 0.75], [1.0 / 3, 2.0 / 3]]
        let kept = TrainedTopicModel(model: model, proportions: proportions, seconds: 1.5)
        let back = try StateCoding.decode(TrainedTopicModel.self, from: StateCoding.encode(kept))
        #expect(back == kept)
        #expect(back.model == model)
        // A shape that does not hold together gives no model.
        var broken = kept
        broken.topicWordCounts.removeLast()
        #expect(broken.model == nil)
    }
}
