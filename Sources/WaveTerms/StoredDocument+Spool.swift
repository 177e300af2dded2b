/// A stored document's sentences in memory or in a ``Spool``, and its coding and equality,
/// which see the sentences wherever they lie.
extension StoredDocument {
    /// Where a document's sentences are.
    enum SentenceBody: Sendable {
        case inline([StoredSentence])
        /// In `spool` at `extent`, written by ``StoredDocument/spool(into:)``.
        case spooled(Spool, Spool.Extent)

        var sentences: [StoredSentence] {
            switch self {
            case .inline(let sentences): return sentences
            case .spooled(let spool, let extent):
                var reader = SpoolReader(spool.read(extent))
                guard let count = reader.count() else {
                    spool.fail("a document's sentences could not be read back")
                    return []
                }
                var sentences: [StoredSentence] = []
                sentences.reserveCapacity(count)
                for _ in 0..<count {
                    guard let sentence = StoredSentence(spooled: &reader) else {
                        spool.fail("a document's sentences could not be read back")
                        return []
                    }
                    sentences.append(sentence)
                }
                return sentences
            }
        }
    }

    /// Whether the sentences lie in a spool.
    public var isSpooled: Bool {
        if case .spooled = body { return true }
        return false
    }

    /// Moves the sentences into `spool`; they stay in memory when one of them is not packed
    /// (an offset beyond 32 bits) or the spool cannot be written.
    public mutating func spool(into spool: Spool) {
        guard case .inline(let sentences) = body, !sentences.isEmpty else { return }
        var writer = SpoolWriter()
        writer.varint(sentences.count)
        for sentence in sentences {
            guard sentence.spool(to: &writer) else { return }
        }
        if let extent = spool.append(writer.bytes) { body = .spooled(spool, extent) }
    }

    // MARK: coding and equality (as if the sentences were a stored property)

    private enum CodingKeys: String, CodingKey { case id, language, focus, site, date, theme, title, sentences }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), language: try c.decode(String.self, forKey: .language),
                  focus: try c.decode(String.self, forKey: .focus), site: try c.decode(String.self, forKey: .site),
                  date: try c.decode(String.self, forKey: .date), theme: try c.decode(String.self, forKey: .theme),
                  title: try c.decode(String.self, forKey: .title), sentences: try c.decode([StoredSentence].self, forKey: .sentences))
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
        try c.encode(sentences, forKey: .sentences)
    }

    public static func == (a: StoredDocument, b: StoredDocument) -> Bool {
        (a.id, a.language, a.focus, a.site) == (b.id, b.language, b.focus, b.site)
            && (a.date, a.theme, a.title) == (b.date, b.theme, b.title) && a.sentences == b.sentences
    }

    public func hash(into hasher: inout Hasher) {
        for field in [id, language, focus, site, date, theme, title] { hasher.combine(field) }
        hasher.combine(sentences)
    }
}
