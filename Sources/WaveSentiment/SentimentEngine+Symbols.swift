import Foundation
import WaveLexicon
import WaveText

// MARK: - Symbols and emphasis: emoticons, emoji, exclamation marks

extension SentimentEngine {

    /// Valences of emoticons (":-)", "<3") in a sentence: whitespace-separated
    /// chunks, with trailing sentence punctuation allowed; non-ASCII symbols anywhere.
    func symbolHits(in chunks: [Substring], language: Language) -> [Double] {
        guard let table = symbols[language] else { return [] }
        var result: [Double] = []
        let attached = language == .japanese || language == .korean
        for chunk in chunks {
            if chunk.utf8.allSatisfy({ $0 < 0x80 }) {
                guard chunk.utf8.contains(where: { !(($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)) }) else { continue }
            } else {
                guard chunk.contains(where: { !$0.isLetter && !$0.isNumber }) else { continue }
            }
            // Each form is lowercased once (a Japanese or Korean chunk is often a whole sentence).
            let lowered = chunk.lowercased()
            if let v = table[lowered] { result.append(v); continue }
            var candidate = Substring(chunk)
            while let last = candidate.last, last == "." || last == "," || last == "!" || last == "?" {
                candidate = candidate.dropLast()
            }
            let trimmed = candidate.endIndex == chunk.endIndex ? lowered : String(candidate).lowercased()
            if !candidate.isEmpty, let v = table[trimmed] { result.append(v); continue }
            // ":)))", ":((((", ":DDD": runs of one character shortened to one.
            if let short = Self.collapsingRuns(trimmed, keep: 1, minimumRun: 2),
               let v = table[short] { result.append(v); continue }
            // Inside a chunk: non-ASCII symbols (♥, (笑)) in any language; in
            // Japanese and Korean, where emoticons cling to words (좋다^^), any symbol.
            if attached, let matcher = attachedSymbols[language] {
                result += matcher.values(in: lowered)
            } else if chunk.utf8.contains(where: { $0 >= 0x80 }), let matcher = nonASCIISymbols[language], !matcher.entries.isEmpty {
                result += matcher.values(in: lowered)
            }
        }
        return result
    }

    /// Whitespace-separated chunks of `text`. With `plainWordsSkipped`, chunks
    /// that cannot hold a symbol entry are left out without building them:
    /// ASCII letters and digits only, optionally followed by . , ! ? (a symbol
    /// entry holds a mark other than those, or no letter at all).
    /// With `firstBytes`, ASCII chunks whose first byte begins no symbol entry are left out too.
    static func chunks(of document: TokenizedDocument, plainWordsSkipped: Bool, firstBytes: [Bool]? = nil) -> [[Substring]] {
        var perSentence: [[Range<Int>]] = []
        perSentence.reserveCapacity(document.sentences.count)
        var text = document.text
        text.withUTF8 { bytes in
            for sentence in document.sentences {
                var bounds: [Range<Int>] = []
                var start = max(0, min(sentence.range.lowerBound, bytes.count))
                let end = max(start, min(sentence.range.upperBound, bytes.count))
                var plain = true        // letters and digits so far, then only trailing . , ! ?
                var trailing = false
                var alnum = false
                var ascii = true
                var index = start
                while index <= end {
                    let byte: UInt8 = index < end ? bytes[index] : 0x20
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                        if start < index && !(plainWordsSkipped && plain && alnum)
                            && !(firstBytes != nil && ascii && !firstBytes![Int(bytes[start])]) {
                            bounds.append(start..<index)
                        }
                        index += 1
                        start = index
                        plain = true; trailing = false; alnum = false; ascii = true
                        continue
                    }
                    if byte >= 0x80 { ascii = false }
                    if plain {
                        let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        if isAlnum && !trailing { alnum = true }
                        else if byte == 0x2E || byte == 0x2C || byte == 0x21 || byte == 0x3F { trailing = true }
                        else { plain = false }
                    }
                    index += 1
                }
                perSentence.append(bounds)
            }
        }
        let utf8 = document.text.utf8
        return perSentence.map { bounds in
            bounds.map { range in
                let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                let upper = utf8.index(lower, offsetBy: range.count)
                return document.text[lower..<upper]
            }
        }
    }

    /// Number of ! and ！ in `text`.
    static func exclamationMarks(_ text: Substring) -> Int {
        var count = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == 0x21 { count += 1 }
            else if byte == 0x81 && previous == (0xEF, 0xBC) { count += 1 }   // ！ U+FF01
            previous = (previous.1, byte)
        }
        return count
    }
}
