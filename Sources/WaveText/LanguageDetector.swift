/// Decides the language of a text from its scripts.
///
/// Kana means Japanese; Hangul means Korean; Han alone (no kana, no Hangul)
/// is read as Japanese only when kana appear too, otherwise unknown. Latin
/// text is English when common English function words make up a good share of
/// its words; other Latin-script text is reported as unknown rather than
/// forced into English.
public enum LanguageDetector {
    public static func detect<S: StringProtocol>(_ text: S) -> Language {
        var kana = 0, hangul = 0, han = 0, latin = 0
        var scanned = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana += 1
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
            scanned += 1
            if scanned > 20_000 { break }
        }
        let cjk = kana + hangul + han
        if cjk > 0 && cjk * 4 >= latin {
            if hangul >= kana && hangul > han / 4 { return .korean }
            if kana > 0 { return .japanese }
            if hangul > 0 { return .korean }
            return .unknown
        }
        if latin == 0 { return .unknown }
        return englishShare(text) >= 0.12 ? .english : .unknown
    }

    /// The language of each paragraph of a text that may mix languages.
    ///
    /// Paragraphs are separated by line breaks; each non-blank one is detected
    /// on its own with ``detect(_:)``, and a paragraph too short to tell
    /// (under 20 letters, or unknown) takes the language of the whole text.
    ///
    /// - Returns: UTF-8 byte ranges of the paragraphs (without the line
    ///   breaks) and their languages, in order.
    /// - Complexity: O(n) in the length of the text.
    public static func paragraphs(_ text: String) -> [(range: Range<Int>, language: Language)] {
        let whole = detect(text)
        var result: [(range: Range<Int>, language: Language)] = []
        let bytes = Array(text.utf8)
        var start = 0
        func close(_ end: Int) {
            guard end > start else { return }
            let slice = bytes[start..<end]
            guard slice.contains(where: { !isASCIISpace($0) }) else { return }
            let paragraph = String(decoding: slice, as: UTF8.self)
            let letters = paragraph.unicodeScalars.lazy.filter { $0.properties.isAlphabetic }.prefix(20).count
            var language = detect(paragraph)
            if letters < 20 || language == .unknown { language = whole }
            result.append((start..<end, language))
        }
        for (i, b) in bytes.enumerated() where b == 0x0A {
            close(i)
            start = i + 1
        }
        close(bytes.count)
        return result
    }

    /// English function words, each packed into a UInt64 (up to 8 ASCII letters).
    private static let englishFunctionWords: Set<UInt64> = Set([
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with",
        "on", "by", "at", "be", "this", "are", "from", "or", "an", "have", "has", "its", "but",
        "not", "they", "their", "which", "were", "been", "will", "more", "than", "who",
    ].map { pack(Array($0.utf8)[...]) })

    private static func pack(_ letters: ArraySlice<UInt8>) -> UInt64 {
        letters.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Share of the words in the first 20,000 bytes that are English function words.
    /// Works on bytes: ASCII letters make words, any byte ≥ 0x80 counts as a
    /// letter of some other script, everything else separates words.
    static func englishShare<S: StringProtocol>(_ text: S) -> Double {
        var words = 0, hits = 0
        var packed: UInt64 = 0
        var length = 0
        var inWord = false
        func close() {
            if inWord {
                words += 1
                if length <= 8 && englishFunctionWords.contains(packed) { hits += 1 }
            }
            inWord = false; packed = 0; length = 0
        }
        var scanned = 0
        for byte in text.utf8 {
            scanned += 1
            if scanned > 20_000 { break }
            switch byte {
            case 0x41...0x5A, 0x61...0x7A:
                inWord = true
                length += 1
                if length <= 8 { packed = packed << 8 | UInt64(byte | 0x20) }
            case 0x80...:
                inWord = true
                length = 9   // never a function word
            default:
                close()
            }
        }
        close()
        return words == 0 ? 0 : Double(hits) / Double(words)
    }
}
