import WaveLexicon
import WaveText

/// Theme hits of one document.
public struct ThemeScores: Sendable, Hashable, Codable {
    public var documentID: String
    /// Hits per theme path. A subtheme's hits also count toward its parents.
    public var hits: [String: Int]
    /// Tokens the rates are computed over (word tokens, stopwords included).
    public var tokenCount: Int
    /// Sentence indices holding hits, per theme (evidence for KWIC).
    public var evidence: [String: [Int]]
    /// Hits per theme path in target scope (``TargetScope``); nil when the
    /// document has no scope (it is about no target).
    public var scopedHits: [String: Int]?
    /// Word and number tokens of the sentences in target scope.
    public var scopedTokenCount: Int = 0
    /// Token indices of each theme's first hit (the one in the first sentence of
    /// ``evidence``), so the evidence can show the matched words; nil in scores
    /// stored before it was kept.
    public var firstHits: [String: Range<Int>]? = nil

    /// Hits per 1,000 tokens.
    public func rate(_ theme: String) -> Double {
        tokenCount == 0 ? 0 : Double(hits[theme] ?? 0) * 1000 / Double(tokenCount)
    }

    /// Hits per 1,000 tokens of the sentences in target scope; nil without a scope.
    public func scopedRate(_ theme: String) -> Double? {
        guard let scopedHits else { return nil }
        return scopedTokenCount == 0 ? 0 : Double(scopedHits[theme] ?? 0) * 1000 / Double(scopedTokenCount)
    }

    /// The framing index of the whole page: (forward-facing − nostalgia) / (forward-facing + nostalgia),
    /// from −1 (only nostalgia) to +1 (only forward-facing); 0 when neither occurs.
    public var framingIndex: Double { Self.framing(hits) ?? 0 }

    /// The framing index over the hits in target scope: nil when the document
    /// has no scope or no in-scope hit of either framing theme.
    public var scopedFramingIndex: Double? { scopedHits.flatMap(Self.framing) }

    public static func framing(_ hits: [String: Int]) -> Double? {
        let n = Double(hits[ThemeScorer.nostalgia] ?? 0)
        let f = Double(hits[ThemeScorer.forwardFacing] ?? 0)
        return n + f == 0 ? nil : (f - n) / (f + n)
    }
}

/// Where a document is about a target: the sentences that name one (the
/// gazetteer lists places, institutions, companies, people and works) and a
/// window of ``window`` sentences either side of each. Theme entries count in
/// the window; in-context entries (``ThemeDictionary/Theme/contextTerms``) only
/// in the naming sentences themselves.
public struct TargetScope: Sendable, Hashable {
    /// Sentences either side of a naming sentence that are in scope.
    public static let window = 1
    /// Sentences that name a target.
    public var naming: Set<Int>
    /// The naming sentences and their windows.
    public var sentences: Set<Int>

    /// - Parameters:
    ///   - naming: sentences that name a target.
    ///   - textSentences: the indices of the sentences that hold text, in order
    ///     (``textSentences(of:)``); the window counts these, so the empty
    ///     sentences between paragraphs do not use it up.
    public init(naming: Set<Int>, textSentences: [Int], window: Int = TargetScope.window) {
        self.naming = naming
        var sentences = naming
        for (position, index) in textSentences.enumerated() where naming.contains(index) {
            for p in max(0, position - window)...min(textSentences.count - 1, position + window) {
                sentences.insert(textSentences[p])
            }
        }
        self.sentences = sentences
    }

    /// Indices of the sentences of `document` that hold a word, number or hashtag, in order.
    public static func textSentences(of document: TokenizedDocument) -> [Int] {
        document.sentences.indices.filter { i in
            document.sentences[i].tokens.contains { t in
                t < document.tokens.count && [.word, .number, .hashtag].contains(document.tokens[t].kind)
            }
        }
    }
}

/// Counts theme dictionary entries in tokenized documents.
public struct ThemeScorer: Sendable {
    public static let nostalgia = "nostalgia"
    public static let forwardFacing = "forward_facing"

    public let dictionary: ThemeDictionary
    /// Payload: the theme path, and whether the entry counts only in context.
    private let list: TermList<Entry>
    /// `list`'s entries of each language written with spaces, as a byte trie (the same matches, faster).
    private let tries: [Language: TermTrie<Entry>]
    /// Korean entries, matched by their written form (``KoreanSurfaceMatcher``).
    private let korean: KoreanSurfaceMatcher<Entry>
    private let ancestors: [String: [String]]

    /// Compiles `dictionary` for `languages` with `tokenizer`, so entries are
    /// segmented the way documents are.
    public init(dictionary: ThemeDictionary, tokenizer: Tokenizer,
                languages: [Language] = [.english, .japanese, .korean]) {
        self.dictionary = dictionary
        var entries: [TermList<Entry>.Entry] = []
        var koreanEntries: [(text: String, payload: Entry)] = []
        var ancestors: [String: [String]] = [:]
        let byPath = Dictionary(dictionary.themes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for theme in dictionary.themes {
            var chain: [String] = []
            var parent = theme.parent
            while let p = parent { chain.append(p); parent = byPath[p]?.parent }
            ancestors[theme.path] = chain
            for (inContext, byLanguage) in [(false, theme.terms), (true, theme.contextTerms)] {
                for (language, terms) in byLanguage {
                    for target in language == .unknown ? languages : [language] {
                        let payload = Entry(path: theme.path, inContext: inContext)
                        for term in terms {
                            if KoreanSurfaceMatcher<Entry>.handles(term, language: target) {
                                koreanEntries.append((term, payload))
                            } else {
                                entries.append(.init(text: term, language: target, payload: payload))
                            }
                        }
                    }
                }
            }
        }
        let list = TermList(entries: entries, tokenizer: tokenizer)
        self.list = list
        var tries: [Language: TermTrie<Entry>] = [:]
        for language in Set(entries.map(\.language)) where !TermList<Entry>.unspaced.contains(language) {
            tries[language] = TermTrie(list, language: language)
        }
        self.tries = tries
        self.korean = KoreanSurfaceMatcher(entries: koreanEntries, tokenizer: tokenizer)
        self.ancestors = ancestors
    }

    struct Entry: Sendable, Hashable {
        var path: String
        var inContext: Bool
    }

    /// Theme hits in `document`, and, when `scope` is given, the hits in it.
    public func scores(for document: TokenizedDocument, scope: TargetScope? = nil) -> ThemeScores {
        var hits: [String: Int] = [:]
        var scoped: [String: Int] = [:]
        var evidence: [String: [Int]] = [:]
        var firstHits: [String: Range<Int>] = [:]
        var counted = Set<String>()   // (theme, token start) already counted via a descendant
        var countedInScope = Set<String>()
        var matches = (tries[document.language].map { $0.matches(in: document.tokens) } ?? list.matches(in: document))
            .map { (tokens: $0.tokens, payload: $0.payload) }
        if document.language == .korean && !korean.isEmpty {
            matches += korean.matches(in: document)
            matches.sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
        }
        for match in matches {
            let sentence = document.tokens[match.tokens.lowerBound].sentence
            let inScope = scope.map { match.payload.inContext ? $0.naming.contains(sentence) : $0.sentences.contains(sentence) } ?? false
            for theme in [match.payload.path] + (ancestors[match.payload.path] ?? []) {
                let key = "\(theme)@\(match.tokens.lowerBound)"
                if inScope, countedInScope.insert(key).inserted { scoped[theme, default: 0] += 1 }
                guard counted.insert(key).inserted else { continue }
                hits[theme, default: 0] += 1
                if evidence[theme] == nil { firstHits[theme] = match.tokens }
                if evidence[theme]?.last != sentence { evidence[theme, default: []].append(sentence) }
            }
        }
        let isCounted: (Token) -> Bool = { $0.kind == .word || $0.kind == .number }
        let tokenCount = document.tokens.lazy.filter(isCounted).count
        var scores = ThemeScores(documentID: document.id, hits: hits, tokenCount: tokenCount, evidence: evidence)
        scores.firstHits = firstHits
        if let scope {
            scores.scopedHits = scoped
            scores.scopedTokenCount = document.tokens.lazy.filter { isCounted($0) && scope.sentences.contains($0.sentence) }.count
        }
        return scores
    }
}
