import Foundation
import WaveLexicon
import WaveText

// MARK: - Lexicon compilation: the tables a language's engine scores with

extension SentimentEngine {
    /// Japanese entries for matching on the surface character stream (see ``streamWords``).
    static func streamTables(_ valences: [Language: [String: Double]])
        -> (words: [Language: [String: Double]], maxLength: [Language: Int]) {
        var streamWords: [Language: [String: Double]] = [:]
        var maxStream: [Language: Int] = [:]
        for (language, table) in valences where Self.streamLanguages.contains(language) {
            // Sorted: entries that fold to one key (良く, 良く*) resolve the same way in every run.
            for (entry, value) in table.sorted(by: { $0.key < $1.key }) {
                let key = TextNormalizer.fold(entry.trimmingCharacters(in: .whitespaces)).replacingOccurrences(of: "*", with: "")
                    .replacingOccurrences(of: " ", with: "")
                guard !key.isEmpty else { continue }
                streamWords[language, default: [:]][key] = value
                maxStream[language] = max(maxStream[language] ?? 0, key.count)
            }
        }
        return (streamWords, maxStream)
    }

    /// The valence entries for the term list, the symbol entries scanned in the
    /// raw text, and the single words and glob prefixes for the fallbacks.
    static func valenceTables(_ valences: [Language: [String: Double]])
        -> (entries: [TermList<Double>.Entry], symbols: [Language: [String: Double]], words: [Language: [String: Double]]) {
        var entries: [TermList<Double>.Entry] = []
        var symbols: [Language: [String: Double]] = [:]
        var words: [Language: [String: Double]] = [:]
        for (language, table) in valences {
            for (entry, value) in table.sorted(by: { $0.key < $1.key }) {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                if Self.isSymbolEntry(trimmed) {
                    symbols[language, default: [:]][TextNormalizer.fold(trimmed)] = value
                    continue
                }
                entries.append(.init(text: entry, language: language, payload: value))
                if !trimmed.contains(" ") {
                    let key = TextNormalizer.fold(trimmed.hasSuffix("*") ? String(trimmed.dropLast()) : trimmed)
                    if key.count >= 2 { words[language, default: [:]][key] = value }
                }
            }
        }
        return (entries, symbols, words)
    }

    /// The rule words as term-list entries with their roles, and the directional keys per language.
    static func roleTables(_ rules: [Language: SentimentLexicon.Rules])
        -> (entries: [TermList<Role>.Entry], directionalKeys: [Language: Set<String>]) {
        var roleEntries: [TermList<Role>.Entry] = []
        var directionalKeys: [Language: Set<String>] = [:]
        for (language, rules) in rules {
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
        return (roleEntries, directionalKeys)
    }

    /// English one-word intensifiers and diminishers, folded (see ``englishWeightWords``).
    static func englishWeightWords(_ rules: SentimentLexicon.Rules?) -> [String: Double] {
        var englishWeightWords: [String: Double] = [:]
        if let rules {
            for (word, w) in rules.intensifiers.merging(rules.diminishers, uniquingKeysWith: { a, _ in a })
            where !word.contains(" ") && !word.hasSuffix("*") {
                englishWeightWords[TextNormalizer.fold(word)] = w
            }
        }
        return englishWeightWords
    }

    /// The valence entries (as written) whose keys are directional, per language.
    static func directionalEntries(_ valences: [Language: [String: Double]],
                                   keys directionalKeys: [Language: Set<String>]) -> [Language: Set<String>] {
        var directionalEntries: [Language: Set<String>] = [:]
        for (language, table) in valences {
            guard let keys = directionalKeys[language], !keys.isEmpty else { continue }
            directionalEntries[language] = Set(table.keys.filter { keys.contains(Self.key(of: $0)) })
        }
        return directionalEntries
    }

    /// Symbol entries of two characters or more, sorted: all of them (for
    /// Japanese and Korean chunks) and those with non-ASCII characters.
    static func longSymbols(_ symbols: [Language: [String: Double]])
        -> (nonASCII: [Language: [(String, Double)]], attached: [Language: [(String, Double)]]) {
        var nonASCIISymbols: [Language: [(String, Double)]] = [:]
        var attachedSymbols: [Language: [(String, Double)]] = [:]
        for (language, table) in symbols {
            let long = table.filter { $0.key.count >= 2 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            attachedSymbols[language] = long
            nonASCIISymbols[language] = long.filter { !$0.0.unicodeScalars.allSatisfy(\.isASCII) }
        }
        return (nonASCIISymbols, attachedSymbols)
    }

    /// Per language, which bytes begin a symbol entry (ASCII letters folded both ways).
    static func symbolFirstBytes(_ symbols: [Language: [String: Double]]) -> [Language: [Bool]] {
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
        return symbolFirstBytes
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
}
