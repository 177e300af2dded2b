/// Interns n-grams of term ids (n ≥ 1) to dense ids and counts them.
///
/// An open-addressing hash table over the packed term ids: no strings on the
/// hot path. Ids are given in first-seen order, so counting the same token
/// sequences in the same order always gives the same ids, and counting shard
/// after shard gives the ids of the whole (see ``merge(_:)``).
///
/// ```swift
/// var bigrams = NGramIndex(n: 2)
/// bigrams.countNGrams(in: [0, 1, 0, 1])   // (0 1) ×2, (1 0) ×1
/// ```
public struct NGramIndex: Sendable {
    /// Tokens per n-gram.
    public let n: Int
    /// The term ids of every n-gram, `n` per entry, in id order.
    public private(set) var grams: [Vocabulary.TermID] = []
    /// Occurrences of each n-gram, indexed by n-gram id.
    public private(set) var counts: [Int] = []
    private var slots: [Int32]
    private var mask: Int

    public init(n: Int, capacity: Int = 1024) {
        precondition(n >= 1, "an n-gram has at least one token")
        self.n = n
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of distinct n-grams.
    public var count: Int { counts.count }

    /// Total n-gram occurrences counted.
    public var total: Int { counts.reduce(0, +) }

    /// The term ids of n-gram `id`.
    public func gram(_ id: Int) -> ArraySlice<Vocabulary.TermID> { grams[id * n ..< id * n + n] }

    @inline(__always)
    static func hash(_ base: UnsafePointer<Vocabulary.TermID>, _ n: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<n {
            h = (h ^ UInt64(UInt32(bitPattern: base[i]))) &* 0x9E37_79B9_7F4A_7C15
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of the n-gram starting at `base`, adding it (with count 0) if new.
    ///
    /// - Complexity: amortized O(n).
    @inline(__always)
    public mutating func intern(_ base: UnsafePointer<Vocabulary.TermID>) -> Int32 {
        if counts.count * 2 >= slots.count { grow() }
        var slot = Self.hash(base, n) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            let start = Int(id) * n
            var same = true
            for i in 0..<n where grams[start + i] != base[i] { same = false; break }
            if same { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(counts.count)
        slots[slot] = id
        for i in 0..<n { grams.append(base[i]) }
        counts.append(0)
        return id
    }

    /// The id of `gram`, or nil if it was never counted.
    public func id(of gram: [Vocabulary.TermID]) -> Int? {
        precondition(gram.count == n, "a \(n)-gram has \(n) term ids")
        return gram.withUnsafeBufferPointer { base -> Int? in
            var slot = Self.hash(base.baseAddress!, n) & mask
            while slots[slot] >= 0 {
                let id = Int(slots[slot])
                if Array(self.gram(id)) == gram { return id }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private mutating func grow() {
        // Rehash into a local table: no access to `self` while a buffer of it is borrowed.
        let size = slots.count * 2
        var table = [Int32](repeating: -1, count: size)
        let tableMask = size - 1
        let all = grams, n = self.n
        all.withUnsafeBufferPointer { all in
            for id in 0..<(all.count / n) {
                var slot = Self.hash(all.baseAddress! + id * n, n) & tableMask
                while table[slot] >= 0 { slot = (slot + 1) & tableMask }
                table[slot] = Int32(id)
            }
        }
        slots = table
        mask = tableMask
    }

    /// Counts every n-gram of a token sequence (one sentence or one document)
    /// and appends their ids, in order, to `ids` when given.
    ///
    /// - Complexity: O(n × tokens).
    public mutating func countNGrams(in sequence: [Vocabulary.TermID]) {
        var ignored: [Int32] = []
        countNGrams(in: sequence, ids: &ignored)
        _ = ignored
    }

    /// Counts every n-gram of `sequence` and appends their ids, in order, to `ids`.
    public mutating func countNGrams(in sequence: [Vocabulary.TermID], ids: inout [Int32]) {
        guard sequence.count >= n else { return }
        var gram = [Vocabulary.TermID](repeating: 0, count: n)
        for start in 0...(sequence.count - n) {
            for i in 0..<n { gram[i] = sequence[start + i] }
            let id = gram.withUnsafeBufferPointer { intern($0.baseAddress!) }
            counts[Int(id)] += 1
            ids.append(id)
        }
    }

    /// Adds `count` occurrences of n-gram `id`.
    public mutating func add(_ count: Int, to id: Int32) { counts[Int(id)] += count }

    /// Merges the counts of `other` (whose term ids are translated by `termMap`,
    /// or taken as they are when nil) into this index.
    ///
    /// - Returns: for each n-gram id of `other`, its id here.
    @discardableResult
    public mutating func merge(_ other: NGramIndex, termMap: [Vocabulary.TermID]? = nil) -> [Int32] {
        precondition(other.n == n, "n-gram sizes differ")
        var map = [Int32](repeating: 0, count: other.count)
        var gram = [Vocabulary.TermID](repeating: 0, count: n)
        for id in 0..<other.count {
            for i in 0..<n {
                let t = other.grams[id * n + i]
                gram[i] = termMap.map { $0[Int(t)] } ?? t
            }
            let mine = gram.withUnsafeBufferPointer { intern($0.baseAddress!) }
            counts[Int(mine)] += other.counts[id]
            map[id] = mine
        }
        return map
    }
}

/// Counts ids into sorted (id, count) rows, reusing one dense scratch array,
/// so a document's row costs O(tokens + distinct log distinct) with no hashing.
public struct RowCounter: Sendable {
    private var scratch: [Int32] = []
    private var touched: [Int32] = []

    public init() {}

    /// Appends the sorted distinct ids of `ids` and their counts.
    @inline(__always)
    public mutating func appendRow(of ids: UnsafeBufferPointer<Int32>, idCount: Int,
                                   toIDs out: inout [Int32], counts: inout [Int32]) {
        if scratch.count < idCount { scratch.append(contentsOf: repeatElement(0, count: idCount - scratch.count)) }
        touched.removeAll(keepingCapacity: true)
        // Plain (bounds-checked) indexing: an id outside the vocabulary traps instead of writing past the array.
        for id in ids {
            let i = Int(id)
            if scratch[i] == 0 { touched.append(id) }
            scratch[i] &+= 1
        }
        touched.sort()
        for id in touched {
            out.append(id)
            counts.append(scratch[Int(id)])
            scratch[Int(id)] = 0
        }
    }
}

/// A sparse document × n-gram count matrix (CSR), beside a ``DocumentTermMatrix``
/// over the same vocabulary.
public struct NGramMatrix: Sendable {
    public private(set) var index: NGramIndex
    public private(set) var rowStarts: [Int] = [0]
    public private(set) var gramIDs: [Int32] = []
    public private(set) var counts: [Int32] = []
    private var counter = RowCounter()

    public init(n: Int) { index = NGramIndex(n: n) }

    public var documentCount: Int { rowStarts.count - 1 }
    public var nonZeroCount: Int { counts.count }

    /// Adds a document's row: the n-grams of each of its `segments`
    /// (sentences, or the whole document as one segment); none cross a segment edge.
    public mutating func append(segments: [[Vocabulary.TermID]]) {
        var ids: [Int32] = []
        for segment in segments { index.countNGrams(in: segment, ids: &ids) }
        let idCount = index.count
        ids.withUnsafeBufferPointer { counter.appendRow(of: $0, idCount: idCount, toIDs: &gramIDs, counts: &counts) }
        rowStarts.append(gramIDs.count)
    }

    /// Number of documents each n-gram occurs in, indexed by n-gram id.
    public var documentFrequencies: [Int] {
        var df = [Int](repeating: 0, count: index.count)
        for id in gramIDs { df[Int(id)] += 1 }
        return df
    }

    /// The non-zero entries of document `d`.
    public func row(_ d: Int) -> some Collection<(gram: Int32, count: Int32)> {
        (rowStarts[d]..<rowStarts[d + 1]).lazy.map { (self.gramIDs[$0], self.counts[$0]) }
    }
}
