/// Everything the reporter writes, gathered by the run.
public struct ReportData: Sendable {
    public var summary: RunSummary
    public var documents: [DocumentRecord]
    public var themes: [ThemeInfo]
    public var terms: [TermRecord]
    public var evidence: [EvidenceRecord]
    /// Further report sections (term statistics, topics…), in order, after the built-in ones.
    public var sections: [ReportSection]
    /// Further tables written beside the built-in ones.
    public var tables: [OutputTable]

    public init(summary: RunSummary, documents: [DocumentRecord], themes: [ThemeInfo],
                terms: [TermRecord], evidence: [EvidenceRecord], sections: [ReportSection] = [],
                tables: [OutputTable] = []) {
        self.summary = summary; self.documents = documents; self.themes = themes
        self.terms = terms; self.evidence = evidence; self.sections = sections; self.tables = tables
    }

    /// Top-level themes, in dictionary order.
    public var topThemes: [ThemeInfo] { themes.filter { $0.parent == nil } }

    /// Mean rate per 1,000 tokens of each top-level theme per year, years ascending.
    public var themeRatesByYear: [(year: String, rates: [String: Double], documents: Int)] {
        var groups: [String: [DocumentRecord]] = [:]
        for document in documents {
            groups[document.year ?? "undated", default: []].append(document)
        }
        return groups.keys.sorted().map { year in
            let docs = groups[year]!
            var rates: [String: Double] = [:]
            for theme in topThemes {
                rates[theme.path] = docs.reduce(0) { $0 + ($1.themeRates[theme.path] ?? 0) } / Double(docs.count)
            }
            return (year, rates, docs.count)
        }
    }

    /// Sentiment per country focus: documents, mean overall, mean toward Japan
    /// and toward Korea (over the documents that mention each).
    public var sentimentByFocus: [(focus: String, documents: Int, overall: Double, japan: Double?, korea: Double?)] {
        let order = ["japan", "korea", "both", "neither"]
        return order.compactMap { focus in
            let docs = documents.filter { $0.focus == focus }
            guard !docs.isEmpty else { return nil }
            return (focus, docs.count, Self.mean(docs.map(\.sentiment))!,
                    Self.mean(docs.compactMap(\.sentimentJapan)), Self.mean(docs.compactMap(\.sentimentKorea)))
        }
    }

    /// "en 3, ja 2" for a count table, "none" when empty.
    static func describe(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

/// A report section contributed by a later stage, rendered in both reports.
public struct ReportSection: Sendable {
    public var title: String
    /// Markdown body (already escaped by the producer; use ``MarkdownText/cell(_:)``).
    public var markdown: String
    /// HTML body (already escaped by the producer; use ``HTML/escape(_:)``); may hold inline SVG.
    public var html: String
    public init(title: String, markdown: String, html: String) {
        self.title = title; self.markdown = markdown; self.html = html
    }
}

/// A table written into the output folder (a plain file name, e.g. `keyness.csv`).
public struct OutputTable: Sendable {
    public var name: String
    public var text: String
    public init(name: String, text: String) { self.name = name; self.text = text }
}
