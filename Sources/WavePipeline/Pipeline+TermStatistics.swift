import Foundation
import WaveReports
import WaveTerms
import WaveText

/// A table of term statistics, rendered as CSV, JSON lines or aligned text; the
/// run's `keyness.csv`, `collocations.csv`, `duplicates.csv`, `term_frequencies.csv`
/// and the `wavelength keyness|collocations|terms|kwic` commands share it.
public struct TermTable: Sendable {
    public var header: [String]
    /// Which columns are numbers (written unquoted in JSON).
    public var numeric: Set<String>
    public var rows: [[String]] = []

    public init(header: [String], numeric: Set<String> = []) { self.header = header; self.numeric = numeric }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "one field per column")
        rows.append(row)
    }

    public enum Format: String, Sendable, CaseIterable { case csv, jsonl, table }

    public func render(_ format: Format) -> String {
        switch format {
        case .csv:
            var table = CSVTable(header: header)
            for row in rows { table.append(row) }
            return table.text
        case .jsonl:
            return rows.map { row in
                "{" + zip(header, row).map { key, value in
                    let v = numeric.contains(key) && !value.isEmpty && Double(value) != nil ? value : Self.jsonString(value)
                    return Self.jsonString(key) + ":" + v
                }.joined(separator: ",") + "}\n"
            }.joined()
        case .table:
            var widths = header.map(\.count)
            for row in rows { for (i, f) in row.enumerated() { widths[i] = max(widths[i], f.count) } }
            func line(_ fields: [String]) -> String {
                fields.enumerated().map { i, f in
                    let pad = String(repeating: " ", count: widths[i] - f.count)
                    return numeric.contains(header[i]) ? pad + f : f + pad
                }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            }
            return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
        }
    }

    /// A JSON string literal, escaped by Foundation's encoder.
    static func jsonString(_ s: String) -> String {
        (try? String(decoding: jsonEncoder.encode(s), as: UTF8.self)) ?? "\"\""
    }

    private static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}

/// Builders of the term-statistics tables from a ``TermCorpus``.
public enum TermStatisticsTables {
    static func num(_ v: Double, _ decimals: Int = 4) -> String {
        v.isFinite ? CSVTable.number(v, decimals: decimals) : (v > 0 ? "inf" : "-inf")
    }

    /// keyness.csv: one row per term (and counting: raw, or dedup with each near-duplicate cluster once).
    public static func keyness(_ rows: [(counting: String, score: KeynessScore)], n: Int, target: String, reference: String) -> TermTable {
        var table = TermTable(header: ["target", "reference", "counting", "n", "term", "target_count", "reference_count",
                                       "target_total", "reference_total", "g2", "p_g2", "chi2", "p_chi2", "log_ratio"],
                              numeric: ["n", "target_count", "reference_count", "target_total", "reference_total",
                                        "g2", "p_g2", "chi2", "p_chi2", "log_ratio"])
        for (counting, s) in rows {
            table.append([target, reference, counting, String(n), s.term, String(s.targetCount), String(s.referenceCount),
                          String(s.targetTotal), String(s.referenceTotal), num(s.logLikelihood), pValue(s.pLogLikelihood),
                          num(s.chiSquared), pValue(s.pChiSquared), num(s.logRatio)])
        }
        return table
    }

    static func pValue(_ p: Double) -> String { p == 0 ? "0" : (p < 1e-4 ? String(format: "%.3e", p) : num(p, 6)) }

    /// collocations.csv: one row per candidate.
    public static func collocations(_ rows: [Collocation]) -> TermTable {
        var table = TermTable(header: ["n", "collocation", "count", "document_frequency", "count_dedup",
                                       "document_frequency_dedup", "g2", "pmi", "t_score", "a", "b", "c", "d"],
                              numeric: ["n", "count", "document_frequency", "count_dedup", "document_frequency_dedup",
                                        "g2", "pmi", "t_score", "a", "b", "c", "d"])
        for c in rows {
            let t = c.table
            table.append([String(c.terms.count), c.text, String(c.count), String(c.documentFrequency),
                          String(c.dedupCount), String(c.dedupDocumentFrequency), num(c.logLikelihood),
                          num(c.pointwiseMutualInformation), num(c.tScore),
                          String(Int(t.a)), String(Int(t.b)), String(Int(t.c)), String(Int(t.d))])
        }
        return table
    }

    /// duplicates.csv: one row per member of each near-duplicate cluster.
    public static func duplicates(_ clusters: [DuplicateCluster], documents: [StoredDocument]) -> TermTable {
        var table = TermTable(header: ["cluster", "size", "document_id", "representative_id", "is_representative",
                                       "jaccard", "date", "site", "language", "title"],
                              numeric: ["cluster", "size", "jaccard"])
        for (k, cluster) in clusters.enumerated() {
            for (member, similarity) in zip(cluster.members, cluster.similarities) {
                let d = documents[member]
                table.append([String(k + 1), String(cluster.members.count), d.id, documents[cluster.representative].id,
                              member == cluster.representative ? "true" : "false", num(similarity), d.date, d.site,
                              d.language, String(d.title.prefix(200))])
            }
        }
        return table
    }

    /// term_frequencies.csv: grouped frequency rows.
    public static func frequencies(_ rows: [GroupedTermFrequency]) -> TermTable {
        var table = TermTable(header: ["variable", "group", "n", "term", "count", "document_frequency",
                                       "count_dedup", "document_frequency_dedup", "rank"],
                              numeric: ["n", "count", "document_frequency", "count_dedup", "document_frequency_dedup", "rank"])
        for r in rows {
            table.append([r.variable, r.group, String(r.n), r.term, String(r.count), String(r.documentFrequency),
                          String(r.dedupCount), String(r.dedupDocumentFrequency), String(r.rank)])
        }
        return table
    }

    /// KWIC lines.
    public static func concordance(_ lines: [ConcordanceLine]) -> TermTable {
        var table = TermTable(header: ["document_id", "sentence", "left", "keyword", "right"], numeric: ["sentence"])
        for l in lines { table.append([l.documentID, String(l.sentence), l.left, l.keyword, l.right]) }
        return table
    }
}

/// What the run computes of term statistics, with its defaults.
public struct TermStatisticsSettings: Sendable {
    /// Keyness groups: the document variable and the target and reference values.
    public var keynessVariable = "focus"
    public var keynessTarget = "japan"
    public var keynessReference = "korea"
    public var keynessMinCount = 2
    public var collocationMinCount = 2
    public var collocationsPerSize = 1000
    /// Grouped frequencies written per group and variable.
    public var frequenciesPerGroup = 50
    public var frequencyVariables = ["language", "site", "year", "month", "week", "focus", "theme"]
    public var duplicates = NearDuplicateFinder()
    public init() {}
}

extension Analyzer {
    /// The stored form of an analysed document (for `tokens.tsv`).
    static func stored(_ document: TokenizedDocument, record: DocumentRecord, topLevelThemes: [String]) -> StoredDocument {
        let theme = topLevelThemes.filter { (record.themeHits[$0] ?? 0) > 0 }
            .max { (record.themeHits[$0] ?? 0, $1) < (record.themeHits[$1] ?? 0, $0) } ?? ""
        return StoredDocument(document: document, focus: record.focus, site: record.site ?? "", date: record.date ?? "",
                              theme: theme, title: String((record.title ?? "").prefix(300)))
    }
}

/// The term statistics of a set of stored documents, as the run and the CLI compute them.
public struct TermStatistics: Sendable {
    public var documents: [StoredDocument]
    public var corpus: TermCorpus
    public var clusters: [DuplicateCluster]

    /// Counts the documents and finds their near-duplicate clusters.
    public init(documents: [StoredDocument], ngramSizes: [Int] = [2, 3], span: NGramSpan = .sentence,
                duplicates: NearDuplicateFinder = NearDuplicateFinder()) {
        self.documents = documents
        corpus = TermCorpus(documents: documents, ngramSizes: ngramSizes, span: span)
        clusters = duplicates.clusters(in: documents)
        corpus.setCounted(NearDuplicateFinder.countedOnce(documentCount: documents.count, clusters: clusters))
    }

    /// Keyness rows (raw, then dedup) of `variable` = `target` against `reference`
    /// (`reference` nil: every other document).
    public func keyness(variable: String, target: String, reference: String?, n: Int = 1,
                        minCount: Int, dedup: Bool? = nil) -> [(counting: String, score: KeynessScore)] {
        let groups = documents.map { $0.group(variable) ?? "" }
        let isTarget: (Int) -> Bool = { groups[$0] == target }
        let isReference: (Int) -> Bool = { reference == nil ? groups[$0] != target : groups[$0] == reference }
        var rows: [(String, KeynessScore)] = []
        for counting in dedup.map({ [$0] }) ?? [false, true] {
            rows += Keyness.scores(corpus: corpus, n: n, target: isTarget, reference: isReference,
                                   minCount: minCount, dedup: counting).map { (counting ? "dedup" : "raw", $0) }
        }
        return rows
    }
}

extension Pipeline {
    /// Adds the term-statistics tables (`tokens.tsv`, `keyness.csv`, `collocations.csv`,
    /// `duplicates.csv`, `term_frequencies.csv`) and report sections to `data`.
    static func withTermStatistics(_ data: ReportData, results: [Analyzer.Result],
                                   settings: TermStatisticsSettings = TermStatisticsSettings()) -> ReportData {
        var data = data
        let stats = TermStatistics(documents: results.map(\.stored), duplicates: settings.duplicates)
        let keyness = stats.keyness(variable: settings.keynessVariable, target: settings.keynessTarget,
                                    reference: settings.keynessReference, minCount: settings.keynessMinCount)
        let collocations = [2, 3].flatMap {
            Collocations.find(in: stats.corpus, n: $0, minCount: settings.collocationMinCount).prefix(settings.collocationsPerSize)
        }
        var frequencies: [GroupedTermFrequency] = []
        for variable in settings.frequencyVariables {
            frequencies += stats.corpus.frequencies(by: variable, n: 1, top: settings.frequenciesPerGroup)
            frequencies += stats.corpus.frequencies(by: variable, n: 2, top: settings.frequenciesPerGroup / 2)
        }
        let target = "\(settings.keynessVariable)=\(settings.keynessTarget)"
        let reference = "\(settings.keynessVariable)=\(settings.keynessReference)"
        data.tables += [
            OutputTable(name: TokenStore.fileName, text: TokenStore.text(stats.documents)),
            OutputTable(name: "keyness.csv", text: TermStatisticsTables.keyness(keyness, n: 1, target: target, reference: reference).render(.csv)),
            OutputTable(name: "collocations.csv", text: TermStatisticsTables.collocations(Array(collocations)).render(.csv)),
            OutputTable(name: "duplicates.csv", text: TermStatisticsTables.duplicates(stats.clusters, documents: stats.documents).render(.csv)),
            OutputTable(name: "term_frequencies.csv", text: TermStatisticsTables.frequencies(frequencies).render(.csv)),
        ]
        data.sections += [
            keynessSection(keyness.filter { $0.counting == "raw" }.map(\.score), settings: settings, stats: stats),
            collocationsSection(Array(collocations)),
            duplicatesSection(stats, finder: settings.duplicates),
        ]
        return data
    }

    static func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
            + rows.map { "| " + $0.map(MarkdownText.cell).joined(separator: " | ") + " |\n" }.joined()
    }

    static func htmlTable(_ header: [String], _ rows: [[String]]) -> String {
        "<table><thead><tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    static func section(_ title: String, _ intro: String, _ header: [String], _ rows: [[String]]) -> ReportSection {
        let md = MarkdownText.cell(intro) + "\n\n" + (rows.isEmpty ? "None.\n" : markdownTable(header, rows))
        let html = "<p>\(HTML.escape(intro))</p>" + (rows.isEmpty ? "<p>None.</p>" : htmlTable(header, rows))
        return ReportSection(title: title, markdown: md, html: html)
    }

    static func keynessSection(_ scores: [KeynessScore], settings: TermStatisticsSettings, stats: TermStatistics) -> ReportSection {
        let n = 15
        let key = scores.filter { $0.logLikelihood > 0 }.prefix(n)
        let negative = scores.filter { $0.logLikelihood < 0 }.sorted { $0.logLikelihood < $1.logLikelihood }.prefix(n)
        let rows = (key + negative).map {
            [$0.term, $0.logLikelihood > 0 ? settings.keynessTarget : settings.keynessReference, String($0.targetCount),
             String($0.referenceCount), TermStatisticsTables.num($0.logLikelihood, 2), TermStatisticsTables.pValue($0.pLogLikelihood),
             TermStatisticsTables.num($0.logRatio, 2)]
        }
        let t = scores.first?.targetTotal ?? 0, r = scores.first?.referenceTotal ?? 0
        return section("Keyness: \(settings.keynessTarget) vs \(settings.keynessReference) (\(settings.keynessVariable))",
                       "Key terms of the \(settings.keynessTarget) documents (\(t) tokens) against the \(settings.keynessReference) documents (\(r) tokens): signed G² (log-likelihood), its p-value (χ², 1 df) and the log ratio (log₂ of the relative-frequency ratio). All terms with their χ² are in keyness.csv, raw and with each syndicated cluster counted once.",
                       ["term", "key for", settings.keynessTarget, settings.keynessReference, "G²", "p", "log ratio"], rows)
    }

    static func collocationsSection(_ collocations: [Collocation]) -> ReportSection {
        let rows = collocations.filter { $0.terms.count == 2 }.prefix(20).map {
            [$0.text, String($0.count), TermStatisticsTables.num($0.logLikelihood, 2),
             TermStatisticsTables.num($0.pointwiseMutualInformation, 2), TermStatisticsTables.num($0.tScore, 2)]
        }
        return section("Collocations", "Adjacent content terms within sentences, by log-likelihood G²; trigrams and the 2×2 tables are in collocations.csv.",
                       ["collocation", "count", "G²", "PMI", "t-score"], Array(rows))
    }

    static func duplicatesSection(_ stats: TermStatistics, finder f: NearDuplicateFinder) -> ReportSection {
        let inClusters = stats.clusters.reduce(0) { $0 + $1.members.count }
        let rows = stats.clusters.prefix(10).enumerated().map { k, c in
            let d = stats.documents[c.representative]
            return [String(k + 1), String(c.members.count), d.title.isEmpty ? d.id : d.title, d.date,
                    TermStatisticsTables.num(c.similarities.min() ?? 1, 2)]
        }
        return section("Syndicated copies",
                       "\(stats.clusters.count) clusters of near-duplicate documents hold \(inClusters) of \(stats.documents.count) documents; counted once each, the corpus has \(stats.corpus.counted.filter { $0 }.count) documents. MinHash over \(f.shingleSize)-term shingles, linked at exact Jaccard ≥ \(f.threshold). Members are in duplicates.csv.",
                       ["cluster", "documents", "representative", "date", "lowest Jaccard"], rows)
    }
}
