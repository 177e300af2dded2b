import ArgumentParser
import Foundation
import WaveIngest
import WavePipeline
import WaveCorpus
import WaveReports
import WaveText

/// Input shared by `themes` and `sentiment`: files, or lines on stdin.
struct ScoringInput: ParsableArguments {
    @Argument(help: "Files or folders to score (omit with --jsonl).")
    var paths: [String] = []

    @Flag(help: "Read one text per line from standard input; write one JSON line per input line.")
    var jsonl = false

    @Option(help: "Force the language (en, ja, ko) instead of detecting it per text.")
    var lang: String?

    func validate() throws {
        if jsonl && !paths.isEmpty { throw ValidationError("--jsonl reads standard input: give no paths") }
        if let lang, !["en", "ja", "ko"].contains(lang) { throw ValidationError("--lang must be en, ja or ko") }
    }

    /// Calls `body` with (id, text, article?) for each input text.
    /// Files or folders, or --jsonl: one of them (`sentiment --targets` checks its own input).
    func requireInput() throws {
        if !jsonl && paths.isEmpty { throw ValidationError("give files or folders, or --jsonl") }
    }

    func forEachText(_ body: (String, String, Article?) throws -> Void) throws {
        if jsonl {
            var n = 0
            for line in standardInputLines() {
                n += 1
                try body(String(n), line, nil)
            }
            return
        }
        // Folders are listed as `run` lists a corpus (links kept inside, FIFOs skipped...).
        let workbench = Workbench()
        let inputs = try workbench.inputs(paths)
        var failed = !inputs.failures.isEmpty
        for (path, reason) in inputs.failures { StandardError.print("wavelength: error: \(path): discover: unreadable: \(reason)") }
        for (path, reason) in inputs.skipped { StandardError.print("wavelength: skipped: \(path): \(reason)") }
        for file in inputs.files {
            switch workbench.read(file) {
            case .success(let read):
                for article in read.articles {
                    try body(article.item.map { "\(file.path)#\($0)" } ?? file.path, article.text, article)
                }
                for error in read.failures {
                    failed = true
                    StandardError.print("wavelength: error: \(file.path): ingest: \(error.code.rawValue): \(error.reason)")
                }
                for skip in read.skipped { StandardError.print("wavelength: skipped: \(file.path): \(skip.reason)") }
            case .failure(let error):
                failed = true
                StandardError.print("wavelength: error: \(file.path): ingest: \(error.code.rawValue): \(error.reason)")
            }
        }
        if failed { throw ExitCode(RunOutcome.partial.rawValue) }
    }

    func document(_ text: String, id: String, analyzer: Analyzer) -> TokenizedDocument {
        analyzer.tokenizer.tokenize(text, language: lang.map(Language.init(rawValue:)), id: id)
    }
}

func loadAnalyzer(_ options: AnalysisOptions) throws -> Analyzer {
    var config = RunConfiguration()
    options.apply(to: &config)
    return try Workbench(configuration: config).analyzer()
}

struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Theme dictionary hits per text or document.")

    @OptionGroup var input: ScoringInput
    @OptionGroup var analysis: AnalysisOptions

    func validate() throws { try input.requireInput() }

    struct Line: Encodable {
        var id: String, language: String, tokens: Int, hits: [String: Int], framingIndex: Double
        enum CodingKeys: String, CodingKey { case id, language, tokens, hits, framingIndex = "framing_index" }
    }

    func run() throws {
        let analyzer = try loadAnalyzer(analysis)
        let out = JSONLines()
        try input.forEachText { id, text, _ in
            let document = input.document(text, id: id, analyzer: analyzer)
            let scores = analyzer.themes.scores(for: document)
            var hits = Dictionary(uniqueKeysWithValues: analyzer.themes.dictionary.themes.map { ($0.path, 0) })
            hits.merge(scores.hits) { _, new in new }
            try out.write(Line(id: id, language: document.language.rawValue, tokens: scores.tokenCount,
                               hits: hits, framingIndex: scores.framingIndex))
        }
    }
}

struct Sentiment: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sentiment per text or document, from -1 to 1.")

    @OptionGroup var input: ScoringInput
    @OptionGroup var analysis: AnalysisOptions

    @Flag(help: ArgumentHelp(
        "Score each marked mention: read JSON lines {\"text\": …, \"targets\": [{\"from\": i, \"to\": j}, …]} from the file given (or standard input) and write {\"targets\": [score, …]} per line.",
        discussion: "Offsets count Unicode code points, end exclusive. Blank lines are skipped. A line that cannot be read is reported on standard error with its line number and written as {\"error\": …}; the run goes on and exits with 1."))
    var targets = false

    func validate() throws {
        if targets {
            if input.paths.count > 1 { throw ValidationError("--targets reads one file of JSON lines (or standard input)") }
            if input.jsonl { throw ValidationError("--targets reads JSON lines already: leave out --jsonl") }
        } else {
            try input.requireInput()
        }
    }

    /// One output line; a key per gazetteer target (`japan`, `korea`) holds the
    /// sentiment of the sentences that mention it, absent when none does.
    struct Line: Encodable {
        var id: String, language: String, sentiment: Double, sentences: Int
        var targets: [(key: String, score: Double?)]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: JSONKey.self)
            try c.encode(id, forKey: JSONKey("id"))
            try c.encode(language, forKey: JSONKey("language"))
            try c.encode(sentiment, forKey: JSONKey("sentiment"))
            try c.encode(sentences, forKey: JSONKey("sentences"))
            for target in targets { try c.encodeIfPresent(target.score, forKey: JSONKey(target.key)) }
        }
    }

    func run() throws {
        let analyzer = try loadAnalyzer(analysis)
        if targets { return try scoreTargets(analyzer: analyzer) }
        let out = JSONLines()
        try input.forEachText { id, text, _ in
            let document = input.document(text, id: id, analyzer: analyzer)
            let scores = analyzer.sentiment.sentiment(of: document)
            let mentions = analyzer.mentions.mentions(in: document)
            try out.write(Line(id: id, language: document.language.rawValue, sentiment: scores.overall,
                               sentences: document.sentences.count,
                               targets: analyzer.mentions.gazetteer.targets.map {
                                   ($0.key, scores.score(over: mentions.sentences[$0.key] ?? []))
                               }))
        }
    }
}
