import Foundation
import WaveLexicon
import WaveText

// MARK: - English: stems, elongation, hashtags, emphasis

extension SentimentEngine {
    /// English words that, negating nothing, deny or refuse ("No.", "no wifi").
    static let englishRefusals: Set<String> = ["no"]
    static let englishRefusalValence = -1.0

    /// An English sentence's hits with what the fallbacks find in words no
    /// entry matched: stems without suffixes ("hampering"), elongated words
    /// ("goooood"), a bare refusing "no", and hashtags. In a sentence with
    /// other hits, only elongated words are looked up (a cheap check; stemming
    /// every word there costs a fifth of the time).
    func englishFallbacks(_ hits: [Hit], in range: Range<Int>, context: Context) -> [Hit] {
        let tokens = context.tokens
        var sentenceHits = hits
        let extra = sentenceHits.isEmpty || context.elongated
            ? englishFallbackHits(in: range, tokens: tokens, roles: context.roles, covered: sentenceHits,
                                  elongatedOnly: !sentenceHits.isEmpty, elongated: context.elongated)
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
        let tags = hashtagHits(in: range, tokens: tokens, covered: sentenceHits)
        if !tags.isEmpty {
            sentenceHits = (sentenceHits + tags).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        }
        return sentenceHits
    }

    /// Hashtags (#fail, #stillbitter, #sooohappy): the tag itself, or the
    /// longest lexicon word that begins or ends it (at least four letters,
    /// the rest at least two), after shortening elongated letters. Counts
    /// ``fallbackWeight``.
    func hashtagHits(in range: Range<Int>, tokens: [Token], covered: [Hit]) -> [Hit] {
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

    /// English words no entry matched, looked up again shortened (elongated
    /// words, at full weight) or without suffixes (at ``fallbackWeight``).
    func englishFallbackHits(in range: Range<Int>, tokens: [Token], roles: [Role?], covered: [Hit],
                             elongatedOnly: Bool, elongated: Bool) -> [Hit] {
        guard let table = words[.english] else { return [] }
        var result: [Hit] = []
        for i in range where tokens[i].kind == .word && roles[i] == nil && !covered.contains(where: { $0.tokens.contains(i) }) {
            let term = tokens[i].term
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
        }
        return result
    }

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
