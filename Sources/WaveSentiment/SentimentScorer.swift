import Foundation
import WaveLexicon
import WaveText

/// Sentiment of one document: per sentence, overall, and toward targets.
public struct DocumentSentiment: Sendable, Hashable {
    public var documentID: String
    /// Score per sentence, from −1 to +1 (0 where no lexicon entry occurs).
    public var sentences: [Double]
    /// Per sentence, the sum of its hits before squashing (0 where none occurs).
    public var rawSums: [Double]
    /// Sentences that hold at least one lexicon entry.
    public var scoredSentences: Set<Int>
    /// The whole text, from −1 to +1: the raw sums of the sentences that carry
    /// sentiment pooled as `Σ s / √n` (from five sentences on, the mean × 2) and
    /// squashed like one sentence's (see `SentimentEngine.pooled`), in every language.
    public var overall: Double

    /// The score of the sentences in `subset` (those mentioning Japan, or a
    /// theme), pooled the way ``overall`` is; 0 when none of them carries
    /// sentiment, nil when `subset` is empty.
    public func score(over subset: Set<Int>) -> Double? {
        guard !subset.isEmpty else { return nil }
        // In sentence order, so the result does not depend on the set's iteration order.
        let scored = subset.filter { scoredSentences.contains($0) && $0 < rawSums.count }.sorted()
        guard !scored.isEmpty else { return 0 }
        return SentimentEngine.pooled(scored.map { rawSums[$0] })
    }
}

/// Lexicon and rule based sentiment, sentence by sentence.
///
/// Each lexicon hit adds its valence, changed by the rules around it:
/// - **Intensifiers and diminishers** ("very", とても, 약간) just before it
///   scale it (Japanese diminishers such as 気味 also just after).
/// - **Negation** flips and damps it (× −0.74; an English negative word only
///   × −0.5: "not terrible" is faintly positive). English negators reach
///   forward up to the next punctuation or contrast word, at most three
///   words ("not a very good film"); Japanese negators follow the predicate
///   (良く + ない, 問題 + が + ない), Korean ones stand before (안 좋다) or
///   after it (좋지 않다), or inside the same word (좋지않다, 안좋아).
/// - **Contrast** ("but", しかし, 하지만): the part before weighs half and the
///   part after one and a half. A concessive clause ("although …,") weighs
///   half up to its punctuation.
/// - **Direction**: a word of change ("rise", 増加, 증가) in the same clause as
///   something bad to have more of ("costs", 赤字, 적자) turns around.
/// - **Emphasis**: a word in capitals inside a mixed-case English sentence,
///   and up to three exclamation marks, strengthen the sentence.
/// - **Emoticons and emoji** (":-)", "<3", 😂) count like words.
/// - **Fallbacks** when a sentence has no hit: English words are looked up
///   again without common suffixes ("disappointingly" → "disappointing"),
///   Japanese and Korean words are searched for lexicon entries inside them
///   ("개꿀잼" → 꿀잼, "안재밌음" → 안 + 재밌*), at reduced weight. Elongated
///   English words ("goooood", "sooo") are looked up shortened in every
///   sentence, at full weight.
///
/// The sentence sum `s` becomes `s / √(s² + 15)`, in −1…+1. A document (and
/// the subset of its sentences that mention a target or a theme) pools its
/// sentences' raw sums as `Σ s / √n` before the same squashing (``pooled(_:)``),
/// in every language, so agreeing sentences strengthen each other, while beyond
/// four scored sentences the pool no longer grows with the length: a long
/// article does not saturate the way a whole-text sum does, and scores in
/// English, Japanese and Korean are on one scale.
public struct SentimentScorer: Sendable {
    public let lexicon: SentimentLexicon
    private let tokenizer: Tokenizer
    private let engines: EngineCache

    /// Prepares scoring with `lexicon`. Each language's tables (tries, word
    /// lists, Korean forms) are compiled the first time a document of that
    /// language is scored, so a run over English texts never compiles the
    /// Japanese and Korean lexicons.
    public init(lexicon: SentimentLexicon, tokenizer: Tokenizer) {
        self.lexicon = lexicon
        self.tokenizer = tokenizer
        self.engines = EngineCache()
    }

    /// Scores every sentence of `document` and the document as a whole.
    public func sentiment(of document: TokenizedDocument) -> DocumentSentiment {
        box(for: document.language).engine.sentiment(of: document)
    }

    func engine(for language: Language) -> SentimentEngine { box(for: language).engine }

    /// The engine of `language`, compiled on first use; a reference, so no copy of its tables per call.
    private func box(for language: Language) -> EngineBox {
        engines.lock.lock()
        defer { engines.lock.unlock() }
        if let box = engines.byLanguage[language] { return box }
        var valences: [Language: [String: Double]] = [:]
        var rules: [Language: SentimentLexicon.Rules] = [:]
        valences[language] = lexicon.valences[language]
        if language == .korean { valences[language] = valences[language].map(KoreanForms.withStemVariants) }
        rules[language] = lexicon.rules[language]
        let engine = SentimentEngine(lexicon: SentimentLexicon(valences: valences, rules: rules, sources: lexicon.sources),
                                     tokenizer: tokenizer)
        let box = EngineBox(engine)
        engines.byLanguage[language] = box
        return box
    }

    final class EngineBox: Sendable {
        let engine: SentimentEngine
        init(_ engine: SentimentEngine) { self.engine = engine }
    }

    final class EngineCache: @unchecked Sendable {
        let lock = NSLock()
        var byLanguage: [Language: EngineBox] = [:]
    }

    static func englishStems(_ word: String) -> [String] { SentimentEngine.englishStems(word) }
    static func collapsingRuns(_ word: String, keep: Int) -> String? { SentimentEngine.collapsingRuns(word, keep: keep) }
    static func isSymbolEntry(_ entry: String) -> Bool { SentimentEngine.isSymbolEntry(entry) }
}

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
    private let valences: TermList<Double>
    private let roles: TermList<Role>
    /// Directional entries (their hits can be inverted), per language, folded, without `*`.
    private let directionalKeys: [Language: Set<String>]
    /// Japanese entries for matching on the surface character stream, folded,
    /// without `*` and spaces; single-character entries match whole tokens only.
    private let streamWords: [Language: [String: Double]]
    private let maxStreamLength: [Language: Int]
    /// Languages matched on the surface stream instead of token by token.
    static let streamLanguages: Set<Language> = [.japanese]
    /// Entries with no letters or digits (":-)", "<3"), per language, scanned in the raw text.
    private let symbols: [Language: [String: Double]]
    /// Single-word entries and glob prefixes, per language, for the fallbacks.
    private let words: [Language: [String: Double]]
    /// English one-word intensifiers and diminishers, for their elongated spellings ("sooo", "reallyyy").
    private let englishWeightWords: [String: Double]
    private let maxWordLength: [Language: Int]
    /// Korean glob stems of any length (좋*), for words written together with 안 / 못.
    private let koreanStems: [String: Double]?
    /// Entries (as written) whose hits are directional, per language.
    private let directionalEntries: [Language: Set<String>]
    /// `valences` and `roles` as byte tries, for languages written with spaces.
    private let valenceTries: [Language: TermTrie<Double>]
    private let roleTries: [Language: TermTrie<Role>]
    /// Languages whose negators before a word are only the `negators_before` ones.
    private let hasPreNegators: Set<Language>
    /// Per language, which bytes begin a symbol entry (ASCII letters folded both ways).
    private let symbolFirstBytes: [Language: [Bool]]
    /// Symbol entries of two or more characters with non-ASCII characters (♥♥, (笑)).
    private let nonASCIISymbols: [Language: [(String, Double)]]
    /// Symbol entries of two characters or more, in sorted order (so sums are
    /// added in the same order in every process), for Japanese and Korean chunks.
    private let attachedSymbols: [Language: [(String, Double)]]
    /// Korean single words and stems under their spelling-normalized form, for matching inside words.
    private let koreanForms: KoreanForms?

    /// Korean words of this many characters or more are taken for phrases
    /// written without spaces and searched for entries anywhere inside.
    static let koreanRunTogetherLength = 7
    static let negationScale = -0.74
    static let normalization = 15.0
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
        var entries: [TermList<Double>.Entry] = []
        var symbols: [Language: [String: Double]] = [:]
        var words: [Language: [String: Double]] = [:]
        var maxLength: [Language: Int] = [:]
        var streamWords: [Language: [String: Double]] = [:]
        var maxStream: [Language: Int] = [:]
        for (language, table) in lexicon.valences where Self.streamLanguages.contains(language) {
            // Sorted: entries that fold to one key (良く, 良く*) resolve the same way in every run.
            for (entry, value) in table.sorted(by: { $0.key < $1.key }) {
                let key = TextNormalizer.fold(entry.trimmingCharacters(in: .whitespaces)).replacingOccurrences(of: "*", with: "")
                    .replacingOccurrences(of: " ", with: "")
                guard !key.isEmpty else { continue }
                streamWords[language, default: [:]][key] = value
                maxStream[language] = max(maxStream[language] ?? 0, key.count)
            }
        }
        self.streamWords = streamWords
        self.maxStreamLength = maxStream
        for (language, table) in lexicon.valences {
            for (entry, value) in table.sorted(by: { $0.key < $1.key }) {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                if Self.isSymbolEntry(trimmed) {
                    symbols[language, default: [:]][TextNormalizer.fold(trimmed)] = value
                    continue
                }
                entries.append(.init(text: entry, language: language, payload: value))
                if !trimmed.contains(" ") {
                    let key = TextNormalizer.fold(trimmed.hasSuffix("*") ? String(trimmed.dropLast()) : trimmed)
                    if key.count >= 2 {
                        words[language, default: [:]][key] = value
                        maxLength[language] = max(maxLength[language] ?? 0, key.count)
                    }
                }
            }
        }
        self.valences = TermList(entries: entries, tokenizer: tokenizer)
        self.symbols = symbols
        self.words = words
        self.maxWordLength = maxLength
        var stems: [String: Double] = [:]
        for (entry, value) in (lexicon.valences[.korean] ?? [:]).sorted(by: { $0.key < $1.key }) where entry.hasSuffix("*") && !entry.contains(" ") {
            stems[Self.key(of: entry)] = value
        }
        self.koreanStems = stems.isEmpty ? nil : stems
        self.koreanForms = lexicon.valences[.korean].map { KoreanForms(valences: $0) }
        var roleEntries: [TermList<Role>.Entry] = []
        var directionalKeys: [Language: Set<String>] = [:]
        for (language, rules) in lexicon.rules {
            let before = Set(rules.negatorsBefore)
            roleEntries += rules.negators.filter { !before.contains($0) }.map { .init(text: $0, language: language, payload: .negator) }
            roleEntries += rules.negatorsBefore.map { .init(text: $0, language: language, payload: rules.negationPosition == .both ? .preNegator : .negator) }
            roleEntries += rules.contrast.map { .init(text: $0, language: language, payload: .contrast) }
            roleEntries += rules.concessive.map { .init(text: $0, language: language, payload: .concessive) }
            roleEntries += rules.inverting.map { .init(text: $0, language: language, payload: .inverting) }
            // Sorted: entries that tokenize alike (정말, 정말로) resolve the same way in every run.
            for (word, w) in rules.intensifiers.merging(rules.diminishers, uniquingKeysWith: { a, _ in a }).sorted(by: { $0.key < $1.key }) {
                roleEntries.append(.init(text: word, language: language, payload: .weight(w)))
            }
            directionalKeys[language] = Set(rules.directional.map { Self.key(of: $0) })
        }
        self.roles = TermList(entries: roleEntries, tokenizer: tokenizer)
        var englishWeightWords: [String: Double] = [:]
        if let rules = lexicon.rules[.english] {
            for (word, w) in rules.intensifiers.merging(rules.diminishers, uniquingKeysWith: { a, _ in a })
            where !word.contains(" ") && !word.hasSuffix("*") {
                englishWeightWords[TextNormalizer.fold(word)] = w
            }
        }
        self.englishWeightWords = englishWeightWords
        self.directionalKeys = directionalKeys
        var directionalEntries: [Language: Set<String>] = [:]
        for (language, table) in lexicon.valences {
            guard let keys = directionalKeys[language], !keys.isEmpty else { continue }
            directionalEntries[language] = Set(table.keys.filter { keys.contains(Self.key(of: $0)) })
        }
        self.directionalEntries = directionalEntries
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
        var nonASCIISymbols: [Language: [(String, Double)]] = [:]
        var attachedSymbols: [Language: [(String, Double)]] = [:]
        for (language, table) in symbols {
            let long = table.filter { $0.key.count >= 2 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            attachedSymbols[language] = long
            nonASCIISymbols[language] = long.filter { !$0.0.unicodeScalars.allSatisfy(\.isASCII) }
        }
        self.nonASCIISymbols = nonASCIISymbols
        self.attachedSymbols = attachedSymbols
        var symbolFirstBytes: [Language: [Bool]] = [:]
        for (language, table) in symbols {
            var first = [Bool](repeating: false, count: 256)
            for key in table.keys {
                guard let b = key.utf8.first else { continue }
                first[Int(b)] = true
                if b >= 0x61 && b <= 0x7A { first[Int(b - 0x20)] = true }
                if b >= 0x41 && b <= 0x5A { first[Int(b + 0x20)] = true }
            }
            symbolFirstBytes[language] = first
        }
        self.symbolFirstBytes = symbolFirstBytes
    }

    /// A scored occurrence inside one sentence.
    private struct Hit {
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

    /// Entries the tokenizer cannot see as words: emoticons (":-)", "<3",
    /// "^^"), grades and ratings ("a+", "10/10"). They are matched on the raw
    /// text instead, so "a+" is not read as the word "a".
    static func isSymbolEntry(_ entry: String) -> Bool {
        guard !entry.isEmpty else { return false }
        // A trailing "*" makes a word a prefix glob (disappoint*); after marks only
        // (":*", ":-*", a kiss) it is part of the emoticon.
        if entry.hasSuffix("*") {
            let rest = entry.dropLast()
            return !rest.isEmpty && !rest.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
                && !rest.contains(" ")
        }
        if entry.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return false }
        let marks: Set<Character> = ["+", "/", ":", ";", "(", ")", "<", ">", "=", "^", "_", "|", "\\"]
        if entry.contains(where: { marks.contains($0) }) { return true }
        return !entry.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// An entry as a lookup key: folded, without the glob star.
    static func key(of entry: String) -> String {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        return TextNormalizer.fold(trimmed.hasSuffix("*") ? String(trimmed.dropLast()) : trimmed)
    }

    /// Scores every sentence of `document` and the document as a whole.
    func sentiment(of document: TokenizedDocument) -> DocumentSentiment {
        let language = document.language
        let tokens = document.tokens
        let tokenCount = tokens.count
        var tokenRole = [Role?](repeating: nil, count: tokenCount)
        for match in roleTries[language].map({ $0.matches(in: tokens) }) ?? roles.matches(in: document) {
            for i in match.tokens { tokenRole[i] = match.payload }
        }
        // Elongated words ("sooo", "goooood") are looked for only in texts with a run of three letters.
        let elongated = language == .english && Self.hasLetterRun(document.text)
        if elongated && !englishWeightWords.isEmpty {
            // "sooo good", "reallyyy bad": an elongated intensifier is still one.
            for i in 0..<tokenCount where tokenRole[i] == nil && tokens[i].kind == .word {
                let term = tokens[i].term
                guard Self.hasLongRun(term) else { continue }
                for keep in 1...2 {
                    if let form = Self.shorteningLongRuns(term, to: keep), let w = englishWeightWords[form] {
                        tokenRole[i] = .weight(w)
                        break
                    }
                }
            }
        }
        let negationPosition = lexicon.rules[language]?.negationPosition ?? .before
        let breakBefore = Self.clauseBreaks(in: document)
        if language == .japanese { Self.resolveJapaneseParticles(tokens, breakBefore: breakBefore, roles: &tokenRole) }

        let directionalSet = directionalKeys[language] ?? []
        var hits: [Hit] = []
        if Self.streamLanguages.contains(language), streamWords[language] != nil {
            hits = streamHits(in: document, breakBefore: breakBefore, directional: directionalSet)
        } else {
          let directionalEntries = self.directionalEntries[language] ?? []
          var previousRange = 0..<0
          for match in valenceTries[language].map({ $0.matches(in: tokens) }) ?? valences.matches(in: document) {
            // Entries that tokenize alike (평점이 높* and 평점 높*, once the
            // particle is stripped) match the same tokens: the first one counts.
            if match.tokens == previousRange { continue }
            previousRange = match.tokens
            var hit = Hit(tokens: match.tokens, valence: match.payload)
            hit.directional = !directionalEntries.isEmpty && directionalEntries.contains(match.entry)
            if language == .korean, match.tokens.count == 1,
               tokens[match.tokens.lowerBound].term.count >= Self.koreanRunTogetherLength {
                // A run-together phrase (공포영화인데웃으면서봤네요): searched
                // inside like text below, not read as one word from its start.
                continue
            }
            if language == .korean, match.tokens.count == 1, match.entry.hasSuffix("*") {
                let term = tokens[match.tokens.lowerBound].term
                let stem = TextNormalizer.fold(match.entry.dropLast())
                hit.negatedInside = Self.koreanNegatedInside(term, matchStart: 0, matchLength: stem.count, entry: stem)
            }
            hits.append(hit)
          }
        }

        let hasSymbols = !(symbols[language]?.isEmpty ?? true)
        let attached = language == .japanese || language == .korean
        let symbolChunks = hasSymbols ? Self.chunks(of: document, plainWordsSkipped: !attached,
                                                    firstBytes: attached ? nil : symbolFirstBytes[language]) : nil
        var sums = [Double](repeating: 0, count: document.sentences.count)
        var rawSums = [Double](repeating: 0, count: document.sentences.count)
        var scored = Set<Int>()
        var hitIndex = 0
        for (s, sentence) in document.sentences.enumerated() {
            let range = sentence.tokens
            var sentenceHits: [Hit] = []
            while hitIndex < hits.count && hits[hitIndex].tokens.lowerBound < range.upperBound {
                let hit = hits[hitIndex]
                hitIndex += 1
                guard hit.tokens.lowerBound >= range.lowerBound else { continue }
                // A single word that is a rule word ("no") only negates; a phrase that begins
                // with one ("can't wait", "no problem") is an entry of its own.
                if hit.tokens.count == 1 {
                    switch tokenRole[hit.tokens.lowerBound] {
                    case .negator, .preNegator: continue
                    default: break
                    }
                }
                sentenceHits.append(hit)
            }
            if language == .korean && !range.isEmpty {
                // Entries inside longer words (너무재밌다, 명작이다), for words no entry matched.
                var covered = Set<Int>()
                for hit in sentenceHits { covered.formUnion(hit.tokens) }
                let inside = koreanInWordHits(in: range, tokens: tokens, roles: tokenRole, covered: covered,
                                              anywhere: sentenceHits.isEmpty)
                if !inside.isEmpty {
                    sentenceHits = (sentenceHits + inside).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
                }
                if sentenceHits.isEmpty, let i = range.last(where: { Self.isKoreanRejection(tokens[$0].term) }) {
                    // "이건 아님", "정말 아니다": a 아니다 that negates no evaluative word rejects the thing itself.
                    var hit = Hit(tokens: i..<(i + 1), valence: -1.0)
                    hit.negationResolved = true
                    sentenceHits = [hit]
                }
            } else if language == .english && !range.isEmpty {
                // Words no entry matched, looked up again without suffixes or elongation
                // ("hampering", "goooood"). In a sentence with other hits, only elongated
                // words are (a cheap check; stemming every word there costs a fifth of the time).
                let extra = sentenceHits.isEmpty || elongated
                    ? fallbackHits(in: range, tokens: tokens, roles: tokenRole, language: language,
                                   covered: sentenceHits, elongatedOnly: !sentenceHits.isEmpty, elongated: elongated)
                    : []
                if !extra.isEmpty {
                    sentenceHits = sentenceHits.isEmpty ? extra
                        : (sentenceHits + extra).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
                }
                if sentenceHits.isEmpty,
                   let i = range.first(where: { Self.englishRefusals.contains(tokens[$0].term) }) {
                    // "No.", "No Keynote, S5 or Prezi": with nothing else to negate, a bare "no" refuses or denies.
                    var hit = Hit(tokens: i..<(i + 1), valence: Self.englishRefusalValence)
                    hit.negationResolved = true
                    sentenceHits = [hit]
                }
            } else if sentenceHits.isEmpty && !range.isEmpty {
                sentenceHits = fallbackHits(in: range, tokens: tokens, roles: tokenRole, language: language)
            }
            if language == .english && !range.isEmpty {
                let tags = hashtagHits(in: range, tokens: tokens, covered: sentenceHits)
                if !tags.isEmpty {
                    sentenceHits = (sentenceHits + tags).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
                }
            }
            var sum = 0.0
            var any = false
            let contrastAt = range.first { i in
                if case .contrast = tokenRole[i] { return true }
                // Korean -지만, -는데, -으나, -더니 end the clause they close: the contrast starts after this word.
                guard language == .korean, i > range.lowerBound else { return false }
                let previous = tokens[i - 1].term
                return Self.koreanContrastEndings.contains { previous.hasSuffix($0) } || Self.endsInNDe(previous)
            }
            let shoutingAllowed = language == .english && !sentenceHits.isEmpty && !Self.allCaps(range, tokens)
            // "The deficit narrowed": the change carries the news, so the bad
            // noun it inverts around does not also count on its own.
            var inverters: [Int: Int] = [:]   // hit index → inverting token
            var neutralized = Set<Int>()
            for (k, hit) in sentenceHits.enumerated() where hit.directional {
                if let j = inverter(of: hit.tokens, in: range, roles: tokenRole, breakBefore: breakBefore) {
                    inverters[k] = j
                    neutralized.insert(j)
                }
            }
            let concessive = concessiveSpan(in: range, roles: tokenRole, breakBefore: breakBefore)
            // Korean members coordinated with 도 (감동도 재미도 없다, 통찰도 웃음도 결여된): the
            // negation after the last member negates every member of the chain.
            var coordinated = Set<Int>()
            if language == .korean && sentenceHits.count > 1 {
                for k in stride(from: sentenceHits.count - 2, through: 0, by: -1) {
                    let here = sentenceHits[k], next = sentenceHits[k + 1]
                    guard here.valence != 0, next.tokens.lowerBound == here.tokens.upperBound,
                          !breakBefore[next.tokens.lowerBound],
                          tokens[here.tokens.upperBound - 1].surface.hasSuffix("도"),
                          tokens[next.tokens.lowerBound].surface.hasSuffix("도") else { continue }
                    let nextNegated = coordinated.contains(k + 1) || next.negatedInside
                        || next.tokens.dropFirst().contains { i in
                            switch tokenRole[i] { case .negator, .preNegator: return true; default: return false }
                        }
                        || negated(next.tokens, in: range, roles: tokenRole, breakBefore: breakBefore,
                                   position: negationPosition, language: language,
                                   previousHitEnd: here.tokens.upperBound,
                                   nextHitStart: k + 2 < sentenceHits.count ? sentenceHits[k + 2].tokens.lowerBound : range.upperBound)
                    if nextNegated { coordinated.insert(k) }
                }
            }
            // Korean laughter standing as its own word (ㅋㅋ, ㅎㅎ) beside an evaluative word
            // goes with that word: amusement after praise, mockery after a complaint
            // (노잼 ㅋㅋㅋ). Only when nothing else is found does it count as good humour.
            let laughter: Set<Int> = language == .korean
                ? Set(sentenceHits.indices.filter { k in
                    sentenceHits[k].tokens.count == 1 && Self.isLaughter(tokens[sentenceHits[k].tokens.lowerBound].surface)
                  })
                : []
            let laughterFollows = !laughter.isEmpty
                && sentenceHits.indices.contains { !laughter.contains($0) && sentenceHits[$0].valence != 0 }
            var laughterTotal = 0.0
            for (k, hit) in sentenceHits.enumerated() where hit.valence != 0 {
                if inverters[k] == nil, hit.tokens.contains(where: { neutralized.contains($0) }) { continue }
                // Zero entries (少なくとも) only keep a longer match from firing.
                let start = hit.tokens.lowerBound
                if language == .english, hit.tokens.count == 1, case .weight(let w) = tokenRole[start], w > 0,
                   k + 1 < sentenceHits.count, sentenceHits[k + 1].tokens.lowerBound == hit.tokens.upperBound,
                   sentenceHits[k + 1].valence != 0, !breakBefore[hit.tokens.upperBound] {
                    // An evaluative word used as a degree adverb right before another
                    // ("terribly good", "damn good", "spectacularly stupid", "pretty nice")
                    // only strengthens it; alone ("Damn.", "She's pretty.") it keeps its valence.
                    continue
                }
                var v = hit.valence * hit.weight
                v *= weight(around: hit.tokens, in: range, roles: tokenRole, breakBefore: breakBefore, language: language)
                var negated = hit.negatedInside
                if !hit.negationResolved, self.negated(hit.tokens, in: range, roles: tokenRole, breakBefore: breakBefore,
                                position: negationPosition, language: language,
                                previousHitEnd: k > 0 ? sentenceHits[k - 1].tokens.upperBound : range.lowerBound,
                                nextHitStart: k + 1 < sentenceHits.count ? sentenceHits[k + 1].tokens.lowerBound : range.upperBound) {
                    negated.toggle()
                }
                if coordinated.contains(k) { negated = true }
                if negated {
                    // English: a negated complaint ("not bad", "no pain") is only mildly
                    // positive, while a negated praise ("not good") is plainly negative.
                    v *= language == .english && v < 0 ? Self.englishNegatedNegativeScale : Self.negationScale
                }
                if inverters[k] != nil { v = -v }
                if shoutingAllowed, Self.isShouted(tokens[start].surface) { v *= 1.25 }
                if let c = contrastAt, c > range.lowerBound {
                    v *= start < c ? 0.5 : 1.5
                }
                if let span = concessive { v *= span.contains(start) ? 0.5 : 1.5 }
                any = true
                if laughterFollows && laughter.contains(k) {
                    laughterTotal += abs(v)
                    continue
                }
                sum += v
            }
            if laughterTotal > 0 { sum += sum < 0 ? -laughterTotal : laughterTotal }
            if let chunks = symbolChunks?[s], !chunks.isEmpty {
                for value in symbolHits(in: chunks, language: language) {
                    sum += value
                    any = true
                }
            }
            if any && sum == 0 && (language == .korean || language == .english),
               let last = sentenceHits.last(where: { $0.valence != 0 }) {
                // Hits that cancel exactly: the last one, nearest the sentence-final predicate
                // (Korean) or the end of the sentence (English: "Hahaha ew?"), decides.
                sum = (last.valence > 0 ? 1 : -1) * 0.05
            }
            if any {
                let bangs = min(Self.exclamationMarks(document.text(of: sentence)), 3)
                if sum != 0 { sum += Double(bangs) * 0.292 * (sum > 0 ? 1 : -1) }
                rawSums[s] = sum
                sums[s] = Self.squash(sum)
                scored.insert(s)
            }
        }
        // Summed in sentence order: the same bits in every run.
        var overall = Self.pooled(scored.sorted().map { rawSums[$0] })
        if overall == 0, let last = scored.sorted().last(where: { sums[$0] != 0 }) {
            // Sentences that cancel out exactly: the last word (the conclusion) breaks the tie.
            overall = sums[last] * 0.01
        }
        if scored.isEmpty && language == .korean {
            overall = Self.koreanToneCue(document.text)
        }
        return DocumentSentiment(documentID: document.id, sentences: sums, rawSums: rawSums, scoredSentences: scored,
                                 overall: overall)
    }

    /// A sentence's raw sum `s` in −1…+1: `s / √(s² + 15)`.
    static func squash(_ sum: Double) -> Double { sum / (sum * sum + normalization).squareRoot() }

    /// Scored sentences up to which an English text counts as one short
    /// utterance (a post, a review snippet) whose sentences add up.
    static let shortTextSentences = 4

    /// An English document's score from the raw sums of its scored sentences
    /// (in sentence order), squashed like one sentence's. Up to
    /// ``shortTextSentences`` scored sentences, the sums are pooled as `Σ s / √n`
    /// (Stouffer's way of combining evidence): two sentences that agree make a
    /// tweet or a snippet more clearly positive or negative than either alone.
    /// Beyond that, the mean raw sum times `√4`: a longer document does not
    /// saturate with its length, as a plain sum would. One sentence scores as before.
    static func pooled(_ rawSums: [Double]) -> Double {
        guard !rawSums.isEmpty else { return 0 }
        let total = rawSums.reduce(0, +)
        let n = Double(rawSums.count)
        let pooledCount = Double(min(rawSums.count, shortTextSentences))
        return squash(total / n * pooledCount.squareRoot())
    }

    /// English words that, negating nothing, deny or refuse ("No.", "no wifi").
    static let englishRefusals: Set<String> = ["no"]
    static let englishRefusalValence = -1.0

    /// A weak reading of tone for informal Korean text with no lexicon hit at
    /// all. Trailing dots (말줄임표: "그냥..", "영화..."), question marks and
    /// 왜 ("why would anyone …"), ㅡㅡ and ;; read as a sigh, a complaint or
    /// annoyance; ! , a friendly ~ , ^^ and ㅎㅎ as an upbeat tone. The sign of
    /// the balance gives ±0.05, far below any lexicon hit; sentences are not
    /// marked as scored.
    static func koreanToneCue(_ text: String) -> Double {
        var down = 0, up = 0
        var previous: Character = " "
        for c in text {
            switch c {
            case "." where previous == ".": down += 1
            case "…", "?", "？": down += 1
            case ";" where previous == ";": down += 1
            case "ㅡ" where previous == "ㅡ": down += 1
            case "!", "！": up += 1
            case "~", "～": if previous != "~" && previous != "～" { up += 1 }
            case "^" where previous == "^": up += 1
            case "ㅎ" where previous == "ㅎ": up += 1
            default: break
            }
            previous = c
        }
        if text.contains("왜") { down += 1 }
        // A word ending in the blunt interrogative -냐 (뭐하냐, 이걸 영화라고 만들었냐): a rhetorical jab.
        for word in text.split(whereSeparator: { $0 == " " }) {
            let core = word.trimmingCharacters(in: CharacterSet(charactersIn: ".?!~;ㅋㅎㅡ ")).unicodeScalars
            if core.last == "냐" || core.last == "니" && word.contains("?") { down += 1 }
            if isBareNegation(String(core)) { down += 1 }
        }
        return up > down ? 0.05 : down > up ? -0.05 : 0
    }

    /// A word of Korean laughter only (ㅋㅋㅋ, ㅎㅎ, also as conjoining jamo).
    static func isLaughter(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { [0x314B, 0x314E, 0x110F, 0x1112].contains($0.value) }
    }

    /// A negation with nothing evaluative to negate (the tone cue only runs on
    /// text with no lexicon hit): lack (없다, 볼 게 없고), 않-, a standalone 안 /
    /// 못 or a word begun by 못, 아니- as a denial, and 전혀. A review that only
    /// denies or finds something missing more often complains than praises.
    /// 아니라 ("not X but Y") and 아니면 ("or") are connectives, not denials.
    static func isBareNegation(_ word: String) -> Bool {
        if word.isEmpty { return false }
        if word == "안" || word == "전혀" || word.hasPrefix("못") { return true }
        if word.contains("없") || word.contains("않") { return true }
        if word.hasPrefix("아니") { return !word.hasPrefix("아니라") && !word.hasPrefix("아니면") }
        return ["아닌", "아님", "아냐", "아닙", "아닐"].contains { word.hasPrefix($0) }
    }

    // MARK: - Clause structure

    /// For each token, whether punctuation (a clause break) stands between it and the token before.
    static func clauseBreaks(in document: TokenizedDocument) -> [Bool] {
        let tokens = document.tokens
        var result = [Bool](repeating: false, count: tokens.count)
        guard tokens.count > 1 else { return result }
        var text = document.text
        text.withUTF8 { bytes in
            for i in 1..<tokens.count {
                let lower = tokens[i - 1].range.upperBound, upper = tokens[i].range.lowerBound
                guard upper > lower, upper <= bytes.count else { continue }
                if upper - lower == 1 && bytes[lower] == 0x20 { continue }
                var j = lower
                while j < upper {
                    let b = bytes[j]
                    switch b {
                    case 0x2C, 0x3B, 0x3A, 0x2E, 0x21, 0x3F, 0x28, 0x29, 0x22:   // , ; : . ! ? ( ) "
                        result[i] = true
                    case 0x2D where j + 1 < upper && bytes[j + 1] == 0x2D:        // --
                        result[i] = true
                    case 0xE3 where j + 2 < upper && bytes[j + 1] == 0x80:
                        // 、 。 「 」 『 』 【 】 (U+3001…U+3011)
                        if (0x81...0x91).contains(bytes[j + 2]) { result[i] = true }
                    case 0xEF where j + 2 < upper && bytes[j + 1] == 0xBC:
                        // full-width ！ （ ） ， ． ： ； ？
                        if [0x81, 0x88, 0x89, 0x8C, 0x8E, 0x9A, 0x9B, 0x9F].contains(bytes[j + 2]) { result[i] = true }
                    case 0xE2 where j + 2 < upper && bytes[j + 1] == 0x80:
                        // — – … “ ” (U+2013, U+2014, U+2026, U+201C, U+201D)
                        if [0x93, 0x94, 0xA6, 0x9C, 0x9D].contains(bytes[j + 2]) { result[i] = true }
                    default: break
                    }
                    if result[i] { break }
                    j += 1
                }
            }
        }
        return result
    }

    /// Japanese particles that are contrast markers only in some positions:
    /// が and けど/けれど only at the end of a clause (良いが、…), でも and ただ
    /// only at the start of one.
    static func resolveJapaneseParticles(_ tokens: [Token], breakBefore: [Bool], roles: inout [Role?]) {
        for i in tokens.indices {
            switch tokens[i].term {
            case "が", "けど", "けれど", "けれども", "ものの", "のに":
                let clauseEnd = i + 1 >= tokens.count || breakBefore[i + 1] || tokens[i + 1].sentence != tokens[i].sentence
                if tokens[i].term == "が" || tokens[i].term == "のに" {
                    roles[i] = clauseEnd ? .contrast : nil
                } else if clauseEnd || roles[i] != nil {
                    roles[i] = .contrast
                }
            case "でも", "ただ":
                let clauseStart = i == 0 || breakBefore[i] || tokens[i - 1].sentence != tokens[i].sentence
                roles[i] = clauseStart ? .contrast : nil
            default: break
            }
        }
    }

    private func weight(around hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool],
                        language: Language) -> Double {
        var factor = 1.0
        var j = hit.lowerBound - 1
        var seen = 0
        while j >= range.lowerBound && seen < 2 && !breakBefore[j + 1] {
            if case .weight(let w) = roles[j] { factor *= 1 + w }
            j -= 1
            seen += 1
        }
        if language == .japanese {
            // Diminishers that follow (低迷気味, 回復の兆し).
            var j = hit.upperBound
            while j < range.upperBound && j < hit.upperBound + 2 && !breakBefore[j] {
                if case .weight(let w) = roles[j], w < 0 { factor *= 1 + w }
                j += 1
            }
        }
        return factor
    }

    private func negated(_ hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool],
                         position: SentimentLexicon.Rules.NegationPosition, language: Language,
                         previousHitEnd: Int, nextHitStart: Int) -> Bool {
        func isNegator(_ i: Int) -> Bool {
            switch roles[i] { case .negator, .preNegator: return true; default: return false }
        }
        // With negators that may stand before (Korean 안, 못), only those count before the word.
        let hasPreNegators = position == .both && self.hasPreNegators.contains(language)
        func isNegatorBefore(_ i: Int) -> Bool {
            if hasPreNegators { if case .preNegator = roles[i] { return true } else { return false } }
            return isNegator(i)
        }
        func isContrast(_ i: Int) -> Bool {
            switch roles[i] { case .contrast, .concessive: return true; default: return false }
        }
        if position != .after {
            // Before: English reaches up to three words back within the clause;
            // Korean 안 / 못 stand right before the predicate (one word, or two with an adverb).
            let reach = language == .english ? Self.englishNegationReach : 2
            var j = hit.lowerBound - 1
            while j >= range.lowerBound && j >= hit.lowerBound - reach {
                if breakBefore[j + 1] { break }
                if isContrast(j) { break }
                if isNegatorBefore(j) { return true }
                // A nearer hit stands between (Korean: a negator binds to the closest predicate).
                if language != .english && j < previousHitEnd { break }
                j -= 1
            }
        }
        if position != .before {
            // After: the negator follows the predicate within the clause, before the next hit.
            var j = hit.upperBound
            while j < range.upperBound && j < hit.upperBound + 3 {
                if breakBefore[j] { break }
                if j >= nextHitStart { break }
                if isContrast(j) { break }
                // 안 / 못 right before the next evaluative word negate that word, not this one (명작 안 지루하다).
                if hasPreNegators, case .preNegator = roles[j], nextHitStart < range.upperBound, nextHitStart - j <= 2 { break }
                if isNegator(j) { return true }
                j += 1
            }
        }
        return false
    }

    /// The inverting word ("costs", 赤字) in the same clause as a directional hit, if any.
    private func inverter(of hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool]) -> Int? {
        var j = hit.lowerBound - 1
        while j >= range.lowerBound {
            if case .inverting = roles[j] { return j }
            if breakBefore[j + 1] { break }
            if case .contrast = roles[j] { break }
            j -= 1
        }
        var k = hit.upperBound
        while k < range.upperBound && k < hit.upperBound + 3 && !breakBefore[k] {
            if case .inverting = roles[k] { return k }
            k += 1
        }
        return nil
    }

    /// The concessive clause of a sentence: from a concessive word ("although",
    /// "despite") to the next punctuation or the end of the sentence; nil when
    /// there is none or it would be the whole sentence.
    private func concessiveSpan(in range: Range<Int>, roles: [Role?], breakBefore: [Bool]) -> Range<Int>? {
        guard let start = range.first(where: { if case .concessive = roles[$0] { return true } else { return false } }) else {
            return nil
        }
        var end = start + 1
        while end < range.upperBound && !breakBefore[end] { end += 1 }
        if start == range.lowerBound && end == range.upperBound { return nil }
        return start..<end
    }

    // MARK: - Japanese: matching on the surface stream

    /// Japanese lexicon hits found on the sentence's surface characters,
    /// longest entry first, so matching does not depend on how the segmenter
    /// cut the words (ICU: 落ち|込|んで; MeCab: 落ち込ん|で). A hit covers the
    /// tokens its characters belong to; it never crosses punctuation. A
    /// negation that follows in the same word group (良く + ない, 問題 + が +
    /// ない, 減少 + して + いない) is read off the characters after it.
    private func streamHits(in document: TokenizedDocument, breakBefore: [Bool], directional: Set<String>) -> [Hit] {
        guard let table = streamWords[document.language], let maxLength = maxStreamLength[document.language] else { return [] }
        let tokens = document.tokens
        var result: [Hit] = []
        for sentence in document.sentences {
            var chars: [Character] = []
            var owner: [Int] = []
            for i in sentence.tokens {
                if i > sentence.tokens.lowerBound && breakBefore[i] { chars.append("|"); owner.append(-1) }
                for c in TextNormalizer.fold(tokens[i].surface) { chars.append(c); owner.append(i) }
            }
            var i = 0
            while i < chars.count {
                guard owner[i] >= 0 else { i += 1; continue }
                var length = min(maxLength, chars.count - i)
                var matched = false
                while length >= 1 {
                    if owner[i + length - 1] < 0 || (length > 1 && owner[i..<(i + length)].contains(-1)) { length -= 1; continue }
                    let key = String(chars[i..<(i + length)])
                    if let v = table[key] {
                        // One-character entries (増, 減) only as whole tokens.
                        if length == 1, tokens[owner[i]].surface.count != 1 { length -= 1; continue }
                        var hit = Hit(tokens: owner[i]..<(owner[i + length - 1] + 1), valence: v)
                        hit.negatedInside = Self.japaneseNegationFollows(chars, from: i + length)
                        hit.negationResolved = true
                        hit.directional = directional.contains(key)
                        result.append(hit)
                        i += length
                        matched = true
                        break
                    }
                    length -= 1
                }
                if !matched { i += 1 }
            }
        }
        return result
    }

    static let japaneseNegations: [[Character]] = ["ない", "なかっ", "なく", "なけれ", "ません", "ず", "ぬ", "無い", "無く", "無し", "なし"].map(Array.init)
    /// Kana that may stand between a predicate and its negation (良く|は|ない, 減少|して|いない, 上が|ら|ない).
    static let japaneseLinkKana: Set<Character> = ["く", "は", "も", "で", "が", "に", "じ", "ら", "さ", "わ", "し", "て", "い", "せ", "れ", "な", "っ", "か", "き", "け"]

    static func japaneseNegationFollows(_ chars: [Character], from start: Int) -> Bool {
        var offset = 0
        while offset <= 4 {
            let at = start + offset
            guard at < chars.count, chars[at] != "|" else { return false }
            for negation in japaneseNegations where at + negation.count <= chars.count {
                if Array(chars[at..<(at + negation.count)]) == negation {
                    // 少なく, まもなく: a following なく that is part of a longer word is not checked here.
                    return true
                }
            }
            guard japaneseLinkKana.contains(chars[at]) else { return false }
            offset += 1
        }
        return false
    }

    // MARK: - Fallbacks

    /// Hits for a sentence that has none: suffix-stripped English words,
    /// entries found inside Japanese and Korean words.
    /// Connective endings that close a clause the next one turns against (좋지만, 기대했는데).
    static let koreanContrastEndings = ["지만", "는데", "은데", "던데", "으나", "더니", "더만", "건만", "는데도"]

    /// A connective -ㄴ데 after a predicate stem (화려한데, 아름다운데, 명작인데): 데 after a syllable closed by ㄴ.
    static func endsInNDe(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars.suffix(2))
        guard scalars.count == 2, scalars[1] == "데" else { return false }
        let v = scalars[0].value
        return v >= 0xAC00 && v <= 0xD7A3 && (v - 0xAC00) % 28 == 4
    }

    /// Slang prefixes that intensify the word they are written onto (개-, 핵-, 존-, 킹-, 왕-).
    static let koreanIntensifyingPrefixes: Set<Character> = ["개", "핵", "존", "킹", "왕"]
    static let koreanPrefixWeight = 1.3


    /// Particles and copula endings that may follow a Korean noun inside one word (명작이다, 최악임).
    static let koreanEndings: [String] = ["이다", "이에요", "이예요", "예요", "에요", "입니다", "임", "이네", "이네요", "이었", "였", "이야", "야",
                                          "이고", "이지만", "인데", "인", "은", "는", "이", "가", "을", "를", "의", "도", "만", "으로", "로",
                                          "에", "이라", "라", "이었다", "였다", "이군", "이구나", "이지", "이죠", "ㅋ", "ᄏ", "ᅲ", "ᅮ", "ᄒ", "!", "."]

    /// Korean entries inside words no entry matched: predicate stems (재밌*,
    /// 좋*) anywhere in the word (너무재밌다, 안좋아요); nouns at the start of
    /// the word followed by a particle or copula (명작이다, 최악임). With
    /// `anywhere` (the sentence has no other hit), nouns anywhere in the word
    /// (개꿀잼). Hits inside words count ``fallbackWeight``.
    private func koreanInWordHits(in range: Range<Int>, tokens: [Token], roles: [Role?], covered: Set<Int>,
                                  anywhere: Bool) -> [Hit] {
        guard let forms = koreanForms else { return [] }
        var result: [Hit] = []
        for i in range where tokens[i].kind == .word && roles[i] == nil && !covered.contains(i) {
            let word = KoreanForms.canonical(tokens[i].term)
            let chars = Array(word)
            let runTogether = tokens[i].term.count >= Self.koreanRunTogetherLength
            for found in forms.hits(in: word, anywhere: anywhere || runTogether) {
                // At the start of the word it is the word itself with an ending (졸음은, 재밋게),
                // or after 안/못 written together (안좋아); further in, part of a compound
                // or a run-together phrase: less sure.
                let afterNegation = found.start == 1 && (chars[0] == "안" || chars[0] == "못")
                // Slang intensifying prefixes (개재밌다, 핵노잼, 존잼): the word itself, strengthened.
                let intensified = found.start == 1 && Self.koreanIntensifyingPrefixes.contains(chars[0])
                var hit = Hit(tokens: i..<(i + 1), valence: found.entry.valence,
                              weight: intensified ? Self.koreanPrefixWeight
                                  : found.start == 0 || afterNegation ? 1 : Self.fallbackWeight)
                hit.negatedInside = KoreanForms.negatedInside(chars, start: found.start, length: found.length, key: found.entry.key)
                result.append(hit)
            }
        }
        return result
    }

    /// Hashtags (#fail, #stillbitter, #sooohappy): the tag itself, or the
    /// longest lexicon word that begins or ends it (at least four letters,
    /// the rest at least two), after shortening elongated letters. Counts
    /// ``fallbackWeight``.
    private func hashtagHits(in range: Range<Int>, tokens: [Token], covered: [Hit]) -> [Hit] {
        guard let table = words[.english] else { return [] }
        var result: [Hit] = []
        for i in range where tokens[i].kind == .hashtag && !covered.contains(where: { $0.tokens.contains(i) }) {
            let tag = tokens[i].term.drop(while: { $0 == "#" })
            guard tag.count >= 3, tag.allSatisfy({ $0.isLetter }) else { continue }
            var forms = [String(tag)]
            if let two = Self.collapsingRuns(String(tag), keep: 2) { forms.append(two) }
            if let one = Self.collapsingRuns(String(tag), keep: 1) { forms.append(one) }
            var found: Double? = nil
            for form in forms {
                if let v = table[form] { found = v; break }
                let chars = Array(form)
                guard chars.count >= 6 else { continue }
                // Longest word at either end first.
                for length in stride(from: chars.count - 2, through: 4, by: -1) {
                    if let v = table[String(chars[(chars.count - length)...])] ?? table[String(chars[..<length])] {
                        found = v
                        break
                    }
                }
                if found != nil { break }
            }
            if let v = found { result.append(Hit(tokens: i..<(i + 1), valence: v, weight: Self.fallbackWeight)) }
        }
        return result
    }

    private func fallbackHits(in range: Range<Int>, tokens: [Token], roles: [Role?], language: Language,
                              covered: [Hit] = [], elongatedOnly: Bool = false, elongated: Bool = true) -> [Hit] {
        guard let table = words[language] else { return [] }
        var result: [Hit] = []
        for i in range where tokens[i].kind == .word && roles[i] == nil && !covered.contains(where: { $0.tokens.contains(i) }) {
            let term = tokens[i].term
            if language == .english {
                // Stopwords (the, about, during) are never inflected evaluative words.
                if tokens[i].isStopword { continue }
                let utf8 = term.utf8
                // Too short for a suffix, or ending in no letter a suffix ends in
                // (-ly, -s, -ed, -ing, -ful, -est, -er), and no run of letters: nothing to find.
                guard utf8.count > 3 else { continue }
                let longRun = elongated && Self.hasLongRun(term)
                if elongatedOnly && !longRun { continue }
                if !longRun, let last = utf8.last, last < 0x80, !Self.englishSuffixLastBytes.contains(last) { continue }
                if longRun {
                    // An elongated word ("greaaat", "goooood", "hateeee") is the word, emphasised:
                    // full weight, not the reduced weight of a guessed stem.
                    if let v = [1, 2].lazy.compactMap({ Self.shorteningLongRuns(term, to: $0) }).compactMap({ table[$0] }).first {
                        result.append(Hit(tokens: i..<(i + 1), valence: v))
                        continue
                    }
                }
                for candidate in Self.englishStems(term) {
                    if let v = table[candidate] {
                        result.append(Hit(tokens: i..<(i + 1), valence: v, weight: Self.fallbackWeight))
                        break
                    }
                }
            } else if language == .korean {
                let chars = Array(term)
                guard chars.count >= 2 else { continue }
                // 안좋아요, 못봤다: a negation adverb written together with a one-syllable stem.
                if chars[0] == "안" || chars[0] == "못", let globs = koreanStems, chars.count >= 2 {
                    let rest = String(chars[1...])
                    if let stem = (1...min(4, rest.count)).reversed().map({ String(rest.prefix($0)) }).first(where: { globs[$0] != nil }) {
                        var hit = Hit(tokens: i..<(i + 1), valence: globs[stem]!)
                        hit.negatedInside = !(stem.contains("않") || stem.contains("없"))
                        result.append(hit)
                        continue
                    }
                }
                let maxLength = min(maxWordLength[language] ?? 0, chars.count)
                var start = 0
                while start < chars.count - 1 {
                    var found = false
                    var length = min(maxLength, chars.count - start)
                    while length >= 2 {
                        let key = String(chars[start..<(start + length)])
                        if let v = table[key] {
                            var hit = Hit(tokens: i..<(i + 1), valence: v)
                            if language == .korean {
                                hit.negatedInside = Self.koreanNegatedInside(term, matchStart: start, matchLength: length, entry: key)
                            }
                            result.append(hit)
                            start += length
                            found = true
                            break
                        }
                        length -= 1
                    }
                    if !found { start += 1 }
                }
            }
        }
        return result
    }

    /// Korean negation inside one word: 안/못 before the matched stem
    /// (안좋아, 못봤다), or 않/못하/없 after it (좋지않다, 재밌지도않고),
    /// unless the entry itself already holds the negation (재미없*).
    static func koreanNegatedInside(_ term: String, matchStart: Int, matchLength: Int, entry: String) -> Bool {
        if entry.contains("않") || entry.contains("없") || entry.contains("못") || entry.hasPrefix("안") { return false }
        let chars = Array(term)
        if matchStart > 0, matchStart <= chars.count {
            let before = chars[matchStart - 1]
            if before == "안" || before == "못" { return true }
        }
        let restStart = matchStart + matchLength
        guard restStart < chars.count else { return false }
        let rest = String(chars[restStart...])
        return rest.contains("지않") || rest.contains("지 않") || rest.contains("지못") || rest.hasPrefix("않")
            || koreanLacks(rest)
            || rest.contains("지도않") || rest.contains("진않") || rest.contains("지가않") || rest.contains("지않")
    }

    /// 아니다 and its informal forms standing as a predicate (아님, 아냐, 아닌듯, 아니네).
    static func isKoreanRejection(_ term: String) -> Bool {
        term == "아님" || term == "아냐" || term == "아니다" || term == "아닌듯" || term == "아니네" || term == "아닙니다"
            || term == "아니야" || term == "아니네요" || term == "아닌듯요" || term == "아니잖아" || term == "아니지"
    }

    static let koreanLackAdverbs = ["많이", "너무", "별로", "전혀", "하나도", "좀", "정말", "진짜", "딱히", "그다지", "완전", "넘"]

    /// Whether the rest of a word after a noun says it is lacking: 없 right
    /// after it or after one particle (감동없는, 재미도없고, 긴장감이없다).
    static func koreanLacks(_ rest: String) -> Bool {
        if rest.hasPrefix("없") { return true }
        for particle in ["이", "가", "도", "은", "는", "조차", "까지", "따윈", "라곤"] where rest.hasPrefix(particle) {
            let after = rest.dropFirst(particle.count)
            if after.hasPrefix("없") { return true }
            // An adverb of degree may stand between (재미가많이없다, 감동이하나도없고).
            for adverb in koreanLackAdverbs where after.hasPrefix(adverb) {
                if after.dropFirst(adverb.count).hasPrefix("없") { return true }
            }
        }
        return false
    }

    /// Forms of an English word without common inflectional and derivational suffixes.
    /// The word with every run of three or more equal letters cut to `keep`
    /// letters (runs of two are cut too when `keep` is 1); nil when no run of three exists.
    static func collapsingRuns(_ word: String, keep: Int, minimumRun: Int = 3) -> String? {
        var out = ""
        var previous: Character? = nil
        var run = 0
        var longest = 0
        for c in word {
            run = c == previous ? run + 1 : 1
            longest = max(longest, run)
            previous = c
            if run <= keep { out.append(c) }
        }
        return longest >= minimumRun ? out : nil
    }

    /// Whether `text` has three or more equal ASCII letters in a row anywhere (one pass over its bytes).
    static func hasLetterRun(_ text: String) -> Bool {
        func scan<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
            var previous: UInt8 = 0
            var run = 0
            for b in bytes {
                let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
                run = letter && b == previous ? run + 1 : (letter ? 1 : 0)
                if run >= 3 { return true }
                previous = b
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
    }

    /// Whether `word` has three or more equal characters in a row ("sooo", "goooood").
    static func hasLongRun(_ word: String) -> Bool {
        func scan<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
            var previous: UInt8 = 0
            var run = 0
            for b in bytes {
                run = b == previous ? run + 1 : 1
                if run >= 3 { return true }
                previous = b
            }
            return false
        }
        guard word.utf8.count >= 3 else { return false }
        return word.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(word.utf8)
    }

    /// `word` with every run of three or more equal characters cut to `keep`, shorter
    /// runs left as they are ("reallyyyy" → "really", "toooo" → "too" with `keep` 2);
    /// nil when there is no such run.
    static func shorteningLongRuns(_ word: String, to keep: Int) -> String? {
        let chars = Array(word)
        var out = ""
        var changed = false
        var i = 0
        while i < chars.count {
            var j = i
            while j < chars.count && chars[j] == chars[i] { j += 1 }
            if j - i >= 3 {
                out.append(contentsOf: String(repeating: chars[i], count: keep))
                changed = true
            } else {
                out.append(contentsOf: chars[i..<j])
            }
            i = j
        }
        return changed ? out : nil
    }

    /// Suffixes stripped (and what replaces them) by ``englishStems(_:)``, in the order tried:
    /// badly → bad, happily → happy, luckiest → lucky.
    static let englishSuffixRules: [(suffix: String, add: String)] = [
        ("ly", ""), ("ily", "y"), ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
        ("d", ""), ("ing", ""), ("ing", "e"), ("ness", ""), ("iness", "y"), ("ful", ""), ("iest", "y"),
        ("ier", "y"), ("est", ""), ("er", ""),
    ]
    /// The last bytes of the suffixes of ``englishSuffixRules`` (a word ending otherwise has no stem to find).
    static let englishSuffixLastBytes: Set<UInt8> = Set(englishSuffixRules.compactMap { $0.suffix.utf8.last })

    /// ``englishSuffixRules`` with the suffixes as bytes, for the ASCII path.
    static let englishSuffixRulesASCII: [(suffix: [UInt8], add: String)] = englishSuffixRules.map { (Array($0.suffix.utf8), $0.add) }

    static func englishStems(_ word: String) -> [String] {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            var copy = word
            return copy.withUTF8 { englishStemsASCII($0) }
        }
        return englishStemsGeneral(word)
    }

    /// ``englishStems(_:)`` on characters, for any word.
    static func englishStemsGeneral(_ word: String) -> [String] {
        guard word.count > 3, word.allSatisfy({ $0.isLetter }) else { return [] }
        var out: [String] = []
        // Elongated words ("goooood", "sooooo"): runs of three or more letters
        // shortened to two, then to one.
        if let collapsedTwo = collapsingRuns(word, keep: 2) {
            out.append(collapsedTwo)
            if let one = collapsingRuns(word, keep: 1) { out.append(one) }
        }
        for rule in englishSuffixRules where word.hasSuffix(rule.suffix) && word.count - rule.suffix.count >= 3 {
            out.append(String(word.dropLast(rule.suffix.count)) + rule.add)
        }
        // Doubled consonant: "hated"→"hate" is covered; "stopped" → "stop".
        if word.count > 5, word.hasSuffix("ed") || word.hasSuffix("ing") {
            let base = word.hasSuffix("ed") ? word.dropLast(2) : word.dropLast(3)
            if let last = base.last, base.dropLast().last == last { out.append(String(base.dropLast())) }
        }
        return out
    }

    /// ``englishStems(_:)`` for an ASCII word, on its bytes: the same forms in the same order.
    static func englishStemsASCII(_ word: UnsafeBufferPointer<UInt8>) -> [String] {
        let n = word.count
        guard n > 3, word.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) }) else { return [] }
        var out: [String] = []
        /// The word with every run of a letter cut to `keep` letters.
        func collapse(keep: Int) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(n)
            var previous: UInt8 = 0
            var run = 0
            for b in word {
                run = b == previous ? run + 1 : 1
                previous = b
                if run <= keep { bytes.append(b) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        // Collapsed forms only for words with a run of three (checked without building anything).
        var previous: UInt8 = 0
        var run = 0, longest = 0
        for b in word {
            run = b == previous ? run + 1 : 1
            longest = max(longest, run)
            previous = b
        }
        if longest >= 3 {
            out.append(collapse(keep: 2))
            out.append(collapse(keep: 1))
        }
        func hasSuffix(_ suffix: StaticString) -> Bool {
            let s = suffix.utf8Start, k = suffix.utf8CodeUnitCount
            guard n >= k else { return false }
            for j in 0..<k where word[n - k + j] != s[j] { return false }
            return true
        }
        for rule in englishSuffixRulesASCII {
            let k = rule.suffix.count
            guard n - k >= 3, word[(n - k)...].elementsEqual(rule.suffix) else { continue }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: word[0..<(n - k)]), as: UTF8.self) + rule.add)
        }
        if n > 5, hasSuffix("ed") || hasSuffix("ing") {
            let baseLength = hasSuffix("ed") ? n - 2 : n - 3
            if baseLength >= 2, word[baseLength - 1] == word[baseLength - 2] {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: word[0..<(baseLength - 1)]), as: UTF8.self))
            }
        }
        return out
    }

    // MARK: - Symbols and emphasis

    /// Valences of emoticons (":-)", "<3") in a sentence: whitespace-separated
    /// chunks, with trailing sentence punctuation allowed; non-ASCII symbols anywhere.
    private func symbolHits(in chunks: [Substring], language: Language) -> [Double] {
        guard let table = symbols[language] else { return [] }
        var result: [Double] = []
        let attached = language == .japanese || language == .korean
        for chunk in chunks {
            if chunk.utf8.allSatisfy({ $0 < 0x80 }) {
                guard chunk.utf8.contains(where: { !(($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)) }) else { continue }
            } else {
                guard chunk.contains(where: { !$0.isLetter && !$0.isNumber }) else { continue }
            }
            var candidate = Substring(chunk)
            if let v = table[String(candidate).lowercased()] { result.append(v); continue }
            while let last = candidate.last, last == "." || last == "," || last == "!" || last == "?" {
                candidate = candidate.dropLast()
            }
            if !candidate.isEmpty, let v = table[String(candidate).lowercased()] { result.append(v); continue }
            // ":)))", ":((((", ":DDD": runs of one character shortened to one.
            if let short = Self.collapsingRuns(String(candidate).lowercased(), keep: 1, minimumRun: 2),
               let v = table[short] { result.append(v); continue }
            // Inside a chunk: non-ASCII symbols (♥, (笑)) in any language; in
            // Japanese and Korean, where emoticons cling to words (좋다^^), any symbol.
            if attached, let candidates = attachedSymbols[language] {
                let folded = chunk.lowercased()
                for (symbol, v) in candidates where folded.contains(symbol) {
                    result.append(v)
                }
            } else if chunk.utf8.contains(where: { $0 >= 0x80 }), let candidates = nonASCIISymbols[language], !candidates.isEmpty {
                let folded = chunk.lowercased()
                for (symbol, v) in candidates where folded.contains(symbol) {
                    result.append(v)
                }
            }
        }
        return result
    }

    /// Whitespace-separated chunks of `text`. With `plainWordsSkipped`, chunks
    /// that cannot hold a symbol entry are left out without building them:
    /// ASCII letters and digits only, optionally followed by . , ! ? (a symbol
    /// entry holds a mark other than those, or no letter at all).
    /// With `firstBytes`, ASCII chunks whose first byte begins no symbol entry are left out too.
    static func chunks(of document: TokenizedDocument, plainWordsSkipped: Bool, firstBytes: [Bool]? = nil) -> [[Substring]] {
        var perSentence: [[Range<Int>]] = []
        perSentence.reserveCapacity(document.sentences.count)
        var text = document.text
        text.withUTF8 { bytes in
            for sentence in document.sentences {
                var bounds: [Range<Int>] = []
                var start = max(0, min(sentence.range.lowerBound, bytes.count))
                let end = max(start, min(sentence.range.upperBound, bytes.count))
                var plain = true        // letters and digits so far, then only trailing . , ! ?
                var trailing = false
                var alnum = false
                var ascii = true
                var index = start
                while index <= end {
                    let byte: UInt8 = index < end ? bytes[index] : 0x20
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                        if start < index && !(plainWordsSkipped && plain && alnum)
                            && !(firstBytes != nil && ascii && !firstBytes![Int(bytes[start])]) {
                            bounds.append(start..<index)
                        }
                        index += 1
                        start = index
                        plain = true; trailing = false; alnum = false; ascii = true
                        continue
                    }
                    if byte >= 0x80 { ascii = false }
                    if plain {
                        let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        if isAlnum && !trailing { alnum = true }
                        else if byte == 0x2E || byte == 0x2C || byte == 0x21 || byte == 0x3F { trailing = true }
                        else { plain = false }
                    }
                    index += 1
                }
                perSentence.append(bounds)
            }
        }
        let utf8 = document.text.utf8
        return perSentence.map { bounds in
            bounds.map { range in
                let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                let upper = utf8.index(lower, offsetBy: range.count)
                return document.text[lower..<upper]
            }
        }
    }

    /// Number of ! and ！ in `text`.
    static func exclamationMarks(_ text: Substring) -> Int {
        var count = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == 0x21 { count += 1 }
            else if byte == 0x81 && previous == (0xEF, 0xBC) { count += 1 }   // ！ U+FF01
            previous = (previous.1, byte)
        }
        return count
    }

    static func allCaps(_ range: Range<Int>, _ tokens: [Token]) -> Bool {
        var letters = 0
        for i in range where tokens[i].kind == .word {
            letters += 1
            if !isShouted(tokens[i].surface) { return false }
        }
        return letters > 0
    }

    static func isShouted(_ surface: String) -> Bool {
        if surface.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: two or more characters, no lowercase letter, at least one capital.
            return surface.utf8.count > 1 && !surface.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A })
                && surface.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
        }
        return surface.count > 1 && surface.unicodeScalars.allSatisfy { $0.properties.isUppercase || !$0.properties.isAlphabetic }
            && surface.unicodeScalars.contains { $0.properties.isUppercase }
    }
}
