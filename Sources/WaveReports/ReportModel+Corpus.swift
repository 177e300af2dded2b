import Foundation
import WaveTerms
import WaveCorpus
import WaveIngest
import WaveText

extension ReportModel {
    /// Groups (focus, period, outlet) with fewer documents than this are greyed in the
    /// charts, and key findings resting on them say so instead of claiming.
    public static let minimumDocuments = 10

    /// The report of a run: the corpus analysis and the run's summary laid out
    /// as sections, in reading order.
    public init(analysis: CorpusAnalysis, summary: RunSummary) {
        let coverage = analysis.coverage(minimumDocuments: Self.minimumDocuments)
        var sections = [Self.keyFindings(analysis, coverage)] + Self.framing(analysis, coverage) + Self.sentiment(analysis, coverage)
        sections += [Self.overview(summary), Self.themesOverTime(analysis, summary: summary),
                     Self.sentimentByFocus(analysis), Self.topTerms(analysis), Self.themeEvidence(analysis)]
        sections += Self.termStatistics(analysis.termStatistics, targets: analysis.targets)
        sections.append(Self.groups(analysis.groups, themes: analysis.topThemes))
        if let topics = analysis.topics { sections.append(Self.topics(topics)) }
        sections += [Self.failures(summary), Self.documents(analysis), Self.manifest(summary)]
        self.init(corpus: summary.corpus, startedAt: summary.startedAt, seconds: summary.seconds,
                  japaneseSegmenter: summary.japaneseSegmenter, sections: sections)
    }

    static func overview(_ s: RunSummary) -> ReportSection {
        let counts = [("files seen", "files seen", s.files.seen), ("read", "files read", s.files.ingested),
                      ("failed", "files failed", s.files.failed),
                      ("skipped", "files skipped (not a supported format)", s.files.skipped),
                      ("documents", "documents", s.documents), ("tokens", "tokens", s.tokens)]
        return ReportSection(title: "Corpus overview", blocks: settingWarnings(s) + [
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

    /// The run's manifest of what changed its results (warnings) and what its filters left out;
    /// nothing when the run had neither.
    static func settingWarnings(_ s: RunSummary) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        if let warnings = s.resultWarnings, !warnings.isEmpty {
            blocks.append(.subheading("Warnings: these change the results", bold: true))
            blocks.append(.table(ReportTable(header: ["warning", "what happened"],
                                             rows: warnings.map { [ReportCell(code: $0.code), ReportCell($0.message)] })))
        }
        if let filtered = s.filteredOut {
            let total = filtered.values.reduce(0, +)
            let reasons = filtered.sorted { $0.key < $1.key }.filter { $0.value > 0 }
                .map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }
            blocks.append(.paragraph([ReportCell("Documents left out by the run's filters: \(total)"
                + (reasons.isEmpty ? "." : " (" + reasons.joined(separator: ", ") + ")."))]))
        }
        return blocks
    }

    static func themesOverTime(_ analysis: CorpusAnalysis, summary: RunSummary) -> ReportSection {
        let themes = analysis.topThemes, years = analysis.themeRatesByYear
        let rows = years.map { row in
            [row.year, String(row.documents)] + themes.map { CSVTable.number(row.rates[$0.path] ?? 0, decimals: 2) }
        }
        let totals = themes.map { "\($0.label) \(summary.themeTotals[$0.path] ?? 0)" }.joined(separator: ", ")
        // The chart shows dated years only; undated documents stay in the table.
        let dated = years.filter { $0.year != "undated" }
        let axis = CorpusAnalysis.axis(dated.map(\.year), .year)
        let byYear = Dictionary(dated.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        return ReportSection(title: "Themes over time", blocks: [
            .only(.html, .text("Mean hits per 1,000 tokens per year of publication; the axis has every year of the span (a year without documents is a gap), years with fewer than \(minimumDocuments) documents are drawn hollow and grey, and undated documents are only in the table.")),
            .only(.markdown, .text("Mean hits per 1,000 tokens of each theme, per year of publication.")),
            .chart(.timeline(TimelineChart(
                title: "Theme rate per 1,000 tokens by year",
                summary: "Mean hits per 1,000 tokens per year, \(axis.first ?? "") to \(axis.last ?? ""); years without documents are gaps. "
                    + themes.map { t in t.label + ": " + dated.map { "\($0.year) \(CSVTable.number($0.rates[t.path] ?? 0, decimals: 2))" }.joined(separator: ", ") }.joined(separator: "; ") + ".",
                axis: "hits per 1,000 tokens", unit: "year", periods: axis,
                series: themes.map { t in (t.label, axis.map { year in byYear[year].map { row in
                    let v = row.rates[t.path] ?? 0
                    return IntervalMark(mean: v, lower: v, upper: v, n: row.documents, few: row.documents < minimumDocuments)
                } }) }))),
            .table(ReportTable(header: ["year", "documents"] + themes.map(\.label), text: rows)),
            .only(.markdown, .text("Theme totals (hits): \(totals).")),
        ])
    }

    static func sentimentByFocus(_ analysis: CorpusAnalysis) -> ReportSection {
        let targets = analysis.targets.all, focus = analysis.sentimentByFocus
        let toward = targets.map { "toward \($0.label)" }
        let explained = targets.enumerated().map { i, t in
            "\"toward \(t.label)\" " + (i == 0 ? "pools the target-dependent scores at the mentions of" : "those at the mentions of") + " \(t.label)"
        }
        let rows = focus.map { row in
            [row.focus, String(row.documents), CSVTable.number(row.overall, decimals: 3)]
                + targets.map { row.towardTarget[$0.key].map { CSVTable.number($0, decimals: 3) } ?? "–" }
        }
        return ReportSection(title: "Sentiment by country focus", blocks: [
            .only(.html, .text("From −1 to +1. Toward \(targets.map(\.label).joined(separator: " / ")): the sentences that mention each.")),
            .only(.markdown, .text("Scores run from −1 to +1" + (explained.isEmpty ? "." : "; " + explained.joined(separator: ", ") + "."))),
            .table(ReportTable(header: ["focus", "documents", "overall"] + toward, text: rows)),
        ])
    }

    /// Words every news text uses to attribute speech: left out of the report's term lists.
    static let reportingWords: Set<String> = ["said", "says", "say", "saying", "told", "tells", "according", "added", "noted", "stated", "asked", "mr", "ms", "mrs"]

    /// Words of every kind of text — talk (like, really, think), vague nouns and verbs
    /// (people, thing, make), endings and connectives a segmenter keeps (있습니다, 思う) —
    /// that tell nothing about a subject: left out of the report's list of distinctive
    /// terms (the stopword lists, which the tables use, keep them).
    static let generalWords: Set<String> = [
        "like", "really", "think", "thought", "know", "knew", "lot", "lots", "people", "person", "thing", "things",
        "get", "gets", "got", "getting", "going", "go", "goes", "went", "gone", "way", "ways", "well", "much", "many",
        "make", "makes", "made", "take", "takes", "took", "come", "comes", "came", "see", "seen", "look", "looking",
        "want", "wanted", "need", "needs", "use", "used", "good", "great", "back", "kind", "sort", "something",
        "anything", "everything", "nothing", "someone", "anyone", "everyone", "yes", "yeah", "okay", "ok", "actually",
        "maybe", "right", "sure", "mean", "even", "still", "year", "years", "time", "times", "day", "days",
        "思う", "自分", "今回", "場合", "部分", "感じ", "必要", "可能", "以上", "今後", "本当", "最近", "多い", "良い",
        "言う", "見る", "行う", "出来る", "できる", "なる", "ある", "いる", "する",
        "있습니다", "합니다", "했다", "있다", "없다", "된다", "한다", "것이다", "때문", "위해", "가장", "많은", "대부분",
        "경우", "사람들", "지금", "정말", "이번", "통해", "대한", "모든", "우리", "자신",
    ]

    /// Whether a term belongs in the report's lists of top and key terms: not one
    /// character (kana fragments, affixes such as 的 or 者, stray Latin letters), not
    /// hiragana alone up to two characters (inflections and function words such as
    /// れる, こと, など that a segmenter splits off), not only digits and punctuation,
    /// not a reporting word. The tables keep every term.
    static func meaningful(_ term: String) -> Bool {
        guard term.count > 1, !reportingWords.contains(term) else { return false }
        if term.count <= 2, term.unicodeScalars.allSatisfy({ (0x3041...0x309F).contains($0.value) }) { return false }
        return term.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// A term's weight in the list of distinctive terms: √(count × df) × ln(N / df), for a term
    /// used `count` times in df of the language's N documents. The geometric mean of count and df
    /// weighs a term repeated through a few documents (a name in syndicated copies) less than its
    /// count would, and a word many documents use once less than its df would; ln(N / df)
    /// weighs down what nearly every document uses (0 in all of them).
    static func distinctiveness(count: Int, documentFrequency df: Int, documents: Int) -> Double {
        guard df > 0, count > 0, documents > df else { return 0 }
        return (Double(count) * Double(df)).squareRoot() * log(Double(documents) / Double(df))
    }

    /// The `count` most distinctive meaningful terms of a language that are not general
    /// words, in at least two documents (one in a corpus of a single document), with their weight.
    static func distinctiveTerms(_ analysis: CorpusAnalysis, language: String, count: Int) -> [(row: TermFrequency, weight: Double)] {
        let documents = analysis.counts.byLanguage[language] ?? 0
        let minimumDocuments = documents > 1 ? 2 : 1
        return analysis.terms.lazy
            .filter { $0.group == language && $0.documentFrequency >= minimumDocuments && meaningful($0.term) && !generalWords.contains($0.term) }
            .map { ($0, distinctiveness(count: $0.count, documentFrequency: $0.documentFrequency, documents: documents)) }
            .filter { $0.1 > 0 }
            .sorted { ($0.1, $1.0.term) > ($1.1, $0.0.term) }
            .prefix(count).map { (row: $0.0, weight: $0.1) }
    }

    static func topTerms(_ analysis: CorpusAnalysis) -> ReportSection {
        let languages = Set(analysis.terms.map(\.group)).sorted()
        var blocks: [ReportBlock] = [.text("The most distinctive content terms per language: ranked by √(count × df) × ln(N / df), where the term is used count times in df of the language's N documents — the geometric mean of count and df weighs a word repeated through a few documents (a name in syndicated copies) less than its count would, and ln(N / df) weighs down a word nearly every document uses; a term must be in at least two documents. Left out here (terms.csv keeps every term with its count): terms of one character (kana fragments, affixes such as 的 or 者, stray Latin letters), hiragana of up to two characters (inflections and function words), terms without a letter, reporting words (\(reportingWords.sorted().joined(separator: ", "))) and words of every kind of text (like, really, think, people, thing, year, 思う, 自分, 있습니다, …; ReportModel.generalWords).")]
        for language in languages {
            let rows = distinctiveTerms(analysis, language: language, count: 15)
            guard !rows.isEmpty else {
                blocks.append(.text("\(language): no term is in at least two documents and not in all of them."))
                continue
            }
            let documents = analysis.counts.byLanguage[language] ?? 0
            blocks.append(.figure(
                .bars(title: "Distinctive terms (\(language), \(documents) documents)",
                      labels: rows.map(\.row.term), values: rows.map { ($0.weight * 10).rounded() / 10 }),
                ReportTable(header: ["term (\(language))", "count", "documents", "weight √(count × df) × ln(N / df)"],
                            text: rows.map { [$0.row.term, String($0.row.count), String($0.row.documentFrequency),
                                              CSVTable.number($0.weight, decimals: 1)] })))
        }
        return ReportSection(title: "Top terms", blocks: blocks, anchor: "top-terms")
    }

    static func themeEvidence(_ analysis: CorpusAnalysis) -> ReportSection {
        var blocks: [ReportBlock] = [.text("Sentences that carry each theme, taken in turn from the documents about each target, then both and neither, the documents with the most hits first; the words that matched the theme are marked. A sentence that several documents carry (syndicated copies) is shown once with the number of copies.")]
        let all = analysis.evidenceSentences(perTheme: 4)
        let targets = analysis.targets
        for theme in analysis.topThemes {
            let examples = all.filter { $0.theme == theme.path }
            guard !examples.isEmpty else { continue }
            blocks.append(.subheading(theme.label, bold: true))
            blocks.append(.keywordsInContext(examples.map { e in
                let source = [e.title, e.site, e.date.map { String($0.prefix(10)) }, e.documentID, focusLabel(e.focus, targets)]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
                return kwic(e.sentence, marking: e.match, source: source, copies: e.copies)
            }))
        }
        return ReportSection(title: "Theme evidence", blocks: blocks, anchor: "evidence")
    }

    /// A sentence split around the first place it holds `match` (the whole sentence
    /// before an empty match when it does not hold it, e.g. cut off by the length limit).
    static func kwic(_ sentence: String, marking match: String?, source: String, copies: Int) -> ReportKWIC {
        guard let match, !match.isEmpty, let range = sentence.range(of: match) else {
            return ReportKWIC(before: sentence, match: "", after: "", source: source, copies: copies)
        }
        return ReportKWIC(before: String(sentence[..<range.lowerBound]), match: String(sentence[range]),
                          after: String(sentence[range.upperBound...]), source: source, copies: copies)
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
