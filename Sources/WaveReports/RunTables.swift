import Foundation
import WaveIngest
import WaveText
import WaveTerms
import WaveTopics
import WaveCorpus

/// One table of a run: its schema and its rows, each row the table's CSV cells
/// (an empty cell is null). The CSV file and the SQLite table are both written from it.
public struct RunTable: Sendable {
    public var schema: TableSchema
    /// Calls its argument with every row, in order (rows are made as they are written,
    /// so a large table such as `tokens` is never held twice).
    let rows: @Sendable (_ row: ([String]) throws -> Void) throws -> Void
    /// For a table laid out document by document (``DocumentSegments``): its documents and the rows of each.
    let documents: DocumentRows?

    /// The rows of a table, document by document.
    struct DocumentRows: Sendable {
        /// The documents' ids, in the table's order.
        let ids: [String]
        /// Calls its argument with every row of the document at an index, in order.
        let rows: @Sendable (_ document: Int, _ row: ([String]) throws -> Void) throws -> Void
    }

    init(_ schema: TableSchema, documents: DocumentRows) {
        self.schema = schema
        self.documents = documents
        self.rows = { body in for i in documents.ids.indices { try documents.rows(i, body) } }
    }

    init(_ schema: TableSchema, rows: [[String]]) {
        self.schema = schema
        self.rows = { body in for row in rows { try body(row) } }
        documents = nil
    }

    init(_ schema: TableSchema, rows: @escaping @Sendable (_ row: ([String]) throws -> Void) throws -> Void) {
        self.schema = schema
        self.rows = rows
        documents = nil
    }

    init(_ schema: TableSchema, _ table: CSVTable) {
        precondition(table.header == schema.header, "the table \(schema.name) must have the schema's columns")
        self.init(schema, rows: table.rows)
    }

    /// The CSV text (header and rows), cells written as `cells` says (SQLite and JSON keep them exact).
    public func csvText(_ cells: CSVTable.Cells = .spreadsheetSafe) throws -> String {
        var out = CSVTable.line(schema.header, cells)
        let width = schema.fields.count
        try rows { row in
            precondition(row.count == width, "a row of \(schema.name) needs one field per column")
            out += CSVTable.line(row, cells)
        }
        return out
    }

    /// The CSV text's UTF-8 bytes (the same as ``csvText(_:)``), written straight into one buffer.
    public func csvBytes(_ cells: CSVTable.Cells = .spreadsheetSafe) throws -> [UInt8] {
        var out: [UInt8] = []
        CSVTable.appendLine(schema.header, cells, to: &out)
        let width = schema.fields.count
        try rows { row in
            precondition(row.count == width, "a row of \(schema.name) needs one field per column")
            CSVTable.appendLine(row, cells, to: &out)
        }
        return out
    }

    /// The file's bytes: the CSV text, gzip-compressed when the file name ends in `.gz`.
    public func fileBytes(_ cells: CSVTable.Cells = .spreadsheetSafe) throws -> [UInt8] {
        var out: [UInt8] = []
        try writeFile(cells) { out.append(contentsOf: $0) }
        return out
    }

    /// The bytes of ``fileBytes(_:)`` handed to `sink` in pieces as the rows are made
    /// (CSV text in pieces of about `chunkBytes`, compressed on the way for `.gz`), so a
    /// large table is never held whole, as text or compressed.
    public func writeFile(_ cells: CSVTable.Cells = .spreadsheetSafe, chunkBytes: Int = 1 << 20,
                          to sink: @escaping ([UInt8]) throws -> Void) throws {
        let gzip = schema.file.hasSuffix(".gz") ? try GzipDeflater.Stream(sink: sink) : nil
        let emit: ([UInt8]) throws -> Void = { bytes in
            if let gzip { try gzip.append(bytes) } else { try sink(bytes) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chunkBytes + 4096)
        CSVTable.appendLine(schema.header, cells, to: &out)
        let width = schema.fields.count
        try rows { row in
            precondition(row.count == width, "a row of \(schema.name) needs one field per column")
            CSVTable.appendLine(row, cells, to: &out)
            if out.count >= chunkBytes {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try emit(out) }
        try gzip?.finish()
    }

    /// The file as ``writeFile(_:chunkBytes:to:)`` writes it; for a table laid out document by
    /// document, with the bytes of the documents `previous` allows copied from the last run's
    /// file, and the segments of its documents returned.
    func writeFile(_ cells: CSVTable.Cells, previous: PreviousOutputs?, to sink: @escaping ([UInt8]) throws -> Void) throws -> DocumentSegments.File? {
        guard let documents else {
            try writeFile(cells, to: sink)
            return nil
        }
        var header: [UInt8] = []
        CSVTable.appendLine(schema.header, cells, to: &header)
        let width = schema.fields.count, name = schema.file
        let render: (Int, inout [UInt8]) throws -> Void = { i, out in
            try documents.rows(i) { row in
                precondition(row.count == width, "a row of \(name) needs one field per column")
                CSVTable.appendLine(row, cells, to: &out)
            }
        }
        return name.hasSuffix(".gz")
            ? try SegmentedLayout.gzip(name, header: header, ids: documents.ids, previous: previous, to: sink, render: render)
            : try SegmentedLayout.plain(name, header: header, ids: documents.ids, previous: previous, to: sink, render: render)
    }
}

/// The run's tables, written from the typed corpus analysis: one function per table,
/// each laid out by its schema in ``RunSchema``.
public enum RunTables {
    static func optional(_ v: Double?) -> String { v.map { CSVTable.number($0) } ?? "" }

    /// The configuration-dependent columns of `analysis`.
    public static func columns(_ analysis: CorpusAnalysis) -> RunSchema.Columns {
        RunSchema.Columns(targets: analysis.targets.keys, topThemes: analysis.topThemes.map(\.path))
    }

    /// Every table of the run, in ``RunSchema/tables(_:topics:)`` order (topic tables
    /// only when topics were modelled).
    public static func tables(_ analysis: CorpusAnalysis, failures: [FailureRecord]) -> [RunTable] {
        let columns = columns(analysis), t = analysis.termStatistics
        var keyness = TermStatisticsTables.keyness([], n: 1, target: "", reference: "")
        for k in t.keyness {
            keyness.rows += TermStatisticsTables.keyness(k.rows, n: 1, target: "\(k.variable)=\(k.target)",
                                                         reference: "\(k.variable)=\(k.reference)").rows
        }
        let docs = analysis.documents, ids = docs.map(\.id), themeList = analysis.themes
        var tables = [
            RunTable(RunSchema.documents(columns), documents: .init(ids: ids) { i, body in try body(documentRow(docs[i], columns: columns)) }),
            RunTable(RunSchema.terms, terms(analysis)),
            RunTable(RunSchema.themes, documents: .init(ids: ids) { i, body in
                for row in themeRows(docs[i], themes: themeList) { try body(row) }
            }),
            RunTable(RunSchema.sentiment(columns), documents: .init(ids: ids) { i, body in try body(sentimentRow(docs[i], columns: columns)) }),
            RunTable(RunSchema.failures, Self.failures(failures)),
            RunTable(RunSchema.themesByGroup, themesByGroup(analysis.groups)),
            RunTable(RunSchema.termFrequencies, rows: splitYear(TermStatisticsTables.frequencies(t.frequencies).rows)),
            RunTable(RunSchema.keyness, rows: keyness.rows),
            RunTable(RunSchema.collocations, rows: TermStatisticsTables.collocations(t.collocations).rows),
            RunTable(RunSchema.duplicates, rows: TermStatisticsTables.duplicates(t.statistics.clusters, documents: t.statistics.documents).rows),
            tokens(t.statistics.documents),
        ]
        if let topics = analysis.topics {
            tables.append(RunTable(RunSchema.topicsTable, topicsTable(topics.rows)))
            tables.append(RunTable(RunSchema.documentTopics, documentTopicsTable(topics.analysis, documents: analysis.documents)))
            tables.append(documentTopicsLong(topics.analysis, documents: analysis.documents))
        }
        return tables
    }

    /// `documents.csv`: one row per document; a `sentiment_<target>` column per target.
    public static func documents(_ analysis: CorpusAnalysis) -> CSVTable {
        let columns = columns(analysis)
        var table = RunSchema.documents(columns).csv
        for d in analysis.documents { table.append(documentRow(d, columns: columns)) }
        return table
    }

    /// The row of one document in `documents.csv`.
    static func documentRow(_ d: DocumentAnalysis, columns: RunSchema.Columns) -> [String] {
        let a = d.article, published = PublishedDate(a.date)
        var row: [String] = [a.id, a.path, a.item.map(String.init) ?? "", a.title ?? "", a.date ?? "",
                             published.utc ?? "", published.localDate ?? "", d.language.rawValue,
                             a.site ?? "", a.authors.joined(separator: "; "), a.url ?? "", a.format.rawValue, a.encoding,
                             String(d.tokenCount), String(d.termSequence.count), String(d.sentenceCount), CSVTable.number(d.sentiment)]
        row += columns.targets.map { optional(d.targetSentiment[$0]) }
        row += [d.focus.label, optional(d.framingIndex)]
        row += columns.topThemes.map { String(d.themeHits($0)) }
        row += columns.targets.flatMap { [String(d.towardTargets[$0]?.mentions ?? 0), String(d.towardTargets[$0]?.sentences ?? 0)] }
        row += [optional(d.pageFramingIndex), d.scopeSentences.map(String.init) ?? "",
                d.themes.scopedHits == nil ? "" : String(d.themes.scopedTokenCount)]
        row += columns.topThemes.map { t in d.themes.scopedHits.map { String($0[t] ?? 0) } ?? "" }
        row += [a.pageType.rawValue, CSVTable.number(a.extractionConfidence)]
        return row
    }

    /// `terms.csv`: term counts per language.
    public static func terms(_ analysis: CorpusAnalysis) -> CSVTable {
        var table = RunSchema.terms.csv
        for t in analysis.terms {
            table.append([t.term, t.group, String(t.count), String(t.documentFrequency), String(t.rank)])
        }
        return table
    }

    /// `themes.csv`: one row per document and theme.
    public static func themes(_ analysis: CorpusAnalysis) -> CSVTable {
        var table = RunSchema.themes.csv
        for d in analysis.documents { for row in themeRows(d, themes: analysis.themes) { table.append(row) } }
        return table
    }

    /// The rows of one document in `themes.csv`.
    static func themeRows(_ d: DocumentAnalysis, themes: [ThemeInfo]) -> [[String]] {
        themes.map { theme in
            let hits = d.themeHits(theme.path)
            return [d.id, theme.path, theme.parent ?? "", String(hits), CSVTable.number(d.themeRate(theme.path)),
                    hits > 0 ? optional(d.themeSentiment[theme.path]) : ""]
        }
    }

    /// `sentiment.csv`: overall, per target and per top-level theme.
    public static func sentiment(_ analysis: CorpusAnalysis) -> CSVTable {
        let columns = columns(analysis)
        var table = RunSchema.sentiment(columns).csv
        for d in analysis.documents { table.append(sentimentRow(d, columns: columns)) }
        return table
    }

    /// The row of one document in `sentiment.csv`.
    static func sentimentRow(_ d: DocumentAnalysis, columns: RunSchema.Columns) -> [String] {
        [d.id, d.language.rawValue, d.focus.label, CSVTable.number(d.sentiment)]
            + columns.targets.map { optional(d.targetSentiment[$0]) }
            + columns.topThemes.map { d.themeHits($0) > 0 ? optional(d.themeSentiment[$0]) : "" }
    }

    /// `failures.csv`.
    public static func failures(_ failures: [FailureRecord]) -> CSVTable {
        var table = RunSchema.failures.csv
        for f in failures { table.append([f.path, f.stage, f.code, f.reason]) }
        return table
    }

    /// The `group` and `year` cells of a group label: a year goes to `year` (so
    /// `group` never mixes years with names), `undated` and other labels to `group`.
    static func groupCells(dimension: String, group: String) -> [String] {
        if dimension == "year", group.count == 4, Int(group) != nil { return ["", group] }
        return [group, ""]
    }

    /// Rows of a ``TermStatisticsTables/frequencies(_:)`` table with the `year` column added after `group`.
    static func splitYear(_ rows: [[String]]) -> [[String]] {
        rows.map { row in [row[0]] + groupCells(dimension: row[0], group: row[1]) + row[2...] }
    }

    /// `themes_by_group.csv`: one row per group and measure (n 0 and empty cells where undefined).
    public static func themesByGroup(_ groups: GroupMeasures) -> CSVTable {
        var csv = RunSchema.themesByGroup.csv
        for row in groups.rows {
            let label = groupCells(dimension: row.dimension, group: row.group)
            for measure in groups.measures {
                guard let interval = row.measures[measure] else {
                    csv.append([row.dimension] + label + [String(row.documents), measure, "0", "", "", ""])
                    continue
                }
                csv.append([row.dimension] + label + [String(row.documents), measure, String(interval.count),
                            CSVTable.number(interval.mean), CSVTable.number(interval.lower), CSVTable.number(interval.upper)])
            }
        }
        return csv
    }

    /// `tokens.csv.gz`: one row per word-like token of every stored sentence.
    public static func tokens(_ documents: [StoredDocument]) -> RunTable {
        RunTable(RunSchema.tokens, documents: .init(ids: documents.map(\.id)) { i, body in
            let d = documents[i]
            for (s, sentence) in d.sentences.enumerated() {
                let utf8 = Array(sentence.text.utf8)
                let sentenceIndex = String(s)
                for (p, token) in sentence.tokens.enumerated() {
                    let r = token.range.clamped(to: 0..<utf8.count)
                    let stopword = token.isStopword.map { $0 ? "true" : "false" } ?? ""
                    try body([d.id, sentenceIndex, String(p), String(decoding: utf8[r], as: UTF8.self), token.term,
                              token.kind?.rawValue ?? "", stopword, token.isContent ? "true" : "false"])
                }
            }
        })
    }

    /// `topics.csv`: one row per topic.
    ///
    /// Columns: `topic` (`ja-3`), `language`, `label`, `top_terms` (by relevance, space-separated),
    /// `share` (mean proportion over all documents that have a model, so shares of all
    /// topics sum to 1), `documents` (documents whose main topic it is), `coherence`
    /// (NPMI of the top-10 probable terms), `representative` (titles, ` | `-separated).
    public static func topicsTable(_ rows: [TopicRow]) -> CSVTable {
        var table = RunSchema.topicsTable.csv
        for r in rows {
            let s = r.summary
            table.append([s.name, s.language, s.label, s.topTerms.joined(separator: " "), CSVTable.number(r.share),
                          String(s.mainDocuments), CSVTable.number(s.coherence), r.representatives.joined(separator: " | ")])
        }
        return table
    }

    /// `document_topics.csv`: one row per document.
    ///
    /// Columns: `id`, `path`, `language`, `main_topic` (empty when the language has no
    /// model), `main_proportion`, `proportions` (θ of the language's topics 0…K−1, space-separated).
    public static func documentTopicsTable(_ analysis: TopicAnalysis, documents: [DocumentAnalysis]) -> CSVTable {
        var table = RunSchema.documentTopics.csv
        for (d, document) in documents.enumerated() {
            let theta = analysis.assignments[d]?.proportions ?? []
            let main = TopicSummarizer.mainTopic(theta)
            table.append([document.id, document.article.path, document.language.rawValue, analysis.mainTopic(ofDocument: d) ?? "",
                          main.map { CSVTable.number(theta[$0]) } ?? "", theta.map { CSVTable.number($0) }.joined(separator: " ")])
        }
        return table
    }

    /// `document_topics_long.csv`: one row per document and topic of its language's model.
    public static func documentTopicsLong(_ analysis: TopicAnalysis, documents: [DocumentAnalysis]) -> RunTable {
        var rows: [[String]] = []
        for (d, document) in documents.enumerated() {
            guard let assignment = analysis.assignments[d], analysis.models.indices.contains(assignment.model) else { continue }
            let language = analysis.models[assignment.model].language
            for (k, proportion) in assignment.proportions.enumerated() {
                rows.append([document.id, language.isEmpty ? "\(k)" : "\(language)-\(k)", CSVTable.number(proportion)])
            }
        }
        return RunTable(RunSchema.documentTopicsLong, rows: rows)
    }
}
