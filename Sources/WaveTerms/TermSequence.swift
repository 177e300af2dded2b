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
