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

    public init(gazetteer: Gazetteer, tokenizer: Tokenizer) {
        self.gazetteer = gazetteer
        var entries: [TermList<String>.Entry] = []
        for target in gazetteer.targets {
            for (language, terms) in target.terms {
                entries += terms.map { .init(text: $0, language: language, payload: target.key) }
            }
        }
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
        for match in tries[document.language].map({ $0.matches(in: document.tokens) }) ?? list.matches(in: document) {
            let first = document.tokens[match.tokens.lowerBound], last = document.tokens[match.tokens.upperBound - 1]
            sentences[match.payload, default: []].insert(first.sentence)
            counts[match.payload, default: 0] += 1
            spans.append(TargetMention(target: match.payload, sentence: first.sentence,
                                       range: first.range.lowerBound..<max(first.range.lowerBound, last.range.upperBound)))
        }
        return TargetMentions(sentences: sentences, counts: counts, spans: spans)
    }
}
