import Foundation
import WaveCorpus
import WaveReports

/// What a shard folder says about itself (`shard.json`): which part of which listing it holds,
/// and the settings its documents were analysed with. `wavelength merge` reads it to check
/// that the shards fit together before it reads their analyses.
public struct ShardManifest: Sendable, Codable, Hashable {
    public struct Entry: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
    }

    /// The layout of a shard folder; a merge refuses any other.
    public static let currentFormat = "wavelength-shard/1"

    public var format = ShardManifest.currentFormat
    public var version: String
    public var shard: Int
    public var shards: Int
    /// The corpus folder as the shard run named it.
    public var corpus: String
    /// The manifest of input paths, when the run read one.
    public var filesFrom: String?
    /// Digest of the whole listing (every shard's entries): shards of one job agree on it.
    public var listingDigest: String
    /// Entries in the whole listing (files, skipped and unreadable).
    public var listingEntries: Int
    /// The per-document settings (``Pipeline/fingerprintParts(of:segmenter:)``) and their hash.
    public var fingerprint: String
    public var settings: [String]
    public var japaneseSegmenter: String
    /// This shard's files of a format wavelength does not read.
    public var unreadFormat: [String]
    /// This shard's entries skipped by the listing, and those it could not list or follow.
    public var skipped: [Entry]
    public var unreadable: [Entry]
    /// This shard's files read (one row each in `analyses.sqlite`), their documents, and the files that failed.
    public var files: Int
    public var documents: Int
    public var failedFiles: Int
    public var startedAt: String
    public var seconds: Double
    /// Worker seconds per stage (ingest, analyze), summed at the merge.
    public var stageSeconds: [String: Double]
    /// Where the analyses are when not in the folder's `analyses.sqlite`: a shared store
    /// (``ShardStore``) and the job they are filed under. Absent for a shard folder.
    public var store: StoreReference? = nil

    public struct StoreReference: Sendable, Codable, Hashable {
        public var name: String
        public var job: String
    }
}

extension ShardRecord {
    /// The record of one file's outcome.
    init(path: String, fingerprint: String, outcome: Pipeline.FileOutcome) throws {
        switch outcome {
        case .analysed(let documents, _):
            self.init(path: path, fingerprint: fingerprint, documents: documents.count, failure: nil,
                      outcome: try StateCoding.encode(outcome))
        case .failed(let failure):
            self.init(path: path, fingerprint: fingerprint, documents: 0, failure: "\(failure.code): \(failure.reason)",
                      outcome: try StateCoding.encode(outcome))
        }
    }
}

/// The files of a shard folder.
enum ShardFolder {
    static let manifestName = "shard.json"
    /// The per-file outcomes: the run state's table layout (path, hash, fingerprint, outcome).
    static let analysesName = "analyses.sqlite"
    static let fileNames: Set<String> = [manifestName, analysesName, "run.log"]
}

extension Pipeline {
    /// The input files of the run: the corpus folder listed, or the manifest's paths under it,
    /// cut to the run's shard.
    func inputListing(excluding: [URL]) throws -> CorpusListing {
        let listing = try fullListing(excluding: excluding)
        guard let shard = configuration.shard else { return listing }
        return listing.part(shard)
    }

    /// Every input entry, before the shard cut.
    func fullListing(excluding: [URL]) throws -> CorpusListing {
        let config = configuration
        if let manifest = config.filesFrom {
            return try CorpusListing(root: config.corpus, manifest: manifest, excluding: excluding)
        }
        return try CorpusListing(root: config.corpus, excluding: excluding)
    }

    /// Writes a shard folder into the staging folder: `analyses.sqlite` (one row per file read:
    /// its documents' analyses or its failure), `shard.json` (``ShardManifest``) and `run.log`.
    /// Corpus-level results are left to `wavelength merge`; the returned analysis is empty and
    /// the summary counts this shard's files and documents.
    func writeShard(_ documents: AnalysedCorpus, shard: Shard, analyzer: Analyzer, stageSeconds: [String: Double],
                    runLog: RunLog, staging: OutputStaging, started: Date, startedClock: ContinuousClock.Instant,
                    progress: (@Sendable (RunProgress) -> Void)?) throws -> Result {
        let config = configuration
        progress?(RunProgress(stage: .writing))
        var summary = RunSummary(version: Self.version, corpus: config.corpus.path, output: config.output.path,
                                 startedAt: ISO8601DateFormatter().string(from: started), seconds: 0,
                                 japaneseSegmenter: analyzer.japaneseSegmenter)
        summary.runId = staging.runID
        documents.record(in: &summary, runLog: runLog)
        summary.stageSeconds = stageSeconds
        summary.documents = documents.outcomes.reduce(0) { total, outcome in
            if case .analysed(let docs, _) = outcome { return total + docs.count }
            return total
        }
        // The whole listing again (cheap next to the analysis) for the digest the merge compares.
        let whole = try fullListing(excluding: [config.output, URL(fileURLWithPath: OutputLock.path(for: config.output)),
                                                URL(fileURLWithPath: StateStore.path(for: config.output)), staging.folder])
        let parts = Self.fingerprintParts(of: config, segmenter: analyzer.japaneseSegmenter)
        let fingerprint = ContentHash.of(Array(parts.joined(separator: "\n").utf8))
        let unread = Set(documents.skipped)
        let readable = documents.listing.files.filter { !unread.contains($0) }
        guard readable.count == documents.outcomes.count else {
            throw RunError("internal: \(readable.count) files read but \(documents.outcomes.count) outcomes")
        }
        let manifest = ShardManifest(
            version: Self.version, shard: shard.index, shards: shard.count, corpus: config.corpus.path,
            filesFrom: config.filesFrom?.path, listingDigest: whole.digest,
            listingEntries: whole.files.count + whole.skipped.count + whole.unreadable.count,
            fingerprint: fingerprint, settings: parts, japaneseSegmenter: analyzer.japaneseSegmenter,
            unreadFormat: documents.skipped,
            skipped: documents.listing.skipped.map { ShardManifest.Entry(path: $0.path, reason: $0.reason) },
            unreadable: documents.listing.unreadable.map { ShardManifest.Entry(path: $0.path, reason: $0.reason) },
            files: readable.count, documents: summary.documents, failedFiles: summary.files.failed,
            startedAt: summary.startedAt, seconds: (ContinuousClock.now - startedClock).seconds, stageSeconds: stageSeconds,
            store: store.map { ShardManifest.StoreReference(name: $0.name, job: config.job ?? "") })
        if let store {
            do {
                try store.replace(manifest) { emit in
                    var batch: [ShardRecord] = []
                    for (path, outcome) in zip(readable, documents.outcomes) {
                        batch.append(try ShardRecord(path: path, fingerprint: fingerprint, outcome: outcome))
                        if batch.count == Self.stateBatch { try emit(batch); batch = [] }
                    }
                    if !batch.isEmpty { try emit(batch) }
                }
            } catch let error as RunError {
                throw error
            } catch {
                throw RunError("cannot write shard \(shard) to \(store.name): \(error)")
            }
        } else {
            do {
                let state = try StateStore(path: staging.folder.appendingPathComponent(ShardFolder.analysesName).path)
                defer { state.close() }
                var rows: [StateStore.Row] = []
                let none = StateStore.FileStatus(size: 0, modified: 0, changed: 0, inode: 0, device: 0)
                for (path, outcome) in zip(readable, documents.outcomes) {
                    rows.append(StateStore.Row(path: path, hash: "", fingerprint: fingerprint, status: none, checked: 0,
                                               outcome: try StateCoding.encode(outcome)))
                    if rows.count == Self.stateBatch { try state.write(rows); rows = [] }
                }
                try state.write(rows)
            } catch {
                throw RunError("cannot write the shard's analyses to \(config.output.path): \(error)")
            }
        }
        summary.seconds = (ContinuousClock.now - startedClock).seconds
        let tally = "shard \(shard): \(summary.documents) documents from \(summary.files.ingested) files; "
            + "\(summary.files.failed) failed, \(summary.files.skipped) skipped; merge with wavelength merge"
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try AtomicFile.write(try encoder.encode(manifest) + Data("\n".utf8),
                                 to: staging.folder.appendingPathComponent(ShardFolder.manifestName))
            try AtomicFile.write(Data((runLog.recorder.lines + [tally]).map { $0 + "\n" }.joined().utf8),
                                 to: staging.folder.appendingPathComponent("run.log"))
        } catch {
            throw RunError("cannot write the shard manifest to \(config.output.path): \(error.localizedDescription)")
        }
        let empty = CorpusAnalysis(documents: [], targets: Targets(analyzer.mentions.gazetteer),
                                   themes: ThemeInfo.of(analyzer.themes.dictionary),
                                   settings: CorpusSettings(evidencePerTheme: config.evidencePerTheme))
        return Result(outcome: summary.failures.isEmpty ? .success : .partial, summary: summary, analysis: empty)
    }
}
