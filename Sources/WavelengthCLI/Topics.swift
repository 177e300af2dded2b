import ArgumentParser
import Foundation
import WavePipeline
import WaveCorpus
import WaveReports
import WaveTopics

struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Topic models (LDA): train on a corpus and save the model, show a saved model, place new documents in it.",
        discussion: """
        One model per language with enough documents. The same seed gives the same topics \
        whatever --threads is. Model files are UTF-8 text (format 'wavelength-lda 1', see LDAModelFile).
        """,
        subcommands: [Train.self, Show.self, Infer.self])

    struct Sampling: ParsableArguments {
        @Option(help: "Seed of the random streams.")
        var seed: UInt64 = 42

        @Option(help: "Worker threads (default: all cores); the result does not depend on it.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        func validate() throws {
            guard threads > 0 else { throw ValidationError("--threads must be positive") }
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Train topic models on a corpus folder and save them.")

        @Argument(help: "Corpus folder, read recursively.")
        var corpus: String = "Corpus"

        @Option(help: "Model file to write.")
        var model: String = "topics.model"

        @Option(name: .shortAndLong, help: "Also write topics.csv and document_topics.csv into this folder.")
        var output: String?

        @Option(help: "Topics per language model (K).")
        var topics: Int = 10

        @Option(help: "Gibbs sweeps.")
        var iterations: Int = 500

        @Option(help: "Sweeps before the α prior is optimized.")
        var burnIn: Int = 50

        @Option(help: "Initial symmetric document-topic prior α per topic.")
        var alpha: Double = 0.1

        @Option(help: "Topic-word prior β.")
        var beta: Double = 0.01

        @Option(help: "Re-estimate an asymmetric α every N sweeps after burn-in; 0 keeps α symmetric.")
        var optimizeInterval: Int = 10

        @Option(help: "Smallest number of documents for a language to get a model.")
        var minDocuments: Int = 20

        @Option(help: "Term weighting of the sampler: one (standard LDA), idf (inverse document frequency) or pmi (positive PMI of term and document).")
        var termWeight: TermWeight = .one

        @Option(help: "Document weighting of the sampler: equal (every document weighs the same total, so long articles do not outvote short ones; the default) or tokens (standard LDA: a document weighs its length).")
        var documentWeight: DocumentWeight = .equal

        @Option(help: "Independent Gibbs chains sharing the sweeps (each runs iterations / chains), topics aligned by Jensen–Shannon matching and averaged. 1 is one chain (the default; on livedoor news more chains lowered the agreement with the categories).")
        var chains: Int = 1

        @OptionGroup var sampling: Sampling
        @OptionGroup var analysis: AnalysisOptions

        func validate() throws {
            try Limits.checkTopics(topics)
            guard iterations > 0, burnIn >= 0, optimizeInterval >= 0 else {
                throw ValidationError("--iterations must be positive; --burn-in and --optimize-interval not negative")
            }
            guard alpha > 0, beta > 0 else { throw ValidationError("--alpha and --beta must be positive") }
            guard chains >= 1, chains <= iterations else { throw ValidationError("--chains must be between 1 and --iterations") }
        }

        func run() throws {
            var config = RunConfiguration(corpus: URL(fileURLWithPath: corpus))
            analysis.apply(to: &config)
            config.threads = sampling.threads
            let options = TopicOptions(topics: topics, iterations: iterations, burnIn: burnIn, alpha: alpha, beta: beta,
                                       optimizeInterval: optimizeInterval, seed: sampling.seed, threads: sampling.threads,
                                       minDocuments: minDocuments, termWeight: termWeight,
                                       documentWeight: documentWeight, chains: chains)
            let results = try Workbench(configuration: config).documents(log: log)
            let topicAnalysis = TopicAnalysis.train(results, options: options, log: log)
            guard !topicAnalysis.models.isEmpty else {
                StandardError.print("wavelength: error: no language has \(minDocuments) documents with terms; no model trained")
                throw ExitCode(RunOutcome.failed.rawValue)
            }
            try LDAModelFile.write(topicAnalysis.models, to: URL(fileURLWithPath: model))
            try writeTables(topicAnalysis, results: results, folder: output)
            print(RunTables.topicsTable(CorpusTopics(results, analysis: topicAnalysis).rows).text, terminator: "")
            log("models for \(topicAnalysis.models.map(\.language).joined(separator: ", ")) saved to \(model)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the topics of a saved model file.")

        @Option(help: "Model file.")
        var model: String = "topics.model"

        @Option(help: "Terms per topic.")
        var terms: Int = 10

        @Option(help: "Relevance weight λ (1 = probability only, 0 = lift only).")
        var lambda: Double = 0.6

        func run() throws {
            let models = try readModels(model)
            let summarizer = TopicSummarizer(lambda: lambda, termCount: terms)
            var table = CSVTable(header: ["topic", "language", "label", "top_terms", "token_share", "alpha"])
            for m in models {
                let tokens = Double(max(m.topicTotals.reduce(0, +), 1))
                for k in 0..<m.topicCount {
                    let top = summarizer.relevantTerms(of: k, in: m).map { m.terms[$0.term] }
                    table.append([m.language.isEmpty ? "\(k)" : "\(m.language)-\(k)", m.language, TopicSummarizer.label(top),
                                  top.joined(separator: " "), CSVTable.number(Double(m.topicTotals[k]) / tokens),
                                  CSVTable.number(m.alpha[k])])
                }
            }
            print(table.text, terminator: "")
        }
    }

    struct Infer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Place the documents of a corpus in a saved model's topics, without retraining.")

        @Argument(help: "Corpus folder, read recursively.")
        var corpus: String = "Corpus"

        @Option(help: "Model file.")
        var model: String = "topics.model"

        @Option(name: .shortAndLong, help: "Write topics.csv and document_topics.csv into this folder (default: document_topics.csv to standard output).")
        var output: String?

        @Option(help: "Gibbs sweeps per document.")
        var iterations: Int = 100

        @OptionGroup var sampling: Sampling
        @OptionGroup var analysis: AnalysisOptions

        func run() throws {
            let models = try readModels(model)
            var config = RunConfiguration(corpus: URL(fileURLWithPath: corpus))
            analysis.apply(to: &config)
            config.threads = sampling.threads
            let options = TopicOptions(seed: sampling.seed, threads: sampling.threads, inferenceIterations: iterations)
            let results = try Workbench(configuration: config).documents(log: log)
            let topicAnalysis = TopicAnalysis.infer(results, models: models, options: options)
            if let output {
                try writeTables(topicAnalysis, results: results, folder: output)
            } else {
                print(RunTables.documentTopicsTable(topicAnalysis, documents: results).text, terminator: "")
            }
            for (language, count) in topicAnalysis.skippedLanguages.sorted(by: { $0.key < $1.key }) {
                log("warning: no model for language \(language) (\(count) documents left without topics)")
            }
        }
    }
}

@Sendable private func log(_ line: String) { StandardError.print("wavelength: \(line)") }

private func readModels(_ path: String) throws -> [LDAModel] {
    try LDAModelFile.read(contentsOf: URL(fileURLWithPath: path))
}

private func writeTables(_ analysis: TopicAnalysis, results: [DocumentAnalysis], folder: String?) throws {
    guard let folder else { return }
    let url = URL(fileURLWithPath: folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data(RunTables.topicsTable(CorpusTopics(results, analysis: analysis).rows).text.utf8).write(to: url.appendingPathComponent("topics.csv"), options: .atomic)
    try Data(RunTables.documentTopicsTable(analysis, documents: results).text.utf8)
        .write(to: url.appendingPathComponent("document_topics.csv"), options: .atomic)
}
