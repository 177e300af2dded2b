import Foundation
import GRDB
internal import CSQLite

/// Writes every table of a run into one SQLite database (`wavelength.sqlite`)
/// with GRDB: the schema's column types, `NOT NULL` where a column is never
/// empty, primary and foreign keys, an index on each join key, and the schema
/// version in `PRAGMA user_version`. The only file of WaveReports that calls SQLite.
///
/// The database is built in a temporary file and renamed into place, so a
/// reader never opens a half-written one.
enum SQLiteTables {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "SQLite: \(message)" }
    }

    static func write(_ tables: [RunTable], to url: URL) throws {
        let temp = temporaryFile(beside: url)
        try building(temp, for: url) {
            var configuration = Configuration()
            // Keys are checked once, after the inserts (`PRAGMA foreign_key_check` below), not
            // row by row: enforcing them looks each token's document up while it is inserted.
            configuration.foreignKeysEnabled = false
            let queue = try DatabaseQueue(path: temp.path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
                try db.inTransaction {
                    for table in tables { try create(table, in: db) }
                    try db.execute(sql: "PRAGMA user_version = \(RunSchema.userVersion)")
                    return .commit
                }
                let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if let first = violations.first {
                    throw Failure(message: "\(violations.count) rows break a foreign key (first in table \(first[0] as String? ?? "?"))")
                }
            }
            try queue.close()
        }
        try move(temp, into: url)
    }

    /// A temporary file beside `url`, where a database is built before it is renamed into place.
    static func temporaryFile(beside url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    /// Runs `body`, which builds the database at `temp`; on any error `temp` is removed, and
    /// SQLite's errors are named with `url`'s file.
    static func building<T>(_ temp: URL, for url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(at: temp)
            throw Failure(message: "cannot write \(url.lastPathComponent): \(error.message ?? error.description)")
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Renames the finished database at `temp` to `url` (removing `temp` when that fails).
    static func move(_ temp: URL, into url: URL) throws {
        if rename(temp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw Failure(message: "cannot move the database into \(url.path)")
        }
    }

    /// Creates `table` with its keys and indexes and inserts its rows.
    static func create(_ table: RunTable, in db: Database) throws {
        let schema = table.schema
        // A table keyed by several columns is stored in its key's order, without a second copy of the key
        // (`tokens` is most of the database).
        let options: TableOptions = schema.primaryKey.count > 1 ? [.withoutRowID] : []
        try db.create(table: schema.name, options: options) { t in
            for field in schema.fields {
                let column = t.column(field.name, Database.ColumnType(rawValue: field.type.sqliteType))
                if field.required { column.notNull() }
            }
            if !schema.primaryKey.isEmpty { t.primaryKey(schema.primaryKey) }
            for key in schema.foreignKeys {
                t.foreignKey(key.fields, references: key.table, columns: key.referencedFields)
            }
        }
        for key in schema.joinKeys where !schema.primaryKey.starts(with: key) {
            try db.create(index: "\(schema.name)_\(key.joined(separator: "_"))", on: schema.name, columns: key)
        }
        try insert(table, sql: insertSQL(schema), in: db)
    }

    /// The statement that inserts one row of `schema`'s table.
    static func insertSQL(_ schema: TableSchema) -> String {
        let names = schema.fields.map { "\"\($0.name.replacingOccurrences(of: "\"", with: "\"\""))\"" }
        return "INSERT INTO \"\(schema.name)\" (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    /// Inserts the rows of `table` with one prepared statement, each cell bound as
    /// ``value(_:as:)`` converts it, straight through SQLite's C API: `tokens` has a
    /// row per token, and building GRDB arguments per row cost more than SQLite itself.
    /// A row's text cells are copied once into one buffer that SQLite reads in place
    /// (no copy of its own per cell).
    static func insert(_ table: RunTable, sql: String, in db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(message: "the database is closed", sql: sql) }
        var prepared: OpaquePointer?
        let prepareStatus = sqlite3_prepare_v2(connection, sql, -1, &prepared, nil)
        guard prepareStatus == SQLITE_OK, let statement = prepared else {
            sqlite3_finalize(prepared)
            throw DatabaseError(resultCode: ResultCode(rawValue: prepareStatus), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        defer { sqlite3_finalize(statement) }
        let types = table.schema.fields.map(\.type)
        // The row's text cells, one after the other, and where each cell's bytes lie (nil: not text).
        var text: [UInt8] = []
        var spans = [Range<Int>?](repeating: nil, count: types.count)
        try table.rows { row in
            precondition(row.count == types.count, "a row of \(table.schema.name) needs one field per column")
            text.removeAll(keepingCapacity: true)
            for (i, cell) in row.enumerated() {
                spans[i] = nil
                guard !cell.isEmpty else { continue }
                switch types[i] {
                case .string, .array, .object, .date:
                    let start = text.count
                    text.append(contentsOf: cell.utf8)
                    spans[i] = start..<text.count
                case .datetime:
                    let start = text.count
                    text.append(contentsOf: (PublishedDate(cell).sqlUTC ?? cell).utf8)
                    spans[i] = start..<text.count
                case .integer, .number, .boolean: break
                }
            }
            try text.withUnsafeBufferPointer { buffer in
                for (i, cell) in row.enumerated() {
                    let index = Int32(i + 1)
                    let status: Int32
                    if let span = spans[i], let base = buffer.baseAddress, !span.isEmpty {
                        status = UnsafeRawPointer(base + span.lowerBound).withMemoryRebound(to: CChar.self, capacity: span.count) {
                            csqlite_bind_text_static(statement, index, $0, Int32(span.count))
                        }
                    } else {
                        switch cell.isEmpty ? nil : types[i] {
                        case nil: status = sqlite3_bind_null(statement, index)
                        case .string, .array, .object, .date: status = bindText(cell, statement, index)
                        case .datetime: status = bindText(PublishedDate(cell).sqlUTC ?? cell, statement, index)
                        case .integer: status = Int64(cell).map { sqlite3_bind_int64(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
                        case .number: status = Double(cell).map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
                        case .boolean:
                            status = cell == "true" ? sqlite3_bind_int64(statement, index, 1)
                                : cell == "false" ? sqlite3_bind_int64(statement, index, 0) : sqlite3_bind_null(statement, index)
                        }
                    }
                    guard status == SQLITE_OK else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
                    }
                }
                // Stepped while the buffer the text cells point into is still in place.
                let status = sqlite3_step(statement)
                sqlite3_reset(statement)
                guard status == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
                }
            }
        }
    }

    private static func bindText(_ text: String, _ statement: OpaquePointer, _ index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { csqlite_bind_text(statement, index, $0.baseAddress, Int32(utf8.count)) }
        }
    }

    /// A CSV cell as the SQLite value of its declared type (an empty cell is NULL).
    static func value(_ cell: String, as type: FieldType) -> DatabaseValue {
        guard !cell.isEmpty else { return .null }
        switch type {
        case .string, .array, .object, .date: return cell.databaseValue
        case .integer: return Int64(cell).map(\.databaseValue) ?? .null
        case .number: return Double(cell).map(\.databaseValue) ?? .null
        case .boolean: return cell == "true" ? 1.databaseValue : cell == "false" ? 0.databaseValue : .null
        case .datetime: return (PublishedDate(cell).sqlUTC ?? cell).databaseValue
        }
    }
}
