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
    public static let fileNames = ["documents.jsonl", TokenStore.fileName, "wavelength.sqlite", "datapackage.json",
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
        try write(analysis, summary: summary, extra: extra, previous: nil).names
    }

    /// What ``write(_:summary:extra:previous:)`` wrote.
    public struct Written: Sendable {
        /// The names of the files, as ``write(_:summary:extra:)`` returns them.
        public var names: [String]
        /// Where each document's bytes lie in the per-document files, for the next run.
        public var segments: DocumentSegments
    }

    /// Writes every table and report of a run, as ``write(_:summary:extra:)``; the bytes of the
    /// documents `previous` names as reusable are copied from the last run's files (and its
    /// database is updated rather than built anew), which gives the same outputs.
    public func write(_ analysis: CorpusAnalysis, summary: RunSummary, extra: [OutputTable] = [],
                      previous: PreviousOutputs?) throws -> Written {
        var summary = summary
        let tables = RunTables.tables(analysis, failures: summary.failures)
        summary.outputs = tables.map(\.schema.file) + Self.fileNames + extra.map(\.name)
        // The database is built on a second thread while the files are written: both
        // lay out every token, and neither depends on the other.
        let database = try target("wavelength.sqlite")
        let ids = analysis.documents.map(\.id)
        let laid = Mutex(DocumentSegments(documents: ids))
        // A file's segments are kept by the documents' positions: only a file in the documents' order has them.
        let record: @Sendable (String, DocumentSegments.File, [String]) -> Void = { name, file, order in
            if order == ids { laid.withLock { $0.files[name] = file } }
        }
        let files: @Sendable () throws -> Void = { [self] in
            // Streamed: the tokens table and the token store are the largest files of a run.
            for table in tables {
                var segments: DocumentSegments.File?
                try AtomicFile.write(to: try target(table.schema.file)) { segments = try table.writeFile(cells, previous: previous, to: $0) }
                if let segments, let order = table.documents?.ids { record(table.schema.file, segments, order) }
            }
            let themes = analysis.themes.map(\.path), columns = RunTables.columns(analysis), documents = analysis.documents
            var lines: DocumentSegments.File?
            try AtomicFile.write(to: try target("documents.jsonl")) { append in
                lines = try SegmentedLayout.plain("documents.jsonl", header: [], ids: ids, previous: previous, to: append) { i, out in
                    out.append(contentsOf: DocumentJSON(document: documents[i], themes: themes, columns: columns).line.utf8)
                }
            }
            // The statistics commands' token store: its documents are the term statistics' (as the tokens table's).
            let stored = analysis.termStatistics.statistics.documents
            var store: DocumentSegments.File?
            try AtomicFile.write(to: try target(TokenStore.fileName)) { append in
                store = try SegmentedLayout.plain(TokenStore.fileName, header: TokenStore.header, ids: stored.map(\.id),
                                                  previous: previous, to: append) { i, out in try TokenStore.append(stored[i], to: &out) }
            }
            if let lines { record("documents.jsonl", lines, ids) }
            if let store { record(TokenStore.fileName, store, stored.map(\.id)) }
            for file in extra { try put(file.name, file.text) }
        }
        try Self.concurrently(files, { try SQLiteTables.write(tables, to: database, previous: previous) })
        try put("datapackage.json", try RunSchema.dataPackage(tables.map(\.schema), toolVersion: summary.version))
        let model = ReportModel(analysis: analysis, summary: summary)
        let reports = StoredReport.render(model)
        try put("report.md", reports.markdown)
        try put("report.html", reports.html)
        // The model itself, so that `wavelength report` renders both again without the corpus.
        try AtomicFile.write(try StoredReport.encode(model, program: summary.version), to: try target(StoredReport.fileName))
        try put(Self.manifestName, Self.json(Manifest(runId: summary.runId, files: (summary.outputs + [Self.manifestName]).sorted())))
        try put("summary.json", Self.json(summary))
        return Written(names: summary.outputs + [Self.manifestName], segments: laid.withLock { $0 })
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
