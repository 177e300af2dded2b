import Foundation
internal import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The per-file results of earlier runs, so that a rerun reads and analyses only new and
/// changed files: an SQLite database (WAL journal) beside the output folder
/// (`<parent>/.<name>.state.sqlite`, next to the lock file), one row per corpus file keyed by
/// its path, holding the file's content hash, the fingerprint of the settings it was analysed
/// with, and its outcome (its documents' analyses, or its failure) encoded.
///
/// Rows are written one transaction per batch of files, so a run killed at any moment leaves
/// every committed batch usable and nothing half-written; the database lies beside the output
/// folder because the outputs are replaced as a whole.
final class StateStore {
    struct Entry {
        var hash: String
        var fingerprint: String
        var outcome: Data
    }

    let path: String
    private var db: OpaquePointer?

    /// The state file that belongs to `output`.
    static func path(for output: URL) -> String {
        let folder = output.standardizedFileURL
        let name = folder.lastPathComponent.isEmpty ? "output" : folder.lastPathComponent
        return folder.deletingLastPathComponent().appendingPathComponent(".\(name).state.sqlite").path
    }

    /// Opens (or creates) the state of `output`.
    /// - Throws: ``RunError`` when the database cannot be opened or is not a state database.
    convenience init(output: URL) throws {
        try self.init(path: Self.path(for: output))
    }

    /// Opens (or creates) a state database at `path` (a shard folder's `analyses.sqlite`).
    init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw RunError("cannot open the run state \(path): \(reason)")
        }
        db = handle
        sqlite3_busy_timeout(handle, 5000)
        do {
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=NORMAL")
            try execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                        + "fingerprint TEXT NOT NULL, outcome BLOB NOT NULL) WITHOUT ROWID")
        } catch {
            close()
            throw RunError("the run state \(path) cannot be used (\(error)); delete it or run with --full")
        }
    }

    deinit { close() }

    func close() {
        if let db { sqlite3_close(db) }
        db = nil
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
    }

    /// Every stored row, by path.
    func entries() throws -> [String: Entry] {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT path, hash, fingerprint, outcome FROM files", -1, &stmt, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(stmt) }
        var result: [String: Entry] = [:]
        while true {
            let status = sqlite3_step(stmt)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            func text(_ column: Int32) -> String {
                sqlite3_column_text(stmt, column).map { String(cString: $0) } ?? ""
            }
            let count = Int(sqlite3_column_bytes(stmt, 3))
            let blob = sqlite3_column_blob(stmt, 3).map { Data(bytes: $0, count: count) } ?? Data()
            result[text(0)] = Entry(hash: text(1), fingerprint: text(2), outcome: blob)
        }
        return result
    }

    /// Writes `rows` and removes `removed` in one transaction.
    func write(_ rows: [(path: String, entry: Entry)], removing removed: [String] = []) throws {
        try execute("BEGIN IMMEDIATE")
        do {
            var insert: OpaquePointer?
            guard sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", -1, &insert, nil) == SQLITE_OK else {
                throw Failure(description: String(cString: sqlite3_errmsg(db)))
            }
            defer { sqlite3_finalize(insert) }
            for (path, entry) in rows {
                sqlite3_reset(insert)
                _ = csqlite_bind_text(insert, 1, path, -1)
                _ = csqlite_bind_text(insert, 2, entry.hash, -1)
                _ = csqlite_bind_text(insert, 3, entry.fingerprint, -1)
                _ = entry.outcome.withUnsafeBytes { csqlite_bind_blob(insert, 4, $0.baseAddress, Int32(clamping: $0.count)) }
                guard sqlite3_step(insert) == SQLITE_DONE else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            }
            var delete: OpaquePointer?
            guard sqlite3_prepare_v2(db, "DELETE FROM files WHERE path = ?", -1, &delete, nil) == SQLITE_OK else {
                throw Failure(description: String(cString: sqlite3_errmsg(db)))
            }
            defer { sqlite3_finalize(delete) }
            for path in removed {
                sqlite3_reset(delete)
                _ = csqlite_bind_text(delete, 1, path, -1)
                guard sqlite3_step(delete) == SQLITE_DONE else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            }
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Removes every row (a full run starts from nothing).
    func clear() throws { try execute("DELETE FROM files") }
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
