import ArgumentParser
import Foundation
import WaveLexicon
import WavePipeline
import WaveText
import WaveTopics
import Logging

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

extension AnalysisOptions {
    /// The options given, as settings for ``RunSettings`` (options not given are left out).
    var settings: [String: RunSettings.Value] {
        var values: [String: RunSettings.Value] = [:]
        if let stopwords { values["stopwords"] = .string(stopwords) }
        if let dictionary { values["dictionary"] = .string(dictionary) }
        if let gazetteer { values["gazetteer"] = .string(gazetteer) }
        if !lexicon.isEmpty { values["lexicon"] = .strings(lexicon) }
        if replaceLexicon { values["replace_lexicon"] = .bool(true) }
        return values
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline: ingest a corpus folder, analyse it, write tables and reports.",
        discussion: """
        Every option can also be set in a YAML file (--config FILE, else ./wavelength.yaml; \
        `wavelength init` writes one with every setting) or in the environment as \
        WAVELENGTH_<OPTION> (e.g. WAVELENGTH_THREADS=2, WAVELENGTH_LANG=en,ja). Precedence: \
        command line > environment > file > defaults. On a terminal a progress line is shown \
        on stderr; repeated per-file warnings are grouped (every one is in run.log).
        """)

    @Argument(help: "Corpus folder, read recursively (default: Corpus).")
    var corpus: String?

    @Option(name: .shortAndLong, help: "Output folder, created if missing (default: Output).")
    var output: String?

    @Option(help: ArgumentHelp("YAML file of settings (default: ./wavelength.yaml when present, or $WAVELENGTH_CONFIG).",
                               valueName: "file"))
    var config: String?

    @OptionGroup var analysis: AnalysisOptions

    @Option(help: "Largest file read, in MiB after decompression (default: 64).")
    var maxFileMb: Int?

    @Flag(help: "Keep only article pages: forum threads, product, listing, service and documentation pages, and pages without a main text, fail with the reason.")
    var articlesOnly = false

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "Model K topics per language (topics.csv, document_topics.csv, report section). Default: K from each language's document count, √(documents / 5) kept between 3 and 20; a language with fewer than 20 documents gets no model (the report says so).")
    var topics: Int?

    @Flag(help: "Model no topics (a faster run; no topics.csv, document_topics.csv or report section).")
    var noTopics = false

    @Option(help: "Gibbs sweeps of the topic models (default: 300).")
    var topicIterations: Int?

    @Option(help: "Random seed of the topic models (default: 42; the same seed gives the same topics whatever --threads is).")
    var topicSeed: UInt64?

    @Option(help: "Term weighting of the topic models: one (standard LDA, the default), idf or pmi.")
    var topicTermWeight: TermWeight?

    @Option(help: "Document weighting of the topic models: equal (every document weighs the same, the default) or tokens (standard LDA: a document weighs its length).")
    var topicDocumentWeight: DocumentWeight?

    @Option(help: ArgumentHelp("Keep documents published on or after this day: YYYY-MM-DD, or Nd for N days ago (UTC). Undated documents are left out when --since or --until is given.",
                               valueName: "day"))
    var since: String?

    @Option(help: ArgumentHelp("Keep documents published on or before this day: YYYY-MM-DD or Nd.", valueName: "day"))
    var until: String?

    @Option(help: ArgumentHelp("Keep documents in these languages (en, ja, ko; und for undetected). Repeatable or comma-separated.",
                               valueName: "lang"))
    var lang: [String] = []

    @Flag(help: "Write CSV cells exactly as they are. By default a cell starting with = + - @, tab or carriage return (and not a number) gets a leading ' so a spreadsheet shows it instead of running it (OWASP CSV injection); JSON, JSONL and SQLite always keep the exact text.")
    var rawCsv = false

    @Flag(help: "Analyse every file again, not only new and changed ones (the run state beside the output folder is written anew).")
    var full = false

    @Option(help: ArgumentHelp("Read the files this manifest names (one path a line, relative to the corpus folder, or file:// URLs; # comments) instead of every file under the corpus.",
                               valueName: "file"))
    var filesFrom: String?

    @Option(help: ArgumentHelp("Analyse only part I of N of the input files (I from 0; a file's part is a hash of its path) and write a shard folder to --output for `wavelength merge`. auto: from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX with --shard-count.",
                               valueName: "I/N|auto"))
    var shard: String?

    @Option(help: "Number of shards under a Kubernetes Indexed Job (the Job's completions); JOB_COMPLETION_INDEX gives the shard.")
    var shardCount: Int?

    @Option(help: ArgumentHelp("Write the shard's analyses to this PostgreSQL database instead of the shard folder's SQLite file, for `wavelength merge --store` (postgres://USER@HOST:PORT/DATABASE?sslmode=…; the password from PGPASSWORD). Needs --shard and --job.",
                               valueName: "url"))
    var store: String?

    @Option(help: ArgumentHelp("The job the shards are filed under in --store (letters, digits, . _ -).", valueName: "name"))
    var job: String?

    @Flag(help: "Skip documents that name no gazetteer target before tokenizing them; the summary counts them (filteredOut.no_target).")
    var requireTarget = false

    @Flag(name: .shortAndLong, help: "Print only errors on stderr (every event still goes to run.log).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every per-file event (not grouped) and the time of each stage.")
    var verbose = false

    @Option(help: "Log lines as text (the default) or json (one JSON object per line, for journald and log shippers).")
    var logFormat: RunSettings.LogFormat?

    func validate() throws {
        if let maxFileMb { try Limits.checkMaxFileMb(maxFileMb) }
        if let output { try Limits.checkOutput(output) }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive") }
        if let topics { try Limits.checkTopics(topics) }
        if topics != nil && noTopics { throw ValidationError("--topics and --no-topics cannot be given together") }
        if let topicIterations, topicIterations <= 0 { throw ValidationError("--topic-iterations must be positive") }
        if let shardCount, shardCount <= 0 || shardCount > Shard.maximumCount {
            throw ValidationError("--shard-count must be 1 to \(Shard.maximumCount)")
        }
        if let shard, shard != "auto" {
            do { _ = try Shard(parsing: shard) } catch let error as RunError { throw ValidationError("--shard: \(error.reason)") }
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be given together") }
    }

    /// The options given on the command line, by setting key.
    var settings: [String: RunSettings.Value] {
        var values = analysis.settings
        if let corpus { values["corpus"] = .string(corpus) }
        if let output { values["output"] = .string(output) }
        if let maxFileMb { values["max_file_mb"] = .int(maxFileMb) }
        if articlesOnly { values["articles_only"] = .bool(true) }
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
        if full { values["full"] = .bool(true) }
        if let filesFrom { values["files_from"] = .string(filesFrom) }
        if let shard { values["shard"] = .string(shard) }
        if let shardCount { values["shard_count"] = .int(shardCount) }
        if let store { values["store"] = .string(store) }
        if let job { values["job"] = .string(job) }
        if requireTarget { values["require_target"] = .bool(true) }
        if quiet { values["quiet"] = .bool(true) }
        if verbose { values["verbose"] = .bool(true) }
        if let logFormat { values["log_format"] = .string(logFormat.rawValue) }
        return values
    }

    func run() async throws {
        let settings = try await RunSettings.load(commandLine: settings, file: config.map { URL(fileURLWithPath: $0) })
        let console = OperatorConsole(showsProgress: OperatorConsole.stderrIsTerminal && settings.logFormat == .text
                                      && settings.logLevel < .error)
        let logger = Logger(label: "wavelength") { _ in
            OperatorLogHandler(console: console, format: settings.logFormat, level: settings.logLevel)
        }
        for note in settings.notes { logger.warning("\(note)") }
        if let file = settings.file { logger.debug("settings from \(file.path)") }
        let configuration = settings.configuration
        if configuration.store != nil && configuration.shard == nil {
            throw RunError("--store holds the analyses of shards: give --shard I/N (or auto) with it, or leave it out", outcome: .usage)
        }
        let store = try StoreOpening.open(configuration, logger: logger)
        let result: Pipeline.Result
        do {
            defer { console.finish() }
            result = try Workbench(configuration: configuration, store: store).run(logger: logger) { console.show($0) }
        }
        if result.outcome != .success { throw ExitCode(result.outcome.rawValue) }
    }
}

extension RunSettings.LogFormat: ExpressibleByArgument {}

enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
