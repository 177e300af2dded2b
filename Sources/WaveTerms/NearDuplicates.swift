/// A cluster of near-duplicate documents (syndicated copies of one story).
public struct DuplicateCluster: Sendable, Hashable {
    /// Documents in the cluster (indices into the input), the representative first.
    public var members: [Int]
    /// Exact Jaccard similarity of each member's shingle set to the representative's.
    public var similarities: [Double]
    public var representative: Int { members[0] }
}

/// Finds near-duplicate documents with MinHash over word shingles, then checks
/// every candidate pair with the exact Jaccard similarity of the shingle sets,
/// and with the exact containment of the smaller set in the larger (a trimmed
/// copy inside its original: a paragraph dropped, a credit line added).
///
/// Shingles are `shingleSize` consecutive content terms (FNV-1a hashed, so ids
/// are stable across runs and shards). Each document gets `bands × rows` MinHash
/// values; documents that agree on all values of any band are candidates
/// (locality-sensitive hashing). Short copies of long stories have a low
/// Jaccard similarity, so a second candidate source finds them: a fixed sample
/// of shingles (those whose hash is 0 modulo `sampleRate`, the same in every
/// document, so a contained copy's sample lies inside its original's) goes into
/// an inverted index, and documents sharing `minSharedSamples` sampled shingles
/// are candidates. Candidates whose Jaccard similarity is at or above
/// `threshold`, or whose smaller set has at least `minContainedShingles`
/// shingles and lies in the larger to at least `containmentThreshold`, are
/// linked, and the linked components are the clusters. The representative of a cluster
/// is its earliest-dated member (undated last), ties by id.
///
/// ```swift
/// let clusters = NearDuplicateFinder().clusters(in: documents)
/// ```
public struct NearDuplicateFinder: Sendable {
    public var shingleSize = 5
    public var bands = 16
    public var rows = 4
    public var threshold = 0.7
    /// Share of the smaller document's shingles found in the larger one at which
    /// the smaller is a (trimmed) copy; above 1 turns containment off.
    public var containmentThreshold = 0.8
    /// Smallest shingle set judged by containment (a few sentences are not a copy).
    public var minContainedShingles = 40
    /// One shingle in `sampleRate` (by hash) is indexed for containment candidates.
    public var sampleRate: UInt64 = 4
    /// Sampled shingles two documents must share to be a containment candidate.
    public var minSharedSamples = 3
    /// Sampled shingles found in more documents than this are boilerplate and not indexed.
    public var maxPostings = 64
    /// Where signatures computed before are kept (a rerun's unchanged documents); nil computes
    /// every one. The clusters are the same with or without it.
    public var memo: StatisticsMemo?

    public init(shingleSize: Int = 5, bands: Int = 16, rows: Int = 4, threshold: Double = 0.7,
                containmentThreshold: Double = 0.8) {
        self.shingleSize = shingleSize; self.bands = bands; self.rows = rows; self.threshold = threshold
        self.containmentThreshold = containmentThreshold
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The sorted distinct shingle hashes of a document's content terms.
    public func shingles(of terms: [String]) -> [UInt64] {
        let hashes = terms.map(Self.fnv1a)
        guard !hashes.isEmpty else { return [] }
        let k = min(shingleSize, hashes.count)
        var set: [UInt64] = []
        set.reserveCapacity(hashes.count - k + 1)
        for start in 0...(hashes.count - k) {
            var h: UInt64 = 0
            for i in start..<start + k { h = Self.mix(h ^ hashes[i]) }
            set.append(h)
        }
        set.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(set.count)
        for h in set where unique.last != h { unique.append(h) }
        return unique
    }

    /// The MinHash signature of a shingle set (`bands × rows` values).
    public func signature(of shingles: [UInt64]) -> [UInt64] {
        let count = bands * rows
        var signature = [UInt64](repeating: .max, count: count)
        for s in shingles {
            for i in 0..<count {
                let v = Self.mix(s ^ (UInt64(i) &* 0xD6E8_FEB8_6659_FD93))
                if v < signature[i] { signature[i] = v }
            }
        }
        return signature
    }

    /// Exact Jaccard similarity of two sorted sets.
    public static func jaccard(_ x: [UInt64], _ y: [UInt64]) -> Double {
        if x.isEmpty && y.isEmpty { return 1 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { common += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(x.count + y.count - common)
    }

    /// Exact containment of the smaller of two sorted sets in the larger
    /// (|x ∩ y| / min(|x|, |y|)); 0 when either is empty.
    public static func containment(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty && !y.isEmpty else { return 0 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { common += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(min(x.count, y.count))
    }

    /// Whether two shingle sets are copies of one story: resemblance, or a
    /// copy of some length inside the other.
    public func isDuplicate(_ x: [UInt64], _ y: [UInt64]) -> Bool {
        if Self.jaccard(x, y) >= threshold { return true }
        guard containmentThreshold <= 1, min(x.count, y.count) >= minContainedShingles else { return false }
        return Self.containment(x, y) >= containmentThreshold
    }

    /// Pairs of documents sharing at least ``minSharedSamples`` sampled shingles.
    func containmentCandidates(_ sets: [[UInt64]]) -> [(Int, Int)] {
        guard containmentThreshold <= 1, sampleRate > 0 else { return [] }
        var postings: [UInt64: [Int32]] = [:]
        for (d, set) in sets.enumerated() where set.count >= minContainedShingles {
            for h in set where Self.mix(h) % sampleRate == 0 { postings[h, default: []].append(Int32(d)) }
        }
        var shared: [Int64: Int] = [:]
        for docs in postings.values where docs.count > 1 && docs.count <= maxPostings {
            for a in 0..<docs.count {
                for b in (a + 1)..<docs.count { shared[Int64(docs[a]) << 32 | Int64(docs[b]), default: 0] += 1 }
            }
        }
        return shared.filter { $0.value >= minSharedSamples }.keys.sorted()
            .map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    /// The clusters of two or more near-duplicates, largest first.
    ///
    /// - Complexity: O(tokens × bands × rows) for the signatures, then linear in the
    ///   number of documents per band (each bucket is checked as a star and a chain).
    public func clusters(in documents: [StoredDocument]) -> [DuplicateCluster] {
        let sets = documents.map { shingles(of: $0.sentences.flatMap(\.contentTerms)) }
        let signatures = sets.map { set in
            guard let memo else { return signature(of: set) }
            var key = StatisticsMemo.KeyHasher(kind: 3)
            key.add(UInt64(truncatingIfNeeded: bands)); key.add(UInt64(truncatingIfNeeded: rows))
            for shingle in set { key.add(shingle) }
            return memo.signature(key.key) { signature(of: set) }
        }
        var parent = Array(documents.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var checked = Set<Int64>()
        func link(_ p: Int, _ q: Int) {
            let (a, b) = (min(p, q), max(p, q))
            guard a != b, find(a) != find(b), checked.insert(Int64(a) << 32 | Int64(b)).inserted else { return }
            if isDuplicate(sets[a], sets[b]) { parent[find(b)] = find(a) }
        }
        for (a, b) in containmentCandidates(sets) { link(a, b) }
        for band in 0..<bands {
            var buckets: [[UInt64]: [Int]] = [:]
            for d in documents.indices where !sets[d].isEmpty {
                buckets[Array(signatures[d][band * rows ..< band * rows + rows]), default: []].append(d)
            }
            for members in buckets.values where members.count > 1 {
                for k in 1..<members.count {
                    link(members[0], members[k])
                    link(members[k - 1], members[k])
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for d in documents.indices { groups[find(d), default: []].append(d) }
        var clusters: [DuplicateCluster] = []
        for members in groups.values where members.count > 1 {
            let ordered = members.sorted {
                let (x, y) = (documents[$0], documents[$1])
                return (x.date.isEmpty ? 1 : 0, x.date, x.id) < (y.date.isEmpty ? 1 : 0, y.date, y.id)
            }
            clusters.append(DuplicateCluster(members: ordered,
                                             similarities: ordered.map { Self.jaccard(sets[ordered[0]], sets[$0]) }))
        }
        clusters.sort { ($0.members.count, documents[$1.representative].id) > ($1.members.count, documents[$0.representative].id) }
        return clusters
    }

    /// For each document, whether it counts when each cluster is counted once
    /// (false for every member but the representative).
    public static func countedOnce(documentCount: Int, clusters: [DuplicateCluster]) -> [Bool] {
        var counted = Array(repeating: true, count: documentCount)
        for cluster in clusters { for d in cluster.members.dropFirst() { counted[d] = false } }
        return counted
    }
}
