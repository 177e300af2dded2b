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
    /// n ≥ 3: slot → n-gram id (−1 empty); the key is read back from `grams`.
    private var slots: [Int32] = []
    /// n ≤ 2: the key packed in one integer beside its id, two words per slot
    /// (`pairs[2s]` the key, `pairs[2s + 1]` the id + 1, 0 when empty), so a
    /// lookup touches one cache line. While ``appendPairRow(segments:toIDs:counts:)``
    /// counts a row, the high half of the id word holds the count in that row.
    private var pairs: [UInt64] = []
    /// Slots touched by the row being counted, then its (id << 32 | count) entries.
    private var rowScratch: [UInt64] = []
    private var mask: Int

    public init(n: Int, capacity: Int = 1024) {
        precondition(n >= 1, "an n-gram has at least one token")
        self.n = n
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        if n <= 2 { pairs = Array(repeating: 0, count: 2 * size) } else { slots = Array(repeating: -1, count: size) }
        mask = size - 1
    }

    /// Number of distinct n-grams.
    public var count: Int { counts.count }

    /// Total n-gram occurrences counted.
    public var total: Int { counts.reduce(0, +) }

    /// The term ids of n-gram `id`.
    public func gram(_ id: Int) -> ArraySlice<Vocabulary.TermID> { grams[id * n ..< id * n + n] }

    private var tableSize: Int { mask + 1 }

    @inline(__always)
    static func hash(_ base: UnsafePointer<Vocabulary.TermID>, _ n: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<n {
            h = (h ^ UInt64(UInt32(bitPattern: base[i]))) &* 0x9E37_79B9_7F4A_7C15
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The packed key of a unigram or bigram.
    @inline(__always)
    static func pairKey(_ first: Vocabulary.TermID, _ second: Vocabulary.TermID) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    @inline(__always)
    static func pairHash(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    @inline(__always)
    private func key(_ base: UnsafePointer<Vocabulary.TermID>) -> UInt64 {
        n == 1 ? Self.pairKey(0, base[0]) : Self.pairKey(base[0], base[1])
    }

    /// The id of the n-gram starting at `base`, adding it (with count 0) if new.
    ///
    /// - Complexity: amortized O(n).
    @inline(__always)
    public mutating func intern(_ base: UnsafePointer<Vocabulary.TermID>) -> Int32 {
        if counts.count * 2 >= tableSize { grow() } else if !hasTable { rehash(size: tableSize) }
        if n <= 2 {
            let key = key(base)
            var slot = Self.pairHash(key) & mask
            while pairs[2 * slot + 1] != 0 {
                if pairs[2 * slot] == key { return Int32(truncatingIfNeeded: (pairs[2 * slot + 1] & 0xFFFF_FFFF) - 1) }
                slot = (slot + 1) & mask
            }
            let id = Int32(counts.count)
            pairs[2 * slot] = key
            pairs[2 * slot + 1] = UInt64(id) + 1
            for i in 0..<n { grams.append(base[i]) }
            counts.append(0)
            return id
        }
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
        guard hasTable else { return (0..<count).first { self.gram($0).elementsEqual(gram) } }
        return gram.withUnsafeBufferPointer { base -> Int? in
            if n <= 2 {
                let key = key(base.baseAddress!)
                var slot = Self.pairHash(key) & mask
                while pairs[2 * slot + 1] != 0 {
                    if pairs[2 * slot] == key { return Int((pairs[2 * slot + 1] & 0xFFFF_FFFF) - 1) }
                    slot = (slot + 1) & mask
                }
                return nil
            }
            var slot = Self.hash(base.baseAddress!, n) & mask
            while slots[slot] >= 0 {
                let id = Int(slots[slot])
                if Array(self.gram(id)) == gram { return id }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Whether the lookup table is there (see ``releaseLookupTable()``).
    private var hasTable: Bool { n <= 2 ? !pairs.isEmpty : !slots.isEmpty }

    /// Frees the lookup table and the row scratch, which only counting needs: the n-grams, their
    /// counts and ids stay. Counting again rebuilds the table; ``id(of:)`` scans until then.
    public mutating func releaseLookupTable() {
        pairs = []
        slots = []
        rowScratch = []
    }

    private mutating func grow() { rehash(size: tableSize * 2) }

    private mutating func rehash(size: Int) {
        // Rehash into a local table: no access to `self` while a buffer of it is borrowed.
        let tableMask = size - 1
        let all = grams, n = self.n
        if n <= 2 {
            var table = [UInt64](repeating: 0, count: 2 * size)
            for id in 0..<(all.count / n) {
                let key = n == 1 ? Self.pairKey(0, all[id]) : Self.pairKey(all[2 * id], all[2 * id + 1])
                var slot = Self.pairHash(key) & tableMask
                while table[2 * slot + 1] != 0 { slot = (slot + 1) & tableMask }
                table[2 * slot] = key
                table[2 * slot + 1] = UInt64(id) + 1
            }
            pairs = table
        } else {
            var table = [Int32](repeating: -1, count: size)
            all.withUnsafeBufferPointer { all in
                for id in 0..<(all.count / n) {
                    var slot = Self.hash(all.baseAddress! + id * n, n) & tableMask
                    while table[slot] >= 0 { slot = (slot + 1) & tableMask }
                    table[slot] = Int32(id)
                }
            }
            slots = table
        }
        mask = tableMask
    }

    /// Counts the bigrams of `sequence` (n = 2), appending their ids to `ids`:
    /// the hot path, one probe of the packed table per token.
    private mutating func countPairs(in sequence: UnsafeBufferPointer<Vocabulary.TermID>, ids: inout [Int32]) {
        let pairsHere = sequence.count - 1
        guard pairsHere >= 1 else { return }
        // Room for every pair being new, so the table stays at most half full in the loop.
        if !hasTable { rehash(size: tableSize) }
        while (self.counts.count + pairsHere) * 2 > tableSize { grow() }
        // Move the arrays out of `self` (no copy: they stay uniquely referenced).
        var table = pairs, tally = self.counts, terms = self.grams
        pairs = []; self.counts = []; self.grams = []
        let mask = self.mask
        table.withUnsafeMutableBufferPointer { t in
            // t.count == 2 × (mask + 1), so every slot index below is in bounds.
            precondition(t.count == 2 * (mask + 1))
            var previous = sequence[0]
            for i in 1..<sequence.count {
                let next = sequence[i]
                let key = Self.pairKey(previous, next)
                var slot = Self.pairHash(key) & mask
                var id: Int
                while true {
                    let stored = t[2 * slot + 1]
                    if stored == 0 {
                        id = tally.count
                        t[2 * slot] = key
                        t[2 * slot + 1] = UInt64(id) + 1
                        terms.append(previous); terms.append(next)
                        tally.append(0)
                        break
                    }
                    if t[2 * slot] == key { id = Int(stored & 0xFFFF_FFFF) - 1; break }
                    slot = (slot + 1) & mask
                }
                tally[id] += 1
                ids.append(Int32(truncatingIfNeeded: id))
                previous = next
            }
        }
        pairs = table; self.counts = tally; self.grams = terms
    }

    /// Counts the bigrams of one document's `segments` (n = 2) and appends its CSR
    /// row (distinct ids ascending, their counts). The row count lives in the slot
    /// beside the key, so each token costs one probe of the table.
    mutating func appendPairRow(segments: [[Vocabulary.TermID]], toIDs out: inout [Int32], counts rowCounts: inout [Int32]) {
        precondition(n == 2, "pair rows are bigram rows")
        var pairsHere = 0
        for segment in segments where segment.count >= 2 { pairsHere += segment.count - 1 }
        guard pairsHere > 0 else { return }
        // Room for every pair being new, so the table stays at most half full in the loop.
        if !hasTable { rehash(size: tableSize) }
        while (self.counts.count + pairsHere) * 2 > tableSize { grow() }
        var table = pairs, tally = self.counts, terms = self.grams, row = rowScratch
        pairs = []; self.counts = []; self.grams = []; rowScratch = []
        row.removeAll(keepingCapacity: true)
        let mask = self.mask
        table.withUnsafeMutableBufferPointer { t in
            // t.count == 2 × (mask + 1), so every slot index below is in bounds.
            precondition(t.count == 2 * (mask + 1))
            for segment in segments where segment.count >= 2 {
                var previous = segment[0]
                for i in 1..<segment.count {
                    let next = segment[i]
                    let key = Self.pairKey(previous, next)
                    var slot = Self.pairHash(key) & mask
                    while true {
                        let stored = t[2 * slot + 1]
                        if stored == 0 {
                            t[2 * slot] = key
                            t[2 * slot + 1] = UInt64(tally.count) + 1
                            terms.append(previous); terms.append(next)
                            tally.append(0)
                            break
                        }
                        if t[2 * slot] == key { break }
                        slot = (slot + 1) & mask
                    }
                    let word = t[2 * slot + 1]
                    if word >> 32 == 0 { row.append(UInt64(slot)) }
                    t[2 * slot + 1] = word &+ (1 << 32)
                    previous = next
                }
            }
            for k in row.indices {
                let slot = Int(row[k])
                let word = t[2 * slot + 1]
                let id = (word & 0xFFFF_FFFF) - 1, count = word >> 32
                t[2 * slot + 1] = word & 0xFFFF_FFFF
                tally[Int(id)] += Int(count)
                row[k] = id << 32 | count
            }
        }
        row.withUnsafeMutableBufferPointer { RowCounter.sortDistinct($0) }
        for entry in row {
            out.append(Int32(truncatingIfNeeded: entry >> 32))
            rowCounts.append(Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF))
        }
        pairs = table; self.counts = tally; self.grams = terms; rowScratch = row
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
        if n == 2 {
            sequence.withUnsafeBufferPointer { countPairs(in: $0, ids: &ids) }
            return
        }
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
        touched.withUnsafeMutableBufferPointer { Self.sortDistinct($0) }
        for id in touched {
            out.append(id)
            counts.append(scratch[Int(id)])
            scratch[Int(id)] = 0
        }
    }
}

extension RowCounter {
    /// Sorts distinct ids ascending: a check for already sorted rows (common for
    /// n-gram rows, whose new ids arrive in order), then a median-of-three quicksort
    /// with insertion sort for short ranges; the standard sort past a depth limit.
    static func sortDistinct<T: FixedWidthInteger>(_ buffer: UnsafeMutableBufferPointer<T>) {
        let count = buffer.count
        guard count > 1, let a = buffer.baseAddress else { return }
        var sorted = true
        for i in 1..<count where a[i - 1] > a[i] { sorted = false; break }
        if sorted { return }
        var depth = 2
        var k = count
        while k > 1 { depth += 2; k >>= 1 }
        quicksort(a, 0, count, depth: depth)
    }

    private static func quicksort<T: FixedWidthInteger>(_ a: UnsafeMutablePointer<T>, _ low: Int, _ high: Int, depth: Int) {
        var lo = low, hi = high, depth = depth
        while hi - lo > 24 {
            if depth == 0 {
                var rest = UnsafeMutableBufferPointer(start: a + lo, count: hi - lo)
                rest.sort()
                return
            }
            depth -= 1
            // Median of three to a[lo], then Hoare's partition on the pivot a[lo]:
            // it returns j in lo ..< hi − 1 with a[lo...j] ≤ pivot ≤ a[j + 1 ..< hi].
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi - 1] < a[lo] { a.swapAt(hi - 1, lo) }
            if a[hi - 1] < a[mid] { a.swapAt(hi - 1, mid) }
            a.swapAt(lo, mid)
            let pivot = a[lo]
            var i = lo - 1, j = hi
            while true {
                repeat { i += 1 } while a[i] < pivot
                repeat { j -= 1 } while a[j] > pivot
                if i >= j { break }
                a.swapAt(i, j)
            }
            // Recurse into the smaller side, loop on the larger.
            if j + 1 - lo < hi - j - 1 {
                quicksort(a, lo, j + 1, depth: depth)
                lo = j + 1
            } else {
                quicksort(a, j + 1, hi, depth: depth)
                hi = j + 1
            }
        }
        if hi - lo > 1 {
            for i in (lo + 1)..<hi {
                let x = a[i]
                var j = i - 1
                while j >= lo && a[j] > x { a[j + 1] = a[j]; j -= 1 }
                a[j + 1] = x
            }
        }
    }
}

extension UnsafeMutablePointer where Pointee: FixedWidthInteger {
    @inline(__always)
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
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
        if index.n == 2 {
            index.appendPairRow(segments: segments, toIDs: &gramIDs, counts: &counts)
            rowStarts.append(gramIDs.count)
            return
        }
        var ids: [Int32] = []
        for segment in segments { index.countNGrams(in: segment, ids: &ids) }
        let idCount = index.count
        ids.withUnsafeBufferPointer { counter.appendRow(of: $0, idCount: idCount, toIDs: &gramIDs, counts: &counts) }
        rowStarts.append(gramIDs.count)
    }

    /// Frees what only counting needs (the index's lookup table, the row scratch); appending
    /// again rebuilds it.
    public mutating func releaseCountingScratch() {
        index.releaseLookupTable()
        counter = RowCounter()
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
