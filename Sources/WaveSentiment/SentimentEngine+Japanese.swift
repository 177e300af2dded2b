import Foundation
import WaveLexicon
import WaveText

// MARK: - Japanese: particles and matching on the surface stream

extension SentimentEngine {
    /// Japanese particles that are contrast markers only in some positions:
    /// が and けど/けれど only at the end of a clause (良いが、…), でも and ただ
    /// only at the start of one.
    static func resolveJapaneseParticles(_ tokens: [Token], breakBefore: [Bool], roles: inout [Role?]) {
        for i in tokens.indices {
            switch tokens[i].term {
            case "が", "けど", "けれど", "けれども", "ものの", "のに":
                let clauseEnd = i + 1 >= tokens.count || breakBefore[i + 1] || tokens[i + 1].sentence != tokens[i].sentence
                if tokens[i].term == "が" || tokens[i].term == "のに" {
                    roles[i] = clauseEnd ? .contrast : nil
                } else if clauseEnd || roles[i] != nil {
                    roles[i] = .contrast
                }
            case "でも", "ただ":
                let clauseStart = i == 0 || breakBefore[i] || tokens[i - 1].sentence != tokens[i].sentence
                roles[i] = clauseStart ? .contrast : nil
            default: break
            }
        }
    }


    /// Japanese lexicon hits found on the sentence's surface characters,
    /// longest entry first, so matching does not depend on how the segmenter
    /// cut the words (ICU: 落ち|込|んで; MeCab: 落ち込ん|で). A hit covers the
    /// tokens its characters belong to; it never crosses punctuation. A
    /// negation that follows in the same word group (良く + ない, 問題 + が +
    /// ない, 減少 + して + いない) is read off the characters after it.
    func streamHits(in document: TokenizedDocument, breakBefore: [Bool], directional: Set<String>) -> [Hit] {
        guard let table = streamWords[document.language], let maxLength = maxStreamLength[document.language] else { return [] }
        let tokens = document.tokens
        var result: [Hit] = []
        for sentence in document.sentences {
            var chars: [Character] = []
            var owner: [Int] = []
            for i in sentence.tokens {
                if i > sentence.tokens.lowerBound && breakBefore[i] { chars.append("|"); owner.append(-1) }
                for c in TextNormalizer.fold(tokens[i].surface) { chars.append(c); owner.append(i) }
            }
            var i = 0
            while i < chars.count {
                guard owner[i] >= 0 else { i += 1; continue }
                var length = min(maxLength, chars.count - i)
                var matched = false
                while length >= 1 {
                    if owner[i + length - 1] < 0 || (length > 1 && owner[i..<(i + length)].contains(-1)) { length -= 1; continue }
                    let key = String(chars[i..<(i + length)])
                    if let v = table[key] {
                        // One-character entries (増, 減) only as whole tokens.
                        if length == 1, tokens[owner[i]].surface.count != 1 { length -= 1; continue }
                        var hit = Hit(tokens: owner[i]..<(owner[i + length - 1] + 1), valence: v)
                        hit.negatedInside = Self.japaneseNegationFollows(chars, from: i + length)
                        hit.negationResolved = true
                        hit.directional = directional.contains(key)
                        result.append(hit)
                        i += length
                        matched = true
                        break
                    }
                    length -= 1
                }
                if !matched { i += 1 }
            }
        }
        return result
    }

    static let japaneseNegations: [[Character]] = ["ない", "なかっ", "なく", "なけれ", "ません", "ず", "ぬ", "無い", "無く", "無し", "なし"].map(Array.init)
    /// Kana that may stand between a predicate and its negation (良く|は|ない, 減少|して|いない, 上が|ら|ない).
    static let japaneseLinkKana: Set<Character> = ["く", "は", "も", "で", "が", "に", "じ", "ら", "さ", "わ", "し", "て", "い", "せ", "れ", "な", "っ", "か", "き", "け"]

    static func japaneseNegationFollows(_ chars: [Character], from start: Int) -> Bool {
        var offset = 0
        while offset <= 4 {
            let at = start + offset
            guard at < chars.count, chars[at] != "|" else { return false }
            for negation in japaneseNegations where at + negation.count <= chars.count {
                if Array(chars[at..<(at + negation.count)]) == negation {
                    // 少なく, まもなく: a following なく that is part of a longer word is not checked here.
                    return true
                }
            }
            guard japaneseLinkKana.contains(chars[at]) else { return false }
            offset += 1
        }
        return false
    }
}
