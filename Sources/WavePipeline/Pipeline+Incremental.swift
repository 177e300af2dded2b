import Foundation
import WaveCorpus
import WaveTerms
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

/// What the run state says about the listed files before any of them is read: which stored
/// outcomes still hold, which files are new or changed, which stored files are gone.
///
/// A file counts as unchanged when its stored row has the run's fingerprint and either its
/// status (size, times, inode) vouches for it (``StateStore/Entry/vouchesFor(_:)``) or, when the
/// status changed, its content hash is the stored one (a touched or copied-back file; its new
/// status is recorded). Anything else is read and analysed again.
struct StateCheck {
    let store: StateStore
    /// The fingerprint of the per-document settings (``Pipeline/fingerprint(of:segmenter:)``).
    let fingerprint: String
    /// Everything the outputs depend on (``Pipeline/runKey(of:fingerprint:listing:)``).
    let runKey: String
    /// When the statuses were taken (nanoseconds since 1970).
    let checked: Int64
    /// Per listed file, in order: its status and content hash (nil when it cannot be read),
    /// and whether its stored outcome holds.
    var statuses: [StateStore.FileStatus?]
    var hashes: [String?]
    var unchanged: [Bool]
    /// Stored files no longer listed.
    var removed: [String]
    /// Unchanged files whose status changed (their new status is to be recorded).
    var restatused: [(path: String, status: StateStore.FileStatus)]

    /// Whether every listed file is unchanged and none was removed.
    var nothingChanged: Bool { removed.isEmpty && !unchanged.contains(false) }

    init(store: StateStore, paths: [String], listing: CorpusListing, fingerprint: String, runKey: String, threads: Int) throws {
        self.store = store
        self.fingerprint = fingerprint
        self.runKey = runKey
        let now = Date().timeIntervalSince1970
        checked = Int64(now * 1e9)
        let stored: [String: StateStore.Entry]
        do { stored = try store.entries() } catch {
            throw RunError("cannot read the run state \(store.path): \(error); delete it or run with --full")
        }
        // Status first, then (only where the status does not vouch for the content) the hash.
        let checks = ParallelMap.ordered(paths, threads: threads) { path -> (StateStore.FileStatus?, String?, Bool) in
            let systemPath = listing.fileSystemPath(of: path)
            let status = systemPath.withUnsafeBufferPointer { StateStore.FileStatus(path: $0.baseAddress!) }
            let entry = stored[path]
            if let status, let entry, entry.fingerprint == fingerprint, entry.vouchesFor(status) {
                return (status, entry.hash, true)
            }
            let hash = status == nil ? nil : ContentHash.ofFile(fileSystemPath: systemPath)
            let same = hash != nil && entry?.hash == hash && entry?.fingerprint == fingerprint
            return (status, hash, same)
        }
        statuses = checks.map(\.0)
        hashes = checks.map(\.1)
        unchanged = checks.map(\.2)
        restatused = []
        for (i, path) in paths.enumerated() where unchanged[i] {
            if let status = statuses[i], stored[path]?.vouchesFor(status) != true {
                restatused.append((path, status))
            }
        }
        let listed = Set(paths)
        removed = stored.keys.filter { !listed.contains($0) }.sorted()
    }
}

extension Pipeline {
    /// Files written to the state per transaction.
    static let stateBatch = 256

    /// What the per-document results depend on besides the file: the program (its version, the
    /// stored form of an analysis and its executable), the ingest limit, the Japanese segmenter, and the contents of the stopword
    /// lists, dictionary, lexicons and gazetteer the run names. A stored result with another
    /// fingerprint is analysed again.
    static func fingerprint(of config: RunConfiguration, segmenter: String) -> String {
        ContentHash.of(Array(fingerprintParts(of: config, segmenter: segmenter).joined(separator: "\n").utf8))
    }

    /// The settings ``fingerprint(of:segmenter:)`` hashes, one line each (`name value`).
    static func fingerprintParts(of config: RunConfiguration, segmenter: String) -> [String] {
        var parts = ["wavelength \(version)", "analysis_format \(DocumentAnalysis.storedFormat)", "state_outcome_format \(StoredOutcome.format)", "max_file_bytes \(config.maxFileBytes)",
                     "segmenter \(segmenter)", "replace_lexicon \(config.replaceLexicon)"]
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

    /// Everything a run's outputs depend on besides the contents of the files it reads: the
    /// per-document fingerprint, every run option (whatever it is: the configuration is
    /// described field by field, so an option added later counts without being named here),
    /// and the corpus listing (files read, skipped and unreadable, with the reasons). Two runs
    /// with one key over files of the same contents write the same outputs.
    static func runKey(of config: RunConfiguration, fingerprint: String, listing: CorpusListing) -> String {
        var text = settingsText(of: config, fingerprint: fingerprint)
        for file in listing.files { text += "file \(file)\n" }
        // The output's own entries (when it lies inside the corpus) are left out: their names
        // carry run ids.
        for (path, reason) in listing.skipped where !reason.hasPrefix("part of the output") { text += "skipped \(path)\t\(reason)\n" }
        for (path, reason) in listing.unreadable { text += "unreadable \(path)\t\(reason)\n" }
        return ContentHash.of(Array(text.utf8))
    }

    /// Everything a document's rows in the per-document files depend on besides the document:
    /// the per-document fingerprint and every run option (``runKey(of:fingerprint:listing:)``
    /// without the listing). The rows of an unchanged file's documents are the same bytes in
    /// two runs of one layout key.
    static func layoutKey(of config: RunConfiguration, fingerprint: String) -> String {
        ContentHash.of(Array(("layout\n" + settingsText(of: config, fingerprint: fingerprint)).utf8))
    }

    /// The fingerprint and every run option, one line each.
    private static func settingsText(of config: RunConfiguration, fingerprint: String) -> String {
        var options = config
        options.full = false
        // A file URL made from a path ends in "/" or not as the folder exists or not (the output
        // folder before the first run): only the paths count.
        func plain(_ url: URL, folder: Bool) -> URL { URL(fileURLWithPath: url.standardizedFileURL.path, isDirectory: folder) }
        options.corpus = plain(config.corpus, folder: true)
        options.output = plain(config.output, folder: true)
        options.stopwords = config.stopwords.map { plain($0, folder: true) }
        options.dictionary = config.dictionary.map { plain($0, folder: false) }
        options.gazetteer = config.gazetteer.map { plain($0, folder: false) }
        options.lexicons = config.lexicons.map { ($0.language, plain($0.url, folder: false)) }
        return "fingerprint \(fingerprint)\noptions \(String(reflecting: options))\n"
    }

    /// Where the last run's documents lie in its per-document files, when this run may copy
    /// bytes from them: that run's record is there, the output folder is exactly as it left it
    /// (every file's status), and its rows were laid out under this run's `layout` key.
    static func lastSegments(store: StateStore, output: URL, layout: String) -> DocumentSegments? {
        guard let last = try? store.lastRun(), let recorded = try? store.lastOutputs(of: last.runID), recorded.layout == layout,
              let outputs = StateStore.outputStatuses(of: output), outputs == last.outputs else { return nil }
        return try? StateCoding.decode(DocumentSegments.self, from: recorded.segments)
    }

    /// The outputs of the last run when they still hold: nothing changed in the files or the
    /// options (`check`), the last run finished, and its output folder is exactly as it left it
    /// (every file's status unchanged, none added or removed). Any doubt gives the reason they
    /// are computed again (from the state).
    static func reusableRun(_ check: StateCheck, output: URL) -> Swift.Result<StateStore.LastRun, ReuseRefusal> {
        let changed = check.unchanged.filter { !$0 }.count
        guard changed == 0, check.removed.isEmpty else {
            return .failure(.files("\(changed) new or changed files, \(check.removed.count) removed"))
        }
        guard let last = try? check.store.lastRun() else { return .failure(.files("no finished run recorded in the state")) }
        guard last.key == check.runKey else { return .failure(.files("options or the corpus listing changed since run \(last.runID)")) }
        guard let outputs = StateStore.outputStatuses(of: output), outputs == last.outputs,
              outputs[ReportWriter.manifestName] != nil else {
            return .failure(.files("the output folder changed since run \(last.runID)"))
        }
        return .success(last)
    }

    /// Why a run computes its outputs again.
    enum ReuseRefusal: Error, CustomStringConvertible {
        case files(String)
        var description: String { switch self { case .files(let why): why } }
    }

    /// The per-document stage with the run's state: files the check found unchanged are taken
    /// from it; the others are ingested and analysed, and stored a batch (one transaction) at a
    /// time; rows of files no longer listed are removed.
    static func processIncrementally(_ paths: [String], check: StateCheck, listing: CorpusListing, config: RunConfiguration,
                                     ingestor: Ingestor, analyzer: Analyzer, clock: StageClock, prefilter: TargetPrefilter? = nil,
                                     spool: Spool? = nil,
                                     progress: (@Sendable (RunProgress) -> Void)?) throws -> (outcomes: [FileOutcome], fromState: [Bool]) {
        let store = check.store
        var outcomes = [FileOutcome?](repeating: nil, count: paths.count)
        let keep = paths.indices.filter { check.unchanged[$0] }
        let decoded = try clock.measure(.stateLoad) { () throws(RunError) -> [FileOutcome?] in
            let blobs: [String: [UInt8]]
            do { blobs = try store.outcomes(of: Set(keep.map { paths[$0] })) } catch {
                throw RunError("cannot read the run state \(store.path): \(error); delete it or run with --full")
            }
            return ParallelMap.ordered(keep, threads: config.threads) { i -> FileOutcome? in
                blobs[paths[i]].flatMap { try? StoredOutcome.decode($0, spool: spool) }
            }
        }
        var todo: [Int] = paths.indices.filter { !check.unchanged[$0] }
        var fromState = [Bool](repeating: false, count: paths.count)
        for (i, outcome) in zip(keep, decoded) {
            if let outcome { outcomes[i] = outcome; fromState[i] = true } else { todo.append(i) }   // an undecodable row is analysed again
        }
        todo.sort()
        do { try store.update(statuses: check.restatused, checked: check.checked) } catch {
            throw RunError("cannot write the run state \(store.path): \(error)")
        }
        var removed = check.removed
        let counter = ProgressCounter(total: todo.count, handler: progress)
        for start in stride(from: 0, to: todo.count, by: stateBatch) {
            let batch = Array(todo[start..<min(start + stateBatch, todo.count)])
            let results = ParallelMap.ordered(batch, threads: config.threads) { i -> (FileOutcome, [UInt8]?) in
                var outcome = process(path: paths[i], listing: listing, ingestor: ingestor, analyzer: analyzer, clock: clock,
                                      prefilter: prefilter)
                counter.fileDone(outcome)
                let encoded = try? StoredOutcome.encode(outcome)
                if let spool { outcome.spool(into: spool) }
                return (outcome, encoded)
            }
            var rows: [StateStore.Row] = []
            for (i, (outcome, data)) in zip(batch, results) {
                outcomes[i] = outcome
                if let hash = check.hashes[i], let status = check.statuses[i], let data {
                    rows.append(StateStore.Row(path: paths[i], hash: hash, fingerprint: check.fingerprint, status: status,
                                               checked: check.checked, outcome: data))
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
        let done = zip(outcomes, fromState).compactMap { outcome, stored in outcome.map { ($0, stored) } }
        return (done.map(\.0), done.map(\.1))
    }
}
