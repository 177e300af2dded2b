import Foundation

/// A fast front for a ``Vocabulary``: looks terms up by their UTF-8 bytes in an
/// open-addressing table (a cheap word-at-a-time hash; no `String` hashing or
/// Unicode normalization on the hot path), asking the vocabulary only for a byte
/// spelling it has not seen. Ids are exactly the vocabulary's: canonically
/// equivalent spellings still get one id, because the vocabulary decides.
///
/// ```swift
/// var interner = TermInterner()
/// let ids = ["soft", "power", "soft"].map { interner.intern($0) }   // [0, 1, 0]
/// interner.vocabulary.terms                                            // ["soft", "power"]
/// ```
public struct TermInterner: Sendable {
    public private(set) var vocabulary: Vocabulary
    /// The UTF-8 bytes of every spelling seen, back to back, in entry order.
    private var arena: [UInt8] = []
    /// Spelling `e` is `arena[starts[e] ..< starts[e + 1]]`.
    private var starts: [Int] = [0]
    /// The term id of each spelling.
    private var entryIDs: [Vocabulary.TermID] = []
    /// Slot: 0 when empty, else (hash tag << 32) | (entry + 1).
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private var mask = 63

    /// - Parameter vocabulary: terms already interned keep their ids.
    public init(vocabulary: Vocabulary = Vocabulary()) {
        self.vocabulary = vocabulary
        for term in vocabulary.terms { _ = intern(term) }
    }

    /// Number of distinct terms (the vocabulary's size).
    public var count: Int { vocabulary.count }

    @inline(__always)
    static func hash(_ p: UnsafeRawBufferPointer) -> UInt64 {
        let n = p.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: n) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The id of `term`, adding it to the vocabulary if new.
    public mutating func intern(_ term: String) -> Vocabulary.TermID {
        if let id = term.utf8.withContiguousStorageIfAvailable({ intern(utf8: $0) }) { return id }
        return Array(term.utf8).withUnsafeBufferPointer { intern(utf8: $0) }
    }

    /// The id of the term spelled by `utf8`, adding it if new (a `String` is made
    /// only for a spelling not seen before).
    public mutating func intern(utf8: UnsafeBufferPointer<UInt8>) -> Vocabulary.TermID {
        let h = Self.hash(UnsafeRawBufferPointer(utf8))
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[slot]
            if s == 0 { break }
            if s >> 32 == tag {
                let entry = Int(s & 0xFFFF_FFFF) - 1
                if equal(entry, utf8) { return entryIDs[entry] }
            }
            slot = (slot + 1) & mask
        }
        let entry = entryIDs.count
        let id = vocabulary.intern(String(decoding: utf8, as: UTF8.self))
        slots[slot] = tag << 32 | UInt64(entry + 1)
        arena.append(contentsOf: utf8)
        starts.append(arena.count)
        entryIDs.append(id)
        if entryIDs.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `term`, or nil if it was never interned.
    public func id(of term: String) -> Vocabulary.TermID? { vocabulary.id(of: term) }

    @inline(__always)
    private func equal(_ entry: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = starts[entry], to = starts[entry + 1]
        guard to - from == utf8.count else { return false }
        let n = utf8.count
        if n == 0 { return true }
        return arena.withUnsafeBytes { a in
            let x = UnsafeRawPointer(a.baseAddress! + from), y = UnsafeRawPointer(utf8.baseAddress!)
            // Most terms are short: compare words, then the tail bytes.
            var i = 0
            while i + 8 <= n {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            while i < n {
                if x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var table = [UInt64](repeating: 0, count: size)
        let tableMask = size - 1
        arena.withUnsafeBytes { a in
            for entry in 0..<entryIDs.count {
                let h = Self.hash(UnsafeRawBufferPointer(rebasing: a[starts[entry]..<starts[entry + 1]]))
                var slot = Int(truncatingIfNeeded: h) & tableMask
                while table[slot] != 0 { slot = (slot + 1) & tableMask }
                table[slot] = (h >> 32) << 32 | UInt64(entry + 1)
            }
        }
        slots = table
        mask = tableMask
    }
}

extension DocumentTermMatrix {
    /// An empty matrix over the vocabulary of `interner`.
    public init(interner: TermInterner) {
        self.init(vocabulary: interner.vocabulary)
    }

    /// The matrix of documents given as their terms in order, interned by their bytes
    /// (``TermInterner``): the matrix ``append(documentID:terms:)`` builds, faster. Each
    /// document's terms are asked for once, in order (a lazy sequence never holds them all).
    public init<Documents: Sequence>(termSequences documents: Documents) where Documents.Element == (id: String, terms: [String]) {
        self.init()
        var interner = TermInterner()
        var counter = RowCounter()
        var ids: [Vocabulary.TermID] = []
        for document in documents {
            ids.removeAll(keepingCapacity: true)
            for term in document.terms { ids.append(interner.intern(term)) }
            append(documentID: document.id, termIDs: ids, termCount: interner.count, counter: &counter)
        }
        vocabulary = interner.vocabulary
    }

    /// Adds one document's row from ids below `termCount` (ids of a ``TermInterner``
    /// whose vocabulary becomes this matrix's once counting ends).
    mutating func append(documentID: String, termIDs ids: [Vocabulary.TermID], termCount: Int, counter: inout RowCounter) {
        ids.withUnsafeBufferPointer { counter.appendRow(of: $0, idCount: termCount, toIDs: &termIDs, counts: &counts) }
        documentIDs.append(documentID)
        rowStarts.append(termIDs.count)
    }
}
