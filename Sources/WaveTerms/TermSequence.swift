/// A document's terms in order, in memory or in a ``Spool`` (``spool(into:)``): a run moves the
/// term lists of its documents there once they are analysed, and reads each back when a corpus
/// statistic or a table needs it.
///
/// Coded as the plain list of terms, and equal by its terms, wherever they lie.
public struct TermSequence: Sendable, Hashable, Codable {
    private enum Body: Sendable {
        case inline([String])
        case spooled(Spool, Spool.Extent, count: Int)
    }
    private var body: Body

    public init(_ terms: [String]) { body = .inline(terms) }

    /// The terms (read from the spool when they lie there).
    public var terms: [String] {
        switch body {
        case .inline(let terms): return terms
        case .spooled(let spool, let extent, let count):
            var reader = SpoolReader(spool.read(extent))
            var terms: [String] = []
            terms.reserveCapacity(count)
            for _ in 0..<count {
                guard let term = reader.string() else {
                    spool.fail("a document's terms could not be read back")
                    return []
                }
                terms.append(term)
            }
            return terms
        }
    }

    /// The number of terms (without reading them back).
    public var count: Int {
        switch body {
        case .inline(let terms): terms.count
        case .spooled(_, _, let count): count
        }
    }

    /// Whether the terms lie in a spool.
    public var isSpooled: Bool {
        if case .spooled = body { return true }
        return false
    }

    /// Moves the terms into `spool` (they stay in memory when it cannot be written).
    public mutating func spool(into spool: Spool) {
        guard case .inline(let terms) = body, !terms.isEmpty else { return }
        var writer = SpoolWriter()
        for term in terms { writer.string(term) }
        if let extent = spool.append(writer.bytes) { body = .spooled(spool, extent, count: terms.count) }
    }

    /// The terms in the byte form ``spool(into:)`` writes (read back as they are when they lie
    /// in a spool), for the run state to keep.
    public var spoolForm: [UInt8] {
        switch body {
        case .spooled(let spool, let extent, _): return spool.read(extent)
        case .inline(let terms):
            var writer = SpoolWriter()
            for term in terms { writer.string(term) }
            return writer.bytes
        }
    }

    /// `count` terms from their byte form (``spoolForm``), appended to `spool` as they are; without
    /// a spool (or when it cannot be written) decoded into memory. Nil when the bytes are not
    /// `count` strings ending exactly at the end.
    public init?(spoolForm bytes: [UInt8], count: Int, spool: Spool?) {
        guard count > 0 else {
            guard bytes.isEmpty else { return nil }
            body = .inline([])
            return
        }
        if let spool, Self.terms(bytes, count: count, keep: false) != nil, let extent = spool.append(bytes) {
            body = .spooled(spool, extent, count: count)
        } else if let terms = Self.terms(bytes, count: count, keep: true) {
            body = .inline(terms)
        } else {
            return nil
        }
    }

    /// The `count` strings of `bytes` (empty ones unless `keep`), nil unless they end exactly at its end.
    private static func terms(_ bytes: [UInt8], count: Int, keep: Bool) -> [String]? {
        var reader = SpoolReader(bytes)
        var terms: [String] = []
        if keep { terms.reserveCapacity(count) }
        for _ in 0..<count {
            guard let n = reader.count(), let term = reader.raw(n, { keep ? String(decoding: $0, as: UTF8.self) : "" }) else { return nil }
            if keep { terms.append(term) }
        }
        return reader.atEnd ? terms : nil
    }

    public init(from decoder: any Decoder) throws {
        body = .inline(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(terms)
    }

    public static func == (a: TermSequence, b: TermSequence) -> Bool { a.count == b.count && a.terms == b.terms }

    public func hash(into hasher: inout Hasher) { hasher.combine(terms) }
}
