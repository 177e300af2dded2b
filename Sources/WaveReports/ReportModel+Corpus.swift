import WaveCorpus
import WaveIngest
import WaveText

extension ReportModel {
    /// The report of a run: the corpus analysis and the run's summary laid out
    /// as sections, in reading order.
    public init(analysis: CorpusAnalysis, summary: RunSummary) {
        var sections = [Self.overview(summary), Self.themesOverTime(analysis, summary: summary),
                        Self.sentimentByFocus(analysis), Self.topTerms(analysis), Self.themeEvidence(analysis)]
        sections += Self.termStatistics(analysis.termStatistics)
        sections.append(Self.groups(analysis.groups, themes: analysis.topThemes))
        if let topics = analysis.topics { sections.append(Self.topics(topics)) }
        sections += [Self.failures(summary), Self.documents(analysis)]
        self.init(corpus: summary.corpus, startedAt: summary.startedAt, seconds: summary.seconds,
                  japaneseSegmenter: summary.japaneseSegmenter, sections: sections)
    }

    static func overview(_ s: RunSummary) -> ReportSection {
        let counts = [("files seen", "files seen", s.files.seen), ("read", "files read", s.files.ingested),
                      ("failed", "files failed", s.files.failed),
                      ("skipped", "files skipped (not a supported format)", s.files.skipped),
                      ("documents", "documents", s.documents), ("tokens", "tokens", s.tokens)]
        return ReportSection(title: "Corpus overview", blocks: [
            .only(.html, .table(ReportTable(header: counts.map(\.0), text: [counts.map { String($0.2) }]))),
            .only(.html, .paragraph(["By language: \(describe(s.documentsByLanguage)).",
                                     "By format: \(describe(s.documentsByFormat)).",
                                     "By country focus: \(describe(s.documentsByFocus))."])),
            .only(.markdown, .table(ReportTable(header: ["", "count"], text: counts.map { [$0.1, String($0.2)] }))),
            .only(.markdown, .paragraph(["Documents by language: \(describe(s.documentsByLanguage)).",
                                         "By format: \(describe(s.documentsByFormat)).",
                                         "By country focus: \(describe(s.documentsByFocus)).",
                                         ReportCell("Japanese segmenter: \(s.japaneseSegmenter).")])),
        ])
    }

    static func themesOverTime(_ analysis: CorpusAnalysis, summary: RunSummary) -> ReportSection {
        let themes = analysis.topThemes, years = analysis.themeRatesByYear
        let rows = years.map { row in
            [row.year, String(row.documents)] + themes.map { CSVTable.number(row.rates[$0.path] ?? 0, decimals: 2) }
        }
        let totals = themes.map { "\($0.label) \(summary.themeTotals[$0.path] ?? 0)" }.joined(separator: ", ")
        return ReportSection(title: "Themes over time", blocks: [
            .only(.html, .text("Mean hits per 1,000 tokens per year of publication.")),
            .only(.markdown, .text("Mean hits per 1,000 tokens of each theme, per year of publication.")),
            .chart(.lines(title: "Theme rate per 1,000 tokens by year", categories: years.map(\.year),
                          series: themes.map { t in (t.label, years.map { $0.rates[t.path] ?? 0 }) })),
            .table(ReportTable(header: ["year", "documents"] + themes.map(\.label), text: rows)),
            .only(.markdown, .text("Theme totals (hits): \(totals).")),
        ])
    }

    static func sentimentByFocus(_ analysis: CorpusAnalysis) -> ReportSection {
        let targets = analysis.targets.all, focus = analysis.sentimentByFocus
        let toward = targets.map { "toward \($0.label)" }
        let explained = targets.enumerated().map { i, t in
            "\"toward \(t.label)\" " + (i == 0 ? "averages the sentences that mention" : "those that mention") + " \(t.label)"
        }
        let rows = focus.map { row in
            [row.focus, String(row.documents), CSVTable.number(row.overall, decimals: 3)]
                + targets.map { row.towardTarget[$0.key].map { CSVTable.number($0, decimals: 3) } ?? "–" }
        }
        return ReportSection(title: "Sentiment by country focus", blocks: [
            .only(.html, .text("From −1 to +1. Toward \(targets.map(\.label).joined(separator: " / ")): the sentences that mention each.")),
            .only(.markdown, .text("Scores run from −1 to +1" + (explained.isEmpty ? "." : "; " + explained.joined(separator: ", ") + "."))),
            .chart(.divergingBars(title: "Mean sentiment by country focus", categories: focus.map(\.focus),
                                  series: [("overall", focus.map { Optional($0.overall) })]
                                    + zip(targets, toward).map { t, name in (name, focus.map { $0.towardTarget[t.key] }) })),
            .table(ReportTable(header: ["focus", "documents", "overall"] + toward, text: rows)),
        ])
    }

    static func topTerms(_ analysis: CorpusAnalysis) -> ReportSection {
        let languages = Set(analysis.terms.map(\.group)).sorted()
        var blocks: [ReportBlock] = []
        for language in languages {
            let rows = analysis.terms.filter { $0.group == language && $0.rank <= 15 }.sorted { $0.rank < $1.rank }
            blocks.append(.chart(.bars(title: "Top terms (\(language))", labels: rows.map(\.term),
                                       values: rows.map { Double($0.count) })))
        }
        for language in languages {
            let rows = analysis.terms.filter { $0.group == language && $0.rank <= 20 }.sorted { $0.rank < $1.rank }
            blocks.append(.only(.markdown, .termCounts(language, rows.map { ($0.term, $0.count) })))
        }
        return ReportSection(title: "Top terms", blocks: blocks)
    }

    static func themeEvidence(_ analysis: CorpusAnalysis) -> ReportSection {
        var blocks: [ReportBlock] = []
        for theme in analysis.topThemes {
            let examples = analysis.evidence.filter { $0.theme == theme.path }
            guard !examples.isEmpty else { continue }
            blocks.append(.subheading(theme.label, bold: true))
            blocks.append(.evidence(examples.map { ($0.sentence, $0.title ?? $0.documentID) }))
        }
        return ReportSection(title: "Theme evidence", blocks: blocks)
    }

    static func failures(_ s: RunSummary) -> ReportSection {
        guard !s.failures.isEmpty else { return ReportSection(title: "Files that failed", blocks: [.text("None.")]) }
        let rows = s.failures.map { [ReportCell($0.path), ReportCell(code: $0.stage), ReportCell(code: $0.code), ReportCell($0.reason)] }
        return ReportSection(title: "Files that failed",
                             blocks: [.table(ReportTable(header: ["file", "stage", "code", "reason"], rows: rows))])
    }

    static func documents(_ analysis: CorpusAnalysis) -> ReportSection {
        let targets = analysis.targets.all
        let html = analysis.documents.map { d in
            [d.id, d.article.date ?? "", d.language.rawValue, d.article.site ?? "", d.article.title ?? "",
             CSVTable.number(d.sentiment, decimals: 3)]
                + targets.map { d.targetSentiment[$0.key].map { CSVTable.number($0, decimals: 3) } ?? "" }
                + [d.framingIndex.map { CSVTable.number($0, decimals: 2) } ?? ""]
        }
        let markdown = analysis.documents.map { d in
            [ReportCell(d.id), ReportCell(code: d.article.date ?? ""), ReportCell(code: d.language.rawValue),
             ReportCell(d.article.title ?? ""), ReportCell(CSVTable.number(d.sentiment, decimals: 3)),
             ReportCell(d.framingIndex.map { CSVTable.number($0, decimals: 2) } ?? "")]
        }
        return ReportSection(title: "Documents", blocks: [
            .only(.html, .table(ReportTable(header: ["id", "date", "lang", "site", "title", "sentiment"]
                                                + targets.map(\.label) + ["framing"], text: html))),
            .only(.markdown, .table(ReportTable(header: ["id", "date", "language", "title", "sentiment", "framing"],
                                                rows: markdown))),
        ])
    }
}
