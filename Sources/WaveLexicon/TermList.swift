import Foundation
import WaveText

/// A compiled list of entries (words, multiword phrases and `prefix*` globs)
/// that finds its matches in tokenized documents.
///
/// Entries are tokenized with the same ``Tokenizer`` as the documents, so a
/// phrase matches whenever the text is segmented the same way as the entry:
/// "ソフトパワー" matches the tokens ソフト + パワー, "soft power" matches
/// "Soft Power", and a Korean entry matches a word whose particle was stripped.
///
/// Each entry carries a payload (a theme name, a sentiment valence, a target).
public struct TermList<Payload: Sendable>: Sendable {
    /// One entry as written in its source file.
    public struct Entry: Sendable {
        public var text: String
        public var language: Language
        public var payload: Payload
        /// Where the entry comes from ("themes.yaml:12"), for error messages.
        public var origin: String
        public init(text: String, language: Language, payload: Payload, origin: String = "") {
            self.text = text; self.language = language; self.payload = payload; self.origin = origin
        }
    }

    /// A match found in a document.
    public struct Match: Sendable {
        /// Token indices covered by the match.
        public var tokens: Range<Int>
        public var payload: Payload
        /// The entry text that matched.
        public var entry: String

        @inlinable
        init(tokens: Range<Int>, payload: Payload, entry: String) {
            self.tokens = tokens; self.payload = payload; self.entry = entry
        }
    }

    // The matching code below is @inlinable, so the scorers in other modules
    // get it specialized for their payload (a generic call across modules is
    // not specialized, and this is the hot loop of theme and sentiment scoring).

    @usableFromInline
    struct Phrase: Sendable {
        @usableFromInline var rest: [String]      // terms after the first
        /// The last term is a prefix (`돈 아깝*`): it matches any term starting with it.
        @usableFromInline var lastIsPrefix: Bool
        @usableFromInline var payload: Payload
        @usableFromInline var entry: String

        init(rest: [String], lastIsPrefix: Bool, payload: Payload, entry: String) {
            self.rest = rest; self.lastIsPrefix = lastIsPrefix; self.payload = payload; self.entry = entry
        }
    }

    @usableFromInline
    struct Glob: Sendable {
        @usableFromInline var prefix: String
        @usableFromInline var payload: Payload
        @usableFromInline var entry: String

        init(prefix: String, payload: Payload, entry: String) {
            self.prefix = prefix; self.payload = payload; self.entry = entry
        }
    }

    // Per language: first term -> phrases (longest first); globs by first character.
    @usableFromInline private(set) var phrases: [Language: [String: [Phrase]]] = [:]
    // Languages written without spaces: entries by their normalized text, matched
    // against the concatenated terms of adjacent tokens, because a segmenter may
    // split a word differently in context than alone (クール|ジャパン in クールジャパン政策).
    @usableFromInline private(set) var joined: [Language: [String: [Phrase]]] = [:]
    @usableFromInline private(set) var joinedPrefixes: [Language: Set<String>] = [:]

    /// Languages written without spaces between words.
    public static var unspaced: Set<Language> { [.japanese, Language("zh"), Language("th")] }
    @usableFromInline private(set) var globs: [Language: [Character: [Glob]]] = [:]
    /// Number of entries compiled.
    public private(set) var count = 0

    public init() {}

    /// Compiles `entries` with `tokenizer`. Entries whose characters the
    /// tokenizer cannot keep as word tokens (`a+`, `:)` on their own) are
    /// skipped and counted in ``rejected``.
    ///
    /// Entries of one language are tokenized together, one per line, so a
    /// lexicon of thousands of entries costs one tokenizer call per language.
    public init(entries: [Entry], tokenizer: Tokenizer) {
        self.init()
        let byLanguage = Dictionary(grouping: entries.indices, by: { entries[$0].language })
        for language in byLanguage.keys.sorted() {
            var phraseEntries: [(entry: Entry, body: String, lastIsPrefix: Bool)] = []
            for index in byLanguage[language]! {
                let entry = entries[index]
                let raw = entry.text.trimmingCharacters(in: .whitespaces)
                if raw.isEmpty || raw.contains("\n") { rejected += 1; continue }
                if raw.hasSuffix("*"), !raw.dropLast().contains(" ") {
                    addGlob(entry, stem: String(raw.dropLast()))
                    continue
                }
                let lastIsPrefix = raw.hasSuffix("*")
                phraseEntries.append((entry, lastIsPrefix ? String(raw.dropLast()) : raw, lastIsPrefix))
            }
            // One document, one entry per line; tokens are assigned back by their byte ranges.
            var text = ""
            var bounds: [Range<Int>] = []
            for item in phraseEntries {
                let start = text.utf8.count
                text += item.body
                bounds.append(start..<text.utf8.count)
                text += "\n"
            }
            let tokens = tokenizer.tokenize(text, language: language).tokens
            var t = 0
            for (k, item) in phraseEntries.enumerated() {
                let range = bounds[k]
                while t < tokens.count && tokens[t].range.lowerBound < range.lowerBound { t += 1 }
                var own: [Token] = []
                while t < tokens.count && tokens[t].range.upperBound <= range.upperBound {
                    own.append(tokens[t]); t += 1
                }
                addPhrase(item.entry, body: item.body, tokens: own, lastIsPrefix: item.lastIsPrefix)
            }
        }
    }

    /// Entries skipped because they hold nothing the tokenizer keeps as words.
    public private(set) var rejected = 0

    private mutating func addGlob(_ entry: Entry, stem: String) {
        let folded = TextNormalizer.fold(stem)
        guard let first = folded.first else { rejected += 1; return }
        var list = globs[entry.language, default: [:]][first, default: []]
        list.append(Glob(prefix: folded, payload: entry.payload, entry: entry.text))
        list.sort { $0.prefix.count > $1.prefix.count }
        globs[entry.language, default: [:]][first] = list
        count += 1
    }

    /// Adds a phrase from its tokens; refuses it when the tokens drop any
    /// non-space character of the entry (so `a+` never becomes `a`).
    @discardableResult
    private mutating func addPhrase(_ entry: Entry, body: String, tokens: [Token], lastIsPrefix: Bool) -> Bool {
        let kept = tokens.filter { $0.kind != .symbol }
        let covered = kept.reduce(0) { $0 + $1.surface.unicodeScalars.count }
        let needed = body.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        guard let first = kept.first?.term, covered == needed, !(lastIsPrefix && kept.count < 2) else {
            rejected += 1
            return false
        }
        let phrase = Phrase(rest: kept.dropFirst().map(\.term), lastIsPrefix: lastIsPrefix,
                            payload: entry.payload, entry: entry.text)
        if Self.unspaced.contains(entry.language) && !lastIsPrefix {
            let key = kept.map(\.term).joined()
            joined[entry.language, default: [:]][key, default: []].append(phrase)
            var prefix = ""
            for character in key {
                prefix.append(character)
                joinedPrefixes[entry.language, default: []].insert(prefix)
            }
            count += 1
            return true
        }
        var list = phrases[entry.language, default: [:]][first, default: []]
        list.append(phrase)
        list.sort { $0.rest.count > $1.rest.count }
        phrases[entry.language, default: [:]][first] = list
        count += 1
        return true
    }

    /// Adds one entry. Returns false when it produced no usable tokens.
    @discardableResult
    public mutating func add(_ entry: Entry, tokenizer: Tokenizer) -> Bool {
        let raw = entry.text.trimmingCharacters(in: .whitespaces)
        guard !raw.isEmpty else { rejected += 1; return false }
        if raw.hasSuffix("*"), !raw.dropLast().contains(" ") {
            let before = count
            addGlob(entry, stem: String(raw.dropLast()))
            return count > before
        }
        let lastIsPrefix = raw.hasSuffix("*")
        let body = lastIsPrefix ? String(raw.dropLast()) : raw
        return addPhrase(entry, body: body, tokens: tokenizer.tokenize(body, language: entry.language).tokens,
                         lastIsPrefix: lastIsPrefix)
    }

    /// All matches in `document`, left to right. Phrases take the longest
    /// match at each position and do not overlap; a token matched by a phrase
    /// is not matched again by a glob.
    ///
    /// - Complexity: O(n · k) for n tokens and k entries sharing a first term.
    /// Appends every phrase of `candidates` (sorted longest first) of the
    /// longest length that matches the tokens from `i` on — several payloads
    /// may share it — and returns the number of tokens after the first that
    /// the match covers, or nil when none matches. Shared by the list's and
    /// the byte trie's longest-match passes.
    @inlinable
    static func appendLongestPhrases(_ candidates: [Phrase], at i: Int, in tokens: [Token],
                                     to result: inout [Match]) -> Int? {
        var matchedLength: Int? = nil
        for phrase in candidates {
            if let length = matchedLength, phrase.rest.count < length { break }
            guard i + phrase.rest.count < tokens.count else { continue }
            var ok = true
            for (k, next) in phrase.rest.enumerated() {
                let term = tokens[i + 1 + k].term
                let last = k == phrase.rest.count - 1
                if last && phrase.lastIsPrefix ? !term.hasPrefix(next) : term != next {
                    ok = false
                    break
                }
            }
            if ok {
                matchedLength = phrase.rest.count
                result.append(Match(tokens: i..<(i + 1 + phrase.rest.count),
                                    payload: phrase.payload, entry: phrase.entry))
            }
        }
        return matchedLength
    }

    @inlinable
    public func matches(in document: TokenizedDocument) -> [Match] {
        let byFirst = phrases[document.language] ?? [:]
        let globsByChar = globs[document.language] ?? [:]
        let joinedEntries = joined[document.language] ?? [:]
        let prefixes = joinedPrefixes[document.language] ?? []
        if byFirst.isEmpty && globsByChar.isEmpty && joinedEntries.isEmpty { return [] }
        let tokens = document.tokens
        var result: [Match] = []
        var i = 0
        outer: while i < tokens.count {
            let term = tokens[i].term
            if !joinedEntries.isEmpty {
                // Longest run of tokens whose terms concatenate to an entry.
                var key = ""
                var found: (end: Int, phrases: [Phrase])? = nil
                var j = i
                while j < tokens.count && tokens[j].sentence == tokens[i].sentence {
                    key += tokens[j].term
                    guard prefixes.contains(key) else { break }
                    if let hit = joinedEntries[key] { found = (j + 1, hit) }
                    j += 1
                }
                if let found {
                    for phrase in found.phrases {
                        result.append(Match(tokens: i..<found.end, payload: phrase.payload, entry: phrase.entry))
                    }
                    i = found.end
                    continue outer
                }
            }
            if let candidates = byFirst[term] {
                if let length = Self.appendLongestPhrases(candidates, at: i, in: tokens, to: &result) {
                    i += 1 + length
                    continue outer
                }
            }
            if let first = term.first, let candidates = globsByChar[first] {
                // Sorted longest prefix first; every glob with that prefix applies.
                var matchedPrefix: Int? = nil
                for glob in candidates {
                    if let length = matchedPrefix, glob.prefix.count < length { break }
                    if term.hasPrefix(glob.prefix) {
                        matchedPrefix = glob.prefix.count
                        result.append(Match(tokens: i..<(i + 1), payload: glob.payload, entry: glob.entry))
                    }
                }
            }
            i += 1
        }
        return result
    }
}
