import WaveLexicon
import WaveText

/// Finds Korean dictionary entries by their written form, with or without a
/// particle after the entry's last word.
///
/// The tokenizer strips what looks like a particle from a Korean word's term,
/// which serves running text (`한복을` → `한복`) but truncates entries that
/// themselves end in such a syllable: 다도 (tea ceremony) gets the term 다, the
/// word for "all", and 레트로 (retro) the term 레트, so a term match counts
/// "다 좋다" as a tea ceremony and misses "다도를" and "레트로가". Here the
/// entry's words are compared with the document's token surfaces (folded): every
/// word but the last must stand as written, the last as written or followed by
/// a particle that agrees with it (``KoreanParticles/stems(of:)``).
struct KoreanSurfaceMatcher<Payload: Sendable>: Sendable {
    struct Entry: Sendable {
        /// Folded surfaces of the entry's tokens, in order.
        var words: [String]
        var payload: Payload
    }

    /// Entries by the folded surface of their last word.
    private let byLast: [String: [Entry]]

    /// Whether an entry of `language` is matched here rather than by its terms:
    /// Korean entries holding Hangul, without a trailing `*` (prefix entries keep
    /// their term match: `그리워*`).
    static func handles(_ text: String, language: Language) -> Bool {
        language == .korean && !text.hasSuffix("*")
            && text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
    }

    init(entries: [(text: String, payload: Payload)], tokenizer: Tokenizer) {
        var byLast: [String: [Entry]] = [:]
        for (text, payload) in entries {
            let words = tokenizer.tokenize(text, language: .korean, id: "").tokens.map { TextNormalizer.fold($0.surface) }
            guard let last = words.last else { continue }
            byLast[last, default: []].append(Entry(words: words, payload: payload))
        }
        self.byLast = byLast
    }

    var isEmpty: Bool { byLast.isEmpty }

    /// Every match in `document`, by the token range it covers, in text order.
    func matches(in document: TokenizedDocument) -> [(tokens: Range<Int>, payload: Payload)] {
        guard !byLast.isEmpty else { return [] }
        let tokens = document.tokens
        var surfaces: [String?] = Array(repeating: nil, count: tokens.count)
        func surface(_ i: Int) -> String {
            if let s = surfaces[i] { return s }
            let s = TextNormalizer.fold(tokens[i].surface)
            surfaces[i] = s
            return s
        }
        var found: [(tokens: Range<Int>, payload: Payload)] = []
        for end in tokens.indices {
            var seen = Set<String>()
            for stem in KoreanParticles.stems(of: surface(end)) where seen.insert(stem).inserted {
                guard let entries = byLast[stem] else { continue }
                for entry in entries {
                    let n = entry.words.count
                    guard end + 1 >= n else { continue }
                    let start = end + 1 - n
                    // Earlier words as written, in the same sentence.
                    var ok = tokens[start].sentence == tokens[end].sentence
                    var k = 0
                    while ok && k < n - 1 { ok = surface(start + k) == entry.words[k]; k += 1 }
                    if ok { found.append((start..<(end + 1), entry.payload)) }
                }
            }
        }
        found.sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
        return found
    }
}
