import ArgumentParser
import Foundation
import WaveLexicon
import WavePipeline
import WaveText
import WaveTopics

/// Options shared by commands that analyse text (dictionary, lexicon, stopwords).
struct AnalysisOptions: ParsableArguments {
    @Option(help: "Folder of <lang>.txt stopword lists (default: the shipped lists, embedded in the program).")
    var stopwords: String?

    @Option(help: "Theme dictionary: Wavelength YAML, quanteda-style YAML, or LIWC .dic (default: the shipped one).")
    var dictionary: String?

    @Option(help: ArgumentHelp("Extra sentiment lexicon as LANG:FILE (TSV: entry<TAB>valence; VADER files load as is). Repeatable.",
                               valueName: "lang:file"))
    var lexicon: [String] = []

    @Flag(help: "Use only the --lexicon files, not the shipped lexicons (the shipped rules stay).")
    var replaceLexicon = false

    @Option(help: "Gazetteer YAML of target names (default: the shipped Japan/Korea one).")
    var gazetteer: String?

    func validate() throws {
        for entry in lexicon where entry.split(separator: ":", maxSplits: 1).count != 2 {
            throw ValidationError("--lexicon takes LANG:FILE, e.g. en:my-lexicon.tsv (got '\(entry)')")
        }
        if replaceLexicon && lexicon.isEmpty {
            throw ValidationError("--replace-lexicon needs at least one --lexicon")
        }
    }

    func apply(to config: inout RunConfiguration) {
        config.stopwords = stopwords.map { URL(fileURLWithPath: $0) }
        config.dictionary = dictionary.map { URL(fileURLWithPath: $0) }
        config.lexicons = lexicon.map {
            let parts = $0.split(separator: ":", maxSplits: 1).map(String.init)
            return (parts[0], URL(fileURLWithPath: parts[1]))
        }
        config.replaceLexicon = replaceLexicon
        config.gazetteer = gazetteer.map { URL(fileURLWithPath: $0) }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline: ingest a corpus folder, analyse it, write tables and reports.")

    @Argument(help: "Corpus folder, read recursively.")
    var corpus: String = "Corpus"

    @Option(name: .shortAndLong, help: "Output folder (created if missing).")
    var output: String = "Output"

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Largest file read, in MiB (after decompression).")
    var maxFileMb: Int = 64

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Also model K topics per language (topics.csv, document_topics.csv, report section).")
    var topics: Int?

    @Option(help: "Gibbs sweeps for --topics.")
    var topicIterations: Int = 300

    @Option(help: "Random seed for --topics (the same seed gives the same topics whatever --threads is).")
    var topicSeed: UInt64 = 42

    @Option(help: "Term weighting for --topics: one (standard LDA), idf or pmi.")
    var topicTermWeight: TermWeight = .one

    @Option(help: "Document weighting for --topics: equal (every document weighs the same, the default) or tokens (standard LDA: a document weighs its length).")
    var topicDocumentWeight: DocumentWeight = .equal

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        try Limits.checkMaxFileMb(maxFileMb)
        try Limits.checkOutput(output)
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        if let topics { try Limits.checkTopics(topics) }
        guard topicIterations > 0 else { throw ValidationError("--topic-iterations must be positive") }
    }

    func run() throws {
        var config = RunConfiguration(corpus: URL(fileURLWithPath: corpus), output: URL(fileURLWithPath: output))
        analysis.apply(to: &config)
        config.maxFileBytes = maxFileMb << 20
        config.threads = threads
        config.topics = topics
        config.topicIterations = topicIterations
        config.topicSeed = topicSeed
        config.topicTermWeight = topicTermWeight
        config.topicDocumentWeight = topicDocumentWeight
        let quiet = self.quiet
        let result = try Workbench(configuration: config).run { line in
            if !quiet || line.hasPrefix("error") { StandardError.print("wavelength: \(line)") }
        }
        if result.outcome != .success { throw ExitCode(result.outcome.rawValue) }
    }
}

enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
