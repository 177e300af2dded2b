import Foundation
import Testing
@testable import WavePipeline
import WaveCorpus
import WaveIngest
import WaveText
import WaveTopics

/// `run --topics` and the topic helpers over a small synthetic English corpus.
@Suite struct PipelineTopicsTests {
    static let themes = [
        ("music", ["concert", "album", "singer", "band", "stage", "song", "chart", "fans", "tour", "melody"]),
        ("food", ["kimchi", "ramen", "sushi", "restaurant", "chef", "recipe", "noodle", "flavor", "kitchen", "dish"]),
    ]

    /// Writes 2 × 12 text articles into a new folder.
    static func corpus() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wavelength-topics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = SeededRandom(seed: 1)
        for (name, words) in themes {
            for i in 0..<12 {
                let body = (0..<12).map { _ in
                    "The " + (0..<6).map { _ in words[random.nextInt(below: words.count)] }.joined(separator: " ") + " were there."
                }.joined(separator: " ")
                try "\(name) story \(i)\n\n\(body)\n".write(to: folder.appendingPathComponent("\(name)-\(i).txt"),
                                                          atomically: true, encoding: .utf8)
            }
        }
        return folder
    }

    @Test func runWithTopicsWritesTablesAndReportSection() throws {
        let corpus = try Self.corpus()
        let output = corpus.appendingPathComponent("out")
        var config = RunConfiguration(corpus: corpus, output: output, stopwords: nil, threads: 2)
        config.topics = 2
        config.topicIterations = 40
        config.topicMinDocuments = 10
        _ = try Pipeline(configuration: config).run()
        let topics = try CSVReader.rows(String(contentsOf: output.appendingPathComponent("topics.csv"), encoding: .utf8))
        #expect(topics.count == 2)
        #expect(topics.allSatisfy { !$0["label", default: ""].isEmpty && Double($0["coherence", default: ""]) != nil })
        let shares = topics.compactMap { Double($0["share", default: ""]) }
        #expect(abs(shares.reduce(0, +) - 1) < 0.01)
        let documents = try CSVReader.rows(String(contentsOf: output.appendingPathComponent("document_topics.csv"), encoding: .utf8))
        #expect(documents.count == 24)
        #expect(documents.allSatisfy { !$0["main_topic", default: ""].isEmpty && $0["proportions", default: ""].split(separator: " ").count == 2 })
        // Each theme's articles share one main topic, and the two themes differ.
        let mainByTheme = Dictionary(grouping: documents, by: { $0["id", default: ""].hasPrefix("music") })
            .mapValues { Set($0.map { $0["main_topic", default: ""] }) }
        #expect(mainByTheme.values.allSatisfy { $0.count == 1 })
        #expect(mainByTheme[true] != mainByTheme[false])
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2 id=\"topics\">Topics</h2>"))
        #expect(html.contains("Topic share over time") && html.contains("<svg"))
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## Topics"))
    }

    @Test func savedModelPlacesTheSameDocumentsAgain() throws {
        let corpus = try Self.corpus()
        let config = RunConfiguration(corpus: corpus, output: corpus.appendingPathComponent("out"), stopwords: nil, threads: 2)
        let results = try Pipeline(configuration: config).analysedDocuments()
        let options = TopicOptions(topics: 2, iterations: 40, seed: 3, threads: 2, minDocuments: 10)
        let trained = TopicAnalysis.train(results, options: options)
        #expect(trained.models.count == 1)
        let text = LDAModelFile.text(of: trained.models)
        let inferred = TopicAnalysis.infer(results, models: try LDAModelFile.parse(text), options: options)
        for d in results.indices {
            #expect(inferred.mainTopic(ofDocument: d) == trained.mainTopic(ofDocument: d))
        }
        // A language without a model is left out, not forced into another's topics.
        let elsewhere = TopicOptions(topics: 2, iterations: 10, minDocuments: 1000)
        #expect(TopicAnalysis.train(results, options: elsewhere).models.isEmpty)
    }

    @Test(.enabled(if: MeCab.isAvailable))
    func japaneseTopicTermsAreNounsWithCompoundsJoined() throws {
        let analyzer = try Analyzer(configuration: RunConfiguration(corpus: FileManager.default.temporaryDirectory))
        let article = Article(id: "ja-1", path: "ja-1.txt", format: .text, encoding: "UTF-8",
                              paragraphs: ["友人代表のスピーチを頼まれた。情報通信機器の展示会が東京で開かれた。"])
        let result = analyzer.analyze(article)
        #expect(result.language == .japanese)
        let topicTerms = try #require(result.topicTerms)
        #expect(topicTerms.contains("友人代表"))
        #expect(topicTerms.contains("情報通信機器"))
        #expect(!topicTerms.contains("頼む") && !topicTerms.contains("開く"))
        // The counting terms keep the parts and the verbs.
        #expect(result.terms.contains("情報") && !result.terms.contains("情報通信機器"))
        // Other languages use their content terms.
        let english = analyzer.analyze(Article(id: "en-1", path: "en-1.txt", format: .text, encoding: "UTF-8",
                                               paragraphs: ["The concert tour of the band sold out in Seoul."]))
        #expect(english.topicTerms == nil)
    }
}
