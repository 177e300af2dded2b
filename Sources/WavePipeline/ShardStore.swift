import Foundation

/// A shared place for the per-file analyses of one sharded job, instead of each shard folder's
/// `analyses.sqlite`: several shard tasks write it at once and `wavelength merge` reads it back
/// (`--store postgres://… --job NAME`; the PostgreSQL one is `WaveStorePostgres`). The pipeline
/// knows only this protocol; a store is opened for one job.
///
/// A store must make ``replace(_:records:)`` all or nothing (a shard killed half way leaves the
/// shard as it was before), and must let tasks writing different shards of one job run at the
/// same time.
public protocol ShardStore: Sendable {
    /// The store and job, for messages and the shard manifest: never a password.
    var name: String { get }

    /// Replaces shard `manifest.shard` of the job with `manifest` and the records `body` emits
    /// (in batches, so that a large shard is never held encoded in memory at once).
    func replace(_ manifest: ShardManifest, records body: (_ emit: ([ShardRecord]) throws -> Void) throws -> Void) throws

    /// Every shard of the job written so far, in shard order.
    func manifests() throws -> [ShardManifest]

    /// The records of one shard of the job.
    func records(shard: Int) throws -> [ShardRecord]

    /// Notes a finished merge of the job (its run id, output folder and `summary.json`), so the
    /// team sees which outputs come from which shards.
    func recordMerge(runID: String, output: String, summary: Data) throws
}

/// One file a shard read, as a store keeps it: the file's outcome in ``StateCoding`` bytes, and,
/// for people querying the store, how many documents it gave and why it failed.
public struct ShardRecord: Sendable, Hashable {
    /// The corpus-relative path.
    public var path: String
    /// The per-document settings' hash the file was analysed with.
    public var fingerprint: String
    /// Documents analysed from the file (0 when it failed).
    public var documents: Int
    /// The failure's code and reason when the whole file failed.
    public var failure: String?
    /// The file's outcome, encoded (opaque to stores).
    public var outcome: [UInt8]

    public init(path: String, fingerprint: String, documents: Int, failure: String?, outcome: [UInt8]) {
        self.path = path
        self.fingerprint = fingerprint
        self.documents = documents
        self.failure = failure
        self.outcome = outcome
    }
}

/// The job name a store files shards under: what a scheduler's job is called, in letters,
/// digits, `.`, `_` and `-` (at most 128), so it can appear in paths and messages unquoted.
public enum ShardJob {
    public static func check(_ name: String) throws(RunError) {
        guard !name.isEmpty, name.utf8.count <= 128,
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-_".unicodeScalars.contains($0)) }),
              !name.hasPrefix("-") else {
            throw RunError("the job name must be 1 to 128 of A-Z, a-z, 0-9, '.', '_' and '-', not starting with '-' (got '\(name)')",
                           outcome: .usage)
        }
    }
}
