import Foundation
import WaveIngest
import WaveText
import WaveTerms
import WaveTopics
import WaveCorpus

/// The run's tables, written from the typed corpus analysis: one function per file.
public enum RunTables {
    static func optional(_ v: Double?) -> String { v.map { CSVTable.number($0) } ?? "" }

    /// The tables beside the built-in ones, in the order the run writes them:
    /// term statistics, `themes_by_group.csv`, and the topic tables when topics were modelled.
    public static func corpusTables(_ analysis: CorpusAnalysis, cells: CSVTable.Cells = .spreadsheetSafe) -> [OutputTable] {
        let t = analysis.termStatistics
        var keyness = TermStatisticsTables.keyness([], n: 1, target: "", reference: "")
        for k in t.keyness {
            keyness.rows += TermStatisticsTables.keyness(k.rows, n: 1, target: "\(k.variable)=\(k.target)",
                                                         reference: "\(k.variable)=\(k.reference)").rows
        }
        var tables = [
            OutputTable(name: TokenStore.fileName, text: TokenStore.text(t.statistics.documents)),
            OutputTable(name: "keyness.csv", text: keyness.render(.csv, cells: cells)),
            OutputTable(name: "collocations.csv", text: TermStatisticsTables.collocations(t.collocations).render(.csv, cells: cells)),
            OutputTable(name: "duplicates.csv",
                        text: TermStatisticsTables.duplicates(t.statistics.clusters, documents: t.statistics.documents).render(.csv, cells: cells)),
            OutputTable(name: "term_frequencies.csv", text: TermStatisticsTables.frequencies(t.frequencies).render(.csv, cells: cells)),
            OutputTable(name: "themes_by_group.csv", text: themesByGroup(analysis.groups).render(cells)),
        ]
        if let topics = analysis.topics {
            tables.append(OutputTable(name: "topics.csv", text: topicsTable(topics.rows).render(cells)))
            tables.append(OutputTable(name: "document_topics.csv",
                                      text: documentTopicsTable(topics.analysis, documents: analysis.documents).render(cells)))
        }
        return tables
    }

    /// `documents.csv`: one row per document; a `sentiment_<target>` column per target.
    /// `framing_index` is over the hits in target scope (empty for a page about no
    /// target); the whole page's index and the in-scope hits per theme follow the
    /// theme columns, with the mentions behind each `sentiment_<target>`.
    public static func documents(_ analysis: CorpusAnalysis) -> CSVTable {
        let themes = analysis.topThemes.map(\.path), targets = analysis.targets.keys
        var table = CSVTable(header: ["id", "path", "item", "title", "date", "language", "site", "authors", "url",
                                      "format", "encoding", "tokens", "terms", "sentences", "sentiment"]
                             + targets.map { "sentiment_\($0)" } + ["focus", "framing_index"] + themes
                             + targets.flatMap { ["mentions_\($0)", "mention_sentences_\($0)"] }
                             + ["framing_index_page", "scope_sentences", "scope_tokens"] + themes.map { "\($0)_in_scope" })
        for d in analysis.documents {
            let a = d.article
            table.append([a.id, a.path, a.item.map(String.init) ?? "", a.title ?? "", a.date ?? "", d.language.rawValue,
                          a.site ?? "", a.authors.joined(separator: "; "), a.url ?? "", a.format.rawValue, a.encoding,
                          String(d.tokenCount), String(d.terms.count), String(d.sentenceCount), CSVTable.number(d.sentiment)]
                         + targets.map { optional(d.targetSentiment[$0]) }
                         + [d.focus.label, optional(d.framingIndex)]
                         + themes.map { String(d.themeHits($0)) }
                         + targets.flatMap { [String(d.towardTargets[$0]?.mentions ?? 0), String(d.towardTargets[$0]?.sentences ?? 0)] }
                         + [optional(d.pageFramingIndex), d.scopeSentences.map(String.init) ?? "",
                            d.themes.scopedHits == nil ? "" : String(d.themes.scopedTokenCount)]
                         + themes.map { t in d.themes.scopedHits.map { String($0[t] ?? 0) } ?? "" })
        }
        return table
    }

    /// `terms.csv`: term counts per language.
    public static func terms(_ analysis: CorpusAnalysis) -> CSVTable {
        var table = CSVTable(header: ["term", "language", "count", "document_frequency", "rank"])
        for t in analysis.terms {
            table.append([t.term, t.group, String(t.count), String(t.documentFrequency), String(t.rank)])
        }
        return table
    }

    /// `themes.csv`: one row per document and theme.
    public static func themes(_ analysis: CorpusAnalysis) -> CSVTable {
        var table = CSVTable(header: ["id", "theme", "parent", "hits", "rate_per_1000", "sentiment"])
        for d in analysis.documents {
            for theme in analysis.themes {
                let hits = d.themeHits(theme.path)
                table.append([d.id, theme.path, theme.parent ?? "", String(hits), CSVTable.number(d.themeRate(theme.path)),
                              hits > 0 ? optional(d.themeSentiment[theme.path]) : ""])
            }
        }
        return table
    }

    /// `sentiment.csv`: overall, per target and per top-level theme.
    public static func sentiment(_ analysis: CorpusAnalysis) -> CSVTable {
        let themes = analysis.topThemes.map(\.path), targets = analysis.targets.keys
        var table = CSVTable(header: ["id", "language", "focus", "sentiment"] + targets.map { "sentiment_\($0)" }
                             + themes.map { "sentiment_\($0)" })
        for d in analysis.documents {
            table.append([d.id, d.language.rawValue, d.focus.label, CSVTable.number(d.sentiment)]
                         + targets.map { optional(d.targetSentiment[$0]) } + themes.map { optional(d.themeSentiment[$0]) })
        }
        return table
    }

    /// `failures.csv`.
    public static func failures(_ failures: [FailureRecord]) -> CSVTable {
        var table = CSVTable(header: ["path", "stage", "code", "reason"])
        for f in failures { table.append([f.path, f.stage, f.code, f.reason]) }
        return table
    }

    /// `themes_by_group.csv`: one row per group and measure (n 0 and empty cells where undefined).
    public static func themesByGroup(_ groups: GroupMeasures) -> CSVTable {
        var csv = CSVTable(header: ["dimension", "group", "documents", "measure", "n", "mean", "ci_low", "ci_high"])
        for row in groups.rows {
            for measure in groups.measures {
                guard let interval = row.measures[measure] else {
                    csv.append([row.dimension, row.group, String(row.documents), measure, "0", "", "", ""])
                    continue
                }
                csv.append([row.dimension, row.group, String(row.documents), measure, String(interval.count),
                            CSVTable.number(interval.mean), CSVTable.number(interval.lower), CSVTable.number(interval.upper)])
            }
        }
        return csv
    }

    /// `topics.csv`: one row per topic.
    ///
    /// Columns: `topic` (`ja-3`), `language`, `label`, `top_terms` (by relevance, space-separated),
    /// `share` (mean proportion over all documents that have a model, so shares of all
    /// topics sum to 1), `documents` (documents whose main topic it is), `coherence`
    /// (NPMI of the top-10 probable terms), `representative` (titles, ` | `-separated).
    public static func topicsTable(_ rows: [TopicRow]) -> CSVTable {
        var table = CSVTable(header: ["topic", "language", "label", "top_terms", "share", "documents", "coherence", "representative"])
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
        var table = CSVTable(header: ["id", "path", "language", "main_topic", "main_proportion", "proportions"])
        for (d, document) in documents.enumerated() {
            let theta = analysis.assignments[d]?.proportions ?? []
            let main = TopicSummarizer.mainTopic(theta)
            table.append([document.id, document.article.path, document.language.rawValue, analysis.mainTopic(ofDocument: d) ?? "",
                          main.map { CSVTable.number(theta[$0]) } ?? "", theta.map { CSVTable.number($0) }.joined(separator: " ")])
        }
        return table
    }
}
