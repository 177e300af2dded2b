import WaveText

/// The stored form of a sentence (run state, shard folders): its text, then its tokens as
/// columns — the terms, the start and end offsets as one list of pairs, one flag byte per
/// token — instead of a keyed container per token. A run state holds every token of a corpus
/// and a rerun reads them all back, so the form is what a rerun's loading costs.
///
/// A flag byte: bit 0 ``StoredToken/isContent``; bits 1–2 ``StoredToken/isStopword`` (0 unknown,
/// 1 false, 2 true); bits 3–7 ``StoredToken/kind`` (0 unknown, else its position in
/// `TokenKind.allCases` plus one).
extension StoredSentence {
    private enum CodingKeys: String, CodingKey { case text, terms, offsets, flags }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        let terms = try container.decode([String].self, forKey: .terms)
        let offsets = try container.decode([Int].self, forKey: .offsets)
        let flags = try container.decode([UInt8].self, forKey: .flags)
        guard offsets.count == 2 * terms.count, flags.count == terms.count else {
            throw DecodingError.dataCorruptedError(forKey: .flags, in: container, debugDescription: "token columns of different lengths")
        }
        let kinds = TokenKind.allCases
        var tokens: [StoredToken] = []
        tokens.reserveCapacity(terms.count)
        for (i, term) in terms.enumerated() {
            let lower = offsets[2 * i], upper = offsets[2 * i + 1], flag = flags[i]
            let kind = Int(flag >> 3), stopword = (flag >> 1) & 3
            guard lower <= upper, kind <= kinds.count, stopword < 3 else {
                throw DecodingError.dataCorruptedError(forKey: .flags, in: container, debugDescription: "token \(i) is malformed")
            }
            tokens.append(StoredToken(term: term, range: lower..<upper, isContent: flag & 1 != 0,
                                      kind: kind == 0 ? nil : kinds[kind - 1], isStopword: stopword == 0 ? nil : stopword == 2))
        }
        self.init(text: text, tokens: tokens)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let tokens = tokens
        try container.encode(text, forKey: .text)
        try container.encode(tokens.map(\.term), forKey: .terms)
        try container.encode(tokens.flatMap { [$0.range.lowerBound, $0.range.upperBound] }, forKey: .offsets)
        let kinds = TokenKind.allCases
        try container.encode(tokens.map { token -> UInt8 in
            let kind = token.kind.flatMap { kinds.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0
            let stopword: UInt8 = token.isStopword.map { $0 ? 2 : 1 } ?? 0
            return kind << 3 | stopword << 1 | (token.isContent ? 1 : 0)
        }, forKey: .flags)
    }
}
