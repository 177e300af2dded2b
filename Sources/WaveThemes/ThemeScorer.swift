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

    /// Hits per 1,000 tokens.
    public func rate(_ theme: String) -> Double {
        tokenCount == 0 ? 0 : Double(hits[theme] ?? 0) * 1000 / Double(tokenCount)
    }

    /// The framing index: (forward-facing − nostalgia) / (forward-facing + nostalgia),
    /// from −1 (only nostalgia) to +1 (only forward-facing); 0 when neither occurs.
    public var framingIndex: Double {
        let n = Double(hits[ThemeScorer.nostalgia] ?? 0)
        let f = Double(hits[ThemeScorer.forwardFacing] ?? 0)
        return n + f == 0 ? 0 : (f - n) / (f + n)
    }
}

/// Counts theme dictionary entries in tokenized documents.
public struct ThemeScorer: Sendable {
    public static let nostalgia = "nostalgia"
    public static let forwardFacing = "forward_facing"

    public let dictionary: ThemeDictionary
    private let list: TermList<String>
    private let ancestors: [String: [String]]

    /// Compiles `dictionary` for `languages` with `tokenizer`, so entries are
    /// segmented the way documents are.
    public init(dictionary: ThemeDictionary, tokenizer: Tokenizer,
                languages: [Language] = [.english, .japanese, .korean]) {
        self.dictionary = dictionary
        var entries: [TermList<String>.Entry] = []
        var ancestors: [String: [String]] = [:]
        let byPath = Dictionary(dictionary.themes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for theme in dictionary.themes {
            var chain: [String] = []
            var parent = theme.parent
            while let p = parent { chain.append(p); parent = byPath[p]?.parent }
            ancestors[theme.path] = chain
            for (language, terms) in theme.terms {
                for target in language == .unknown ? languages : [language] {
                    entries += terms.map { .init(text: $0, language: target, payload: theme.path) }
                }
            }
        }
        self.list = TermList(entries: entries, tokenizer: tokenizer)
        self.ancestors = ancestors
    }

    /// Theme hits in `document`.
    public func scores(for document: TokenizedDocument) -> ThemeScores {
        var hits: [String: Int] = [:]
        var evidence: [String: [Int]] = [:]
        var counted = Set<String>()   // (theme, token start) already counted via a descendant
        for match in list.matches(in: document) {
            let sentence = document.tokens[match.tokens.lowerBound].sentence
            for theme in [match.payload] + (ancestors[match.payload] ?? []) {
                let key = "\(theme)@\(match.tokens.lowerBound)"
                guard counted.insert(key).inserted else { continue }
                hits[theme, default: 0] += 1
                if evidence[theme]?.last != sentence { evidence[theme, default: []].append(sentence) }
            }
        }
        let tokenCount = document.tokens.lazy.filter { $0.kind == .word || $0.kind == .number }.count
        return ThemeScores(documentID: document.id, hits: hits, tokenCount: tokenCount, evidence: evidence)
    }
}
