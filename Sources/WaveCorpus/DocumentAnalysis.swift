import WaveIngest
import WaveText
import WaveTerms
import WaveThemes
import WaveTopics

/// What the per-document stage yields for one article: its metadata and the
/// typed results of every analysis (themes, sentiment, targets, terms), kept
/// as values so that the corpus stage and the tables never have to recover
/// what a flattened row lost.
///
/// Codable, and lossless through a round trip (every field, doubles to the bit), so that a
/// store of analyses can give back what a fresh analysis would.
public struct DocumentAnalysis: Sendable, Hashable, Codable {
    /// The article's metadata; its paragraphs are dropped (the text is in ``stored``).
    public var article: Article
    /// The language the text was tokenized as.
    public var language: Language
    public var sentenceCount: Int
    /// Theme hits, token count and the sentences holding each theme's hits.
    public var themes: ThemeScores
    /// Sentiment of the sentences that hold each theme's hits (themes with hits only).
    public var themeSentiment: [String: Double]
    /// Overall document sentiment, −1…+1.
    public var sentiment: Double
    /// Which sentences mention each target, and how often.
    public var mentions: TargetMentions
    /// Sentiment toward each target mentioned: the mean of its mentions' scores
    /// (``towardTargets`` has the counts behind it).
    public var targetSentiment: [String: Double]
    /// Sentiment toward each target mentioned, with its mentions and sentences.
    public var towardTargets: [String: TargetSentiment]
    /// Which targets the document is about (by ``salience``).
    public var focus: Focus
    /// How prominent each mentioned target is.
    public var salience: [TargetSalience]
    /// (forward-facing − nostalgia) / (forward-facing + nostalgia) over the hits
    /// in target scope (``TargetScope``); nil when the document is about no
    /// target or has no hit of either in scope (the index is undefined then).
    public var framingIndex: Double?
    /// Sentences in target scope (naming a target, or in the window around one); nil when it names none.
    public var scopeSentences: Int?
    /// The same index over the whole page's hits; nil when it has no hit of either.
    public var pageFramingIndex: Double?
    /// First evidence sentence per top-level theme.
    public var evidence: [String: String]
    /// The words of each evidence sentence that the theme matched (as written in it);
    /// nil in analyses stored before it was kept.
    public var evidenceMatches: [String: String]? = nil
    /// Content terms in order (for the document-term matrix).
    public var terms: [String] {
        get { termSequence.terms }
        set { termSequence = TermSequence(newValue) }
    }
    /// The terms topic models see when they differ from ``terms``: for Japanese
    /// segmented by MeCab, nouns with touching nouns joined (``NounCompounds``).
    public var topicTerms: [String]? {
        get { topicTermSequence?.terms }
        set { topicTermSequence = newValue.map(TermSequence.init) }
    }
    /// ``terms`` and ``topicTerms`` where they lie: in memory, or in a run's spool (``spool(into:)``).
    public private(set) var termSequence: TermSequence
    public private(set) var topicTermSequence: TermSequence?
    /// Sentences and token spans kept for term statistics and KWIC (`tokens.wlt`).
    public var stored: StoredDocument

    public var id: String { article.id }

    init(article: Article, language: Language, sentenceCount: Int, themes: ThemeScores, themeSentiment: [String: Double],
         sentiment: Double, mentions: TargetMentions, targetSentiment: [String: Double], towardTargets: [String: TargetSentiment],
         focus: Focus, salience: [TargetSalience], framingIndex: Double?, scopeSentences: Int?, pageFramingIndex: Double?,
         evidence: [String: String], evidenceMatches: [String: String]? = nil, terms: [String], topicTerms: [String]?,
         stored: StoredDocument) {
        self.article = article; self.language = language; self.sentenceCount = sentenceCount; self.themes = themes
        self.themeSentiment = themeSentiment; self.sentiment = sentiment; self.mentions = mentions
        self.targetSentiment = targetSentiment; self.towardTargets = towardTargets; self.focus = focus; self.salience = salience
        self.framingIndex = framingIndex; self.scopeSentences = scopeSentences; self.pageFramingIndex = pageFramingIndex
        self.evidence = evidence; self.evidenceMatches = evidenceMatches
        termSequence = TermSequence(terms)
        topicTermSequence = topicTerms.map(TermSequence.init)
        self.stored = stored
    }

    /// The stored form's keys: the term lists under the names of the properties they hold.
    private enum CodingKeys: String, CodingKey {
        case article, language, sentenceCount, themes, themeSentiment, sentiment, mentions, targetSentiment, towardTargets
        case focus, salience, framingIndex, scopeSentences, pageFramingIndex, evidence, evidenceMatches
        case termSequence = "terms", topicTermSequence = "topicTerms", stored
    }

    /// Moves the bulky parts (the sentences and both term lists) into `spool`; they are read
    /// back from there whenever asked for, so the value reads as before.
    public mutating func spool(into spool: Spool) {
        stored.spool(into: spool)
        termSequence.spool(into: spool)
        topicTermSequence?.spool(into: spool)
    }

    /// Puts both term lists in place as they are (in memory or in a spool), for a store that
    /// keeps them apart from the rest of the value.
    public mutating func replaceTermSequences(_ terms: TermSequence, topic: TermSequence?) {
        termSequence = terms
        topicTermSequence = topic
    }

    /// The version of this value's stored form, part of the fingerprint of every stored analysis
    /// (``WavePipeline``'s run state and shard folders): raise it whenever a field is added,
    /// removed or changes meaning, so that analyses stored before are made again rather than
    /// read back without it (2: ``evidenceMatches``; 3: a sentence's tokens stored as columns).
    public static let storedFormat = 3

    /// The terms a topic model of the run sees: ``topicTerms`` (or ``terms``)
    /// through the shipped filter (``TopicTerms/filter(_:)``).
    public var topicModelTerms: [String] { TopicTerms.filter(topicTerms ?? terms) }
    /// Word and number tokens, stopwords included.
    public var tokenCount: Int { themes.tokenCount }

    /// Hits per 1,000 tokens of `theme`.
    public func themeRate(_ theme: String) -> Double { themes.rate(theme) }

    /// Hits of `theme`.
    public func themeHits(_ theme: String) -> Int { themes.hits[theme] ?? 0 }

    /// The year of the date ("2023"), if the date has one.
    public var year: String? { article.year }
}

extension Article {
    /// The article without its text (the analysis keeps the text as sentences in
    /// ``DocumentAnalysis/stored``).
    var metadata: Article {
        var copy = self
        copy.paragraphs = []
        return copy
    }

    /// Year and month of the date ("2023-04"), if the date has them.
    public var month: String? {
        guard let date, date.count >= 7 else { return nil }
        return String(date.prefix(7))
    }

    /// Year of the date ("2023").
    public var year: String? {
        guard let date, date.count >= 4, Int(date.prefix(4)) != nil else { return nil }
        return String(date.prefix(4))
    }
}
