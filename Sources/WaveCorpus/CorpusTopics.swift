import WaveTopics

/// A run's topics with what the tables and the report show of them: one row
/// per topic, and topic shares over time, by focus and by site.
public struct CorpusTopics: Sendable {
    public var analysis: TopicAnalysis
    /// One per summary, in summary order (`topics.csv`).
    public var rows: [TopicRow]
    /// True when the documents span at most one year: shares over time are per month.
    public var monthly: Bool
    /// Shares per period (month or year; `undated` for documents without one), periods sorted.
    public var periods: [TopicShares]
    /// Shares per focus and per site: the 8 groups with the most documents each.
    public var byFocus: [TopicShares]
    public var bySite: [TopicShares]
    /// Summary indices of the 10 topics with the largest share (ties by index).
    public var shown: [Int]

    public init(_ documents: [DocumentAnalysis], analysis: TopicAnalysis) {
        self.analysis = analysis
        rows = TopicRow.rows(analysis, documents: documents)
        monthly = Set(documents.compactMap(\.year)).count <= 1
        let monthly = monthly
        periods = TopicShares.of(analysis, documents: documents) { document in
            guard let date = document.article.date, date.count >= 7 else { return "undated" }
            return monthly ? String(date.prefix(7)) : String(date.prefix(4))
        }
        byFocus = TopicShares.largest(TopicShares.of(analysis, documents: documents) { $0.focus.label })
        bySite = TopicShares.largest(TopicShares.of(analysis, documents: documents) { $0.article.site ?? "unknown" })
        let summaries = analysis.summaries
        shown = Array(summaries.indices.sorted { (summaries[$0].share, $1) > (summaries[$1].share, $0) }.prefix(10))
    }
}

/// One topic as `topics.csv` lists it.
public struct TopicRow: Sendable, Equatable {
    public var summary: TopicSummary
    /// Mean proportion over all documents that have a model (shares of all topics sum to 1).
    public var share: Double
    /// Titles (or ids) of the representative documents.
    public var representatives: [String]

    static func rows(_ analysis: TopicAnalysis, documents: [DocumentAnalysis]) -> [TopicRow] {
        let modelled = Double(max(analysis.assignments.compactMap { $0 }.count, 1))
        return analysis.summaries.map { summary in
            let members = analysis.assignments.filter { $0.map { analysis.models[$0.model].language == summary.language } ?? false }
            let share = Double(members.count) * summary.share / modelled
            let titles = summary.representativeDocuments.map { documents[$0].article.title ?? documents[$0].id }
            return TopicRow(summary: summary, share: share, representatives: titles)
        }
    }
}

/// Mean topic proportions of one group of documents, per summary index.
public struct TopicShares: Sendable, Hashable {
    public var group: String
    /// Documents of the group with a model.
    public var documents: Int
    public var shares: [Double]

    /// For each group key, the mean proportion of each topic over the group's documents with a model.
    static func of(_ analysis: TopicAnalysis, documents: [DocumentAnalysis],
                   key: (DocumentAnalysis) -> String) -> [TopicShares] {
        var sums: [String: [Double]] = [:], counts: [String: Int] = [:]
        let index = Dictionary(uniqueKeysWithValues: analysis.summaries.enumerated().map {
            ("\($0.element.language)\t\($0.element.topic)", $0.offset)
        })
        for (d, document) in documents.enumerated() {
            guard let a = analysis.assignments[d] else { continue }
            let g = key(document)
            var row = sums[g] ?? [Double](repeating: 0, count: analysis.summaries.count)
            for (k, p) in a.proportions.enumerated() {
                if let i = index["\(analysis.models[a.model].language)\t\(k)"] { row[i] += p }
            }
            sums[g] = row
            counts[g, default: 0] += 1
        }
        return sums.keys.sorted().map { g in
            let n = counts[g] ?? 1
            return TopicShares(group: g, documents: n, shares: (sums[g] ?? []).map { $0 / Double(n) })
        }
    }

    /// The `limit` groups with the most documents (ties by name).
    static func largest(_ groups: [TopicShares], limit: Int = 8) -> [TopicShares] {
        Array(groups.sorted { ($0.documents, $1.group) > ($1.documents, $0.group) }.prefix(limit))
    }
}
