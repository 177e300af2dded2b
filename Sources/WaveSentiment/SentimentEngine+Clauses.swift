import Foundation
import WaveLexicon
import WaveText

// MARK: - Clause structure: the rules around a hit

extension SentimentEngine {

    /// For each token, whether punctuation (a clause break) stands between it and the token before.
    static func clauseBreaks(in document: TokenizedDocument) -> [Bool] {
        let tokens = document.tokens
        var result = [Bool](repeating: false, count: tokens.count)
        guard tokens.count > 1 else { return result }
        var text = document.text
        text.withUTF8 { bytes in
            for i in 1..<tokens.count {
                let lower = tokens[i - 1].range.upperBound, upper = tokens[i].range.lowerBound
                guard upper > lower, upper <= bytes.count else { continue }
                if upper - lower == 1 && bytes[lower] == 0x20 { continue }
                var j = lower
                while j < upper {
                    let b = bytes[j]
                    switch b {
                    case 0x2C, 0x3B, 0x3A, 0x2E, 0x21, 0x3F, 0x28, 0x29, 0x22:   // , ; : . ! ? ( ) "
                        result[i] = true
                    case 0x2D where j + 1 < upper && bytes[j + 1] == 0x2D:        // --
                        result[i] = true
                    case 0xE3 where j + 2 < upper && bytes[j + 1] == 0x80:
                        // 、 。 「 」 『 』 【 】 (U+3001…U+3011)
                        if (0x81...0x91).contains(bytes[j + 2]) { result[i] = true }
                    case 0xEF where j + 2 < upper && bytes[j + 1] == 0xBC:
                        // full-width ！ （ ） ， ． ： ； ？
                        if [0x81, 0x88, 0x89, 0x8C, 0x8E, 0x9A, 0x9B, 0x9F].contains(bytes[j + 2]) { result[i] = true }
                    case 0xE2 where j + 2 < upper && bytes[j + 1] == 0x80:
                        // — – … “ ” (U+2013, U+2014, U+2026, U+201C, U+201D)
                        if [0x93, 0x94, 0xA6, 0x9C, 0x9D].contains(bytes[j + 2]) { result[i] = true }
                    default: break
                    }
                    if result[i] { break }
                    j += 1
                }
            }
        }
        return result
    }

    /// The degree-weight multiplier of the intensifiers and diminishers around `hit`.
    func weight(around hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool],
                        language: Language) -> Double {
        var factor = 1.0
        var j = hit.lowerBound - 1
        var seen = 0
        while j >= range.lowerBound && seen < 2 && !breakBefore[j + 1] {
            if case .weight(let w) = roles[j] { factor *= 1 + w }
            j -= 1
            seen += 1
        }
        if language == .japanese {
            // Diminishers that follow (低迷気味, 回復の兆し).
            var j = hit.upperBound
            while j < range.upperBound && j < hit.upperBound + 2 && !breakBefore[j] {
                if case .weight(let w) = roles[j], w < 0 { factor *= 1 + w }
                j += 1
            }
        }
        return factor
    }

    /// Whether a negator governs `hit`: before it (up to ``englishNegationReach``
    /// words in English, two elsewhere), after it within the clause, or both,
    /// as the language's `negation_position` says.
    func negated(_ hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool],
                         position: SentimentLexicon.Rules.NegationPosition, language: Language,
                         previousHitEnd: Int, nextHitStart: Int) -> Bool {
        func isNegator(_ i: Int) -> Bool {
            switch roles[i] { case .negator, .preNegator: return true; default: return false }
        }
        // With negators that may stand before (Korean 안, 못), only those count before the word.
        let hasPreNegators = position == .both && self.hasPreNegators.contains(language)
        func isNegatorBefore(_ i: Int) -> Bool {
            if hasPreNegators { if case .preNegator = roles[i] { return true } else { return false } }
            return isNegator(i)
        }
        func isContrast(_ i: Int) -> Bool {
            switch roles[i] { case .contrast, .concessive: return true; default: return false }
        }
        if position != .after {
            // Before: English reaches up to three words back within the clause;
            // Korean 안 / 못 stand right before the predicate (one word, or two with an adverb).
            let reach = language == .english ? Self.englishNegationReach : 2
            var j = hit.lowerBound - 1
            while j >= range.lowerBound && j >= hit.lowerBound - reach {
                if breakBefore[j + 1] { break }
                if isContrast(j) { break }
                if isNegatorBefore(j) { return true }
                // A nearer hit stands between (Korean: a negator binds to the closest predicate).
                if language != .english && j < previousHitEnd { break }
                j -= 1
            }
        }
        if position != .before {
            // After: the negator follows the predicate within the clause, before the next hit.
            var j = hit.upperBound
            while j < range.upperBound && j < hit.upperBound + 3 {
                if breakBefore[j] { break }
                if j >= nextHitStart { break }
                if isContrast(j) { break }
                // 안 / 못 right before the next evaluative word negate that word, not this one (명작 안 지루하다).
                if hasPreNegators, case .preNegator = roles[j], nextHitStart < range.upperBound, nextHitStart - j <= 2 { break }
                if isNegator(j) { return true }
                j += 1
            }
        }
        return false
    }

    /// The inverting word ("costs", 赤字) in the same clause as a directional hit, if any.
    func inverter(of hit: Range<Int>, in range: Range<Int>, roles: [Role?], breakBefore: [Bool]) -> Int? {
        var j = hit.lowerBound - 1
        while j >= range.lowerBound {
            if case .inverting = roles[j] { return j }
            if breakBefore[j + 1] { break }
            if case .contrast = roles[j] { break }
            j -= 1
        }
        var k = hit.upperBound
        while k < range.upperBound && k < hit.upperBound + 3 && !breakBefore[k] {
            if case .inverting = roles[k] { return k }
            k += 1
        }
        return nil
    }

    /// The concessive clause of a sentence: from a concessive word ("although",
    /// "despite") to the next punctuation or the end of the sentence; nil when
    /// there is none or it would be the whole sentence.
    func concessiveSpan(in range: Range<Int>, roles: [Role?], breakBefore: [Bool]) -> Range<Int>? {
        guard let start = range.first(where: { if case .concessive = roles[$0] { return true } else { return false } }) else {
            return nil
        }
        var end = start + 1
        while end < range.upperBound && !breakBefore[end] { end += 1 }
        if start == range.lowerBound && end == range.upperBound { return nil }
        return start..<end
    }

    /// Where a sentence's contrast starts: a contrast word ("but", しかし), or
    /// (Korean) the word after a connective ending -지만, -는데, -으나, -더니.
    static func contrastStart(in range: Range<Int>, context: Context) -> Int? {
        let tokens = context.tokens, tokenRole = context.roles, language = context.language
        return range.first { i in
            if case .contrast = tokenRole[i] { return true }
            // Korean -지만, -는데, -으나, -더니 end the clause they close: the contrast starts after this word.
            guard language == .korean, i > range.lowerBound else { return false }
            let previous = tokens[i - 1].term
            return Self.koreanContrastEndings.contains { previous.hasSuffix($0) } || Self.endsInNDe(previous)
        }
    }

    /// Directional hits with an inverting word in their clause (hit index →
    /// inverting token), and those inverting tokens: "The deficit narrowed":
    /// the change carries the news, so the bad noun it inverts around does not
    /// also count on its own.
    func inversions(of sentenceHits: [Hit], in range: Range<Int>, context: Context)
        -> (inverters: [Int: Int], neutralized: Set<Int>) {
        var inverters: [Int: Int] = [:]   // hit index → inverting token
        var neutralized = Set<Int>()
        for (k, hit) in sentenceHits.enumerated() where hit.directional {
            if let j = inverter(of: hit.tokens, in: range, roles: context.roles, breakBefore: context.breakBefore) {
                inverters[k] = j
                neutralized.insert(j)
            }
        }
        return (inverters, neutralized)
    }

    /// An evaluative English word used as a degree adverb right before another
    /// ("terribly good", "damn good", "spectacularly stupid", "pretty nice")
    /// only strengthens it; alone ("Damn.", "She's pretty.") it keeps its valence.
    static func isDegreeAdverb(_ k: Int, of sentenceHits: [Hit], context: Context) -> Bool {
        let hit = sentenceHits[k]
        let start = hit.tokens.lowerBound
        if context.language == .english, hit.tokens.count == 1, case .weight(let w) = context.roles[start], w > 0,
           k + 1 < sentenceHits.count, sentenceHits[k + 1].tokens.lowerBound == hit.tokens.upperBound,
           sentenceHits[k + 1].valence != 0, !context.breakBefore[hit.tokens.upperBound] {
            return true
        }
        return false
    }
}
