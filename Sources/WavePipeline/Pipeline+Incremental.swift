import Foundation
import WaveCorpus
import WaveIngest
import WaveReports
import WaveThemes

extension Pipeline.FileOutcome: Codable {
    private enum CodingKeys: String, CodingKey { case documents, failures, failure }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let failure = try container.decodeIfPresent(FailureRecord.self, forKey: .failure) {
            self = .failed(failure)
        } else {
            self = .analysed(try container.decode([DocumentAnalysis].self, forKey: .documents),
                             failures: try container.decode([FailureRecord].self, forKey: .failures))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .analysed(let documents, let failures):
            try container.encode(documents, forKey: .documents)
            try container.encode(failures, forKey: .failures)
        case .failed(let failure): try container.encode(failure, forKey: .failure)
        }
    }
}

extension Pipeline {
    /// Files written to the state per transaction.
    static let stateBatch = 256

    /// What the per-document results depend on besides the file: the program (its version and its
    /// executable), the ingest limit, the Japanese segmenter, and the contents of the stopword
    /// lists, dictionary, lexicons and gazetteer the run names. A stored result with another
    /// fingerprint is analysed again.
    static func fingerprint(of config: RunConfiguration, segmenter: String) -> String {
        ContentHash.of(Array(fingerprintParts(of: config, segmenter: segmenter).joined(separator: "\n").utf8))
    }

    /// The settings ``fingerprint(of:segmenter:)`` hashes, one line each (`name value`).
    static func fingerprintParts(of config: RunConfiguration, segmenter: String) -> [String] {
        var parts = ["wavelength \(version)", "max_file_bytes \(config.maxFileBytes)", "segmenter \(segmenter)",
                     "replace_lexicon \(config.replaceLexicon)"]
        // The executable: a rebuilt program may analyse differently under the same version.
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            parts.append("executable \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
        }
        func file(_ label: String, _ url: URL?) {
            guard let url else { parts.append("\(label) shipped"); return }
            parts.append("\(label) \(url.lastPathComponent) \(ContentHash.ofFile(url) ?? "unreadable")")
        }
        file("dictionary", config.dictionary)
        file("gazetteer", config.gazetteer)
        for (language, url) in config.lexicons { file("lexicon \(language)", url) }
        if let folder = config.stopwords {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
            for name in names where name.hasSuffix(".txt") { file("stopwords", folder.appendingPathComponent(name)) }
        } else {
            parts.append("stopwords shipped")
        }
        if config.articlesOnly { parts.append("articles_only true") }
        if config.requireTarget { parts.append("require_target true") }
        return parts
    }

    /// The per-document stage with the run's state: files whose content and fingerprint match
    /// a stored row are taken from it; the others are ingested and analysed, and stored a batch
    /// (one transaction) at a time; rows of files no longer listed are removed.
    static func processIncrementally(_ paths: [String], listing: CorpusListing, config: RunConfiguration, ingestor: Ingestor,
                                     analyzer: Analyzer, clock: StageClock, prefilter: TargetPrefilter? = nil,
                                     progress: (@Sendable (RunProgress) -> Void)?) throws -> [FileOutcome] {
        let store = try StateStore(output: config.output)
        defer { store.close() }
        if config.full { try? store.clear() }
        let fingerprint = Self.fingerprint(of: config, segmenter: analyzer.japaneseSegmenter)
        let stored = (try? store.entries()) ?? [:]
        let hashes = ParallelMap.ordered(paths, threads: config.threads) {
            ContentHash.ofFile(fileSystemPath: listing.fileSystemPath(of: $0))
        }
        var outcomes = [FileOutcome?](repeating: nil, count: paths.count)
        let decoder = PropertyListDecoder()
        var todo: [Int] = []
        for (i, path) in paths.enumerated() {
            if let hash = hashes[i], let entry = stored[path], entry.hash == hash, entry.fingerprint == fingerprint,
               let outcome = try? decoder.decode(FileOutcome.self, from: entry.outcome) {
                outcomes[i] = outcome
            } else {
                todo.append(i)
            }
        }
        let listed = Set(paths)
        var removed = stored.keys.filter { !listed.contains($0) }
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        let counter = ProgressCounter(total: todo.count, handler: progress)
        for start in stride(from: 0, to: todo.count, by: stateBatch) {
            let batch = Array(todo[start..<min(start + stateBatch, todo.count)])
            let results = ParallelMap.ordered(batch, threads: config.threads) { i in
                let outcome = process(path: paths[i], listing: listing, ingestor: ingestor, analyzer: analyzer, clock: clock,
                                      prefilter: prefilter)
                counter.fileDone(outcome)
                return outcome
            }
            var rows: [(path: String, entry: StateStore.Entry)] = []
            for (i, outcome) in zip(batch, results) {
                outcomes[i] = outcome
                if let hash = hashes[i], let data = try? encoder.encode(outcome) {
                    rows.append((paths[i], StateStore.Entry(hash: hash, fingerprint: fingerprint, outcome: data)))
                }
            }
            do { try store.write(rows, removing: removed) } catch {
                throw RunError("cannot write the run state \(store.path): \(error)")
            }
            removed = []
        }
        if !removed.isEmpty {
            do { try store.write([], removing: removed) } catch {
                throw RunError("cannot write the run state \(store.path): \(error)")
            }
        }
        return outcomes.compactMap { $0 }
    }
}
