import Foundation
internal import CSQLite
import Logging
import WaveCorpus
import WaveReports

/// The shards of one job, read and checked: `wavelength merge` recombines them into the
/// outputs one run over the whole input gives.
struct ShardSet {
    var manifests: [ShardManifest]
    var folders: [URL]

    /// Reads the manifests of `folders` and checks that they are the shards of one job:
    /// the same format, count, listing and per-document settings, each shard exactly once.
    /// - Throws: ``RunError`` naming the folder and what does not fit.
    init(folders: [URL]) throws {
        guard !folders.isEmpty else { throw RunError("name the shard folders to merge", outcome: .usage) }
        self.folders = folders
        manifests = try folders.map { folder in
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
            guard manifest.format == ShardManifest.currentFormat else {
                throw RunError("\(folder.path) is a shard of format \(manifest.format); this wavelength merges \(ShardManifest.currentFormat)")
            }
            return manifest
        }
        let first = manifests[0]
        for (folder, manifest) in zip(folders, manifests).dropFirst() {
            guard manifest.shards == first.shards else {
                throw RunError("\(folder.path) is shard \(manifest.shard)/\(manifest.shards) but \(folders[0].path) is "
                               + "\(first.shard)/\(first.shards): the shards come from jobs split differently")
            }
            guard manifest.listingDigest == first.listingDigest else {
                throw RunError("\(folder.path) and \(folders[0].path) listed different inputs (\(manifest.listingEntries) and "
                               + "\(first.listingEntries) entries): the corpus or manifest changed between the shard runs; run every shard again")
            }
            try Self.check(manifest, folder, against: first.settings, of: "\(folders[0].path) (shard \(first.shard))")
        }
        var byIndex: [Int: URL] = [:]
        for (folder, manifest) in zip(folders, manifests) {
            guard manifest.shard >= 0, manifest.shard < manifest.shards else {
                throw RunError("\(folder.path): shard \(manifest.shard) of \(manifest.shards) is out of range")
            }
            if let other = byIndex.updateValue(folder, forKey: manifest.shard) {
                throw RunError("shard \(manifest.shard)/\(manifest.shards) is given twice: \(other.path) and \(folder.path)")
            }
        }
        let missing = (0..<first.shards).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            throw RunError("\(missing.count) of \(first.shards) shards missing (\(shown)): a merge needs every shard of the job")
        }
    }

    /// Refuses a shard analysed with other settings than `settings`, naming what differs.
    static func check(_ manifest: ShardManifest, _ folder: URL, against settings: [String], of other: String) throws {
        guard manifest.settings != settings else { return }
        let mine = Set(manifest.settings), theirs = Set(settings)
        func listed(_ lines: [String]) -> String { lines.isEmpty ? "nothing else" : lines.joined(separator: "; ") }
        throw RunError("\(folder.path) (shard \(manifest.shard)) was analysed with other settings than \(other): "
                       + "the shard has \(listed(manifest.settings.filter { !theirs.contains($0) })), "
                       + "\(other) has \(listed(settings.filter { !mine.contains($0) })). "
                       + "Run every shard and the merge with the same program, options and data files (one wavelength.yaml)")
    }

    /// Every shard's per-file outcomes and entries, as one run over the whole input lists them.
    func corpus() throws -> AnalysedCorpus {
        var outcomes: [(path: String, outcome: Pipeline.FileOutcome)] = []
        var unreadFormat: [String] = []
        var listing = CorpusListing(rootPath: manifests[0].corpus)
        for (folder, manifest) in zip(folders, manifests) {
            let shard = try Shard(index: manifest.shard, count: manifest.shards)
            let rows = try Self.rows(of: folder.appendingPathComponent(ShardFolder.analysesName))
            guard rows.count == manifest.files else {
                throw RunError("\(folder.path): \(ShardFolder.analysesName) holds \(rows.count) files but \(ShardFolder.manifestName) counts \(manifest.files); write the shard again")
            }
            for row in rows {
                guard shard.contains(row.path) else {
                    throw RunError("\(folder.path): \(row.path) does not belong to shard \(shard); the shard folder was altered")
                }
                guard row.fingerprint == manifest.fingerprint else {
                    throw RunError("\(folder.path): \(row.path) was analysed with other settings than the rest of the shard; write the shard again")
                }
                do {
                    outcomes.append((row.path, try StateCoding.decode(Pipeline.FileOutcome.self, from: [UInt8](row.outcome))))
                } catch {
                    throw RunError("\(folder.path): the analysis of \(row.path) cannot be read (\(error)); write the shard again")
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

    struct Row { var path: String; var fingerprint: String; var outcome: Data }

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
            let blob = sqlite3_column_blob(stmt, 2).map { Data(bytes: $0, count: count) } ?? Data()
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
        let set = try ShardSet(folders: folders)
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
        try ShardSet.check(set.manifests[0], set.folders[0], against: mine, of: "this merge")
        progress?(RunProgress(stage: .reading))
        var documents = try set.corpus()
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
        Self.tell(logger, result.summary, output: config.output)
        return result
    }
}
