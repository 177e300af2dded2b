import Configuration
import Foundation
import Logging
import Synchronization
import WaveTopics
import Yams

/// Everything `wavelength run` is told, from four layers: the command line, then the
/// environment (`WAVELENGTH_<KEY>`), then a YAML file (`--config FILE`, else
/// `wavelength.yaml` in the current folder when there is one), then the defaults. The first
/// layer that gives a setting wins; each setting is looked up on its own.
///
/// The layers are swift-configuration providers read through one `ConfigReader`. A value that
/// cannot be read as its type (`threads: four`), an unknown key in the file, or a value out of
/// range is an error naming the setting and where it came from, never a silent default.
/// Relative paths in the file are taken from the file's folder; on the command line and in
/// the environment, from the current folder.
public struct RunSettings: Sendable {
    public var configuration: RunConfiguration
    /// The operator's log level: `.error` for `quiet`, `.debug` for `verbose`, else `.info`.
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// The configuration file read, if any.
    public var file: URL?
    /// Things worth a warning that are not errors (e.g. an unknown `WAVELENGTH_` variable).
    public var notes: [String]

    /// How log lines are written.
    public enum LogFormat: String, Sendable, CaseIterable {
        /// `wavelength: warning: …` lines for people.
        case text
        /// One JSON object per line (time, level, message, metadata) for journald and log shippers.
        case json
    }

    /// A value given on the command line.
    public enum Value: Sendable, Equatable {
        case string(String), int(Int), bool(Bool), strings([String])
    }

    /// The name of the file read from the current folder when no `--config` is given.
    public static let defaultFileName = "wavelength.yaml"
    /// The variable that names a configuration file, like `--config`.
    public static let fileVariable = "WAVELENGTH_CONFIG"

    /// Reads the settings of a run.
    ///
    /// - Parameters:
    ///   - commandLine: the options given on the command line, by key (``RunOption/key``);
    ///     options not given are absent.
    ///   - environment: the process environment (only `WAVELENGTH_` variables are read).
    ///   - file: the `--config` file; nil reads `WAVELENGTH_CONFIG`, else `wavelength.yaml` in
    ///     `folder` if it exists.
    ///   - folder: the current folder (relative paths on the command line and in the environment).
    /// - Throws: ``RunError``: with outcome `.usage` for a wrong value on the command line,
    ///   `.failed` for a missing or invalid file or a wrong value in the file or environment.
    public static func load(commandLine: [String: Value] = [:],
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            file: URL? = nil,
                            folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        async throws -> RunSettings {
        for key in commandLine.keys where RunOption.named(key) == nil {
            throw RunError("unknown setting '\(key)'", outcome: .usage)
        }
        // Which file, if any.
        var fileURL = file
        var namedBy = "--config"
        if fileURL == nil, let named = environment[fileVariable], !named.isEmpty {
            fileURL = resolve(named, against: folder)
            namedBy = fileVariable
        }
        if fileURL == nil {
            let candidate = folder.appendingPathComponent(defaultFileName)
            if FileManager.default.fileExists(atPath: candidate.path) { fileURL = candidate }
        }

        var providers: [any ConfigProvider] = []
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in commandLine {
            let content: ConfigContent = switch value {
            case .string(let s): .string(s)
            case .int(let i): .int(i)
            case .bool(let b): .bool(b)
            case .strings(let list): .stringArray(list)
            }
            values[AbsoluteConfigKey([key])] = ConfigValue(content, isSecret: false)
        }
        providers.append(InMemoryProvider(name: Source.commandLine.rawValue, values: values))
        let wavelengthVariables = environment.filter { $0.key.hasPrefix("WAVELENGTH_") && $0.key != fileVariable }
        providers.append(EnvironmentVariablesProvider(environmentVariables: wavelengthVariables)
            .prefixKeys(with: ConfigKey(["wavelength"])))
        let sources = SourceRecorder()
        if let fileURL {
            guard FileManager.default.fileExists(atPath: fileURL.path) else {
                throw RunError("no configuration file at \(fileURL.path) (named by \(namedBy))", outcome: .failed)
            }
            try checkKeys(ofFileAt: fileURL)
            let location = ConfigReader(provider: InMemoryProvider(values: [
                "filePath": ConfigValue(.string(fileURL.path), isSecret: false)]))
            do {
                let provider = try await FileProvider<YAMLSnapshot>(config: location)
                providers.append(provider)
            } catch {
                throw RunError("cannot read the configuration file \(fileURL.path): \(error)")
            }
        }
        let reader = ConfigReader(providers: providers, accessReporter: sources)
        var settings = try Reading(reader: reader, sources: sources, file: fileURL, folder: folder,
                                   environment: environment).settings()
        settings.file = fileURL
        let known = Set(RunOption.all.map(\.environmentName))
        // WAVELENGTH_TEST_* belong to the test suite (the PostgreSQL store's server), not to a run.
        settings.notes += wavelengthVariables.keys.filter { !known.contains($0) && !$0.hasPrefix("WAVELENGTH_TEST_") }.sorted().map {
            "unknown environment variable \($0) ignored (the settings are \(RunOption.all.map(\.environmentName).joined(separator: ", ")))"
        }
        return settings
    }

    /// `path`, or `path` taken from `folder` when it is relative.
    static func resolve(_ path: String, against folder: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)).standardizedFileURL
    }

    /// An unknown or misspelt key in the file is an error, not a setting silently ignored.
    static func checkKeys(ofFileAt url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw RunError("cannot read the configuration file \(url.path): \(error.localizedDescription)")
        }
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw RunError("the configuration file \(url.path) is not valid YAML: \(error)")
        }
        guard let node else { return }   // an empty file (or only comments) sets nothing
        guard let mapping = node as? [String: Any] else {
            throw RunError("the configuration file \(url.path) must be a mapping of settings (key: value)")
        }
        for key in mapping.keys.sorted() where RunOption.named(key) == nil {
            let hint = RunOption.closest(to: key).map { " (did you mean '\($0)'?)" } ?? ""
            throw RunError("the configuration file \(url.path) has an unknown setting '\(key)'\(hint); "
                           + "`wavelength init` writes a file listing every setting")
        }
    }

    /// Where a setting's value came from, for error messages.
    enum Source: String {
        case commandLine = "command line", environment, file, defaults

        /// The layer of a swift-configuration provider, by its name.
        init(providerName name: String) {
            if name.contains(Source.commandLine.rawValue) { self = .commandLine }
            else if name.contains("Environment") { self = .environment }
            else { self = .file }
        }
    }

    /// Remembers, per key, which provider gave the value and any error met reading it.
    final class SourceRecorder: AccessReporter, Sendable {
        private let state = Mutex<(sources: [String: String], problems: [String: String])>(([:], [:]))

        func report(_ event: AccessEvent) {
            let key = event.metadata.key.components.last ?? "\(event.metadata.key)"
            for result in event.providerResults {
                switch result.result {
                case .success(let lookup) where lookup.value != nil:
                    state.withLock { $0.sources[key] = $0.sources[key] ?? result.providerName }
                case .failure(let error):
                    state.withLock { $0.problems[key] = $0.problems[key] ?? "\(result.providerName)\u{1F}\(error)" }
                default: continue
                }
                break
            }
            if let error = event.conversionError {
                state.withLock { $0.problems[key] = $0.problems[key] ?? "\u{1F}\(error)" }
            }
        }

        func source(of key: String) -> Source {
            guard let name = state.withLock({ $0.sources[key] }) else { return .defaults }
            return Source(providerName: name)
        }

        func problem(with key: String) -> (provider: String, error: String)? {
            guard let text = state.withLock({ $0.problems[key] }) else { return nil }
            let parts = text.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
        }
    }

    /// One pass over every setting.
    struct Reading {
        let reader: ConfigReader
        let sources: SourceRecorder
        let file: URL?
        let folder: URL
        /// The process environment (the scheduler's shard variables).
        var environment: [String: String] = [:]

        func whereFrom(_ option: RunOption, _ source: Source) -> String {
            switch source {
            case .commandLine: "\(option.optionName) on the command line"
            case .environment: "\(option.environmentName) in the environment"
            case .file: "'\(option.key)' in \(file?.path ?? "the configuration file")"
            case .defaults: "the default \(option.key)"
            }
        }

        func fail(_ option: RunOption, _ what: String) -> RunError {
            let source = sources.source(of: option.key)
            return RunError("\(whereFrom(option, source)): \(what)", outcome: source == .commandLine ? .usage : .failed)
        }

        func checked(_ option: RunOption) throws {
            guard let (provider, _) = sources.problem(with: option.key) else { return }
            let source = Source(providerName: provider)
            throw RunError("\(whereFrom(option, source)): not \(option.kind.expected)",
                           outcome: source == .commandLine ? .usage : .failed)
        }

        func string(_ key: String) throws -> String? {
            let option = RunOption.named(key)!
            let value = reader.string(forKey: ConfigKey([key]))
            try checked(option)
            return value
        }
        func int(_ key: String) throws -> Int? {
            let option = RunOption.named(key)!
            let value = reader.int(forKey: ConfigKey([key]))
            try checked(option)
            return value
        }
        func bool(_ key: String) throws -> Bool? {
            let option = RunOption.named(key)!
            let value = reader.bool(forKey: ConfigKey([key]))
            try checked(option)
            return value
        }
        func strings(_ key: String) throws -> [String]? {
            let option = RunOption.named(key)!
            let value = reader.stringArray(forKey: ConfigKey([key]))
            try checked(option)
            return value
        }

        /// A path setting: relative to the file's folder when the file gave it, else to `folder`.
        func path(_ key: String) throws -> URL? {
            guard let text = try string(key), !text.isEmpty else { return nil }
            return resolve(text, from: sources.source(of: key))
        }

        func resolve(_ path: String, from source: Source) -> URL {
            let expanded = (path as NSString).expandingTildeInPath
            let base = source == .file ? (file?.deletingLastPathComponent() ?? folder) : folder
            return RunSettings.resolve(expanded, against: base)
        }

        func positive(_ key: String, _ value: Int?) throws -> Int? {
            if let value, value <= 0 { throw fail(RunOption.named(key)!, "must be positive (got \(value))") }
            return value
        }

        func settings() throws -> RunSettings {
            var config = RunConfiguration()
            config.corpus = try path("corpus") ?? RunSettings.resolve("Corpus", against: folder)
            config.output = try path("output") ?? RunSettings.resolve("Output", against: folder)
            config.stopwords = try path("stopwords")
            config.dictionary = try path("dictionary")
            config.gazetteer = try path("gazetteer")
            let lexiconSource = sources.source(of: "lexicon")
            config.lexicons = try (strings("lexicon") ?? []).map { entry in
                let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw fail(RunOption.named("lexicon")!, "takes LANG:FILE, e.g. en:my-lexicon.tsv (got '\(entry)')")
                }
                return (parts[0], resolve(parts[1], from: sources.source(of: "lexicon")))
            }
            config.replaceLexicon = try bool("replace_lexicon") ?? false
            if config.replaceLexicon && config.lexicons.isEmpty {
                throw fail(RunOption.named("replace_lexicon")!, "needs at least one lexicon (\(lexiconSource == .defaults ? "none given" : "the list is empty"))")
            }
            if let mb = try positive("max_file_mb", int("max_file_mb")) {
                guard mb <= 1 << 20 else { throw fail(RunOption.named("max_file_mb")!, "is larger than 1 TiB") }
                config.maxFileBytes = mb << 20
            }
            if let threads = try positive("threads", int("threads")) {
                guard threads <= 4096 else { throw fail(RunOption.named("threads")!, "is more than 4096") }
                config.threads = threads
            }
            if let topics = try int("topics") {
                guard topics == 0 || (topics >= 2 && topics <= RunConfiguration.maxTopics) else {
                    throw fail(RunOption.named("topics")!, "must be 0 (no topics) or 2 to \(RunConfiguration.maxTopics) (got \(topics))")
                }
                config.topics = topics
            }
            if let iterations = try positive("topic_iterations", int("topic_iterations")) { config.topicIterations = iterations }
            if let seed = try int("topic_seed") {
                guard seed >= 0 else { throw fail(RunOption.named("topic_seed")!, "must not be negative") }
                config.topicSeed = UInt64(seed)
            }
            if let text = try string("topic_term_weight") {
                guard let weight = TermWeight(rawValue: text) else {
                    throw fail(RunOption.named("topic_term_weight")!, "must be one of \(TermWeight.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
                }
                config.topicTermWeight = weight
            }
            if let text = try string("topic_document_weight") {
                guard let weight = DocumentWeight(rawValue: text) else {
                    throw fail(RunOption.named("topic_document_weight")!, "must be one of \(DocumentWeight.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
                }
                config.topicDocumentWeight = weight
            }
            for key in ["since", "until"] {
                guard let text = try string(key), !text.isEmpty else { continue }
                let day: String
                do { day = try DocumentFilter.day(text, option: key) } catch let error as RunError {
                    throw fail(RunOption.named(key)!, error.reason)
                }
                if key == "since" { config.filter.since = day } else { config.filter.until = day }
            }
            if let since = config.filter.since, let until = config.filter.until, since > until {
                throw fail(RunOption.named("until")!, "\(until) is before since \(since)")
            }
            let languages = try (strings("lang") ?? []).flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            config.filter.languages = Array(Set(languages)).sorted()

            config.rawCSV = try bool("raw_csv") ?? false
            config.articlesOnly = try bool("articles_only") ?? false
            config.full = try bool("full") ?? false
            config.incremental = try bool("incremental") ?? true
            config.filesFrom = try path("files_from")
            config.requireTarget = try bool("require_target") ?? false
            let shardText = try string("shard")
            let shardCount = try positive("shard_count", int("shard_count"))
            do {
                config.shard = try Shard.resolve(setting: shardText, count: shardCount, environment: environment)
            } catch let error as RunError {
                throw fail(RunOption.named("shard")!, error.reason)
            }
            config.store = try string("store").flatMap { $0.isEmpty ? nil : $0 }
            config.job = try string("job").flatMap { $0.isEmpty ? nil : $0 }
            if let job = config.job {
                do { try ShardJob.check(job) } catch { throw fail(RunOption.named("job")!, error.reason) }
            }
            if config.store != nil && config.job == nil {
                throw fail(RunOption.named("store")!, "needs the job the shards are filed under too (--job NAME, WAVELENGTH_JOB or job: in the file)")
            }
            var quiet = try bool("quiet") ?? false
            var verbose = try bool("verbose") ?? false
            if quiet && verbose {
                // The layer nearer the command line wins; in one layer the two contradict.
                let rank: [Source: Int] = [.commandLine: 0, .environment: 1, .file: 2, .defaults: 3]
                let q = rank[sources.source(of: "quiet")] ?? 3, v = rank[sources.source(of: "verbose")] ?? 3
                guard q != v else { throw fail(RunOption.named("verbose")!, "cannot be set together with quiet") }
                if q < v { verbose = false } else { quiet = false }
            }
            var format = LogFormat.text
            if let text = try string("log_format") {
                guard let value = LogFormat(rawValue: text) else {
                    throw fail(RunOption.named("log_format")!, "must be text or json (got '\(text)')")
                }
                format = value
            }
            return RunSettings(configuration: config, logLevel: quiet ? .error : verbose ? .debug : .info,
                               logFormat: format, file: nil, notes: [])
        }
    }
}
