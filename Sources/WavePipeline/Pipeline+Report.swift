import Foundation
import WaveReports
import WaveTerms
import WaveText

extension Pipeline {
    /// Gathers the analysed documents into the report's data: document-term
    /// counts per language, theme totals, sentiment by focus, evidence.
    static func report(results: [Analyzer.Result], summary: RunSummary, analyzer: Analyzer,
                       evidencePerTheme: Int, started: Date) -> ReportData {
        var summary = summary
        let records = results.map(\.record)
        var matrix = DocumentTermMatrix()
        for result in results { matrix.append(documentID: result.record.id, terms: result.terms) }
        let frequencies = matrix.frequencies(groupedBy: records.map(\.language))
        let terms = frequencies.map {
            TermRecord(term: $0.term, language: $0.group, count: $0.count, documentFrequency: $0.documentFrequency, rank: $0.rank)
        }

        summary.documents = records.count
        summary.tokens = records.reduce(0) { $0 + $1.tokens }
        for record in records {
            summary.documentsByLanguage[record.language, default: 0] += 1
            summary.documentsByFormat[record.format, default: 0] += 1
            summary.documentsByFocus[record.focus, default: 0] += 1
            for (theme, hits) in record.themeHits { summary.themeTotals[theme, default: 0] += hits }
        }
        for theme in analyzer.themes.dictionary.themes where summary.themeTotals[theme.path] == nil {
            summary.themeTotals[theme.path] = 0
        }
        for (focus, docs) in Dictionary(grouping: records, by: \.focus) {
            summary.sentimentByFocus[focus] = docs.reduce(0) { $0 + $1.sentiment } / Double(docs.count)
        }
        summary.failures.sort { ($0.path, $0.stage) < ($1.path, $1.stage) }
        summary.seconds = Date().timeIntervalSince(started)

        let themes = analyzer.themes.dictionary.themes.map { ThemeInfo(path: $0.path, label: $0.label, parent: $0.parent) }
        var evidence: [EvidenceRecord] = []
        for theme in themes where theme.parent == nil {
            // The documents with the most hits give the examples.
            let best = results.filter { $0.evidence[theme.path] != nil }
                .sorted { ($0.record.themeHits[theme.path] ?? 0, $1.record.id) > ($1.record.themeHits[theme.path] ?? 0, $0.record.id) }
                .prefix(evidencePerTheme)
            evidence += best.map {
                EvidenceRecord(theme: theme.path, documentID: $0.record.id, title: $0.record.title,
                               sentence: String($0.evidence[theme.path]!.prefix(400)))
            }
        }
        return withTermStatistics(ReportData(summary: summary, documents: records, themes: themes, terms: terms, evidence: evidence),
                                  results: results)
    }
}
