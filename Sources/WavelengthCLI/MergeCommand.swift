import ArgumentParser
import Foundation
import Logging
import WavePipeline
import WaveTopics

/// `wavelength merge SHARD_DIR… --output DIR`: the outputs of one run from the shard folders
/// of `wavelength run --shard I/N` (the library call is ``Pipeline/merge(shards:logger:progress:)``).
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Recombine the shard folders of `wavelength run --shard I/N` into the outputs of one run.",
        discussion: """
        Give every shard folder of the job (a shell glob does: shards/*). The merged tables are \
        the ones a single run over the whole input writes, byte for byte; keyness, collocations, \
        intervals and topics are computed here from the merged analyses. The shards must have \
        been analysed with the same program, options and data files (dictionary, lexicons, \
        gazetteer, stopwords) as this merge is given: use one wavelength.yaml for the shard jobs \
        and the merge. Settings come from the command line, WAVELENGTH_<OPTION> and the YAML \
        file as for `wavelength run`; the shard and input settings are ignored here. With \
        --store URL --job NAME the shards are read from the PostgreSQL store the shard tasks wrote.
        """)

    @Argument(help: ArgumentHelp("Shard folders written by wavelength run --shard I/N (with --store: none, or the job's shard folders).", valueName: "shard-folder"))
    var shards: [String] = []

    @Option(help: ArgumentHelp("Read the shards from this PostgreSQL database, where wavelength run --shard I/N --store wrote them (postgres://USER@HOST:PORT/DATABASE; the password from PGPASSWORD). Needs --job.",
                               valueName: "url"))
    var store: String?

    @Option(help: ArgumentHelp("The job whose shards --store holds.", valueName: "name"))
    var job: String?

    @Option(name: .shortAndLong, help: "Output folder of the merged outputs, created if missing (default: Output).")
    var output: String?

    @Option(help: ArgumentHelp("YAML file of settings (default: ./wavelength.yaml when present, or $WAVELENGTH_CONFIG).",
                               valueName: "file"))
    var config: String?

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Largest file read, in MiB after decompression, as the shards were given it (default: 64).")
    var maxFileMb: Int?

    @Flag(help: "The shards were run with --articles-only.")
    var articlesOnly = false

    @Flag(help: "The shards were run with --require-target.")
    var requireTarget = false

    @Option(help: "Worker threads for topics (default: all cores).")
    var threads: Int?

    @Option(help: "Model K topics per language (default: K from each language's document count, as `run` does).")
    var topics: Int?

    @Flag(help: "Model no topics.")
    var noTopics = false

    @Option(help: "Gibbs sweeps for --topics (default: 300).")
    var topicIterations: Int?

    @Option(help: "Random seed for --topics (default: 42; the same seed gives the topics of a single run).")
    var topicSeed: UInt64?

    @Option(help: "Term weighting for --topics: one, idf or pmi.")
    var topicTermWeight: TermWeight?

    @Option(help: "Document weighting for --topics: equal or tokens.")
    var topicDocumentWeight: DocumentWeight?

    @Option(help: ArgumentHelp("Keep documents published on or after this day: YYYY-MM-DD, or Nd.", valueName: "day"))
    var since: String?

    @Option(help: ArgumentHelp("Keep documents published on or before this day: YYYY-MM-DD or Nd.", valueName: "day"))
    var until: String?

    @Option(help: ArgumentHelp("Keep documents in these languages (en, ja, ko; und). Repeatable or comma-separated.", valueName: "lang"))
    var lang: [String] = []

    @Flag(help: "Write CSV cells exactly as they are (no spreadsheet guard).")
    var rawCsv = false

    @Flag(name: .shortAndLong, help: "Print only errors on stderr (every event still goes to run.log).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every event and the time of each stage.")
    var verbose = false

    @Option(help: "Log lines as text (the default) or json.")
    var logFormat: RunSettings.LogFormat?

    func validate() throws {
        if shards.isEmpty && store == nil && ProcessInfo.processInfo.environment["WAVELENGTH_STORE"] == nil {
            throw ValidationError("name the shard folders to merge (e.g. shards/*), or the store with --store URL --job NAME")
        }
        if let maxFileMb { try Limits.checkMaxFileMb(maxFileMb) }
        if let output { try Limits.checkOutput(output) }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive") }
        if let topics { try Limits.checkTopics(topics) }
        if topics != nil && noTopics { throw ValidationError("--topics and --no-topics cannot be given together") }
        if let topicIterations, topicIterations <= 0 { throw ValidationError("--topic-iterations must be positive") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be given together") }
    }

    var settings: [String: RunSettings.Value] {
        var values = analysis.settings
        // A merge is never a shard, whatever the file or environment say.
        values["shard"] = .string("none")
        if let output { values["output"] = .string(output) }
        if let store { values["store"] = .string(store) }
        if let job { values["job"] = .string(job) }
        if let maxFileMb { values["max_file_mb"] = .int(maxFileMb) }
        if articlesOnly { values["articles_only"] = .bool(true) }
        if requireTarget { values["require_target"] = .bool(true) }
        if let threads { values["threads"] = .int(threads) }
        if let topics { values["topics"] = .int(topics) }
        if noTopics { values["topics"] = .int(0) }
        if let topicIterations { values["topic_iterations"] = .int(topicIterations) }
        if let topicSeed { values["topic_seed"] = .int(Int(clamping: topicSeed)) }
        if let topicTermWeight { values["topic_term_weight"] = .string(topicTermWeight.rawValue) }
        if let topicDocumentWeight { values["topic_document_weight"] = .string(topicDocumentWeight.rawValue) }
        if let since { values["since"] = .string(since) }
        if let until { values["until"] = .string(until) }
        if !lang.isEmpty { values["lang"] = .strings(lang) }
        if rawCsv { values["raw_csv"] = .bool(true) }
        if quiet { values["quiet"] = .bool(true) }
        if verbose { values["verbose"] = .bool(true) }
        if let logFormat { values["log_format"] = .string(logFormat.rawValue) }
        return values
    }

    func run() async throws {
        let settings = try await RunSettings.load(commandLine: settings, file: config.map { URL(fileURLWithPath: $0) })
        let logger = Logger(label: "wavelength") { _ in
            OperatorLogHandler(console: OperatorConsole(showsProgress: false), format: settings.logFormat, level: settings.logLevel)
        }
        for note in settings.notes { logger.warning("\(note)") }
        let store = try StoreOpening.open(settings.configuration, logger: logger)
        let result = try Workbench(configuration: settings.configuration, store: store)
            .merge(shards: shards.map { URL(fileURLWithPath: $0) }, logger: logger)
        if result.outcome != .success { throw ExitCode(result.outcome.rawValue) }
    }
}
