import WaveTopics
import WaveCorpus

extension ReportModel {
    /// Topics with labels, terms, share and coherence; representative documents;
    /// shares over time (a chart), per focus and per site.
    static func topics(_ topics: CorpusTopics) -> ReportSection {
        let analysis = topics.analysis
        let parameters = analysis.models.map { "\($0.language): K=\($0.topicCount), \($0.iterations) sweeps, seed \($0.seed)" }
            .joined(separator: "; ")
        var blocks: [ReportBlock] = []
        if !analysis.models.isEmpty {
            blocks.append(.text("Topics found by LDA (collapsed Gibbs sampling), one model per language (\(parameters)). Terms are ranked by relevance (λ = 0.6); coherence is NPMI of the top 10 terms. Unless the run names K (--topics), K comes from each language's document count: √(documents / 5), kept between 3 and 20."))
        }
        if !analysis.skippedLanguages.isEmpty {
            let minimum = analysis.minDocuments > 0 ? " (a language needs at least \(analysis.minDocuments) documents with content terms)" : ""
            let languages = analysis.skippedLanguages.sorted { $0.key < $1.key }
                .map { "\($0.key) (\($0.value) document\($0.value == 1 ? "" : "s"))" }.joined(separator: ", ")
            blocks.append(.text("Too few documents for a topic model\(minimum), so no topics for: \(languages)."))
        }
        guard !analysis.models.isEmpty else {
            return ReportSection(title: "Topics", blocks: blocks + [.blankLine, .blankLine], anchor: "topics")
        }
        blocks.append(.table(ReportTable(
            header: ["topic", "label", "top terms", "share", "documents", "coherence", "representative documents"],
            text: topics.rows.map { r in
                [r.summary.name, r.summary.label, r.summary.topTerms.joined(separator: " "), CSVTable.number(r.share),
                 String(r.summary.mainDocuments), CSVTable.number(r.summary.coherence), r.representatives.joined(separator: " | ")]
            })))
        let names = analysis.summaries.map { "\($0.name) \($0.label)" }
        let shownNames = topics.shown.map { analysis.summaries[$0].name }
        func shareRows(_ groups: [TopicShares]) -> [[String]] {
            groups.map { g in [g.group, String(g.documents)] + topics.shown.map { CSVTable.number(g.shares[$0], decimals: 3) } }
        }
        if !topics.periods.isEmpty {
            let period = topics.monthly ? "month" : "year"
            blocks += [
                .subheading("Topic share over time", bold: false),
                .chart(.lines(title: "Mean topic proportion per \(period)", categories: topics.periods.map(\.group),
                              series: topics.shown.map { i in (names[i], topics.periods.map { $0.shares[i] }) })),
                .only(.markdown, .table(ReportTable(header: [period, "documents"] + shownNames, text: shareRows(topics.periods)))),
            ]
        }
        for (title, groups) in [("country focus", topics.byFocus), ("site", topics.bySite)] where !groups.isEmpty {
            blocks += [.subheading("Topic share by \(title)", bold: false),
                       .table(ReportTable(header: [title, "documents"] + shownNames, text: shareRows(groups)))]
        }
        return ReportSection(title: "Topics", blocks: blocks + [.blankLine, .blankLine], anchor: "topics")
    }
}
