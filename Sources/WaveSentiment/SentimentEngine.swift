import Foundation
import WaveLexicon
import WaveText

/// The compiled tables and the scoring rules for the languages of one lexicon
/// (``SentimentScorer`` keeps one per language).
struct SentimentEngine: Sendable {
    enum Role: Sendable, Hashable {
        case negator
        /// A negator that may also stand before the word it negates (Korean 안).
        case preNegator
        case weight(Double)
        case contrast
        case concessive
        case inverting
    }

    let lexicon: SentimentLexicon
    let valences: TermList<Double>
    let roles: TermList<Role>
    /// Directional entries (their hits can be inverted), per language, folded, without `*`.
    let directionalKeys: [Language: Set<String>]
    /// Japanese entries for matching on the surface character stream, folded,
    /// without `*` and spaces; single-character entries match whole tokens only.
    let streamWords: [Language: [String: Double]]
    let maxStreamLength: [Language: Int]
    /// Languages matched on the surface stream instead of token by token.
    static let streamLanguages: Set<Language> = [.japanese]
    /// Entries with no letters or digits (":-)", "<3"), per language, scanned in the raw text.
    let symbols: [Language: [String: Double]]
    /// Single-word entries and glob prefixes, per language, for the fallbacks.
    let words: [Language: [String: Double]]
    /// English one-word intensifiers and diminishers, for their elongated spellings ("sooo", "reallyyy").
    let englishWeightWords: [String: Double]
    /// Entries (as written) whose hits are directional, per language.
    let directionalEntries: [Language: Set<String>]
    /// `valences` and `roles` as byte tries, for languages written with spaces.
    let valenceTries: [Language: TermTrie<Double>]
    let roleTries: [Language: TermTrie<Role>]
    /// Languages whose negators before a word are only the `negators_before` ones.
    let hasPreNegators: Set<Language>
    /// Per language, which bytes begin a symbol entry (ASCII letters folded both ways).
    let symbolFirstBytes: [Language: [Bool]]
    /// Symbol entries of two or more characters with non-ASCII characters (♥♥, (笑)).
    let nonASCIISymbols: [Language: [(String, Double)]]
    /// Symbol entries of two characters or more, in sorted order (so sums are
    /// added in the same order in every process), for Japanese and Korean chunks.
    let attachedSymbols: [Language: [(String, Double)]]
    /// Korean single words and stems under their spelling-normalized form, for matching inside words.
    let koreanForms: KoreanForms?

    /// Korean words of this many characters or more are taken for phrases
    /// written without spaces and searched for entries anywhere inside.
    static let koreanRunTogetherLength = 7
    static let negationScale = -0.74
    /// An English negated negative word: half turned around, not −0.74.
    static let englishNegatedNegativeScale = -0.5
    /// Weight of a hit found only by a fallback.
    static let fallbackWeight = 0.6
    /// How many words before an English hit a negator may stand: three, the
    /// window of the VADER paper (Hutto & Gilbert 2014); "should not be allowed
    /// to get cancer" does not turn "cancer" around.
    static let englishNegationReach = 3

    init(lexicon: SentimentLexicon, tokenizer: Tokenizer) {
        self.lexicon = lexicon
        let stream = Self.streamTables(lexicon.valences)
        self.streamWords = stream.words
        self.maxStreamLength = stream.maxLength
        let tables = Self.valenceTables(lexicon.valences)
        self.valences = TermList(entries: tables.entries, tokenizer: tokenizer)
        self.symbols = tables.symbols
        self.words = tables.words
        self.koreanForms = lexicon.valences[.korean].map { KoreanForms(valences: $0) }
        let roleTables = Self.roleTables(lexicon.rules)
        self.roles = TermList(entries: roleTables.entries, tokenizer: tokenizer)
        self.englishWeightWords = Self.englishWeightWords(lexicon.rules[.english])
        self.directionalKeys = roleTables.directionalKeys
        self.directionalEntries = Self.directionalEntries(lexicon.valences, keys: roleTables.directionalKeys)
        var valenceTries: [Language: TermTrie<Double>] = [:]
        var roleTries: [Language: TermTrie<Role>] = [:]
        for language in Set(lexicon.valences.keys).union(lexicon.rules.keys) where !TermList<Double>.unspaced.contains(language) {
            valenceTries[language] = TermTrie(valences, language: language)
            roleTries[language] = TermTrie(roles, language: language)
        }
        self.valenceTries = valenceTries
        self.roleTries = roleTries
        var hasPreNegators: Set<Language> = []
        for (language, rules) in lexicon.rules where rules.negationPosition == .both && !rules.negatorsBefore.isEmpty {
            hasPreNegators.insert(language)
        }
        self.hasPreNegators = hasPreNegators
        let longSymbols = Self.longSymbols(tables.symbols)
        self.nonASCIISymbols = longSymbols.nonASCII
        self.attachedSymbols = longSymbols.attached
        self.symbolFirstBytes = Self.symbolFirstBytes(tables.symbols)
    }

    /// A scored occurrence inside one sentence.
    struct Hit {
        var tokens: Range<Int>
        var valence: Double
        /// Negated inside its own token (Korean 좋지않다, 안좋아).
        var negatedInside = false
        /// Negation was decided already (Japanese surface matching): skip the token rules.
        var negationResolved = false
        var directional = false
        /// Found inside a longer word or by a fallback: counts less.
        var weight = 1.0
    }
}
