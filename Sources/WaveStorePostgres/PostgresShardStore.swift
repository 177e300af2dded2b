import Foundation
import Logging
import PostgresNIO
import Synchronization
import WavePipeline

/// The shards of sharded jobs in one PostgreSQL database (`wavelength run --shard I/N --store
/// postgres://… --job NAME`, then `wavelength merge --store postgres://… --job NAME`): every
/// shard task writes its files' analyses there, at the same time as the others, and the merge
/// reads them back. A team keeps many jobs in one database, each under its name.
///
/// Tables (``schemaVersion``; created on first use, upgraded in place by later versions):
/// - `wavelength_schema`: the schema's version;
/// - `wavelength_shards`: one row per shard of a job (its counts and `shard.json` manifest, as jsonb);
/// - `wavelength_analyses`: one row per file a shard read: the path, its documents or failure,
///   and the analysis (bytea, the run state's encoding);
/// - `wavelength_merges`: one row per merge of a job (run id, output folder, `summary.json`).
///
/// A shard is written in one transaction: a task killed half way leaves the shard as it was, and
/// a task retried by the scheduler replaces its shard. Writers of one shard wait for each other
/// (an advisory lock); writers of different shards do not. The connection is used by one call
/// at a time; the calls block (the pipeline is synchronous) and must not run on an event loop.
public final class PostgresShardStore: ShardStore {
    /// The schema this wavelength writes; a database of a later schema is refused, an earlier one upgraded.
    public static let schemaVersion = 1

    public let name: String
    public let job: String
    public let address: PostgresStoreAddress
    private let connection: PostgresConnection
    private let logger: Logger
    private let serial = Mutex<Void>(())

    /// Connects and makes sure the schema is there (created or upgraded under an advisory lock,
    /// so that tasks starting together do not race).
    /// - Throws: ``RunError`` naming the store (without its password) and the server's reason.
    public init(url: String, job: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "wavelength.store") { _ in SwiftLogNoOpLogHandler() }) throws {
        try ShardJob.check(job)
        let address = try PostgresStoreAddress(url, environment: environment)
        self.address = address
        self.job = job
        self.logger = logger
        name = "job \(job) in \(address.redacted)"
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: try address.configuration(),
                                                        id: 1, logger: logger).wait()
        } catch {
            throw RunError("cannot connect to the store \(address.redacted): \(Self.describe(error))")
        }
        do {
            try Self.migrate(connection, logger: logger)
        } catch let error as RunError {
            try? connection.close().wait()
            throw RunError("the store \(address.redacted): \(error.reason)")
        } catch {
            try? connection.close().wait()
            throw RunError("cannot set up the tables of the store \(address.redacted): \(Self.describe(error))")
        }
    }

    deinit { try? connection.close().wait() }

    /// Closes the connection (also done when the store is released).
    public func close() { try? connection.close().wait() }

    public func replace(_ manifest: ShardManifest, records body: (_ emit: ([ShardRecord]) throws -> Void) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        let job = job
        try transaction {
            try run("SELECT pg_advisory_xact_lock(hashtext(\(job)), \(manifest.shard)::integer)")
            try run("DELETE FROM wavelength_shards WHERE job = \(job) AND shard = \(manifest.shard)")
            try run("""
                INSERT INTO wavelength_shards (job, shard, shards, listing_digest, fingerprint, files, documents, failed_files, manifest)
                VALUES (\(job), \(manifest.shard), \(manifest.shards), \(manifest.listingDigest), \(manifest.fingerprint),
                        \(manifest.files), \(manifest.documents), \(manifest.failedFiles), \(json)::jsonb)
                """)
            try body { batch in
                guard !batch.isEmpty else { return }
                var sql = "INSERT INTO wavelength_analyses (job, shard, path, fingerprint, documents, failure, outcome) VALUES "
                var binds = PostgresBindings(capacity: batch.count * 7)
                for (i, record) in batch.enumerated() {
                    let b = i * 7
                    sql += (i == 0 ? "" : ", ") + "($\(b + 1), $\(b + 2), $\(b + 3), $\(b + 4), $\(b + 5), $\(b + 6), $\(b + 7))"
                    binds.append(job)
                    binds.append(manifest.shard)
                    binds.append(record.path)
                    binds.append(record.fingerprint)
                    binds.append(record.documents)
                    binds.append(record.failure)
                    binds.append(ByteBuffer(bytes: record.outcome))
                }
                try run(PostgresQuery(unsafeSQL: sql, binds: binds))
            }
        }
    }

    public func manifests() throws -> [ShardManifest] {
        let rows = try serial.withLock { _ in try run("SELECT manifest::text FROM wavelength_shards WHERE job = \(job) ORDER BY shard") }
        return try rows.map { row in
            let text = try row.decode(String.self)
            do {
                return try JSONDecoder().decode(ShardManifest.self, from: Data(text.utf8))
            } catch {
                throw RunError("\(name): a shard's manifest cannot be read (\(error)); write the shard again")
            }
        }
    }

    public func records(shard: Int) throws -> [ShardRecord] {
        let rows = try serial.withLock { _ in
            try run("""
                SELECT path, fingerprint, documents, failure, outcome FROM wavelength_analyses
                WHERE job = \(job) AND shard = \(shard) ORDER BY path
                """)
        }
        return try rows.map { row in
            let (path, fingerprint, documents, failure, outcome) = try row.decode((String, String, Int, String?, ByteBuffer).self)
            return ShardRecord(path: path, fingerprint: fingerprint, documents: documents, failure: failure,
                               outcome: Array(outcome.readableBytesView))
        }
    }

    public func recordMerge(runID: String, output: String, summary: Data) throws {
        let text = String(decoding: summary, as: UTF8.self)
        try serial.withLock { _ in
            _ = try run("""
                INSERT INTO wavelength_merges (job, run_id, output, summary) VALUES (\(job), \(runID), \(output), \(text)::jsonb)
                ON CONFLICT (job, run_id) DO UPDATE SET output = EXCLUDED.output, summary = EXCLUDED.summary, merged_at = now()
                """)
        }
    }

    /// The shards of the job, as (shard, of shards, files) — for tests and operators.
    public func shardCounts() throws -> [(shard: Int, shards: Int, files: Int)] {
        try serial.withLock { _ in
            try run("SELECT shard, shards, files FROM wavelength_shards WHERE job = \(job) ORDER BY shard")
        }.map { try $0.decode((Int, Int, Int).self) }.map { (shard: $0.0, shards: $0.1, files: $0.2) }
    }

    /// Deletes every shard and merge note of the job.
    public func dropJob() throws {
        try transaction {
            try run("DELETE FROM wavelength_shards WHERE job = \(job)")
            try run("DELETE FROM wavelength_merges WHERE job = \(job)")
        }
    }

    // MARK: - Queries

    @discardableResult
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try Self.run(query, on: connection, logger: logger)
    }

    @discardableResult
    private static func run(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) throws -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw StoreError(reason: describe(error))
        }
    }

    /// `body` in one transaction, rolled back when it throws; one at a time on the connection.
    private func transaction(_ body: () throws -> Void) throws {
        try serial.withLock { _ in
            try run("BEGIN")
            do {
                try body()
                try run("COMMIT")
            } catch {
                _ = try? run("ROLLBACK")
                throw error
            }
        }
    }

    struct StoreError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// A server error's own message and SQLSTATE, or the client's reason (PSQLError prints
    /// neither, so as not to leak data; ours holds no secret the server would echo).
    static func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.reason }
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                let detail = info[.detail].map { ": \($0)" } ?? ""
                return "the server said: \(message)\(detail)\(state)"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
