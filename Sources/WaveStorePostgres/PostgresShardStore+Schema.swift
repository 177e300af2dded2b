import Logging
import PostgresNIO
import WavePipeline

extension PostgresShardStore {
    /// The statements that bring the schema from version `i` to `i + 1` (index `i`). A later
    /// version appends a step; a step is never changed once released.
    static let migrations: [[PostgresQuery]] = [
        // 0 → 1
        [
            """
            CREATE TABLE wavelength_shards (
                job text NOT NULL,
                shard integer NOT NULL,
                shards integer NOT NULL,
                listing_digest text NOT NULL,
                fingerprint text NOT NULL,
                files integer NOT NULL,
                documents integer NOT NULL,
                failed_files integer NOT NULL,
                manifest jsonb NOT NULL,
                written_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job, shard),
                CHECK (shard >= 0 AND shard < shards)
            )
            """,
            """
            CREATE TABLE wavelength_analyses (
                job text NOT NULL,
                shard integer NOT NULL,
                path text NOT NULL,
                fingerprint text NOT NULL,
                documents integer NOT NULL,
                failure text,
                outcome bytea NOT NULL,
                PRIMARY KEY (job, shard, path),
                FOREIGN KEY (job, shard) REFERENCES wavelength_shards (job, shard) ON DELETE CASCADE
            )
            """,
            """
            CREATE TABLE wavelength_merges (
                job text NOT NULL,
                run_id text NOT NULL,
                output text NOT NULL,
                summary jsonb NOT NULL,
                merged_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job, run_id)
            )
            """,
        ],
    ]

    /// The advisory lock that serialises schema changes ("WAVE").
    static let schemaLock = 0x5741_5645

    /// Creates the schema, or upgrades it to ``schemaVersion``, in one transaction under the
    /// schema lock; refuses a database whose schema is newer than this program's.
    static func migrate(_ connection: PostgresConnection, logger: Logger) throws {
        func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
            do { return try connection.query(query, logger: logger).wait() } catch { throw StoreError(reason: describe(error)) }
        }
        _ = try run("BEGIN")
        do {
            _ = try run("SELECT pg_advisory_xact_lock(\(schemaLock))")
            _ = try run("""
                CREATE TABLE IF NOT EXISTS wavelength_schema (
                    component text PRIMARY KEY,
                    version integer NOT NULL,
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let found = try run("SELECT version FROM wavelength_schema WHERE component = 'shard-store'")
            let current = try found.first.map { try $0.decode(Int.self) } ?? 0
            guard current <= schemaVersion else {
                throw RunError("its schema is version \(current), newer than this wavelength's (\(schemaVersion)); use a newer wavelength")
            }
            if current < schemaVersion {
                for step in migrations[current..<schemaVersion] {
                    for statement in step { _ = try run(statement) }
                }
                _ = try run("""
                    INSERT INTO wavelength_schema (component, version) VALUES ('shard-store', \(schemaVersion))
                    ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
                    """)
            }
            _ = try run("COMMIT")
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }
}
