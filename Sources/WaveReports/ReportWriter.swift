import Foundation
import WaveCorpus

/// Writes a run's tables and reports into an output folder, each file
/// atomically, and only under that folder.
public struct ReportWriter: Sendable {
    public let folder: URL
    /// How CSV cells are written: spreadsheet-safe (the default) or raw.
    public var cells: CSVTable.Cells

    public init(folder: URL, cells: CSVTable.Cells = .spreadsheetSafe) {
        self.folder = folder.standardizedFileURL
        self.cells = cells
    }

    /// The files ``write(_:)`` produces, in order.
    public static let fileNames = ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv",
                                   "failures.csv", "wavelength.sqlite", "report.md", "report.html", "summary.json"]

    /// Writes every table and report of a run; returns the names written.
    /// `summary.json` is written last so that its presence marks a complete run.
    ///
    /// - Parameter extra: tables the caller adds after the corpus tables (the run's `run.log`).
    @discardableResult
    public func write(_ analysis: CorpusAnalysis, summary: RunSummary, extra: [OutputTable] = []) throws -> [String] {
        var summary = summary
        let tables = RunTables.corpusTables(analysis, cells: cells) + extra
        summary.outputs = Self.fileNames + tables.map(\.name)
        for table in tables { try put(table.name, table.text) }
        try put("documents.csv", RunTables.documents(analysis).render(cells))
        try put("documents.jsonl", DocumentJSON.lines(analysis))
        try put("terms.csv", RunTables.terms(analysis).render(cells))
        try put("themes.csv", RunTables.themes(analysis).render(cells))
        try put("sentiment.csv", RunTables.sentiment(analysis).render(cells))
        try put("failures.csv", RunTables.failures(summary.failures).render(cells))
        try SQLiteTables.write(SQLiteTables.tables(analysis, failures: summary.failures), to: try target("wavelength.sqlite"))
        let model = ReportModel(analysis: analysis, summary: summary)
        try put("report.md", MarkdownRenderer(model: model).render())
        try put("report.html", HTMLRenderer(model: model).render())
        try put(Self.manifestName, Self.json(Manifest(runId: summary.runId, files: (summary.outputs + [Self.manifestName]).sorted())))
        try put("summary.json", Self.json(summary))
        return summary.outputs + [Self.manifestName]
    }

    /// The companion metadata of a run's files: the run id and every file of the set.
    public static let manifestName = "manifest.json"

    struct Manifest: Encodable {
        var runId: String?
        var files: [String]
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
}
