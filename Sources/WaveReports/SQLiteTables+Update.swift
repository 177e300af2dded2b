import Foundation
import GRDB

extension SQLiteTables {
    /// Writes the database of a run as ``write(_:to:)`` does, starting from the last run's
    /// database when `previous` allows: a copy of it in which the tables laid out document by
    /// document and stored in key order (`tokens`, `themes`) lose the rows of the documents
    /// that are gone or changed and get those of the new and changed ones, and every other
    /// table is built anew. The content is that of a database built anew (rows in key order
    /// or insertion order alike); only the file's page layout differs.
    ///
    /// Falls back to building the database anew when there is no previous database, or it is
    /// of another schema version, or it cannot be copied.
    static func write(_ tables: [RunTable], to url: URL, previous: PreviousOutputs?) throws {
        guard let previous else { return try write(tables, to: url) }
        let source = previous.folder.appendingPathComponent(url.lastPathComponent)
        let temp = temporaryFile(beside: url)
        guard (try? FileManager.default.copyItem(at: source, to: temp)) != nil else {
            try? FileManager.default.removeItem(at: temp)
            return try write(tables, to: url)
        }
        let updated = try building(temp, for: url) { try update(temp, with: tables, previous: previous) }
        guard updated else {
            try? FileManager.default.removeItem(at: temp)
            return try write(tables, to: url)
        }
        try move(temp, into: url)
    }

    /// Brings the copy at `path` up to date; false when it is not a database this can update.
    private static func update(_ path: URL, with tables: [RunTable], previous: PreviousOutputs) throws -> Bool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path.path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            guard try Int.fetchOne(db, sql: "PRAGMA user_version") == RunSchema.userVersion else { return false }
            let existing = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            var rebuilt: [RunTable] = []
            try db.inTransaction {
                for name in existing.subtracting(tables.map(\.schema.name)).sorted() {
                    try db.execute(sql: "DROP TABLE \(quoted(name))")
                }
                for table in tables {
                    if let documents = table.documents, table.schema.primaryKey.count > 1, existing.contains(table.schema.name) {
                        try replaceChanged(documents, of: table, in: db, previous: previous)
                    } else {
                        try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(table.schema.name))")
                        try create(table, in: db)
                        rebuilt.append(table)
                    }
                }
                try db.execute(sql: "PRAGMA user_version = \(RunSchema.userVersion)")
                return .commit
            }
            // The tables built anew are checked as a new database's are; the rows kept refer to
            // documents kept, and the new ones to documents of this run.
            for table in rebuilt where !table.schema.foreignKeys.isEmpty {
                let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check(\(quoted(table.schema.name)))")
                if !violations.isEmpty {
                    throw Failure(message: "\(violations.count) rows break a foreign key (first in table \(table.schema.name))")
                }
            }
            return true
        }
    }

    /// In a table stored in key order whose key begins with the document: the rows of the
    /// last run's documents that this run does not keep are deleted, and the rows of this
    /// run's documents that were not kept are inserted.
    private static func replaceChanged(_ documents: RunTable.DocumentRows, of table: RunTable, in db: Database,
                                       previous: PreviousOutputs) throws {
        let schema = table.schema
        let current = Set(documents.ids)
        let kept = current.intersection(previous.reusable).filter { previous.position[$0] != nil }
        let delete = try db.makeStatement(sql: "DELETE FROM \(quoted(schema.name)) WHERE \(quoted(schema.primaryKey[0])) = ?")
        for id in previous.segments.documents where !kept.contains(id) {
            try delete.execute(arguments: [id])
        }
        let fresh = documents.ids.indices.filter { !kept.contains(documents.ids[$0]) }
        let rows = RunTable(schema, rows: { body in for i in fresh { try documents.rows(i, body) } })
        try insert(rows, sql: insertSQL(schema), in: db)
    }

    static func quoted(_ name: String) -> String {
        "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
    }
}
