import Foundation
import Logging
import Testing
@testable import WavePipeline

/// Precedence of the four layers of settings (command line > environment > file > defaults),
/// and the errors a wrong setting gives.
@Suite struct RunSettingsTests {
    /// A fresh folder holding `wavelength.yaml` with `text` (when given).
    static func folder(yaml text: String? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let text { try Data(text.utf8).write(to: folder.appendingPathComponent("wavelength.yaml")) }
        return folder
    }

    @Test func defaultsWhenNothingIsGiven() async throws {
        let folder = try Self.folder()
        let settings = try await RunSettings.load(environment: [:], folder: folder)
        #expect(settings.file == nil)
        #expect(settings.configuration.corpus.path == folder.appendingPathComponent("Corpus").path)
        #expect(settings.configuration.output.path == folder.appendingPathComponent("Output").path)
        #expect(settings.configuration.threads == ProcessInfo.processInfo.activeProcessorCount)
        #expect(settings.configuration.topics == nil)
        #expect(settings.configuration.maxFileBytes == 64 << 20)
        #expect(settings.logLevel == .info)
        #expect(settings.logFormat == .text)
        #expect(settings.configuration.filter.keepsEverything)
    }

    @Test func commandLineBeatsEnvironmentBeatsFileBeatsDefaults() async throws {
        let folder = try Self.folder(yaml: """
            threads: 3
            topics: 4
            topic_seed: 7
            max_file_mb: 16
            log_format: json
            """)
        let environment = ["WAVELENGTH_THREADS": "2", "WAVELENGTH_TOPICS": "5", "PATH": "/usr/bin"]
        let settings = try await RunSettings.load(commandLine: ["threads": .int(1)], environment: environment, folder: folder)
        #expect(settings.file?.lastPathComponent == "wavelength.yaml")
        #expect(settings.configuration.threads == 1)          // command line
        #expect(settings.configuration.topics == 5)           // environment over file
        #expect(settings.configuration.topicSeed == 7)        // file over default
        #expect(settings.configuration.maxFileBytes == 16 << 20)
        #expect(settings.configuration.topicIterations == 300) // default
        #expect(settings.logFormat == .json)
    }

    @Test func relativePathsInTheFileAreTakenFromItsFolder() async throws {
        let folder = try Self.folder()
        let etc = folder.appendingPathComponent("etc")
        try FileManager.default.createDirectory(at: etc, withIntermediateDirectories: true)
        let file = etc.appendingPathComponent("site.yaml")
        try Data("corpus: ../articles\noutput: out\nlexicon: [\"en:extra.tsv\"]\n".utf8).write(to: file)
        let settings = try await RunSettings.load(commandLine: ["output": .string("cli-out")], environment: [:],
                                                  file: file, folder: folder)
        #expect(settings.configuration.corpus.path == folder.appendingPathComponent("articles").path)
        // The command line's relative path is taken from the current folder.
        #expect(settings.configuration.output.path == folder.appendingPathComponent("cli-out").path)
        #expect(settings.configuration.lexicons.map(\.url.path) == [etc.appendingPathComponent("extra.tsv").path])
        #expect(settings.configuration.lexicons.map(\.language) == ["en"])
    }

    @Test func configVariableNamesTheFile() async throws {
        let folder = try Self.folder(yaml: "threads: 3\n")
        let other = folder.appendingPathComponent("other.yaml")
        try Data("threads: 2\n".utf8).write(to: other)
        let settings = try await RunSettings.load(environment: ["WAVELENGTH_CONFIG": "other.yaml"], folder: folder)
        #expect(settings.file?.lastPathComponent == "other.yaml")
        #expect(settings.configuration.threads == 2)
    }

    @Test func listsAndFiltersFromEachLayer() async throws {
        let folder = try Self.folder(yaml: "lang: [ja]\nsince: 2024-01-01\n")
        let fromFile = try await RunSettings.load(environment: [:], folder: folder)
        #expect(fromFile.configuration.filter == DocumentFilter(since: "2024-01-01", languages: ["ja"]))
        let fromEnvironment = try await RunSettings.load(environment: ["WAVELENGTH_LANG": "en,ko"], folder: folder)
        #expect(fromEnvironment.configuration.filter.languages == ["en", "ko"])
        let fromCommandLine = try await RunSettings.load(commandLine: ["lang": .strings(["ko"]), "until": .string("2024-06-30")],
                                                         environment: ["WAVELENGTH_LANG": "en"], folder: folder)
        #expect(fromCommandLine.configuration.filter == DocumentFilter(since: "2024-01-01", until: "2024-06-30", languages: ["ko"]))
    }

    @Test func quietAndVerboseFromDifferentLayers() async throws {
        let folder = try Self.folder(yaml: "quiet: true\n")
        #expect(try await RunSettings.load(environment: [:], folder: folder).logLevel == .error)
        let verbose = try await RunSettings.load(commandLine: ["verbose": .bool(true)], environment: [:], folder: folder)
        #expect(verbose.logLevel == .debug)
    }

    @Test func aWrongValueNamesTheSettingAndWhereItCameFrom() async throws {
        let folder = try Self.folder(yaml: "threads: four\n")
        await #expect {
            try await RunSettings.load(environment: [:], folder: folder)
        } throws: { error in
            let error = error as? RunError
            return error?.outcome == .failed && error?.reason.contains("'threads' in") == true
                && error?.reason.contains("wavelength.yaml") == true
        }
        // The environment's value wins, so the file's bad one is never read.
        #expect(try await RunSettings.load(environment: ["WAVELENGTH_THREADS": "2"], folder: folder).configuration.threads == 2)
        let clean = try Self.folder()
        await #expect {
            try await RunSettings.load(environment: ["WAVELENGTH_THREADS": "lots"], folder: clean)
        } throws: { ($0 as? RunError)?.reason.contains("WAVELENGTH_THREADS") == true }
        await #expect {
            try await RunSettings.load(commandLine: ["threads": .int(0)], environment: [:], folder: clean)
        } throws: { ($0 as? RunError)?.outcome == .usage && ($0 as? RunError)?.reason.contains("--threads") == true }
        await #expect {
            try await RunSettings.load(commandLine: ["since": .string("last week")], environment: [:], folder: clean)
        } throws: { ($0 as? RunError)?.reason.contains("YYYY-MM-DD") == true }
        await #expect {
            try await RunSettings.load(environment: ["WAVELENGTH_TOPIC_TERM_WEIGHT": "tf"], folder: clean)
        } throws: { ($0 as? RunError)?.reason.contains("one, idf, pmi") == true }
        // One bound on topics for every layer: the command line's (`Limits.maxTopics`) is this one.
        await #expect {
            try await RunSettings.load(environment: ["WAVELENGTH_TOPICS": "5000"], folder: clean)
        } throws: { ($0 as? RunError)?.reason.contains("2 to \(RunConfiguration.maxTopics) (got 5000)") == true }
        #expect(try await RunSettings.load(environment: ["WAVELENGTH_TOPICS": "\(RunConfiguration.maxTopics)"], folder: clean)
            .configuration.topics == RunConfiguration.maxTopics)
    }

    @Test func unknownKeysInTheFileAreErrorsWithASuggestion() async throws {
        let folder = try Self.folder(yaml: "theads: 2\n")
        await #expect {
            try await RunSettings.load(environment: [:], folder: folder)
        } throws: { ($0 as? RunError)?.reason.contains("'theads' (did you mean 'threads'?)") == true }
        let notYAML = try Self.folder(yaml: "threads: [2\n")
        await #expect(throws: RunError.self) { try await RunSettings.load(environment: [:], folder: notYAML) }
        let missing = try Self.folder()
        await #expect {
            try await RunSettings.load(environment: [:], file: missing.appendingPathComponent("none.yaml"), folder: missing)
        } throws: { ($0 as? RunError)?.reason.contains("no configuration file") == true }
    }

    @Test func unknownEnvironmentVariablesAreNoted() async throws {
        let settings = try await RunSettings.load(environment: ["WAVELENGTH_THEADS": "2"], folder: try Self.folder())
        #expect(settings.notes.count == 1)
        #expect(settings.notes.first?.contains("WAVELENGTH_THEADS") == true)
    }

    @Test func theInitFileReadsBackAsTheDefaults() async throws {
        let folder = try Self.folder(yaml: RunOption.configurationFileTemplate())
        let fromTemplate = try await RunSettings.load(environment: [:], folder: folder)
        let defaults = try await RunSettings.load(environment: [:], folder: try Self.folder())
        #expect(fromTemplate.file != nil)
        #expect(fromTemplate.configuration.corpus.lastPathComponent == defaults.configuration.corpus.lastPathComponent)
        #expect(fromTemplate.configuration.threads == defaults.configuration.threads)
        #expect(fromTemplate.configuration.topics == defaults.configuration.topics)
        #expect(fromTemplate.configuration.topicIterations == defaults.configuration.topicIterations)
        #expect(fromTemplate.configuration.topicTermWeight == defaults.configuration.topicTermWeight)
        #expect(fromTemplate.logLevel == defaults.logLevel)
        // Every setting is in the template, with its environment variable.
        let template = RunOption.configurationFileTemplate()
        for option in RunOption.all {
            #expect(template.contains("\(option.key):"), "\(option.key)")
            #expect(template.contains(option.environmentName))
        }
    }

    @Test func relativeDays() throws {
        let today = try #require(ISO8601DateFormatter().date(from: "2025-03-10T12:00:00Z"))
        #expect(try DocumentFilter.day("7d", option: "since", today: today) == "2025-03-03")
        #expect(try DocumentFilter.day("0d", option: "since", today: today) == "2025-03-10")
        #expect(try DocumentFilter.day("2024-02-29", option: "since") == "2024-02-29")
        #expect(throws: RunError.self) { try DocumentFilter.day("2023-02-29", option: "since") }
        #expect(throws: RunError.self) { try DocumentFilter.day("2024-1-5", option: "since") }
    }
}
