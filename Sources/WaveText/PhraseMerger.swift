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
    /// Phrases of languages written without spaces (ja, zh, th), by their
    /// normalized text: matched against the concatenated surfaces of
    /// adjacent tokens, because a segmenter may split a phrase differently
    /// in context than alone (MeCab: クールジャパン alone, クール|ジャパン in
    /// クールジャパン政策).
    private var joined: [String: String] = [:]
    private var joinedPrefixes: Set<String> = []
    private var joinedMaxBytes = 0
    /// The ASCII bytes an unspaced phrase begins with: a token whose term is ASCII and
    /// begins with any other byte begins none (an ASCII string equals only itself).
    private var joinedASCIIStarts = [Bool](repeating: false, count: 128)

    /// Number of multi-token entries compiled.
    public private(set) var count = 0

    /// Compiles `phrases` with `tokenizer` (its own phrases are ignored).
    public init(phrases: [Language: [String]], tokenizer: Tokenizer) {
        var plain = tokenizer
        if !plain.configuration.phrases.isEmpty { plain.configuration.phrases = [:] }
        var seen = Set<[String]>()
        for (language, list) in phrases.sorted(by: { $0.key < $1.key }) {
            for phrase in list {
                if PhraseMerger.unspaced.contains(language) {
                    let key = Normalizer.term(phrase).filter { !$0.isWhitespace }
                    if !key.isEmpty && joined[key] == nil {
                        joined[key] = key
                        joinedMaxBytes = max(joinedMaxBytes, key.utf8.count)
                        if let first = key.utf8.first, first < 0x80 { joinedASCIIStarts[Int(first)] = true }
                        var prefix = ""
                        for ch in key { prefix.append(ch); joinedPrefixes.insert(prefix) }
                        count += 1
                    }
                }
                let doc = plain.tokenize(phrase, language: language)
                let terms = doc.tokens.map(\.term)
                guard terms.count >= 2, !seen.contains(terms) else { continue }
                seen.insert(terms)
                let folded = Normalizer.term(phrase)
                let words = folded.split(whereSeparator: { $0.isWhitespace })
                let term = PhraseMerger.unspaced.contains(language) ? words.joined() : words.joined(separator: " ")
                table[terms[0], default: []].append(Entry(terms: terms, term: term))
                if !PhraseMerger.unspaced.contains(language) { count += 1 }
            }
        }
        for key in table.keys { table[key]!.sort { $0.terms.count > $1.terms.count } }
    }

    static let unspaced: Set<Language> = [.japanese, Language("zh"), Language("th")]

    /// The document with phrases merged.
    public func merged(_ document: TokenizedDocument, stopwords: Stopwords = Stopwords()) -> TokenizedDocument {
        var doc = document
        merge(&doc, bytes: Array(document.text.utf8), stopwords: stopwords)
        return doc
    }

    func merge(_ doc: inout TokenizedDocument, bytes: [UInt8], stopwords: Stopwords) {
        guard !table.isEmpty || !joined.isEmpty, !doc.tokens.isEmpty else { return }
        let tokens = doc.tokens
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var merged = false
        var i = 0
        while i < tokens.count {
            var best: (parts: Int, term: String)?
            if let entries = table[tokens[i].term], let entry = entries.first(where: { matches($0, tokens, at: i, bytes: bytes) }) {
                best = (entry.terms.count, entry.term)
            }
            if !joined.isEmpty, let (parts, term) = joinedMatch(tokens, at: i), parts > (best?.parts ?? 1) {
                best = (parts, term)
            }
            if let best {
                let first = tokens[i], last = tokens[i + best.parts - 1]
                let range = first.range.lowerBound..<last.range.upperBound
                let surface = String(decoding: bytes[range], as: UTF8.self)
                out.append(Token(surface: surface, term: best.term, kind: .word, range: range,
                                 sentence: first.sentence,
                                 isStopword: stopwords.contains(best.term, in: doc.language),
                                 partOfSpeech: nil, lemma: nil, particle: last.particle,
                                 parts: best.parts))
                i += best.parts
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

    /// The longest run of adjacent tokens (no bytes between them) from `i`
    /// whose normalized surfaces spell an unspaced phrase.
    private func joinedMatch(_ tokens: [Token], at i: Int) -> (Int, String)? {
        var text = ""
        var best: (Int, String)?
        var j = i
        while j < tokens.count {
            if j > i && (tokens[j].range.lowerBound != tokens[j - 1].range.upperBound || tokens[j].sentence != tokens[i].sentence) { break }
            text += Normalizer.term(tokens[j].surface)
            if j == i, let first = text.utf8.first, first < 0x80, !joinedASCIIStarts[Int(first)],
               text.utf8.allSatisfy({ $0 < 0x80 }) {
                return nil
            }
            if text.utf8.count > joinedMaxBytes { break }
            if let term = joined[text] { best = (j - i + 1, term) }
            if !joinedPrefixes.contains(text) { break }
            j += 1
        }
        return best
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
