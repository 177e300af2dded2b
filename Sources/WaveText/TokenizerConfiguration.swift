/// Settings of the text stage.
public struct TokenizerConfiguration: Sendable {
    /// Stopword lists; a token whose term is on the list of the document's
    /// language gets ``Token/isStopword``.
    public var stopwords: Stopwords
    /// Multiword terms per language ("soft power", "ソフトパワー", "소프트 파워"),
    /// merged into one token by a ``PhraseMerger`` (longest match).
    public var phrases: [Language: [String]]
    /// Snowball stemming of English terms (libstemmer, loaded at run time;
    /// ignored when the library is missing). Off by default.
    public var stem: Bool
    /// Use MeCab for Japanese when it can be loaded (otherwise ICU).
    public var useMeCab: Bool
    /// MeCab dictionary directory (holding `sys.dic`), e.g. a UniDic
    /// installation; nil uses `/etc/mecabrc` or Debian's ipadic.
    public var mecabDictionary: String?
    /// Feature index of the base form in the MeCab dictionary; nil picks it
    /// per morpheme from the feature count (ipadic: 6, UniDic: 7).
    public var mecabLemmaField: Int?
    /// Strip Korean particles (josa) from terms.
    public var stripKoreanParticles: Bool
    /// How sentences are found: `.rules` by default (one pass over the
    /// bytes; on the UD test sets it finds the same sentence ends as ICU, see
    /// ``SentenceSegmentation``), `.icu` for ICU sentence break.
    public var sentenceSegmentation: SentenceSegmentation

    public init(stopwords: Stopwords = Stopwords(), phrases: [Language: [String]] = [:],
                stem: Bool = false, useMeCab: Bool = true, mecabDictionary: String? = nil,
                mecabLemmaField: Int? = nil, stripKoreanParticles: Bool = true,
                sentenceSegmentation: SentenceSegmentation = .rules) {
        self.stopwords = stopwords
        self.phrases = phrases
        self.stem = stem
        self.useMeCab = useMeCab
        self.mecabDictionary = mecabDictionary
        self.mecabLemmaField = mecabLemmaField
        self.stripKoreanParticles = stripKoreanParticles
        self.sentenceSegmentation = sentenceSegmentation
    }
}
