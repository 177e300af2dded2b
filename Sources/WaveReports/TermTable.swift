import Foundation
import WaveTerms

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

    /// The table as `format`; CSV cells spreadsheet-safe unless `cells` is `.raw`.
    public func render(_ format: Format, cells: CSVTable.Cells = .spreadsheetSafe) -> String {
        switch format {
        case .csv:
            var table = CSVTable(header: header)
            for row in rows { table.append(row) }
            return table.render(cells)
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
    public static func num(_ v: Double, _ decimals: Int = 4) -> String {
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

    public static func pValue(_ p: Double) -> String { p == 0 ? "0.0" : (p < 1e-4 ? String(format: "%.3e", p) : num(p, 6)) }

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
