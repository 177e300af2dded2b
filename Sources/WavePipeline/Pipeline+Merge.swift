import Foundation
internal import CSQLite
import Logging
import WaveCorpus
import WaveReports

/// The shards of one job, read and checked: `wavelength merge` recombines them into the
/// outputs one run over the whole input gives.
struct ShardSet {
    var manifests: [ShardManifest]
    /// Where each shard is, for messages: its folder, or its number, job and store.
    var names: [String]
    /// The shard folders (none when the shards are in a store).
    var folders: [URL]
    /// The rows of the shard at a position of ``manifests``.
    private let readRows: (Int) throws -> [Row]

    /// Reads the manifests of `folders` and checks that they are the shards of one job:
    /// the same format, count, listing and per-document settings, each shard exactly once.
    /// - Throws: ``RunError`` naming the folder and what does not fit.
    init(folders: [URL]) throws {
        guard !folders.isEmpty else { throw RunError("name the shard folders to merge", outcome: .usage) }
        let manifests = try folders.map { folder in
            let url = folder.appendingPathComponent(ShardFolder.manifestName)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw RunError("\(folder.path) is not a shard folder (no \(ShardFolder.manifestName); "
                               + "shards are written by wavelength run --shard I/N --output FOLDER)")
            }
            let manifest: ShardManifest
            do {
                manifest = try JSONDecoder().decode(ShardManifest.self, from: Data(contentsOf: url))
            } catch {
                throw RunError("cannot read the shard manifest \(url.path): \(error.localizedDescription)")
            }
            if let store = manifest.store {
                throw RunError("\(folder.path): the analyses of this shard are in \(store.name); "
                               + "merge them from there (wavelength merge --store URL --job \(store.job))", outcome: .usage)
            }
            return manifest
        }
        try self.init(manifests: manifests, names: folders.map(\.path), folders: folders) { position in
            try Self.rows(of: folders[position].appendingPathComponent(ShardFolder.analysesName))
        }
    }

    /// The shards of the store's job, checked as the shards of folders are.
    init(store: any ShardStore) throws {
        let manifests = try store.manifests()
        guard !manifests.isEmpty else {
            throw RunError("\(store.name) holds no shard of this job; write them with wavelength run --shard I/N --store URL --job NAME")
        }
        try self.init(manifests: manifests, names: manifests.map { "shard \($0.shard) of \(store.name)" }, folders: []) { position in
            try store.records(shard: manifests[position].shard).map { Row(path: $0.path, fingerprint: $0.fingerprint, outcome: $0.outcome) }
        }
    }

    /// Refuses folders that are not shard folders of `job` written to a store: with a store,
    /// the folders only confirm which job is merged; the analyses come from the store.
    static func checkFolders(_ folders: [URL], areOf job: String, in store: any ShardStore) throws {
        for folder in folders {
            let url = folder.appendingPathComponent(ShardFolder.manifestName)
            let manifest = try? JSONDecoder().decode(ShardManifest.self, from: Data(contentsOf: url))
            guard let manifest else {
                throw RunError("\(folder.path) is not a shard folder (no readable \(ShardFolder.manifestName)); with a store, name no folders or the job's shard folders")
            }
            guard manifest.store?.job == job else {
                let what = manifest.store.map { "a shard of job \($0.job)" } ?? "a shard whose analyses are in the folder"
                throw RunError("\(folder.path) is \(what), not of \(store.name): merge it without --store, or name the job it belongs to", outcome: .usage)
            }
        }
    }

    private init(manifests: [ShardManifest], names: [String], folders: [URL], rows: @escaping (Int) throws -> [Row]) throws {
        self.manifests = manifests
        self.names = names
        self.folders = folders
        readRows = rows
        for (name, manifest) in zip(names, manifests) where manifest.format != ShardManifest.currentFormat {
            throw RunError("\(name) is a shard of format \(manifest.format); this wavelength merges \(ShardManifest.currentFormat)")
        }
        let first = manifests[0]
        for (name, manifest) in zip(names, manifests).dropFirst() {
            guard manifest.shards == first.shards else {
                throw RunError("\(name) is shard \(manifest.shard)/\(manifest.shards) but \(names[0]) is "
                               + "\(first.shard)/\(first.shards): the shards come from jobs split differently")
            }
            guard manifest.listingDigest == first.listingDigest else {
                throw RunError("\(name) and \(names[0]) listed different inputs (\(manifest.listingEntries) and "
                               + "\(first.listingEntries) entries): the corpus or manifest changed between the shard runs; run every shard again")
            }
            try Self.check(manifest, name, against: first.settings, of: "\(names[0]) (shard \(first.shard))")
        }
        var byIndex: [Int: String] = [:]
        for (name, manifest) in zip(names, manifests) {
            guard manifest.shard >= 0, manifest.shard < manifest.shards else {
                throw RunError("\(name): shard \(manifest.shard) of \(manifest.shards) is out of range")
            }
            if let other = byIndex.updateValue(name, forKey: manifest.shard) {
                throw RunError("shard \(manifest.shard)/\(manifest.shards) is given twice: \(other) and \(name)")
            }
        }
        let missing = (0..<first.shards).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            throw RunError("\(missing.count) of \(first.shards) shards missing (\(shown)): a merge needs every shard of the job")
        }
    }

    /// Refuses a shard analysed with other settings than `settings`, naming what differs.
    static func check(_ manifest: ShardManifest, _ name: String, against settings: [String], of other: String) throws {
        guard manifest.settings != settings else { return }
        let mine = Set(manifest.settings), theirs = Set(settings)
        func listed(_ lines: [String]) -> String { lines.isEmpty ? "nothing else" : lines.joined(separator: "; ") }
        throw RunError("\(name) (shard \(manifest.shard)) was analysed with other settings than \(other): "
                       + "the shard has \(listed(manifest.settings.filter { !theirs.contains($0) })), "
                       + "\(other) has \(listed(settings.filter { !mine.contains($0) })). "
                       + "Run every shard and the merge with the same program, options and data files (one wavelength.yaml)")
    }

    /// Every shard's per-file outcomes and entries, as one run over the whole input lists them.
    /// The stored analyses are decoded on `threads` workers (the costly part of reading them).
    func corpus(threads: Int) throws -> AnalysedCorpus {
        var outcomes: [(path: String, outcome: Pipeline.FileOutcome)] = []
        var unreadFormat: [String] = []
        var listing = CorpusListing(rootPath: manifests[0].corpus)
        for (position, (name, manifest)) in zip(names, manifests).enumerated() {
            let shard = try Shard(index: manifest.shard, count: manifest.shards)
            let rows = try readRows(position)
            guard rows.count == manifest.files else {
                throw RunError("\(name): the analyses hold \(rows.count) files but the shard's manifest counts \(manifest.files); write the shard again")
            }
            for row in rows {
                guard shard.contains(row.path) else {
                    throw RunError("\(name): \(row.path) does not belong to shard \(shard); the shard was altered")
                }
                guard row.fingerprint == manifest.fingerprint else {
                    throw RunError("\(name): \(row.path) was analysed with other settings than the rest of the shard; write the shard again")
                }
            }
            let decoded = ParallelMap.ordered(rows, threads: threads) { row in
                Swift.Result<Pipeline.FileOutcome, any Error> { try StateCoding.decode(Pipeline.FileOutcome.self, from: row.outcome) }
            }
            for (row, outcome) in zip(rows, decoded) {
                switch outcome {
                case .success(let outcome): outcomes.append((row.path, outcome))
                case .failure(let error):
                    throw RunError("\(name): the analysis of \(row.path) cannot be read (\(error)); write the shard again")
                }
            }
            unreadFormat += manifest.unreadFormat
            listing.skipped += manifest.skipped.map { ($0.path, $0.reason) }
            listing.unreadable += manifest.unreadable.map { ($0.path, $0.reason) }
        }
        func byBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        outcomes.sort { byBytes($0.path, $1.path) }
        listing.files = (outcomes.map(\.path) + unreadFormat).sorted(by: byBytes)
        listing.skipped.sort { $0.path < $1.path }
        listing.unreadable.sort { $0.path < $1.path }
        return AnalysedCorpus(listing: listing, skipped: unreadFormat.sorted(by: byBytes), outcomes: outcomes.map(\.outcome))
    }

    struct Row { var path: String; var fingerprint: String; var outcome: [UInt8] }

    /// The rows of a shard's `analyses.sqlite`, read without writing anything beside it
    /// (the shard folder may be on a read-only volume).
    static func rows(of url: URL) throws -> [Row] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RunError("\(url.path) is missing; write the shard again")
        }
        var handle: OpaquePointer?
        let escaped = url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? url.path
        guard sqlite3_open_v2("file:\(escaped)?immutable=1", &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let db = handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw RunError("cannot open \(url.path): \(reason)")
        }
        defer { sqlite3_close(db) }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT path, fingerprint, outcome FROM files", -1, &stmt, nil) == SQLITE_OK else {
            throw RunError("\(url.path) is not a shard's analyses: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(stmt) }
        var rows: [Row] = []
        while true {
            let status = sqlite3_step(stmt)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw RunError("cannot read \(url.path): \(String(cString: sqlite3_errmsg(db)))")
            }
            func text(_ column: Int32) -> String { sqlite3_column_text(stmt, column).map { String(cString: $0) } ?? "" }
            let count = Int(sqlite3_column_bytes(stmt, 2))
            let blob = sqlite3_column_blob(stmt, 2).map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
            rows.append(Row(path: text(0), fingerprint: text(1), outcome: blob))
        }
        return rows
    }
}

extension Pipeline {
    /// `wavelength merge`: recombines the shard folders of one job into the outputs a single run
    /// over the whole input writes (the same tables byte for byte), with the corpus-level results
    /// (keyness, collocations, intervals, topics with the configured seed) computed here from the
    /// merged per-document analyses. The configuration gives the output folder, the corpus-level
    /// settings (topics, filters, evidence) and the data files, which must be those the shards
    /// were analysed with.
    ///
    /// - Throws: ``RunError`` when a folder is not a shard, the shards are not every part of one
    ///   job (count, listing), or they or this merge were set up differently (program, options,
    ///   dictionary, lexicons, gazetteer, stopwords) — naming what differs.
    public func merge(shards folders: [URL], logger: Logger,
                      progress: (@Sendable (RunProgress) -> Void)? = nil) throws -> Result {
        let started = Date()
        let startedClock = ContinuousClock.now
        let runLog = RunLog(operator: logger)
        let log: @Sendable (String) -> Void = { runLog.log(.warning, $0) }
        let config = configuration
        guard !config.output.path.isEmpty, config.output.standardizedFileURL.path != "/" else {
            throw RunError("the output must name a folder")
        }
        let set: ShardSet
        if let store {
            // Shard folders named as well (a recipe's `merge shards/*`) must be this job's.
            try ShardSet.checkFolders(folders, areOf: config.job ?? "", in: store)
            set = try ShardSet(store: store)
        } else {
            set = try ShardSet(folders: folders)
        }
        let outputPath = config.output.standardizedFileURL.path
        for folder in folders where folder.standardizedFileURL.path == outputPath {
            throw RunError("the output \(outputPath) is one of the shard folders; name a new folder for the merged outputs", outcome: .usage)
        }
        let lock = try OutputLock(output: config.output)
        defer { lock.release() }
        let staging = try OutputStaging(output: config.output, runID: OutputStaging.newRunID(), log: log)
        var committed = false
        defer { if !committed { staging.abandon() } }
        let analyzer = try Analyzer(configuration: config, log: log)
        let mine = Self.fingerprintParts(of: config, segmenter: analyzer.japaneseSegmenter)
        try ShardSet.check(set.manifests[0], set.names[0], against: mine, of: "this merge")
        progress?(RunProgress(stage: .reading))
        var documents = try set.corpus(threads: config.threads)
        documents.requireTarget = config.requireTarget
        logger.info("merging \(set.manifests.count) shards: \(documents.outcomes.count) files read by the shards")
        var stageSeconds: [String: Double] = [:]
        for manifest in set.manifests {
            stageSeconds.merge(manifest.stageSeconds, uniquingKeysWith: +)
        }
        let result = try report(documents, corpus: set.manifests[0].corpus, analyzer: analyzer, stageSeconds: stageSeconds,
                                runLog: runLog, staging: staging, started: started, startedClock: startedClock, progress: progress)
        try staging.commit(log: log)
        committed = true
        if let store {
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                try store.recordMerge(runID: staging.runID, output: config.output.path, summary: encoder.encode(result.summary))
            } catch {
                logger.warning("the merge is written, but could not be noted in \(store.name): \(error)")
            }
        }
        Self.tell(logger, result.summary, output: config.output)
        return result
    }
}
