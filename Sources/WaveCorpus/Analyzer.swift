import Foundation
import WaveIngest
import WaveText
import WaveLexicon
import WaveTerms
import WaveThemes
import WaveSentiment

/// The text and analysis stages for one article: tokenize, then themes,
/// mentions and sentiment. Built once per run and shared by the workers.
public struct Analyzer: Sendable {
    public let tokenizer: Tokenizer
    public let themes: ThemeScorer
    public let mentions: MentionFinder
    public let sentiment: SentimentScorer
    /// Sentiment toward one mention in its sentence (``mentionScores(_:in:)``).
    public let targetSentiment: TargetSentimentScorer
    /// Joins multiword dictionary and gazetteer entries ("soft power", 韓流)
    /// into single terms for counting.
    public let merger: PhraseMerger

    public init(stopwords: Stopwords, dictionary: ThemeDictionary, lexicon: SentimentLexicon, gazetteer: Gazetteer) {
        let languages: [Language] = [.english, .japanese, .korean]
        let base = Tokenizer(configuration: TokenizerConfiguration(stopwords: stopwords))
        self.tokenizer = base
        self.themes = ThemeScorer(dictionary: dictionary, tokenizer: base, languages: languages)
        self.mentions = MentionFinder(gazetteer: gazetteer, tokenizer: base)
        self.sentiment = SentimentScorer(lexicon: lexicon, tokenizer: base)
        self.targetSentiment = TargetSentimentScorer(sharing: sentiment)
        var phrases: [Language: [String]] = [:]
        for theme in dictionary.themes {
            for (language, entries) in theme.allTerms {
                for target in language == .unknown ? languages : [language] {
                    phrases[target, default: []] += entries.filter { !$0.hasSuffix("*") }
                }
            }
        }
        for target in gazetteer.targets {
            for (language, entries) in target.terms { phrases[language, default: []] += entries.filter { !$0.hasSuffix("*") } }
        }
        self.merger = PhraseMerger(phrases: phrases, tokenizer: base)
    }

    /// The segmenter used for Japanese, for the run summary ("mecab (…)" or "icu").
    public var japaneseSegmenter: String { tokenizer.japaneseBackendDescription }

    /// The language to tokenize an article as: detected from its text; when
    /// detection cannot name one, the declared language if it is one we handle.
    public static func language(of article: Article, text: String) -> Language {
        let detected = LanguageDetector.detect(text)
        if detected == .unknown, let declared = article.declaredLanguage,
           [Language.english, .japanese, .korean].contains(Language(declared)) {
            return Language(declared)
        }
        return detected
    }

    /// Analyses one article: tokenize, then themes, target mentions and sentiment.
    public func analyze(_ article: Article) -> DocumentAnalysis {
        let text = article.text
        let language = Self.language(of: article, text: text)
        let document = tokenizer.tokenize(text, language: language, id: article.id)
        let found = mentions.mentions(in: document)
        let titleTargets = Set(article.title.map {
            mentions.mentions(in: tokenizer.tokenize($0, language: language, id: article.id)).counts.keys
        } ?? [:].keys)
        let textSentences = TargetScope.textSentences(of: document)
        let salience = TargetSalience.of(found, titleTargets: titleTargets, textSentences: textSentences,
                                         language: document.language, gazetteer: mentions.gazetteer)
        let focus = Focus(salience: salience)
        // A page that names no target has no scope: its framing index is undefined.
        let scope = found.spans.isEmpty ? nil
            : TargetScope(naming: found.namingSentences, textSentences: textSentences)
        let themeScores = themes.scores(for: document, scope: scope)
        let scores = sentiment.sentiment(of: document)
        var themeSentiment: [String: Double] = [:]
        var evidence: [String: String] = [:]
        var evidenceMatches: [String: String] = [:]
        for theme in themes.dictionary.themes {
            guard let sentences = themeScores.evidence[theme.path] else { continue }
            themeSentiment[theme.path] = scores.score(over: Set(sentences))
            if theme.isTopLevel, let first = sentences.first, first < document.sentences.count {
                evidence[theme.path] = document.text(of: document.sentences[first])
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if let hit = themeScores.firstHits?[theme.path], let words = Self.surface(of: hit, in: document) {
                    evidenceMatches[theme.path] = words
                }
            }
        }
        let towardTargets = TargetSentiment.pooled(found.spans, scores: mentionScores(found.spans, in: document))
        // Counting sees multiword entries as single terms; the KWIC store keeps the
        // tokens as segmented, so collocations can be found and phrases searched.
        let content = merger.merged(document, stopwords: tokenizer.configuration.stopwords).contentTokens
        let terms = content.map(\.term)
        let topicTerms = document.language == .japanese && NounCompounds.isTagged(content)
            ? NounCompounds.topicTerms(content) : nil
        let metadata = article.metadata
        let stored = StoredDocument(document: document, focus: focus.label, site: article.site ?? "", date: article.date ?? "",
                                    theme: Self.mainTheme(themeScores, topLevel: themes.dictionary.topLevel),
                                    title: String((article.title ?? "").prefix(300)))
        return DocumentAnalysis(
            article: metadata, language: document.language, sentenceCount: document.sentences.count,
            themes: themeScores, themeSentiment: themeSentiment, sentiment: scores.overall, mentions: found,
            targetSentiment: towardTargets.mapValues(\.score), towardTargets: towardTargets,
            focus: focus, salience: salience,
            framingIndex: themeScores.scopedFramingIndex, scopeSentences: scope?.sentences.count,
            pageFramingIndex: ThemeScores.framing(themeScores.hits), evidence: evidence,
            evidenceMatches: evidenceMatches.isEmpty ? nil : evidenceMatches,
            terms: terms, topicTerms: topicTerms, stored: stored)
    }

    /// The text tokens `range` cover, as written (nil for an empty or out-of-bounds range).
    static func surface(of range: Range<Int>, in document: TokenizedDocument) -> String? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= document.tokens.count else { return nil }
        let from = document.tokens[range.lowerBound].range.lowerBound, to = document.tokens[range.upperBound - 1].range.upperBound
        let utf8 = document.text.utf8
        guard from >= 0, from < to, to <= utf8.count else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: from), upper = utf8.index(utf8.startIndex, offsetBy: to)
        return String(document.text[lower..<upper])
    }

    /// The top-level theme with the most hits (ties: the first in name order), or empty.
    static func mainTheme(_ scores: ThemeScores, topLevel: [String]) -> String {
        topLevel.filter { (scores.hits[$0] ?? 0) > 0 }
            .max { (scores.hits[$0] ?? 0, $1) < (scores.hits[$1] ?? 0, $0) } ?? ""
    }
}
