import Foundation
import WaveIngest
import WaveLexicon
import WaveReports
import WaveSentiment
import WaveTerms
import WaveText
import WaveThemes

/// The text and analysis stages for one article: tokenize, then themes,
/// mentions and sentiment. Built once per run and shared by the workers.
public struct Analyzer: Sendable {
    public let tokenizer: Tokenizer
    public let themes: ThemeScorer
    public let mentions: MentionFinder
    public let sentiment: SentimentScorer
    /// Joins multiword dictionary and gazetteer entries ("soft power", 韓流)
    /// into single terms for counting.
    public let merger: PhraseMerger

    /// What the analysis of one article yields.
    public struct Result: Sendable {
        public var record: DocumentRecord
        /// Content terms in order (for the document-term matrix).
        public var terms: [String]
        /// The terms topic models see when they differ from ``terms``: for Japanese
        /// segmented by MeCab, nouns with touching nouns joined (``NounCompounds``).
        public var topicTerms: [String]? = nil
        /// First evidence sentence per top-level theme.
        public var evidence: [String: String]
        /// Sentences and token spans kept for term statistics and KWIC (`tokens.tsv`).
        public var stored: StoredDocument
    }

    public init(stopwords: Stopwords, dictionary: ThemeDictionary, lexicon: SentimentLexicon, gazetteer: Gazetteer) {
        let languages: [Language] = [.english, .japanese, .korean]
        let base = Tokenizer(configuration: TokenizerConfiguration(stopwords: stopwords))
        self.tokenizer = base
        self.themes = ThemeScorer(dictionary: dictionary, tokenizer: base, languages: languages)
        self.mentions = MentionFinder(gazetteer: gazetteer, tokenizer: base)
        self.sentiment = SentimentScorer(lexicon: lexicon, tokenizer: base)
        var phrases: [Language: [String]] = [:]
        for theme in dictionary.themes {
            for (language, entries) in theme.terms {
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

    public func analyze(_ article: Article) -> Result {
        let text = article.text
        let language = Self.language(of: article, text: text)
        let document = tokenizer.tokenize(text, language: language, id: article.id)
        let themeScores = themes.scores(for: document)
        let found = mentions.mentions(in: document)
        let scores = sentiment.sentiment(of: document)

        let focusKeys = found.focus
        let focus: String
        switch Set(focusKeys) {
        case []: focus = "neither"
        case ["japan"]: focus = "japan"
        case ["korea"]: focus = "korea"
        default: focus = focusKeys.contains("japan") && focusKeys.contains("korea") ? "both" : focusKeys[0]
        }
        var themeRates: [String: Double] = [:]
        var themeSentiment: [String: Double] = [:]
        var evidence: [String: String] = [:]
        for theme in themes.dictionary.themes {
            themeRates[theme.path] = themeScores.rate(theme.path)
            if let sentences = themeScores.evidence[theme.path] {
                themeSentiment[theme.path] = scores.score(over: Set(sentences))
                if theme.isTopLevel, let first = sentences.first, first < document.sentences.count {
                    evidence[theme.path] = document.text(of: document.sentences[first])
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        }
        // Counting sees multiword entries as single terms; the KWIC store keeps the
        // tokens as segmented, so collocations can be found and phrases searched.
        let content = merger.merged(document, stopwords: tokenizer.configuration.stopwords).contentTokens
        let terms = content.map(\.term)
        let topicTerms = document.language == .japanese && NounCompounds.isTagged(content)
            ? NounCompounds.topicTerms(content) : nil
        let record = DocumentRecord(
            id: article.id, path: article.path, item: article.item, url: article.url, title: article.title,
            authors: article.authors, date: article.date, language: document.language.rawValue, site: article.site,
            format: article.format.rawValue, encoding: article.encoding, tokens: themeScores.tokenCount,
            terms: terms.count, sentences: document.sentences.count, sentiment: scores.overall,
            sentimentJapan: scores.score(over: found.sentences["japan"] ?? []),
            sentimentKorea: scores.score(over: found.sentences["korea"] ?? []),
            focus: focus, themeHits: themeScores.hits, themeRates: themeRates, themeSentiment: themeSentiment,
            framingIndex: themeScores.framingIndex, warnings: article.warnings)
        return Result(record: record, terms: terms, topicTerms: topicTerms, evidence: evidence,
                      stored: Self.stored(document, record: record, topLevelThemes: themes.dictionary.topLevel))
    }

    /// Loads the stopwords, dictionary, lexicons and gazetteer a configuration names.
    /// - Throws: ``RunError`` naming the file (and line) that is wrong.
    public init(configuration config: RunConfiguration, log: (String) -> Void = { _ in }) throws {
        let stopwords: Stopwords
        if let folder = config.stopwords {
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw RunError("no stopword folder at \(folder.path) (leave out --stopwords to use the shipped lists)")
            }
            do { stopwords = try Stopwords(directory: folder) } catch {
                throw RunError("cannot read the stopword lists in \(folder.path): \(error.localizedDescription)")
            }
        } else {
            do { stopwords = try Stopwords.shipped() } catch {
                throw RunError("cannot read the shipped stopword lists: \(error)")
            }
        }
        do {
            let dictionary = try config.dictionary.map { try ThemeDictionary(contentsOf: $0) } ?? ThemeDictionary.shipped()
            var lexicon = config.replaceLexicon ? SentimentLexicon(rules: try SentimentLexicon.shipped().rules)
                                                : try SentimentLexicon.shipped()
            for (language, url) in config.lexicons {
                try lexicon.load(contentsOf: url, language: Language(language))
            }
            let gazetteer = try config.gazetteer.map { try Gazetteer(contentsOf: $0) } ?? Gazetteer.shipped()
            self.init(stopwords: stopwords, dictionary: dictionary, lexicon: lexicon, gazetteer: gazetteer)
        } catch let error as LexiconError {
            throw RunError("invalid configuration file: \(error)")
        }
    }
}
