/// Joins consecutive tokens into one term when they spell an entry of a term
/// list (theme dictionaries, gazetteers, promoted collocations).
///
/// Each phrase is compiled by tokenizing it with the same tokenizer, so an
/// entry matches text segmented the same way: `ソフトパワー` (MeCab: ソフト|パワー),
/// `韓流` (韓|流), `squid game`, `소프트 파워` (also before a particle:
/// `소프트 파워를`). At each token the longest matching entry wins. The merged
/// token spans its parts, its term is the phrase's normalized form (NFKC +
/// case folding, single spaces; no spaces for Japanese), and ``Token/parts``
/// counts the parts. Parts must be in one sentence, separated by nothing or
/// by whitespace only, and (Korean) only the last may carry a particle.
///
/// ```swift
/// let config = TokenizerConfiguration(phrases: [.english: ["soft power"], .japanese: ["韓流"]])
/// let doc = Tokenizer(configuration: config).tokenize("Korea's soft power grows.", language: .english)
/// doc.tokens.map(\.term)   // ["korea", "soft power", "grows"]
/// ```
public struct PhraseMerger: Sendable {
    struct Entry: Sendable {
        var terms: [String]
        var term: String
    }

    private var table: [String: [Entry]] = [:]

    /// Number of multi-token entries compiled.
    public private(set) var count = 0

    /// Compiles `phrases` with `tokenizer` (its own phrases are ignored).
    public init(phrases: [Language: [String]], tokenizer: Tokenizer) {
        var plain = tokenizer
        if !plain.configuration.phrases.isEmpty { plain.configuration.phrases = [:] }
        var seen = Set<[String]>()
        for (language, list) in phrases.sorted(by: { $0.key < $1.key }) {
            for phrase in list {
                let doc = plain.tokenize(phrase, language: language)
                let terms = doc.tokens.map(\.term)
                guard terms.count >= 2, !seen.contains(terms) else { continue }
                seen.insert(terms)
                let folded = Normalizer.term(phrase)
                let words = folded.split(whereSeparator: { $0.isWhitespace })
                let term = language == .japanese || language == Language("zh") || language == Language("th")
                    ? words.joined() : words.joined(separator: " ")
                table[terms[0], default: []].append(Entry(terms: terms, term: term))
                count += 1
            }
        }
        for key in table.keys { table[key]!.sort { $0.terms.count > $1.terms.count } }
    }

    /// The document with phrases merged.
    public func merged(_ document: TokenizedDocument, stopwords: Stopwords = Stopwords()) -> TokenizedDocument {
        var doc = document
        merge(&doc, bytes: Array(document.text.utf8), stopwords: stopwords)
        return doc
    }

    func merge(_ doc: inout TokenizedDocument, bytes: [UInt8], stopwords: Stopwords) {
        guard !table.isEmpty, !doc.tokens.isEmpty else { return }
        let tokens = doc.tokens
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var merged = false
        var i = 0
        while i < tokens.count {
            if let entries = table[tokens[i].term], let entry = entries.first(where: { matches($0, tokens, at: i, bytes: bytes) }) {
                let first = tokens[i], last = tokens[i + entry.terms.count - 1]
                let range = first.range.lowerBound..<last.range.upperBound
                let surface = String(decoding: bytes[range], as: UTF8.self)
                out.append(Token(surface: surface, term: entry.term, kind: .word, range: range,
                                 sentence: first.sentence,
                                 isStopword: stopwords.contains(entry.term, in: doc.language),
                                 partOfSpeech: nil, lemma: nil, particle: last.particle,
                                 parts: entry.terms.count))
                i += entry.terms.count
                merged = true
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        guard merged else { return }
        doc.tokens = out
        // Token indices of sentences changed.
        var t = 0
        for s in doc.sentences.indices {
            let start = t
            while t < out.count && out[t].sentence <= s { t += 1 }
            doc.sentences[s].tokens = start..<t
        }
    }

    private func matches(_ entry: Entry, _ tokens: [Token], at i: Int, bytes: [UInt8]) -> Bool {
        let n = entry.terms.count
        guard i + n <= tokens.count else { return false }
        for k in 1..<n {
            let prev = tokens[i + k - 1], cur = tokens[i + k]
            guard cur.term == entry.terms[k], cur.sentence == prev.sentence, prev.particle == nil else { return false }
            for j in prev.range.upperBound..<cur.range.lowerBound where !isASCIISpace(bytes[j]) && bytes[j] != 0xC2 && bytes[j] != 0xA0 {
                return false
            }
        }
        return true
    }
}
