import Foundation

/// Writes a run's tables and reports into an output folder, each file
/// atomically, and only under that folder.
public struct ReportWriter: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The files ``write(_:)`` produces, in order.
    public static let fileNames = ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv",
                                   "failures.csv", "wavelength.sqlite", "report.md", "report.html", "summary.json"]

    /// Writes every table and report; returns the names written.
    /// `summary.json` is written last so that its presence marks a complete run.
    @discardableResult
    public func write(_ data: ReportData) throws -> [String] {
        var data = data
        data.summary.outputs = Self.fileNames + data.tables.map(\.name)
        for table in data.tables { try put(table.name, table.text) }
        try put("documents.csv", documentsCSV(data))
        try put("documents.jsonl", documentsJSONL(data))
        try put("terms.csv", termsCSV(data))
        try put("themes.csv", themesCSV(data))
        try put("sentiment.csv", sentimentCSV(data))
        try put("failures.csv", failuresCSV(data))
        try SQLiteTables.write(sqliteTables(data), to: try target("wavelength.sqlite"))
        try put("report.md", MarkdownReport(data: data).render())
        try put("report.html", HTMLReport(data: data).render())
        try put("summary.json", Self.json(data.summary))
        return data.summary.outputs
    }

    /// Writes one file named `name` (a plain file name, never a path).
    public func put(_ name: String, _ text: String) throws {
        try AtomicFile.write(text, to: try target(name))
    }

    /// The URL of `name` inside the folder; refuses anything that is not a plain file name.
    func target(_ name: String) throws -> URL {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), name != ".", name != ".." else {
            throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: name])
        }
        let target = folder.appendingPathComponent(name).standardizedFileURL
        guard target.deletingLastPathComponent().path == folder.path else {
            throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: name])
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return target
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func optional(_ v: Double?) -> String { v.map { CSVTable.number($0) } ?? "" }

    func documentsCSV(_ data: ReportData) -> String {
        let themes = data.topThemes.map(\.path)
        var table = CSVTable(header: ["id", "path", "item", "title", "date", "language", "site", "authors", "url",
                                      "format", "encoding", "tokens", "terms", "sentences", "sentiment",
                                      "sentiment_japan", "sentiment_korea", "focus", "framing_index"] + themes)
        for d in data.documents {
            table.append([d.id, d.path, d.item.map(String.init) ?? "", d.title ?? "", d.date ?? "", d.language,
                          d.site ?? "", d.authors.joined(separator: "; "), d.url ?? "", d.format, d.encoding,
                          String(d.tokens), String(d.terms), String(d.sentences), CSVTable.number(d.sentiment),
                          Self.optional(d.sentimentJapan), Self.optional(d.sentimentKorea), d.focus,
                          CSVTable.number(d.framingIndex)]
                         + themes.map { String(d.themeHits[$0] ?? 0) })
        }
        return table.text
    }

    func documentsJSONL(_ data: ReportData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try data.documents.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    func termsCSV(_ data: ReportData) -> String {
        var table = CSVTable(header: ["term", "language", "count", "document_frequency", "rank"])
        for t in data.terms {
            table.append([t.term, t.language, String(t.count), String(t.documentFrequency), String(t.rank)])
        }
        return table.text
    }

    func themesCSV(_ data: ReportData) -> String {
        var table = CSVTable(header: ["id", "theme", "parent", "hits", "rate_per_1000", "sentiment"])
        for d in data.documents {
            for theme in data.themes {
                let hits = d.themeHits[theme.path] ?? 0
                table.append([d.id, theme.path, theme.parent ?? "", String(hits),
                              CSVTable.number(d.themeRates[theme.path] ?? 0),
                              hits > 0 ? Self.optional(d.themeSentiment[theme.path]) : ""])
            }
        }
        return table.text
    }

    func sentimentCSV(_ data: ReportData) -> String {
        let themes = data.topThemes.map(\.path)
        var table = CSVTable(header: ["id", "language", "focus", "sentiment", "sentiment_japan", "sentiment_korea"]
                             + themes.map { "sentiment_\($0)" })
        for d in data.documents {
            table.append([d.id, d.language, d.focus, CSVTable.number(d.sentiment), Self.optional(d.sentimentJapan),
                          Self.optional(d.sentimentKorea)] + themes.map { Self.optional(d.themeSentiment[$0]) })
        }
        return table.text
    }

    func failuresCSV(_ data: ReportData) -> String {
        var table = CSVTable(header: ["path", "stage", "code", "reason"])
        for f in data.summary.failures { table.append([f.path, f.stage, f.code, f.reason]) }
        return table.text
    }
}
