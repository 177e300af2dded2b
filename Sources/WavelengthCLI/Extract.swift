import ArgumentParser
import Foundation
import Synchronization
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

    @Option(help: "Worker threads (default: all cores); the output is the same whatever it is.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    struct Record: Encodable, Sendable {
        var id: String, path: String, item: Int?, url: String?, title: String?, author: [String]
        var date: String?, site: String?, language: String?, text: String, format: String, encoding: String
        var warnings: [String]

        enum CodingKeys: String, CodingKey {
            case id, path, item, url, title, author, date, site, language, text, format, encoding, warnings
        }

        /// Every key is written, with `null` for what the page does not give.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(path, forKey: .path); try c.encode(item, forKey: .item)
            try c.encode(url, forKey: .url); try c.encode(title, forKey: .title); try c.encode(author, forKey: .author)
            try c.encode(date, forKey: .date); try c.encode(site, forKey: .site); try c.encode(language, forKey: .language)
            try c.encode(text, forKey: .text); try c.encode(format, forKey: .format); try c.encode(encoding, forKey: .encoding)
            try c.encode(warnings, forKey: .warnings)
        }
    }

    /// What one file gave: its records, or the error line for standard error.
    enum FileResult: Sendable {
        case records([Record])
        case failure(String)
    }

    func run() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        let ingestor = Ingestor(options: IngestOptions(maxFileBytes: maxFileMb << 20))
        let out = JSONLines()
        var failed = false
        for path in paths {
            let files = try expand(path).filter { ingestor.handles(path: $0) || paths.contains($0) }
            // Files are ingested by `threads` workers (each takes the next file
            // in turn; nothing else is shared), a batch at a time, and each
            // batch is written in input order.
            let batch = 512
            for start in stride(from: 0, to: files.count, by: batch) {
                let chunk = Array(files[start..<min(start + batch, files.count)])
                let slots = Mutex<[FileResult?]>(Array(repeating: nil, count: chunk.count))
                let next = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: min(threads, chunk.count)) { _ in
                    while true {
                        let index = next.add(1, ordering: .relaxed).oldValue
                        guard index < chunk.count else { return }
                        let result = Self.extract(chunk[index], ingestor: ingestor)
                        slots.withLock { $0[index] = result }
                    }
                }
                for result in slots.withLock({ $0 }) {
                    switch result {
                    case .records(let records)?: for r in records { try out.write(r) }
                    case .failure(let message)?: failed = true; StandardError.print(message)
                    case nil: break
                    }
                }
            }
        }
        if failed { throw ExitCode(RunOutcome.partial.rawValue) }
    }

    static func extract(_ file: String, ingestor: Ingestor) -> FileResult {
        let url = URL(fileURLWithPath: file)
        do {
            let articles = try ingestor.articles(atPath: url.lastPathComponent, root: url.deletingLastPathComponent())
            return .records(articles.map { a in
                let detected = LanguageDetector.detect(a.text)
                let language = detected != .unknown ? detected.rawValue : a.declaredLanguage
                return Record(id: a.item.map { "\(file)#\($0)" } ?? file, path: file, item: a.item, url: a.url,
                              title: a.title, author: a.authors, date: a.date, site: a.site,
                              language: language, text: a.text, format: a.format.rawValue,
                              encoding: a.encoding, warnings: a.warnings)
            })
        } catch {
            return .failure("wavelength: error: \(file): ingest: \(error.code.rawValue): \(error.reason)")
        }
    }

    private func expand(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("no such file or folder: \(path)")
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(next)
            var dir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { files.append(full) }
        }
        return files.sorted()
    }
}
