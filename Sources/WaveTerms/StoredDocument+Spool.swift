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

// MARK: the spool's byte form outside a spool (the run state keeps it)

extension StoredDocument {
    /// The sentences in the byte form ``spool(into:)`` writes (read back as they are when they
    /// lie in a spool); nil when one of them is not packed.
    public var spoolForm: [UInt8]? {
        switch body {
        case .spooled(let spool, let extent): return spool.read(extent)
        case .inline(let sentences):
            var writer = SpoolWriter()
            writer.varint(sentences.count)
            for sentence in sentences {
                guard sentence.spool(to: &writer) else { return nil }
            }
            return writer.bytes
        }
    }

    /// Takes the sentences from their byte form (``spoolForm``) without decoding them: the
    /// bytes are appended to `spool` as they are; without a spool (or when it cannot be
    /// written) they are decoded into memory. False, changing nothing, when the bytes are not
    /// that form (checked by their counts and lengths; a sentence that fails to read back later
    /// is a failure of the spool).
    public mutating func adoptSentences(spoolForm bytes: [UInt8], spool: Spool?) -> Bool {
        guard Self.isSpoolForm(bytes) else { return false }
        if bytes == [0] { body = .inline([]); return true }
        if let spool, let extent = spool.append(bytes) {
            body = .spooled(spool, extent)
            return true
        }
        var reader = SpoolReader(bytes)
        guard let count = reader.count() else { return false }
        var sentences: [StoredSentence] = []
        sentences.reserveCapacity(count)
        for _ in 0..<count {
            guard let sentence = StoredSentence(spooled: &reader) else { return false }
            sentences.append(sentence)
        }
        body = .inline(sentences)
        return true
    }

    /// Whether `bytes` are a count of sentences and that many sentences of the packed form's
    /// shape (text, a multiple of 3 columns, spelled terms), ending exactly at the end.
    static func isSpoolForm(_ bytes: [UInt8]) -> Bool {
        var reader = SpoolReader(bytes)
        func skipString() -> Bool {
            guard let n = reader.count() else { return false }
            return reader.raw(n, { _ in true }) != nil
        }
        guard let count = reader.count() else { return false }
        for _ in 0..<count {
            guard skipString(), let columns = reader.count(), columns % 3 == 0,
                  reader.raw(columns * MemoryLayout<UInt32>.size, { _ in true }) != nil,
                  let spelled = reader.count() else { return false }
            for _ in 0..<spelled where !skipString() { return false }
        }
        return reader.atEnd
    }
}
