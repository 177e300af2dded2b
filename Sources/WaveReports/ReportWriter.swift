import Foundation
import Synchronization
import WaveCorpus
import WaveTerms

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

    /// The files ``write(_:summary:extra:)`` produces besides the tables of ``RunSchema``, in order.
    public static let fileNames = ["documents.jsonl", "tokens.tsv", "wavelength.sqlite", "datapackage.json",
                                   "report.md", "report.html", StoredReport.fileName, "summary.json"]

    /// The names ``write(_:summary:extra:)`` writes for `analysis`: every table, the other files, then `extra`.
    public static func outputs(_ analysis: CorpusAnalysis, extra: [String] = []) -> [String] {
        RunSchema.tables(RunTables.columns(analysis), topics: analysis.topics != nil).map(\.file) + fileNames + extra
            + [manifestName]
    }

    /// Writes every table and report of a run; returns the names written.
    /// `summary.json` is written last so that its presence marks a complete run.
    ///
    /// - Parameter extra: files the caller adds (the run's `run.log`).
    @discardableResult
    public func write(_ analysis: CorpusAnalysis, summary: RunSummary, extra: [OutputTable] = []) throws -> [String] {
        var summary = summary
        let tables = RunTables.tables(analysis, failures: summary.failures)
        summary.outputs = tables.map(\.schema.file) + Self.fileNames + extra.map(\.name)
        // The database is built on a second thread while the files are written: both
        // lay out every token, and neither depends on the other.
        let database = try target("wavelength.sqlite")
        let files: @Sendable () throws -> Void = { [self] in
            // Streamed: the tokens table and the token store are the largest files of a run.
            for table in tables { try AtomicFile.write(to: try target(table.schema.file)) { try table.writeFile(cells, to: $0) } }
            try put("documents.jsonl", DocumentJSON.lines(analysis))
            try AtomicFile.write(to: try target(TokenStore.fileName)) { append in
                try TokenStore.write(analysis.termStatistics.statistics.documents, to: append)
            }
            for store in extra { try put(store.name, store.text) }
        }
        try Self.concurrently(files, { try SQLiteTables.write(tables, to: database) })
        try put("datapackage.json", try RunSchema.dataPackage(tables.map(\.schema), toolVersion: summary.version))
        let model = ReportModel(analysis: analysis, summary: summary)
        let reports = StoredReport.render(model)
        try put("report.md", reports.markdown)
        try put("report.html", reports.html)
        // The model itself, so that `wavelength report` renders both again without the corpus.
        try AtomicFile.write(try StoredReport.encode(model, program: summary.version), to: try target(StoredReport.fileName))
        try put(Self.manifestName, Self.json(Manifest(runId: summary.runId, files: (summary.outputs + [Self.manifestName]).sorted())))
        try put("summary.json", Self.json(summary))
        return summary.outputs + [Self.manifestName]
    }

    /// Runs `first` and `second` at once; throws `first`'s error if it fails, else `second`'s.
    static func concurrently(_ first: @Sendable () throws -> Void, _ second: @Sendable () throws -> Void) throws {
        let errors = Mutex<[Int: any Error]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do { try (i == 0 ? first : second)() } catch { errors.withLock { $0[i] = error } }
        }
        let failed = errors.withLock { $0 }
        if let error = failed[0] ?? failed[1] { throw error }
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
