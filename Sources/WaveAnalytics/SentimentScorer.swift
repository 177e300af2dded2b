import WaveText

/// Sentiment of one document: per sentence, overall, and toward targets.
public struct DocumentSentiment: Sendable, Hashable {
    public var documentID: String
    /// Score per sentence, from −1 to +1 (0 where no lexicon entry occurs).
    public var sentences: [Double]
    /// Sentences that hold at least one lexicon entry.
    public var scoredSentences: Set<Int>
    /// The mean score of the sentences that carry sentiment, from −1 to +1.
    public var overall: Double

    /// Mean score of the sentences in `subset` that carry sentiment; 0 when
    /// none does, nil when `subset` is empty.
    public func mean(over subset: Set<Int>) -> Double? {
        guard !subset.isEmpty else { return nil }
        let scored = subset.filter { scoredSentences.contains($0) && $0 < sentences.count }
        guard !scored.isEmpty else { return 0 }
        return scored.reduce(0) { $0 + sentences[$1] } / Double(scored.count)
    }
}

/// Lexicon and rule based sentiment, sentence by sentence.
///
/// Each lexicon hit adds its valence; an intensifier or diminisher just before
/// it scales it; a negator in scope flips and damps it (× −0.74); in a
/// sentence with a contrast marker ("but", しかし, 하지만) the part before the
/// marker weighs half and the part after one and a half; capitals (English)
/// and exclamation marks strengthen. The sum `s` becomes `s / √(s² + 15)`, in
/// −1…+1. Documents average their sentiment-bearing sentences, so a long
/// article does not saturate the way a whole-text sum does.
public struct SentimentScorer: Sendable {
    enum Role: Sendable, Hashable {
        case negator
        case weight(Double)
        case contrast
    }

    public let lexicon: SentimentLexicon
    private let valences: TermList<Double>
    private let roles: TermList<Role>

    static let negationScale = -0.74
    static let normalization = 15.0

    public init(lexicon: SentimentLexicon, tokenizer: Tokenizer) {
        self.lexicon = lexicon
        var entries: [TermList<Double>.Entry] = []
        for (language, table) in lexicon.valences {
            for (entry, value) in table.sorted(by: { $0.key < $1.key }) {
                entries.append(.init(text: entry, language: language, payload: value))
            }
        }
        self.valences = TermList(entries: entries, tokenizer: tokenizer)
        var roleEntries: [TermList<Role>.Entry] = []
        for (language, rules) in lexicon.rules {
            roleEntries += rules.negators.map { .init(text: $0, language: language, payload: .negator) }
            roleEntries += rules.contrast.map { .init(text: $0, language: language, payload: .contrast) }
            for (word, w) in rules.intensifiers.merging(rules.diminishers, uniquingKeysWith: { a, _ in a }) {
                roleEntries.append(.init(text: word, language: language, payload: .weight(w)))
            }
        }
        self.roles = TermList(entries: roleEntries, tokenizer: tokenizer)
    }

    /// Scores every sentence of `document` and the document as a whole.
    public func sentiment(of document: TokenizedDocument) -> DocumentSentiment {
        let tokenCount = document.tokens.count
        var tokenRole = [Role?](repeating: nil, count: tokenCount)
        for match in roles.matches(in: document) {
            for i in match.tokens { tokenRole[i] = match.payload }
        }
        let rules = lexicon.rules[document.language] ?? SentimentLexicon.Rules()
        let hits = valences.matches(in: document)

        var sums = [Double](repeating: 0, count: document.sentences.count)
        var scored = Set<Int>()
        var hitIndex = 0
        for (s, sentence) in document.sentences.enumerated() {
            let range = sentence.tokens
            let contrastAt = range.first { if case .contrast = tokenRole[$0] { return true } else { return false } }
            var sum = 0.0
            var any = false
            while hitIndex < hits.count && hits[hitIndex].tokens.lowerBound < range.upperBound {
                let hit = hits[hitIndex]
                hitIndex += 1
                guard hit.tokens.lowerBound >= range.lowerBound else { continue }
                if case .negator = tokenRole[hit.tokens.lowerBound] { continue }  // "no" is a rule word here
                var v = hit.payload
                v *= weight(before: hit.tokens.lowerBound, in: range, roles: tokenRole)
                if negated(hit.tokens, in: range, roles: tokenRole, position: rules.negationPosition) {
                    v *= Self.negationScale
                }
                if document.language == .english, isShouted(document.tokens[hit.tokens.lowerBound].surface) {
                    v *= 1.25
                }
                if let c = contrastAt {
                    v *= hit.tokens.lowerBound < c ? 0.5 : 1.5
                }
                sum += v
                any = true
            }
            if any {
                let text = document.text(of: sentence)
                let bangs = min(text.reduce(0) { $0 + ($1 == "!" || $1 == "！" ? 1 : 0) }, 3)
                if sum != 0 { sum += Double(bangs) * 0.292 * (sum > 0 ? 1 : -1) }
                sums[s] = sum / (sum * sum + Self.normalization).squareRoot()
                scored.insert(s)
            }
        }
        let overall = scored.isEmpty ? 0 : scored.reduce(0) { $0 + sums[$1] } / Double(scored.count)
        return DocumentSentiment(documentID: document.id, sentences: sums, scoredSentences: scored, overall: overall)
    }

    private func weight(before index: Int, in range: Range<Int>, roles: [Role?]) -> Double {
        var factor = 1.0
        var j = index - 1
        var seen = 0
        while j >= range.lowerBound && seen < 2 {
            if case .weight(let w) = roles[j] { factor *= 1 + w }
            j -= 1
            seen += 1
        }
        return factor
    }

    private func negated(_ tokens: Range<Int>, in range: Range<Int>, roles: [Role?],
                         position: SentimentLexicon.Rules.NegationPosition) -> Bool {
        func isNegator(_ i: Int) -> Bool { if case .negator = roles[i] { return true } else { return false } }
        if position != .after {
            var j = tokens.lowerBound - 1
            while j >= range.lowerBound && j >= tokens.lowerBound - 3 {
                if isNegator(j) { return true }
                if case .contrast = roles[j] { break }
                j -= 1
            }
        }
        if position != .before {
            var j = tokens.upperBound
            while j < range.upperBound && j < tokens.upperBound + 3 {
                if isNegator(j) { return true }
                j += 1
            }
        }
        return false
    }

    private func isShouted(_ surface: String) -> Bool {
        surface.count > 1 && surface.unicodeScalars.allSatisfy { $0.properties.isUppercase || !$0.properties.isAlphabetic }
            && surface.unicodeScalars.contains { $0.properties.isUppercase }
    }
}
