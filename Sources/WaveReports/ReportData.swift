/// Everything the reporter writes, gathered by the run.
public struct ReportData: Sendable {
    public var summary: RunSummary
    public var documents: [DocumentRecord]
    public var themes: [ThemeInfo]
    public var terms: [TermRecord]
    public var evidence: [EvidenceRecord]

    public init(summary: RunSummary, documents: [DocumentRecord], themes: [ThemeInfo],
                terms: [TermRecord], evidence: [EvidenceRecord]) {
        self.summary = summary; self.documents = documents; self.themes = themes
        self.terms = terms; self.evidence = evidence
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

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
