import Foundation
import WaveIngest
import WaveText
import WaveTerms
import WaveThemes

/// Encoding of a document's analysis: every field under its own name, as the
/// synthesized coding would, except the term lists (``DocumentAnalysis/terms``,
/// ``DocumentAnalysis/topicTerms``), which hold one string per content token and
/// are written as one binary field each (a count, then each term's UTF-8 length
/// and bytes as varints), so that a store of analyses writes a handful of values
/// per document instead of one per token. Lossless.
///
/// Every stored property is listed here: a property added to ``DocumentAnalysis``
/// must be added to the keys, ``init(from:)`` and ``encode(to:)`` (the round-trip
/// test of the pipeline compares every field).
extension DocumentAnalysis {
    private enum CodingKeys: String, CodingKey {
        case article, language, sentenceCount, themes, themeSentiment, sentiment, mentions, targetSentiment,
             towardTargets, focus, salience, framingIndex, scopeSentences, pageFramingIndex, evidence, evidenceMatches,
             terms, topicTerms, stored
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func terms(_ key: CodingKeys) throws -> [String]? {
            guard let data = try c.decodeIfPresent(Data.self, forKey: key) else { return nil }
            guard let terms = TermListCoding.decode(data) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "the stored terms are malformed")
            }
            return terms
        }
        self.init(article: try c.decode(Article.self, forKey: .article),
                  language: try c.decode(Language.self, forKey: .language),
                  sentenceCount: try c.decode(Int.self, forKey: .sentenceCount),
                  themes: try c.decode(ThemeScores.self, forKey: .themes),
                  themeSentiment: try c.decode([String: Double].self, forKey: .themeSentiment),
                  sentiment: try c.decode(Double.self, forKey: .sentiment),
                  mentions: try c.decode(TargetMentions.self, forKey: .mentions),
                  targetSentiment: try c.decode([String: Double].self, forKey: .targetSentiment),
                  towardTargets: try c.decode([String: TargetSentiment].self, forKey: .towardTargets),
                  focus: try c.decode(Focus.self, forKey: .focus),
                  salience: try c.decode([TargetSalience].self, forKey: .salience),
                  framingIndex: try c.decodeIfPresent(Double.self, forKey: .framingIndex),
                  scopeSentences: try c.decodeIfPresent(Int.self, forKey: .scopeSentences),
                  pageFramingIndex: try c.decodeIfPresent(Double.self, forKey: .pageFramingIndex),
                  evidence: try c.decode([String: String].self, forKey: .evidence),
                  evidenceMatches: try c.decodeIfPresent([String: String].self, forKey: .evidenceMatches),
                  terms: try terms(.terms) ?? [],
                  topicTerms: try terms(.topicTerms),
                  stored: try c.decode(StoredDocument.self, forKey: .stored))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(article, forKey: .article)
        try c.encode(language, forKey: .language)
        try c.encode(sentenceCount, forKey: .sentenceCount)
        try c.encode(themes, forKey: .themes)
        try c.encode(themeSentiment, forKey: .themeSentiment)
        try c.encode(sentiment, forKey: .sentiment)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(targetSentiment, forKey: .targetSentiment)
        try c.encode(towardTargets, forKey: .towardTargets)
        try c.encode(focus, forKey: .focus)
        try c.encode(salience, forKey: .salience)
        try c.encodeIfPresent(framingIndex, forKey: .framingIndex)
        try c.encodeIfPresent(scopeSentences, forKey: .scopeSentences)
        try c.encodeIfPresent(pageFramingIndex, forKey: .pageFramingIndex)
        try c.encode(evidence, forKey: .evidence)
        try c.encodeIfPresent(evidenceMatches, forKey: .evidenceMatches)
        try c.encode(TermListCoding.encode(terms), forKey: .terms)
        try c.encodeIfPresent(topicTerms.map(TermListCoding.encode), forKey: .topicTerms)
        try c.encode(stored, forKey: .stored)
    }
}

/// A list of strings as bytes: a count, then each string's UTF-8 length and bytes (LEB128 varints).
enum TermListCoding {
    static func encode(_ terms: [String]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(terms.count * 8 + 4)
        append(terms.count, to: &out)
        for term in terms {
            append(term.utf8.count, to: &out)
            out.append(contentsOf: term.utf8)
        }
        return Data(out)
    }

    private static func append(_ value: Int, to out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    /// The strings of `data`, or nil when it is malformed (every read is checked against the end).
    static func decode(_ data: Data) -> [String]? {
        data.withUnsafeBytes { raw -> [String]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var position = 0
            func varint() -> Int? {
                var value: UInt64 = 0, shift: UInt64 = 0
                while position < bytes.count {
                    let b = bytes[position]
                    position += 1
                    guard shift < 63 else { return nil }
                    value |= UInt64(b & 0x7F) << shift
                    if b < 0x80 { return value <= UInt64(bytes.count - position) ? Int(value) : nil }
                    shift += 7
                }
                return nil
            }
            guard let count = varint() else { return nil }
            var terms: [String] = []
            terms.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = varint() else { return nil }
                terms.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self))
                position += length
            }
            return position == bytes.count ? terms : nil
        }
    }
}
