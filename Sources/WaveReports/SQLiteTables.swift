internal import CSQLite
import Foundation
import WaveCorpus
import WaveIngest
import WaveText

/// Writes the run's tables into one SQLite database (`wavelength.sqlite`) for
/// notebooks and DuckDB. The only file of WaveReports that calls SQLite.
///
/// The database is built in a temporary file and renamed into place, so a
/// reader never opens a half-written one.
struct SQLiteTables {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "SQLite: \(message)" }
    }

    /// A typed cell value.
    enum Value {
        case text(String?)
        case integer(Int?)
        case real(Double?)
    }

    /// One table: name, columns with SQL types, and rows of values.
    struct Table {
        var name: String
        var columns: [(name: String, type: String)]
        var rows: [[Value]]
    }

    static func write(_ tables: [Table], to url: URL) throws {
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        var db: OpaquePointer?
        guard sqlite3_open_v2(temp.path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            sqlite3_close(db)
            throw Failure(message: "cannot create \(temp.path)")
        }
        do {
            try exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;")
            for table in tables { try insert(table, into: db) }
            try exec(db, "COMMIT;")
        } catch {
            sqlite3_close(db)
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        sqlite3_close(db)
        if rename(temp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw Failure(message: "cannot move the database into \(url.path)")
        }
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func exec(_ db: OpaquePointer, _ sql: String) throws {
        if sqlite3_exec(db, sql, nil, nil, nil) != SQLITE_OK {
            throw Failure(message: String(cString: sqlite3_errmsg(db)))
        }
    }

    private static func insert(_ table: Table, into db: OpaquePointer) throws {
        let columns = table.columns.map { "\(quoted($0.name)) \($0.type)" }.joined(separator: ", ")
        try exec(db, "CREATE TABLE \(quoted(table.name)) (\(columns));")
        let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO \(quoted(table.name)) VALUES (\(marks));", -1, &stmt, nil) == SQLITE_OK else {
            throw Failure(message: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(stmt) }
        for row in table.rows {
            sqlite3_reset(stmt)
            for (i, value) in row.enumerated() {
                let index = Int32(i + 1)
                switch value {
                case .text(let s?):
                    let utf8 = Array(s.utf8)
                    _ = utf8.withUnsafeBufferPointer { p in
                        p.baseAddress.map { base in
                            base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                                csqlite_bind_text(stmt, index, $0, Int32(utf8.count))
                            }
                        } ?? csqlite_bind_text(stmt, index, "", 0)
                    }
                case .integer(let n?): sqlite3_bind_int64(stmt, index, Int64(n))
                case .real(let x?) where x.isFinite: sqlite3_bind_double(stmt, index, x)
                default: sqlite3_bind_null(stmt, index)
                }
            }
            guard sqlite3_step(stmt) == SQLITE_DONE else {
                throw Failure(message: String(cString: sqlite3_errmsg(db)))
            }
        }
    }
}

extension SQLiteTables {
    /// The run's tables as SQLite tables: documents, terms, themes, failures.
    static func tables(_ analysis: CorpusAnalysis, failures: [FailureRecord]) -> [Table] {
        let themes = analysis.topThemes.map(\.path), targets = analysis.targets.keys
        let documents = Table(
            name: "documents",
            columns: [("id", "TEXT PRIMARY KEY"), ("path", "TEXT"), ("item", "INTEGER"), ("title", "TEXT"),
                      ("date", "TEXT"), ("language", "TEXT"), ("site", "TEXT"), ("authors", "TEXT"), ("url", "TEXT"),
                      ("format", "TEXT"), ("encoding", "TEXT"), ("tokens", "INTEGER"), ("terms", "INTEGER"),
                      ("sentences", "INTEGER"), ("sentiment", "REAL")] + targets.map { ("sentiment_\($0)", "REAL") }
                + [("focus", "TEXT"), ("framing_index", "REAL")] + themes.map { ($0, "INTEGER") }
                + targets.flatMap { [("mentions_\($0)", "INTEGER"), ("mention_sentences_\($0)", "INTEGER")] }
                + [("framing_index_page", "REAL"), ("scope_sentences", "INTEGER"), ("scope_tokens", "INTEGER")]
                + themes.map { ("\($0)_in_scope", "INTEGER") },
            rows: analysis.documents.map { d in
                let a = d.article
                return [.text(a.id), .text(a.path), .integer(a.item), .text(a.title), .text(a.date), .text(d.language.rawValue),
                        .text(a.site), .text(a.authors.joined(separator: "; ")), .text(a.url), .text(a.format.rawValue),
                        .text(a.encoding), .integer(d.tokenCount), .integer(d.terms.count), .integer(d.sentenceCount),
                        .real(d.sentiment)] + targets.map { .real(d.targetSentiment[$0]) }
                    + [.text(d.focus.label), .real(d.framingIndex)] + themes.map { .integer(d.themeHits($0)) }
                    + targets.flatMap { [.integer(d.towardTargets[$0]?.mentions ?? 0), .integer(d.towardTargets[$0]?.sentences ?? 0)] }
                    + [.real(d.pageFramingIndex), .integer(d.scopeSentences),
                       .integer(d.themes.scopedHits == nil ? nil : d.themes.scopedTokenCount)]
                    + themes.map { t in .integer(d.themes.scopedHits.map { $0[t] ?? 0 }) }
            })
        let terms = Table(
            name: "terms",
            columns: [("term", "TEXT"), ("language", "TEXT"), ("count", "INTEGER"), ("document_frequency", "INTEGER"), ("rank", "INTEGER")],
            rows: analysis.terms.map { [.text($0.term), .text($0.group), .integer($0.count), .integer($0.documentFrequency), .integer($0.rank)] })
        let themeRows = Table(
            name: "themes",
            columns: [("id", "TEXT"), ("theme", "TEXT"), ("parent", "TEXT"), ("hits", "INTEGER"), ("rate_per_1000", "REAL"), ("sentiment", "REAL")],
            rows: analysis.documents.flatMap { d in
                analysis.themes.map { t in
                    let hits = d.themeHits(t.path)
                    return [.text(d.id), .text(t.path), .text(t.parent), .integer(hits), .real(d.themeRate(t.path)),
                            .real(hits > 0 ? d.themeSentiment[t.path] : nil)]
                }
            })
        let failureRows = Table(
            name: "failures",
            columns: [("path", "TEXT"), ("stage", "TEXT"), ("code", "TEXT"), ("reason", "TEXT")],
            rows: failures.map { [.text($0.path), .text($0.stage), .text($0.code), .text($0.reason)] })
        return [documents, terms, themeRows, failureRows]
    }
}
