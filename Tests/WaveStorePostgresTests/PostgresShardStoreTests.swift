import Foundation
import Logging
import PostgresNIO
import Testing
import Synchronization
@testable import WavePipeline
@testable import WaveStorePostgres

/// The shard store against a live PostgreSQL server: `WAVELENGTH_TEST_POSTGRES_URL` names a
/// database the tests may create tables in (`scripts/postgres_test_server.sh start` makes one;
/// `.ci/run` does). Without it the live tests are skipped, and say so.
@Suite(.serialized) struct PostgresShardStoreTests {
    static let url = ProcessInfo.processInfo.environment["WAVELENGTH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let live = Testing.ConditionTrait.enabled(
        if: url != nil, "no PostgreSQL server: set WAVELENGTH_TEST_POSTGRES_URL (scripts/postgres_test_server.sh start DIR) to run")
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func newJob(_ what: String) -> String { "test-\(what)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// A plain connection for looking at the tables behind the store's back.
    static func sql(_ query: PostgresQuery, url: String? = nil) throws -> PostgresQueryResult {
        let target = try #require(url ?? Self.url)
        let address = try PostgresStoreAddress(target)
        let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: try address.configuration(), id: 9, logger: quiet).wait()
        defer { try? connection.close().wait() }
        return try connection.query(query, logger: quiet).wait()
    }

    // MARK: - Without a server

    @Test func addressesAreParsedLikeLibpq() throws {
        let env = ["PGPASSWORD": "from-env", "USER": "ana"]
        let a = try PostgresStoreAddress("postgres://team:s%40cret@db.example.org:6543/media?sslmode=require", environment: env)
        #expect(a.user == "team" && a.password == "s@cret" && a.host == "db.example.org" && a.port == 6543)
        #expect(a.database == "media" && a.tls == .require)
        #expect(a.redacted == "postgres://team@db.example.org:6543/media")
        #expect(!a.redacted.contains("cret"))
        let b = try PostgresStoreAddress("postgresql:///wl?host=/run/postgresql", environment: env)
        #expect(b.host == "/run/postgresql" && b.user == "ana" && b.password == "from-env" && b.port == 5432 && b.tls == .prefer)
        let c = try PostgresStoreAddress("postgres://u@[::1]/x", environment: [:])
        #expect(c.host == "::1" && c.redacted == "postgres://u@[::1]:5432/x")
        for bad in ["sqlite:///tmp/x.sqlite", "https://example.org/db", "postgres://u@h:99999/db", "postgres://u@h/db?sslmode=maybe",
                    "postgres://u@h/db?sslcert=x", "postgres://u@h/a/b", "not a url"] {
            #expect(throws: RunError.self, "\(bad)") { try PostgresStoreAddress(bad, environment: [:]) }
        }
        #expect(throws: RunError.self) { try PostgresShardStore(url: "postgres://u@127.0.0.1/db", job: "no spaces") }
        #expect(throws: RunError.self) { try PostgresShardStore(url: "postgres://u@127.0.0.1/db", job: "-flag") }
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        // A port nothing listens on (the tests' own range; refused at once on loopback).
        do {
            _ = try PostgresShardStore(url: "postgres://wl:topsecret@127.0.0.1:1/db?sslmode=disable", job: "j")
            Issue.record("connected to port 1")
        } catch let error as RunError {
            #expect(error.reason.contains("cannot connect to the store postgres://wl@127.0.0.1:1/db"), "\(error.reason)")
            #expect(!error.reason.contains("topsecret"))
        }
    }

    // MARK: - Against the server

    @Test(live) func schemaIsCreatedOnceByTasksStartingTogetherAndVersioned() throws {
        // A database of its own (the role may create databases: scripts/postgres_test_server.sh),
        // so that the other tests' tables are left alone.
        let database = "wl_schema_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try Self.sql(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"))
        defer { _ = try? Self.sql(PostgresQuery(unsafeSQL: "DROP DATABASE \(database) WITH (FORCE)")) }
        let base = try #require(Self.url)
        var components = try #require(URLComponents(string: base))
        components.path = "/" + database
        let url = try #require(components.string)
        // Eight shard tasks connecting at once to an empty database: one creates the tables,
        // the others wait for it and find them.
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do { _ = try PostgresShardStore(url: url, job: "schema-\(i)") } catch { errors.withLock { $0.append("\(error)") } }
        }
        #expect(errors.withLock { $0 } == [])
        let versions = try Self.sql("SELECT component, version FROM wavelength_schema", url: url).map { try $0.decode((String, Int).self) }
        #expect(versions.count == 1 && versions.first?.0 == "shard-store" && versions.first?.1 == PostgresShardStore.schemaVersion)
        let tables = try Self.sql("SELECT tablename FROM pg_tables WHERE tablename LIKE 'wavelength_%' ORDER BY tablename", url: url)
            .map { try $0.decode(String.self) }
        #expect(tables == ["wavelength_analyses", "wavelength_merges", "wavelength_schema", "wavelength_shards"])
        // A database written by a later wavelength is refused, not altered.
        _ = try Self.sql("UPDATE wavelength_schema SET version = 99 WHERE component = 'shard-store'", url: url)
        do {
            _ = try PostgresShardStore(url: url, job: "schema-new")
            Issue.record("opened a store of a newer schema")
        } catch let error as RunError {
            #expect(error.reason.contains("version 99, newer than this wavelength's (1)"), "\(error.reason)")
        }
        let after = try Self.sql("SELECT version FROM wavelength_schema", url: url).map { try $0.decode(Int.self) }
        #expect(after == [99])
        _ = try Self.sql("UPDATE wavelength_schema SET version = \(PostgresShardStore.schemaVersion) WHERE component = 'shard-store'", url: url)
        _ = try PostgresShardStore(url: url, job: "schema-again")
    }

    @Test(live) func aShardIsReplacedWholeOrNotAtAll() throws {
        let store = try PostgresShardStore(url: try #require(Self.url), job: Self.newJob("replace"))
        defer { try? store.dropJob() }
        func manifest(files: Int) -> ShardManifest {
            ShardManifest(version: "t", shard: 1, shards: 2, corpus: "/c", filesFrom: nil, listingDigest: "d", listingEntries: 9,
                          fingerprint: "f", settings: ["a"], japaneseSegmenter: "none", unreadFormat: [], skipped: [], unreadable: [],
                          files: files, documents: files, failedFiles: 0, startedAt: "", seconds: 0, stageSeconds: [:])
        }
        func records(_ names: [String]) -> [ShardRecord] {
            names.map { ShardRecord(path: $0, fingerprint: "f", documents: 1, failure: nil, outcome: Array($0.utf8) + [0, 255, 7]) }
        }
        try store.replace(manifest(files: 3)) { emit in try emit(records(["a.html", "b.html"])); try emit(records(["c/ü.html"])) }
        #expect(try store.records(shard: 1).map(\.path) == ["a.html", "b.html", "c/ü.html"])
        #expect(try store.records(shard: 1).first?.outcome == Array("a.html".utf8) + [0, 255, 7])
        // The scheduler runs the task again: the shard is replaced, not added to.
        try store.replace(manifest(files: 2)) { emit in try emit(records(["a.html", "d.html"])) }
        #expect(try store.records(shard: 1).map(\.path) == ["a.html", "d.html"])
        #expect(try store.manifests().map(\.files) == [2])
        // A task that fails half way leaves the shard as it was.
        struct Killed: Error {}
        #expect(throws: Killed.self) {
            try store.replace(manifest(files: 5)) { emit in try emit(records(["x.html", "y.html"])); throw Killed() }
        }
        #expect(try store.records(shard: 1).map(\.path) == ["a.html", "d.html"])
        #expect(try store.manifests().map(\.files) == [2])
        #expect(try store.records(shard: 0).isEmpty)
    }

    @Test(live) func concurrentShardTasksMergeToTheTablesOfOneRun() throws {
        let url = try #require(Self.url)
        let corpus = try StoreCorpus.make()
        let single = StoreCorpus.configuration(corpus, output: "single")
        let one = try Pipeline(configuration: single).run(logger: Self.quiet)
        #expect(one.outcome == .partial)   // the broken and empty pages fail
        for count in [1, 3] {
            let job = Self.newJob("merge\(count)")
            let writer = try PostgresShardStore(url: url, job: job)
            defer { try? writer.dropJob() }
            // Every shard task at once, each with its own connection, as a job array's tasks are.
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: count) { i in
                do {
                    var config = StoreCorpus.configuration(corpus, output: "db\(count)-\(i)")
                    config.shard = try Shard(index: i, count: count)
                    config.threads = 1
                    config.job = job
                    let store = try PostgresShardStore(url: url, job: job)
                    let result = try Pipeline(configuration: config, store: store).run(logger: Self.quiet)
                    // The shard folder holds the manifest and log, not the analyses.
                    let names = try FileManager.default.contentsOfDirectory(atPath: config.output.path).sorted()
                    if names != ["run.log", "shard.json"] { failures.withLock { $0.append("shard \(i) folder holds \(names)") } }
                    _ = result
                } catch {
                    failures.withLock { $0.append("shard \(i): \(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            let shards = try writer.shardCounts()
            #expect(shards.map(\.shard) == Array(0..<count) && shards.allSatisfy { $0.shards == count })
            #expect(shards.map(\.files).reduce(0, +) == one.summary.files.ingested + one.summary.files.failed)
            var merge = StoreCorpus.configuration(corpus, output: "merged-db\(count)")
            merge.corpus = URL(fileURLWithPath: "/nonexistent")   // the merge reads no corpus
            merge.job = job
            let merged = try Pipeline(configuration: merge, store: writer).merge(shards: [], logger: Self.quiet)
            #expect(merged.outcome == one.outcome)
            #expect(merged.summary.failures == one.summary.failures)
            try StoreCorpus.expectSameTables(single.output, merge.output)
            // The same shards written to folders merge to the same tables.
            var folders: [URL] = []
            for i in 0..<count {
                var config = StoreCorpus.configuration(corpus, output: "folder\(count)-\(i)")
                config.shard = try Shard(index: i, count: count)
                _ = try Pipeline(configuration: config).run(logger: Self.quiet)
                folders.append(config.output)
            }
            let fromFolders = StoreCorpus.configuration(corpus, output: "merged-folders\(count)")
            _ = try Pipeline(configuration: fromFolders).merge(shards: folders, logger: Self.quiet)
            try StoreCorpus.expectSameTables(fromFolders.output, merge.output)
            // The merge is noted beside the shards.
            let notes = try Self.sql("SELECT output FROM wavelength_merges WHERE job = \(job)").map { try $0.decode(String.self) }
            #expect(notes == [merge.output.path])
        }
    }

    @Test(live) func aMergeRefusesAnIncompleteOrMixedJob() throws {
        let url = try #require(Self.url)
        let corpus = try StoreCorpus.make()
        let job = Self.newJob("refuse")
        let store = try PostgresShardStore(url: url, job: job)
        defer { try? store.dropJob() }
        func merge() -> String {
            var config = StoreCorpus.configuration(corpus, output: "refused-\(UUID().uuidString)")
            config.job = job
            do { _ = try Pipeline(configuration: config, store: store).merge(shards: [], logger: Self.quiet); return "" } catch {
                return "\(error)"
            }
        }
        #expect(merge().contains("holds no shard"))
        var config = StoreCorpus.configuration(corpus, output: "part")
        config.shard = try Shard(index: 0, count: 2)
        config.job = job
        _ = try Pipeline(configuration: config, store: store).run(logger: Self.quiet)
        #expect(merge().contains("1 of 2 shards missing (1)"))
        // Shard 1 with other settings.
        config.shard = try Shard(index: 1, count: 2)
        config.maxFileBytes = 1 << 20
        _ = try Pipeline(configuration: config, store: store).run(logger: Self.quiet)
        let refusal = merge()
        #expect(refusal.contains("other settings") && refusal.contains("max_file_bytes"), "\(refusal)")
        #expect(refusal.contains("shard 1 of job \(job) in postgres://"), "\(refusal)")
        // With a store, folders named too must be that job's shard folders.
        var both = StoreCorpus.configuration(corpus, output: "both")
        both.job = job
        #expect(throws: RunError.self) { try Pipeline(configuration: both, store: store).merge(shards: [corpus], logger: Self.quiet) }
        var plain = StoreCorpus.configuration(corpus, output: "plain-shard")
        plain.shard = try Shard(index: 0, count: 2)
        _ = try Pipeline(configuration: plain).run(logger: Self.quiet)
        do {
            _ = try Pipeline(configuration: both, store: store).merge(shards: [plain.output], logger: Self.quiet)
            Issue.record("merged a folder shard from the store")
        } catch let error as RunError {
            #expect(error.reason.contains("analyses are in the folder"), "\(error.reason)")
        }
        // A folder of a store shard, merged without the store, says where its analyses are.
        do {
            _ = try Pipeline(configuration: both).merge(shards: [config.output], logger: Self.quiet)
            Issue.record("merged a store shard's folder without the store")
        } catch let error as RunError {
            #expect(error.reason.contains("the analyses of this shard are in job \(job) in postgres://"), "\(error.reason)")
        }
    }
}
