/// What a token is.
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
    case word, number, url, email, hashtag, mention, emoji, symbol
}

/// One occurrence of a term in a document.
///
/// A *token* is an occurrence; a *term* is the normalized vocabulary entry it
/// counts toward (``term``).
public struct Token: Sendable, Hashable {
    /// The text as it stands in the document.
    public var surface: String
    /// The normalized form counted as a term: NFKC + case folding, the base
    /// form where the segmenter knows it, particles stripped for Korean.
    public var term: String
    /// What kind of token this is.
    public var kind: TokenKind
    /// UTF-8 byte offsets of the surface in the document text.
    public var range: Range<Int>
    /// Index of the sentence (in ``TokenizedDocument/sentences``) that holds it.
    public var sentence: Int
    /// Whether the term is on the stopword list of the document's language.
    public var isStopword: Bool
    /// How many segments the ``PhraseMerger`` joined into this token (1 when
    /// it is not a phrase).
    public var parts: Int
    /// Segmenter details, kept out of line: most tokens have none, and a
    /// token without them is cheaper to copy and to free.
    fileprivate var details: Details?

    /// Part of speech where the segmenter gives one (MeCab for Japanese:
    /// the dictionary's first POS field, e.g. `名詞`, `動詞`, `助詞`).
    public var partOfSpeech: String? {
        get { details?.partOfSpeech }
        set { details = Details.make(newValue, lemma, particle) }
    }
    /// The dictionary base form as the segmenter gave it, before
    /// normalization (MeCab: ipadic's 原形 or UniDic's lemma), when known.
    public var lemma: String? {
        get { details?.lemma }
        set { details = Details.make(partOfSpeech, newValue, particle) }
    }
    /// Korean: the particle (josa) stripped from the end of the surface to
    /// get ``term`` (`일본에서는` → term `일본`, particle `에서는`). The stem is
    /// the first `range.count - particle.utf8.count` bytes of the surface.
    public var particle: String? {
        get { details?.particle }
        set { details = Details.make(partOfSpeech, lemma, newValue) }
    }

    public init(surface: String, term: String, kind: TokenKind, range: Range<Int>,
                sentence: Int, isStopword: Bool = false, partOfSpeech: String? = nil,
                lemma: String? = nil, particle: String? = nil, parts: Int = 1) {
        self.surface = surface; self.term = term; self.kind = kind; self.range = range
        self.sentence = sentence; self.isStopword = isStopword; self.parts = parts
        self.details = Details.make(partOfSpeech, lemma, particle)
    }

    /// Byte offsets of the stored properties, for ``initialize(_:surface:term:kind:range:sentence:isStopword:)``.
    typealias Offsets = (surface: Int, term: Int, kind: Int, range: Int, sentence: Int, isStopword: Int,
                         parts: Int, details: Int)
    static let offsets: Offsets = (
        MemoryLayout<Token>.offset(of: \Token.surface)!, MemoryLayout<Token>.offset(of: \Token.term)!,
        MemoryLayout<Token>.offset(of: \Token.kind)!, MemoryLayout<Token>.offset(of: \Token.range)!,
        MemoryLayout<Token>.offset(of: \Token.sentence)!, MemoryLayout<Token>.offset(of: \Token.isStopword)!,
        MemoryLayout<Token>.offset(of: \Token.parts)!, MemoryLayout<Token>.offset(of: \Token.details)!)

    /// Initializes the uninitialized memory at `p` with a token without
    /// details, property by property. `p.initialize(to: Token(...))` builds
    /// a temporary token, copies it and destroys the temporary (the optimizer
    /// does not turn that into a move for a struct with three reference-counted
    /// properties), which was about 6 % of the tokenizer's time on English.
    @inline(__always)
    static func initialize(_ p: UnsafeMutablePointer<Token>, surface: String, term: String, kind: TokenKind,
                           range: Range<Int>, sentence: Int, isStopword: Bool, details: SharedDetails = SharedDetails(object: nil),
                           offsets o: Offsets = offsets) {
        let raw = UnsafeMutableRawPointer(p)
        (raw + o.surface).initializeMemory(as: String.self, to: surface)
        (raw + o.term).initializeMemory(as: String.self, to: term)
        (raw + o.kind).initializeMemory(as: TokenKind.self, to: kind)
        (raw + o.range).initializeMemory(as: Range<Int>.self, to: range)
        (raw + o.sentence).initializeMemory(as: Int.self, to: sentence)
        (raw + o.isStopword).initializeMemory(as: Bool.self, to: isStopword)
        (raw + o.parts).initializeMemory(as: Int.self, to: 1)
        (raw + o.details).initializeMemory(as: Details?.self, to: details.object)
    }

    /// Details made once and shared by many tokens (they are immutable):
    /// for MeCab's morphemes that have a part of speech and nothing else.
    struct SharedDetails: @unchecked Sendable {
        fileprivate let object: Details?
    }

    /// Details holding only a part of speech, to share.
    static func sharedDetails(partOfSpeech: String) -> SharedDetails {
        SharedDetails(object: Details.make(partOfSpeech, nil, nil))
    }

    fileprivate final class Details: Sendable, Hashable {
        let partOfSpeech: String?
        let lemma: String?
        let particle: String?

        fileprivate init(_ partOfSpeech: String?, _ lemma: String?, _ particle: String?) {
            self.partOfSpeech = partOfSpeech; self.lemma = lemma; self.particle = particle
        }

        static func make(_ partOfSpeech: String?, _ lemma: String?, _ particle: String?) -> Details? {
            partOfSpeech == nil && lemma == nil && particle == nil ? nil : Details(partOfSpeech, lemma, particle)
        }

        static func == (a: Details, b: Details) -> Bool {
            a.partOfSpeech == b.partOfSpeech && a.lemma == b.lemma && a.particle == b.particle
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(partOfSpeech); hasher.combine(lemma); hasher.combine(particle)
        }
    }

    /// Whether the token counts as a content word: a word or hashtag that is
    /// not a stopword (Japanese particles, auxiliaries and symbols are
    /// stopwords, see ``Tokenizer``).
    public var isContent: Bool { !isStopword && (kind == .word || kind == .hashtag) }

    /// UTF-8 byte range of the stem (the surface without a Korean particle).
    public var stemRange: Range<Int> {
        range.lowerBound..<(range.upperBound - (particle?.utf8.count ?? 0))
    }
}

/// The segmenter that produced a document's tokens.
public enum SegmenterBackend: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// ICU word break (all languages; Japanese fallback when MeCab is missing).
    case icu
    /// MeCab with a system dictionary (Japanese).
    case mecab
    public var description: String { rawValue }
}

/// A sentence: its span in the text and the tokens inside it.
public struct Sentence: Sendable, Hashable {
    /// UTF-8 byte offsets in the document text.
    public var range: Range<Int>
    /// Indices into ``TokenizedDocument/tokens``.
    public var tokens: Range<Int>
    public init(range: Range<Int>, tokens: Range<Int>) { self.range = range; self.tokens = tokens }
}

/// A language the tokenizer knows how to treat.
public struct Language: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ code: String) { self.rawValue = code }

    public static let english = Language("en")
    public static let japanese = Language("ja")
    public static let korean = Language("ko")
    /// Detection found no language it can name.
    public static let unknown = Language("und")

    public var description: String { rawValue }
    public static func < (a: Language, b: Language) -> Bool { a.rawValue < b.rawValue }
}

/// The output of the text stage for one document.
public struct TokenizedDocument: Sendable {
    /// The id of the article it came from.
    public var id: String
    /// The language the text was tokenized as.
    public var language: Language
    /// The text the ranges point into.
    public var text: String
    public var tokens: [Token]
    public var sentences: [Sentence]
    /// Which segmenter split the text (MeCab or ICU for Japanese).
    public var segmenter: SegmenterBackend

    public init(id: String, language: Language, text: String, tokens: [Token], sentences: [Sentence],
                segmenter: SegmenterBackend = .icu) {
        self.id = id; self.language = language; self.text = text
        self.tokens = tokens; self.sentences = sentences; self.segmenter = segmenter
    }

    /// The text of a sentence.
    public func text(of sentence: Sentence) -> Substring {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: sentence.range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: sentence.range.upperBound)
        return text[lower..<upper]
    }

    /// Content tokens: words and numbers that are not stopwords.
    public var contentTokens: [Token] {
        tokens.filter { !$0.isStopword && ($0.kind == .word || $0.kind == .hashtag) }
    }
}
