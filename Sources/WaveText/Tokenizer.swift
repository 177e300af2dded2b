/// Settings of the text stage.
public struct TokenizerConfiguration: Sendable {
    public var stopwords: Stopwords
    public init(stopwords: Stopwords = Stopwords()) {
        self.stopwords = stopwords
    }
}

/// Splits text into sentences and tokens and normalizes each token to a term.
///
/// ```swift
/// let tokenizer = Tokenizer(configuration: .init(stopwords: stopwords))
/// let doc = tokenizer.tokenize("Squid Game was a hit.", id: "a")
/// doc.tokens.map(\.term)   // ["squid", "game", "was", "a", "hit"]
/// ```
public struct Tokenizer: Sendable {
    public var configuration: TokenizerConfiguration

    public init(configuration: TokenizerConfiguration = TokenizerConfiguration()) {
        self.configuration = configuration
    }

    /// Tokenizes `text`. When `language` is nil it is detected from the text.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func tokenize(_ text: String, language: Language? = nil, id: String = "") -> TokenizedDocument {
        let language = language ?? LanguageDetector.detect(text)
        let utf16 = Array(text.utf16)
        let offsets = UTF8Offsets(text)
        let locale = language == .unknown ? "" : language.rawValue

        let sentenceEnds = ICU.sentenceBreaks(utf16, locale: locale)
        let (ends, statuses) = ICU.wordBreaks(utf16, locale: locale)

        var tokens: [Token] = []
        tokens.reserveCapacity(ends.count / 2)
        var sentences: [Sentence] = []
        var sentenceIndex = 0
        var sentenceStart16 = 0
        var sentenceFirstToken = 0
        var start = 0

        func closeSentences(upTo position: Int) {
            while sentenceIndex < sentenceEnds.count && Int(sentenceEnds[sentenceIndex]) <= position {
                let end16 = Int(sentenceEnds[sentenceIndex])
                let range = offsets.utf8(sentenceStart16)..<offsets.utf8(end16)
                sentences.append(Sentence(range: range, tokens: sentenceFirstToken..<tokens.count))
                sentenceFirstToken = tokens.count
                sentenceStart16 = end16
                sentenceIndex += 1
            }
        }

        for (i, end32) in ends.enumerated() {
            let end = Int(end32)
            closeSentences(upTo: start)
            let status = statuses[i]
            defer { start = end }
            let kind: TokenKind
            switch status {
            case 100..<200: kind = .number
            case 200..<500: kind = .word
            default:
                guard Tokenizer.isEmoji(utf16, start, end) else { continue }
                kind = .emoji
            }
            let surface = String(decoding: utf16[start..<end], as: UTF16.self)
            let term = ICU.foldedNFKC(surface)
            let stop = configuration.stopwords.contains(term, in: language)
            tokens.append(Token(surface: surface, term: term, kind: kind,
                                range: offsets.utf8(start)..<offsets.utf8(end),
                                sentence: sentenceIndex, isStopword: stop))
        }
        closeSentences(upTo: utf16.count)
        if sentenceFirstToken < tokens.count || sentences.isEmpty && !tokens.isEmpty {
            sentences.append(Sentence(range: offsets.utf8(sentenceStart16)..<text.utf8.count,
                                      tokens: sentenceFirstToken..<tokens.count))
        }
        return TokenizedDocument(id: id, language: language, text: text, tokens: tokens, sentences: sentences)
    }

    static func isEmoji(_ utf16: [UInt16], _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        let s = String(decoding: utf16[start..<end], as: UTF16.self)
        return s.unicodeScalars.first.map { $0.properties.isEmojiPresentation } ?? false
    }
}

/// Maps UTF-16 offsets of a string to UTF-8 byte offsets.
struct UTF8Offsets {
    private var table: [Int32]   // table[utf16 offset] = utf8 offset

    init(_ text: String) {
        var table = [Int32]()
        table.reserveCapacity(text.utf16.count + 1)
        var utf8 = 0
        for scalar in text.unicodeScalars {
            let width8 = UTF8.width(scalar)
            let width16 = UTF16.width(scalar)
            for _ in 0..<width16 { table.append(Int32(utf8)) }
            utf8 += width8
        }
        table.append(Int32(utf8))
        self.table = table
    }

    func utf8(_ utf16Offset: Int) -> Int { Int(table[min(utf16Offset, table.count - 1)]) }
}
