import Foundation
import WaveText

/// Encoding of a stored document: the variables as strings, and every sentence
/// with its tokens in one compact binary field (`sentences`), so that a store of
/// analyses (the run state) writes a handful of values per document instead of
/// several per token. Lossless: decoding gives back an equal document.
///
/// The `sentences` field, version 1: a version byte, the sentence count, then per
/// sentence its text and token count, and per token its term, start and end
/// offsets and one byte of flags (content, stopword known and set, kind known and
/// which). Strings are a length and their UTF-8 bytes; integers are LEB128 varints
/// (offsets zigzag-coded).
extension StoredDocument {
    private enum CodingKeys: String, CodingKey { case id, language, focus, site, date, theme, title, sentences }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let data = try c.decode(Data.self, forKey: .sentences)
        guard let sentences = SentenceCoding.decode(data) else {
            throw DecodingError.dataCorruptedError(forKey: .sentences, in: c,
                                                   debugDescription: "the stored sentences are malformed")
        }
        self.init(id: try c.decode(String.self, forKey: .id), language: try c.decode(String.self, forKey: .language),
                  focus: try c.decode(String.self, forKey: .focus), site: try c.decode(String.self, forKey: .site),
                  date: try c.decode(String.self, forKey: .date), theme: try c.decode(String.self, forKey: .theme),
                  title: try c.decode(String.self, forKey: .title), sentences: sentences)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(language, forKey: .language)
        try c.encode(focus, forKey: .focus)
        try c.encode(site, forKey: .site)
        try c.encode(date, forKey: .date)
        try c.encode(theme, forKey: .theme)
        try c.encode(title, forKey: .title)
        try c.encode(SentenceCoding.encode(sentences), forKey: .sentences)
    }
}

/// The binary form of a document's sentences (see ``StoredDocument``'s coding).
enum SentenceCoding {
    static let version: UInt8 = 1
    static let kinds = TokenKind.allCases

    static func encode(_ sentences: [StoredSentence]) -> Data {
        var out: [UInt8] = [version]
        var size = 8
        for s in sentences { size += s.text.utf8.count + 4 + s.tokens.count * 12 }
        out.reserveCapacity(size)
        writeVarint(UInt64(sentences.count), to: &out)
        for sentence in sentences {
            writeString(sentence.text, to: &out)
            writeVarint(UInt64(sentence.tokens.count), to: &out)
            for token in sentence.tokens {
                writeString(token.term, to: &out)
                writeVarint(zigzag(token.range.lowerBound), to: &out)
                writeVarint(zigzag(token.range.upperBound), to: &out)
                var flags: UInt8 = token.isContent ? 1 : 0
                if let stop = token.isStopword { flags |= stop ? 6 : 2 }
                if let kind = token.kind, let k = kinds.firstIndex(of: kind) { flags |= UInt8(k + 1) << 3 }
                out.append(flags)
            }
        }
        return Data(out)
    }

    /// The sentences of `data`, or nil when it is not a version-1 encoding.
    static func decode(_ data: Data) -> [StoredSentence]? {
        data.withUnsafeBytes { raw -> [StoredSentence]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = Reader(bytes: bytes)
            guard reader.byte() == version, let count = reader.count() else { return nil }
            var sentences: [StoredSentence] = []
            sentences.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = reader.string(), let tokenCount = reader.count() else { return nil }
                var tokens: [StoredToken] = []
                tokens.reserveCapacity(tokenCount)
                for _ in 0..<tokenCount {
                    guard let term = reader.string(), let lower = reader.signed(), let upper = reader.signed(),
                          lower <= upper, let flags = reader.byte() else { return nil }
                    let kindIndex = Int(flags >> 3)
                    guard kindIndex <= kinds.count, flags & 4 == 0 || flags & 2 != 0 else { return nil }
                    tokens.append(StoredToken(term: term, range: lower..<upper, isContent: flags & 1 != 0,
                                              kind: kindIndex == 0 ? nil : kinds[kindIndex - 1],
                                              isStopword: flags & 2 == 0 ? nil : flags & 4 != 0))
                }
                sentences.append(StoredSentence(text: text, tokens: tokens))
            }
            return reader.atEnd ? sentences : nil
        }
    }

    @inline(__always)
    static func zigzag(_ v: Int) -> UInt64 {
        UInt64(bitPattern: Int64(v) << 1) ^ UInt64(bitPattern: Int64(v) >> 63)
    }

    @inline(__always)
    static func writeVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func writeString(_ s: String, to out: inout [UInt8]) {
        writeVarint(UInt64(s.utf8.count), to: &out)
        out.append(contentsOf: s.utf8)
    }

    /// Reads what ``encode(_:)`` wrote; every read is checked against the end.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let b = byte() {
                guard shift < 64 else { return nil }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
            return nil
        }

        /// A count that fits in what is left of the bytes (each item takes at least one byte).
        mutating func count() -> Int? {
            guard let v = varint(), v <= UInt64(bytes.count - position) else { return nil }
            return Int(v)
        }

        mutating func signed() -> Int? {
            guard let z = varint() else { return nil }
            let v = Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
            return Int(exactly: v)
        }

        mutating func string() -> String? {
            guard let length = count() else { return nil }
            let start = position
            position += length
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
    }
}
