import ArgumentParser
import Foundation
import WaveIngest
import WavePipeline
import WaveText

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract articles (main text and metadata) from files, one JSON line per document.")

    @Argument(help: "Files or folders to read (folders recursively).")
    var paths: [String]

    @Flag(help: "JSON lines output (the default and only format; kept for clarity in scripts).")
    var jsonl = false

    @Option(help: "Largest file read, in MiB (after decompression).")
    var maxFileMb: Int = 64

    @Flag(help: "Keep only article pages: forum threads, product, listing, service and documentation pages, and pages without a main text, fail with the reason.")
    var articlesOnly = false

    @Option(help: "Worker threads (default: all cores); the output is the same whatever it is.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    struct Record: Encodable, Sendable {
        var id: String, path: String, item: Int?, url: String?, title: String?, author: [String]
        var date: String?, site: String?, language: String?, text: String, format: String, encoding: String
        var warnings: [String]
        var pageType: String, extractionConfidence: Double

        enum CodingKeys: String, CodingKey {
            case id, path, item, url, title, author, date, site, language, text, format, encoding, warnings
            case pageType = "page_type", extractionConfidence = "extraction_confidence"
        }

        /// Every key is written, with `null` for what the page does not give.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(path, forKey: .path); try c.encode(item, forKey: .item)
            try c.encode(url, forKey: .url); try c.encode(title, forKey: .title); try c.encode(author, forKey: .author)
            try c.encode(date, forKey: .date); try c.encode(site, forKey: .site); try c.encode(language, forKey: .language)
            try c.encode(text, forKey: .text); try c.encode(format, forKey: .format); try c.encode(encoding, forKey: .encoding)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(pageType, forKey: .pageType); try c.encode(extractionConfidence, forKey: .extractionConfidence)
        }
    }

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        try Limits.checkMaxFileMb(maxFileMb)
    }

    func run() throws {
        var config = RunConfiguration()
        config.maxFileBytes = maxFileMb << 20
        config.articlesOnly = articlesOnly
        let workbench = Workbench(configuration: config)
        let out = JSONLines()
        let inputs = try workbench.inputs(paths)
        var failed = !inputs.failures.isEmpty
        for (path, reason) in inputs.failures { StandardError.print("wavelength: error: \(path): discover: unreadable: \(reason)") }
        for (path, reason) in inputs.skipped { StandardError.print("wavelength: skipped: \(path): \(reason)") }
        do {
            try workbench.extract(inputs.files, threads: threads, as: Self.record) { file, result in
                switch result {
                case .success(let read):
                    for r in read.records { try out.write(r) }
                    for error in read.failures {
                        failed = true
                        StandardError.print("wavelength: error: \(file): ingest: \(error.code.rawValue): \(error.reason)")
                    }
                    for skip in read.skipped { StandardError.print("wavelength: skipped: \(file): \(skip.reason)") }
                case .failure(let error):
                    failed = true
                    StandardError.print("wavelength: error: \(file): ingest: \(error.code.rawValue): \(error.reason)")
                }
            }
        }
        if failed { throw ExitCode(RunOutcome.partial.rawValue) }
    }

    /// The output line of one article, its language detected from its text.
    @Sendable static func record(file: String, article a: Article) -> Record {
        let detected = LanguageDetector.detect(a.text)
        let language = detected != .unknown ? detected.rawValue : a.declaredLanguage
        return Record(id: a.item.map { "\(file)#\($0)" } ?? file, path: file, item: a.item, url: a.url,
                      title: a.title, author: a.authors, date: a.date, site: a.site,
                      language: language, text: a.text, format: a.format.rawValue,
                      encoding: a.encoding, warnings: a.warnings, pageType: a.pageType.rawValue,
                      extractionConfidence: a.extractionConfidence)
    }
}
