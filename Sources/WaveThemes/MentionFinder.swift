import WaveLexicon
import WaveText

/// Which sentences of a document mention each target.
public struct TargetMentions: Sendable, Hashable, Codable {
    /// Sentence indices per target key.
    public var sentences: [String: Set<Int>]
    /// Mention counts per target key.
    public var counts: [String: Int]
    /// Every mention in text order: the target, its sentence and the UTF-8 byte
    /// range it covers in the document text.
    public var spans: [TargetMention] = []

    public init(sentences: [String: Set<Int>], counts: [String: Int], spans: [TargetMention] = []) {
        self.sentences = sentences; self.counts = counts; self.spans = spans
    }

    /// Sentences that name any target.
    public var namingSentences: Set<Int> { sentences.values.reduce(into: Set<Int>()) { $0.formUnion($1) } }

    /// The country focus: the target keys mentioned, the most mentioned first;
    /// a target counts when it has at least a third of the top target's mentions.
    public var focus: [String] {
        guard let top = counts.values.max(), top > 0 else { return [] }
        return counts.filter { $0.value * 3 >= top }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }
}

/// One mention of a target.
public struct TargetMention: Sendable, Hashable, Codable {
    /// The gazetteer key.
    public var target: String
    /// Index of the sentence that holds it.
    public var sentence: Int
    /// UTF-8 byte offsets in the document text.
    public var range: Range<Int>

    public init(target: String, sentence: Int, range: Range<Int>) {
        self.target = target; self.sentence = sentence; self.range = range
    }
}

/// Finds gazetteer mentions in documents.
public struct MentionFinder: Sendable {
    private let list: TermList<String>
    /// `list` as byte tries for the languages written with spaces (same matches, faster on long texts).
    private let tries: [Language: TermTrie<String>]
    public let gazetteer: Gazetteer
    /// Korean entries whose terms lost a final syllable to particle stripping, with the folded
    /// surface of each of their words: 경기도 (Gyeonggi Province) has the term 경기, which is also
    /// "game" (경기에서는), and 세가 (Sega) the term 세 ("three"). A match of such an entry counts
    /// only where each matched word begins with the entry's own word.
    private let koreanSurfaces: [String: [String]]
    /// The one-word entries among them, found by their surface instead (경기도, 경기도의, 세가는):
    /// keyed by both the entry's term (경기, the bare word's term) and its surface (경기도, the
    /// term of the word with a particle).
    private let koreanWords: [String: [(surface: String, target: String)]]

    public init(gazetteer: Gazetteer, tokenizer: Tokenizer) {
        self.gazetteer = gazetteer
        var entries: [TermList<String>.Entry] = []
        var koreanSurfaces: [String: [String]] = [:]
        var koreanWords: [String: [(surface: String, target: String)]] = [:]
        for target in gazetteer.targets {
            for (language, terms) in target.terms {
                entries += terms.map { .init(text: $0, language: language, payload: target.key) }
                guard language == .korean else { continue }
                for term in terms {
                    let words = tokenizer.tokenize(term, language: .korean, id: "").tokens.filter { $0.kind != .symbol }
                    let surfaces = words.map { TextNormalizer.fold($0.surface) }
                    guard zip(words, surfaces).contains(where: { $0.term != $1 }) else { continue }
                    koreanSurfaces[term] = surfaces
                    if words.count == 1 {
                        for key in Set([words[0].term, surfaces[0]]) {
                            koreanWords[key, default: []].append((surfaces[0], target.key))
                        }
                    }
                }
            }
        }
        self.koreanSurfaces = koreanSurfaces
        self.koreanWords = koreanWords
        let list = TermList(entries: entries, tokenizer: tokenizer)
        self.list = list
        var tries: [Language: TermTrie<String>] = [:]
        for language in Set(entries.map(\.language)) where !TermList<String>.unspaced.contains(language) {
            tries[language] = TermTrie(list, language: language)
        }
        self.tries = tries
    }

    public func mentions(in document: TokenizedDocument) -> TargetMentions {
        var sentences: [String: Set<Int>] = [:]
        var counts: [String: Int] = [:]
        var spans: [TargetMention] = []
        var matches: [(tokens: Range<Int>, payload: String)] = []
        for match in tries[document.language].map({ $0.matches(in: document.tokens) }) ?? list.matches(in: document) {
            if document.language == .korean, let surfaces = koreanSurfaces[match.entry] {
                // One-word entries are found by their surface below; longer ones must begin each word.
                if surfaces.count == 1 || !Self.begins(document.tokens[match.tokens].filter { $0.kind != .symbol }, with: surfaces) {
                    continue
                }
            }
            matches.append((match.tokens, match.payload))
        }
        if document.language == .korean && !koreanWords.isEmpty {
            for (index, token) in document.tokens.enumerated() where token.kind != .symbol {
                guard let candidates = koreanWords[token.term] else { continue }
                let surface = TextNormalizer.fold(token.surface)
                var seen: Set<String> = []
                for candidate in candidates where surface.hasPrefix(candidate.surface) && seen.insert(candidate.target).inserted {
                    matches.append((index..<(index + 1), candidate.target))
                }
            }
            matches.sort { ($0.tokens.lowerBound, $0.tokens.upperBound, $0.payload) < ($1.tokens.lowerBound, $1.tokens.upperBound, $1.payload) }
        }
        for match in matches {
            let first = document.tokens[match.tokens.lowerBound], last = document.tokens[match.tokens.upperBound - 1]
            sentences[match.payload, default: []].insert(first.sentence)
            counts[match.payload, default: 0] += 1
            spans.append(TargetMention(target: match.payload, sentence: first.sentence,
                                       range: first.range.lowerBound..<max(first.range.lowerBound, last.range.upperBound)))
        }
        return TargetMentions(sentences: sentences, counts: counts, spans: spans)
    }

    /// Whether each of `words` begins with the entry word at its place (a word count that
    /// differs keeps the match: only a truncated single-word match is in doubt).
    private static func begins(_ words: [Token], with surfaces: [String]) -> Bool {
        guard words.count == surfaces.count else { return true }
        return zip(words, surfaces).allSatisfy { TextNormalizer.fold($0.surface).hasPrefix($1) }
    }
}
