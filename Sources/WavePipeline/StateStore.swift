import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The per-file results of earlier runs, so that a rerun reads and analyses only new and
/// changed files: an SQLite database (GRDB, WAL journal) beside the output folder
/// (`<parent>/.<name>.state.sqlite`, next to the lock file).
///
/// - `files`: one row per corpus file keyed by its path: the file's content hash, its status
///   when it was last checked (size, modification and change times, inode, device — a file
///   whose status is unchanged is not read again to hash it), the fingerprint of the settings
///   it was analysed with, and its outcome (its documents' analyses, or its failure) encoded
///   (``StoredOutcome``: sentences and term lists in the spool's byte form, the rest ``StateCoding``).
/// - `last_run`: the last run that finished: a key of everything its outputs depend on, its run
///   id, exit outcome and summary, and the status of every file it wrote into the output folder.
///   A rerun whose key, files and outputs all match keeps those outputs. The row is deleted at
///   the start of every run that changes anything, so a run killed at any point leaves none.
/// - `topic_models`: the last topic model trained for each language, under the key of its
///   training (``StateTopicModels``): a later run whose language has the same training corpus
///   and options takes it instead of training again.
/// - `statistics_memo`: the corpus stage's bootstrap intervals and near-duplicate signatures
///   the last run used (``StateStatisticsMemo``), so a rerun computes only those its changes touch.
/// - `last_outputs`: beside it, where each document's bytes lie in that run's per-document
///   files (``DocumentSegments``) and the key of what their layout depends on
///   (``Pipeline/layoutKey(of:fingerprint:)``): the next run copies the bytes of unchanged
///   documents from those files.
///
/// Rows are written one transaction per batch of files, so a run killed at any moment leaves
/// every committed batch usable and nothing half-written; the database lies beside the output
/// folder because the outputs are replaced as a whole. It is a cache: a database of another
/// schema version is emptied, and a damaged one is replaced by `--full`.
final class StateStore {
    /// What `stat(2)` says of a file, enough to tell that it was not written since.
    struct FileStatus: Equatable, Codable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: Int64
        var device: Int64

        /// The status of the file at a path (links followed), or nil.
        init?(path: UnsafePointer<CChar>) {
            var st = stat()
            guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
            self.init(st)
        }

        init(_ st: stat) {
            size = Int64(st.st_size)
            modified = Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec)
            changed = Int64(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctim.tv_nsec)
            inode = Int64(bitPattern: UInt64(st.st_ino))
            device = Int64(bitPattern: UInt64(st.st_dev))
        }

        init(size: Int64, modified: Int64, changed: Int64, inode: Int64, device: Int64) {
            self.size = size; self.modified = modified; self.changed = changed; self.inode = inode; self.device = device
        }
    }

    /// A stored file row without its outcome.
    struct Entry {
        var hash: String
        var fingerprint: String
        var status: FileStatus
        /// When the status was taken (nanoseconds since 1970).
        var checked: Int64

        /// Whether a file now of `status` can be taken as unchanged without reading it: the
        /// status is the stored one, and the file had last changed more than a second before
        /// that status was taken (a file changed within the same clock tick as the check could
        /// change again without its status showing it, so it is hashed).
        func vouchesFor(_ status: FileStatus) -> Bool {
            status == self.status && self.status.changed < checked &- 1_000_000_000
        }
    }

    /// A file row to write.
    struct Row {
        var path: String
        var hash: String
        var fingerprint: String
        var status: FileStatus
        var checked: Int64
        var outcome: [UInt8]
    }

    /// The last finished run.
    struct LastRun: Codable, Equatable {
        /// Everything its outputs depend on (``Pipeline/runKey``).
        var key: String
        var runID: String
        var outcome: Int32
        /// Its `RunSummary`, JSON.
        var summary: Data
        /// Every file of the output folder as that run left it.
        var outputs: [String: FileStatus]
    }

    static let schemaVersion = 2

    let path: String
    private var queue: DatabaseQueue?

    /// The state file that belongs to `output`.
    static func path(for output: URL) -> String {
        let folder = output.standardizedFileURL
        let name = folder.lastPathComponent.isEmpty ? "output" : folder.lastPathComponent
        return folder.deletingLastPathComponent().appendingPathComponent(".\(name).state.sqlite").path
    }

    /// Opens (or creates) the state of `output`; with `fresh`, an existing state (even a
    /// damaged one) is deleted first.
    /// - Throws: ``RunError`` when the database cannot be opened or is not a state database.
    convenience init(output: URL, fresh: Bool = false) throws {
        try self.init(path: Self.path(for: output), fresh: fresh)
    }

    /// Opens (or creates) a state database at `path` (also a shard folder's `analyses.sqlite`).
    init(path: String, fresh: Bool = false) throws {
        self.path = path
        if fresh {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                do { try FileManager.default.removeItem(atPath: path + suffix) } catch {
                    throw RunError("cannot remove the run state \(path + suffix) for a full run: \(error.localizedDescription)")
                }
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            self.queue = queue
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard version != Self.schemaVersion else { return }
                // A cache of another layout (an older program): start it again.
                try db.inTransaction {
                    try db.execute(sql: "DROP TABLE IF EXISTS files")
                    try db.execute(sql: "DROP TABLE IF EXISTS last_run")
                    try db.execute(sql: "DROP TABLE IF EXISTS last_outputs")
                    try db.execute(sql: """
                        CREATE TABLE files (path TEXT PRIMARY KEY, hash TEXT NOT NULL, fingerprint TEXT NOT NULL,
                          size INTEGER NOT NULL, modified INTEGER NOT NULL, changed INTEGER NOT NULL,
                          inode INTEGER NOT NULL, device INTEGER NOT NULL, checked INTEGER NOT NULL,
                          outcome BLOB NOT NULL) WITHOUT ROWID
                        """)
                    try db.execute(sql: "CREATE TABLE last_run (id INTEGER PRIMARY KEY CHECK (id = 1), record BLOB NOT NULL)")
                    try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
                    return .commit
                }
            }
            // Added within schema 2 (a program without them leaves them alone).
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS last_outputs (id INTEGER PRIMARY KEY CHECK (id = 1), run_id TEXT NOT NULL,
                      layout TEXT NOT NULL, segments BLOB NOT NULL)
                    """)
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS topic_models (language TEXT PRIMARY KEY, key TEXT NOT NULL, model BLOB NOT NULL)
                    """)
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS statistics_memo (id INTEGER PRIMARY KEY CHECK (id = 1), key TEXT NOT NULL, memo BLOB NOT NULL)
                    """)
            }
        } catch {
            queue = nil
            throw RunError("the run state \(path) cannot be used (\(error)); delete it or run with --full")
        }
    }

    /// Closes the database (also done when the value is freed).
    func close() {
        try? queue?.close()
        queue = nil
    }

    func database() throws -> DatabaseQueue {
        guard let queue else { throw RunError("the run state \(path) is closed") }
        return queue
    }

    /// Every stored row without its outcome, by path.
    func entries() throws -> [String: Entry] {
        try database().read { db in
            var result: [String: Entry] = [:]
            let rows = try GRDB.Row.fetchCursor(db, sql: "SELECT path, hash, fingerprint, size, modified, changed, inode, device, checked FROM files")
            while let row = try rows.next() {
                let status = FileStatus(size: row[3], modified: row[4], changed: row[5], inode: row[6], device: row[7])
                result[row[0]] = Entry(hash: row[1], fingerprint: row[2], status: status, checked: row[8])
            }
            return result
        }
    }

    /// The stored outcomes of `paths` (each read once, in one pass over the table).
    func outcomes(of paths: Set<String>) throws -> [String: [UInt8]] {
        guard !paths.isEmpty else { return [:] }
        return try database().read { db in
            var result: [String: [UInt8]] = [:]
            result.reserveCapacity(paths.count)
            let rows = try GRDB.Row.fetchCursor(db, sql: "SELECT path, outcome FROM files")
            while let row = try rows.next() {
                let path: String = row[0]
                if paths.contains(path), let bytes = try row.withUnsafeData(atIndex: 1, { $0.map { [UInt8]($0) } }) { result[path] = bytes }
            }
            return result
        }
    }

    /// Writes `rows` and removes `removed` in one transaction.
    func write(_ rows: [Row], removing removed: [String] = []) throws {
        try database().write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for row in rows {
                try insert.execute(arguments: [row.path, row.hash, row.fingerprint, row.status.size, row.status.modified,
                                               row.status.changed, row.status.inode, row.status.device, row.checked, Data(row.outcome)])
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM files WHERE path = ?")
            for path in removed { try delete.execute(arguments: [path]) }
        }
    }

    /// Records a new status for files whose content was found unchanged (touched, copied back).
    func update(statuses: [(path: String, status: FileStatus)], checked: Int64) throws {
        guard !statuses.isEmpty else { return }
        try database().write { db in
            let update = try db.cachedStatement(
                sql: "UPDATE files SET size = ?, modified = ?, changed = ?, inode = ?, device = ?, checked = ? WHERE path = ?")
            for (path, s) in statuses {
                try update.execute(arguments: [s.size, s.modified, s.changed, s.inode, s.device, checked, path])
            }
        }
    }

    /// The last finished run, if one is recorded and readable.
    func lastRun() throws -> LastRun? {
        let data = try database().read { db in try Data.fetchOne(db, sql: "SELECT record FROM last_run WHERE id = 1") }
        return data.flatMap { try? JSONDecoder().decode(LastRun.self, from: $0) }
    }

    /// Records the run that just finished, and where its documents' bytes lie in its per-document
    /// files (`segments`, ``StateCoding``) with the key of everything their layout depends on.
    func record(_ run: LastRun, layout: String? = nil, segments: [UInt8]? = nil) throws {
        let data = try JSONEncoder().encode(run)
        try database().write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO last_run VALUES (1, ?)", arguments: [data])
            try db.execute(sql: "DELETE FROM last_outputs")
            if let layout, let segments {
                try db.execute(sql: "INSERT INTO last_outputs VALUES (1, ?, ?, ?)", arguments: [run.runID, layout, Data(segments)])
            }
        }
    }

    /// The layout key and segments recorded with run `runID`, if they are.
    func lastOutputs(of runID: String) throws -> (layout: String, segments: [UInt8])? {
        try database().read { db in
            guard let row = try GRDB.Row.fetchOne(db, sql: "SELECT layout, segments FROM last_outputs WHERE id = 1 AND run_id = ?",
                                                  arguments: [runID]),
                  let bytes = try row.withUnsafeData(atIndex: 1, { $0.map { [UInt8]($0) } }) else { return nil }
            return (row[0], bytes)
        }
    }

    /// Carries the record of the last run over a rewrite of its reports (`wavelength report`):
    /// when the output folder was exactly as that run left it (`before`, taken under the
    /// output lock before the rewrite), the record now names the folder as it is (`after`),
    /// so the next run with nothing changed still keeps it. A folder that had changed in
    /// between keeps the old record, which no longer matches (the next run recomputes).
    /// - Returns: whether the record was carried over.
    @discardableResult
    func carryLastRun(from before: [String: FileStatus], to after: [String: FileStatus]) throws -> Bool {
        guard var last = try lastRun(), last.outputs == before else { return false }
        last.outputs = after
        let data = try JSONEncoder().encode(last)
        // The per-document files are not rewritten: their segments still hold.
        try database().write { db in try db.execute(sql: "INSERT OR REPLACE INTO last_run VALUES (1, ?)", arguments: [data]) }
        return true
    }

    /// Forgets the last run (done before a run changes anything).
    func forgetLastRun() throws {
        try database().write { db in
            try db.execute(sql: "DELETE FROM last_run")
            try db.execute(sql: "DELETE FROM last_outputs")
        }
    }

    /// The status of every entry of the output folder, or nil when it is missing or holds
    /// anything but regular files.
    static func outputStatuses(of folder: URL) -> [String: FileStatus]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        var result: [String: FileStatus] = [:]
        for name in names {
            var st = stat()
            guard lstat(folder.appendingPathComponent(name).path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
            result[name] = FileStatus(st)
        }
        return result
    }
}

/// A 128-bit content hash (two FNV-1a 64 lanes with different offsets) and the length: enough to
/// tell an edited file from an unchanged one; not a defence against a crafted collision.
enum ContentHash {
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        var count = 0
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b &+ (b >> 29)
            count &+= 1
        }
        return String(count, radix: 16) + ":" + String(a, radix: 16) + String(b, radix: 16)
    }

    /// The hash of a file, or nil when it cannot be read (it is then analysed, which reports why).
    static func ofFile(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        return of(data)
    }

    /// The hash of the file at a file-system path (bytes, as the corpus listing gives it).
    static func ofFile(fileSystemPath path: [CChar]) -> String? {
        let fd = path.withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return of(bytes)
    }
}
