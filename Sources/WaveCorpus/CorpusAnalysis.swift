import WaveText
import WaveLexicon
import WaveTerms

/// The corpus stage: every aggregate of a run computed once, as typed values,
/// from the per-document analyses. Tables and reports only lay these out.
public struct CorpusAnalysis: Sendable {
    public var documents: [DocumentAnalysis]
    public var targets: Targets
    /// The dictionary's themes, in dictionary order.
    public var themes: [ThemeInfo]
    public var settings: CorpusSettings
    public var counts: CorpusCounts
    /// Term counts and document frequencies per language (`terms.csv`).
    public var terms: [TermFrequency]
    /// Example sentences per top-level theme, from the documents with the most hits.
    public var evidence: [ThemeEvidence]
    /// Mean rate of each top-level theme per year of publication.
    public var themeRatesByYear: [YearThemeRates]
    /// Sentiment per focus: overall and toward each target.
    public var sentimentByFocus: [FocusSentiment]
    /// Theme rates, framing index and sentiment per group, with intervals.
    public var groups: GroupMeasures
    /// Keyness, collocations, grouped frequencies and syndicated copies.
    public var termStatistics: CorpusTermStatistics
    /// Topic models and their summaries; nil when the run models no topics.
    public var topics: CorpusTopics?

    /// Computes every aggregate but topics (``modelTopics(_:store:log:)``).
    public init(documents: [DocumentAnalysis], targets: Targets, themes: [ThemeInfo],
                settings: CorpusSettings = CorpusSettings()) {
        self.documents = documents
        self.targets = targets
        self.themes = themes
        self.settings = settings
        let topThemes = themes.filter(\.isTopLevel).map(\.path)
        sentimentByFocus = FocusSentiment.rows(documents, targets: targets)
        counts = CorpusCounts(documents, themes: themes, sentimentByFocus: sentimentByFocus)
        evidence = ThemeEvidence.best(documents, themes: topThemes, perTheme: settings.evidencePerTheme)
        themeRatesByYear = YearThemeRates.rows(documents, themes: topThemes)
        // The term table first, on its own: its matrix is gone before the term statistics build theirs.
        terms = Self.termFrequencies(documents)
        // Term statistics on one thread, the bootstrap intervals on another.
        let (statistics, groups) = Concurrently.pair({
            CorpusTermStatistics(documents, targets: targets, settings: settings.terms)
        }, {
            GroupMeasures(documents, topThemes: topThemes, bootstrap: settings.bootstrap)
        })
        termStatistics = statistics
        self.groups = groups
        topics = nil
    }

    /// Models topics, one model per language, and summarizes them; a language whose model is in
    /// `store` for the same training takes it from there (``TopicAnalysis/train(_:options:store:log:)``).
    public mutating func modelTopics(_ options: TopicOptions, store: (any TopicModelStore)? = nil, log: (String) -> Void = { _ in }) {
        topics = CorpusTopics(documents, analysis: TopicAnalysis.train(documents, options: options, store: store, log: log))
    }

    /// Top-level themes, in dictionary order.
    public var topThemes: [ThemeInfo] { themes.filter(\.isTopLevel) }

    static func termFrequencies(_ documents: [DocumentAnalysis]) -> [TermFrequency] {
        let matrix = DocumentTermMatrix(termSequences: documents.lazy.map { (id: $0.id, terms: $0.terms) })
        return matrix.frequencies(groupedBy: documents.map(\.language.rawValue))
    }
}

/// What the corpus stage computes besides the documents, with its defaults.
public struct CorpusSettings: Sendable {
    /// Example sentences per theme.
    public var evidencePerTheme = 3
    public var bootstrap = Bootstrap()
    public var terms = TermStatisticsSettings()
    public init(evidencePerTheme: Int = 3) {
        self.evidencePerTheme = evidencePerTheme
    }
}

/// A theme as the tables and reports name it.
public struct ThemeInfo: Sendable, Hashable, Codable {
    public var path: String
    public var label: String
    public var parent: String?
    public init(path: String, label: String, parent: String?) {
        self.path = path; self.label = label; self.parent = parent
    }

    public var isTopLevel: Bool { parent == nil }

    /// The themes of a dictionary, in its order.
    public static func of(_ dictionary: ThemeDictionary) -> [ThemeInfo] {
        dictionary.themes.map { ThemeInfo(path: $0.path, label: $0.label, parent: $0.parent) }
    }
}

/// Corpus-wide counts (`summary.json`).
public struct CorpusCounts: Sendable, Hashable {
    public var documents = 0
    public var tokens = 0
    public var byLanguage: [String: Int] = [:]
    public var byFormat: [String: Int] = [:]
    public var byFocus: [String: Int] = [:]
    /// Total hits per theme path (every theme of the dictionary, 0 included).
    public var themeTotals: [String: Int] = [:]
    /// Mean overall sentiment per focus.
    public var sentimentByFocus: [String: Double] = [:]

    init(_ documents: [DocumentAnalysis], themes: [ThemeInfo], sentimentByFocus: [FocusSentiment]) {
        self.documents = documents.count
        tokens = documents.reduce(0) { $0 + $1.tokenCount }
        for document in documents {
            byLanguage[document.language.rawValue, default: 0] += 1
            byFormat[document.article.format.rawValue, default: 0] += 1
            byFocus[document.focus.label, default: 0] += 1
            for (theme, hits) in document.themes.hits { themeTotals[theme, default: 0] += hits }
        }
        for theme in themes where themeTotals[theme.path] == nil { themeTotals[theme.path] = 0 }
        for row in sentimentByFocus { self.sentimentByFocus[row.focus] = row.overall }
    }
}

/// An example sentence for a theme.
public struct ThemeEvidence: Sendable, Hashable {
    public var theme: String
    public var documentID: String
    public var title: String?
    public var sentence: String

    /// Up to `perTheme` sentences per theme from the documents with the most hits
    /// (ties by document id), each cut to 400 characters.
    static func best(_ documents: [DocumentAnalysis], themes: [String], perTheme: Int) -> [ThemeEvidence] {
        themes.flatMap { theme in
            documents.filter { $0.evidence[theme] != nil }
                .sorted { ($0.themeHits(theme), $1.id) > ($1.themeHits(theme), $0.id) }
                .prefix(perTheme)
                .map { ThemeEvidence(theme: theme, documentID: $0.id, title: $0.article.title,
                                     sentence: String(($0.evidence[theme] ?? "").prefix(400))) }
        }
    }
}

/// Mean theme rates of the documents of one year (`undated` for those without one).
public struct YearThemeRates: Sendable, Hashable {
    public var year: String
    public var documents: Int
    /// Mean hits per 1,000 tokens per top-level theme path.
    public var rates: [String: Double]

    static func rows(_ documents: [DocumentAnalysis], themes: [String]) -> [YearThemeRates] {
        let groups = Dictionary(grouping: documents) { $0.year ?? "undated" }
        return groups.keys.sorted().map { year in
            let docs = groups[year] ?? []
            var rates: [String: Double] = [:]
            for theme in themes {
                rates[theme] = docs.reduce(0) { $0 + $1.themeRate(theme) } / Double(docs.count)
            }
            return YearThemeRates(year: year, documents: docs.count, rates: rates)
        }
    }
}

/// Sentiment of the documents of one focus: overall, and toward each target
/// over the documents that mention it.
public struct FocusSentiment: Sendable, Hashable {
    public var focus: String
    public var documents: Int
    public var overall: Double
    /// Mean sentiment toward each target key; absent when no document of the focus mentions it.
    public var towardTarget: [String: Double]

    /// One row per focus that has documents, in ``Targets/focusOrder``.
    static func rows(_ documents: [DocumentAnalysis], targets: Targets) -> [FocusSentiment] {
        let groups = Dictionary(grouping: documents) { $0.focus.label }
        return targets.focusOrder.compactMap { focus in
            guard let docs = groups[focus], !docs.isEmpty else { return nil }
            var toward: [String: Double] = [:]
            for key in targets.keys {
                toward[key] = mean(docs.compactMap { $0.targetSentiment[key] })
            }
            return FocusSentiment(focus: focus, documents: docs.count, overall: mean(docs.map(\.sentiment)) ?? 0,
                                  towardTarget: toward)
        }
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
