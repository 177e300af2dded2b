import WaveSync

/// Results of the corpus stage's costliest pure functions, kept from one run to the next so that
/// a rerun over a slightly grown corpus computes only what its new documents change: bootstrap
/// intervals (``Bootstrap``) of groups whose values did not change, and the MinHash signatures
/// (``NearDuplicateFinder``) of documents whose shingle sets did not change.
///
/// Each result is kept under a 128-bit hash of everything it is computed from (the settings and
/// every input value, to the bit), so a result taken from the memo is the one computing it gives:
/// the outputs do not depend on whether the memo held it. A run keeps only what it used
/// (``encoded()``), so the memo does not grow with the history of the corpus. Safe to share
/// between threads (its tables behind a ``Locked``, which ThreadSanitizer sees).
public final class StatisticsMemo: Sendable {
    /// A 128-bit hash of a computation's inputs.
    public struct Key: Hashable, Sendable {
        var a: UInt64
        var b: UInt64
    }

    /// Builds a ``Key`` from 64-bit words: two lanes of different mixing, and the word count.
    struct KeyHasher {
        private var a: UInt64
        private var b: UInt64 = 0x6c62_272e_07bb_0142
        private var words: UInt64 = 0

        /// `kind` tells apart computations of different functions.
        init(kind: UInt64) {
            a = NearDuplicateFinder.mix(0x5157_4D45_4D4F ^ kind)
            add(kind)
        }

        mutating func add(_ word: UInt64) {
            a = NearDuplicateFinder.mix(a ^ word)
            b = (b ^ word) &* 0x0000_0100_0000_01b3
            b ^= b >> 29
            words &+= 1
        }

        mutating func add(_ value: Double) { add(value.bitPattern) }

        var key: Key { Key(a: NearDuplicateFinder.mix(a ^ words), b: b &+ words) }
    }

    private struct Tables {
        var intervals: [Key: Bootstrap.Interval] = [:]
        var signatures: [Key: [UInt64]] = [:]
        var usedIntervals: Set<Key> = []
        var usedSignatures: Set<Key> = []
        /// Computed since the memo was made (a result found again among these is no hit).
        var fresh: Set<Key> = []
        var hits = 0
        var misses = 0
    }

    private let tables: Locked<Tables>

    /// An empty memo.
    public init() { tables = Locked(Tables()) }

    /// A memo read back from ``encoded()``; nil when the bytes are not a memo (a damaged store:
    /// the caller starts an empty one).
    public init?(encoded bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        var loaded = Tables()
        guard reader.word() == Self.magic, let intervals = reader.count(), let signatures = reader.count() else { return nil }
        for _ in 0..<intervals {
            guard let a = reader.word(), let b = reader.word(), let mean = reader.word(), let lower = reader.word(),
                  let upper = reader.word(), let count = reader.word() else { return nil }
            loaded.intervals[Key(a: a, b: b)] = Bootstrap.Interval(
                mean: Double(bitPattern: mean), lower: Double(bitPattern: lower), upper: Double(bitPattern: upper),
                count: Int(truncatingIfNeeded: count))
        }
        for _ in 0..<signatures {
            guard let a = reader.word(), let b = reader.word(), let length = reader.count() else { return nil }
            var signature: [UInt64] = []
            signature.reserveCapacity(length)
            for _ in 0..<length {
                guard let value = reader.word() else { return nil }
                signature.append(value)
            }
            loaded.signatures[Key(a: a, b: b)] = signature
        }
        guard reader.atEnd else { return nil }
        tables = Locked(loaded)
    }

    static let magic: UInt64 = 0x3130_4F4D_454D_4C57   // "WLMEMO01", little-endian

    /// The entries this memo's owner used (found or computed) since it was made, encoded.
    public func encoded() -> [UInt8] {
        tables.withLock { t in
            var out: [UInt8] = []
            func put(_ word: UInt64) { withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0) } }
            let intervals = t.usedIntervals.compactMap { key in t.intervals[key].map { (key, $0) } }
                .sorted { ($0.0.a, $0.0.b) < ($1.0.a, $1.0.b) }
            let signatures = t.usedSignatures.compactMap { key in t.signatures[key].map { (key, $0) } }
                .sorted { ($0.0.a, $0.0.b) < ($1.0.a, $1.0.b) }
            put(Self.magic)
            put(UInt64(intervals.count))
            put(UInt64(signatures.count))
            for (key, interval) in intervals {
                put(key.a); put(key.b)
                put(interval.mean.bitPattern); put(interval.lower.bitPattern); put(interval.upper.bitPattern)
                put(UInt64(truncatingIfNeeded: interval.count))
            }
            for (key, signature) in signatures {
                put(key.a); put(key.b); put(UInt64(signature.count))
                for value in signature { put(value) }
            }
            return out
        }
    }

    /// Results taken from what the memo held when it was made (``init(encoded:)``), and results
    /// computed since (found again in the same run, they count once, as computed).
    public var counts: (hits: Int, misses: Int) { tables.withLock { (hits: $0.hits, misses: $0.misses) } }

    /// The interval kept under `key`, or `compute`'s (then kept).
    func interval(_ key: Key, compute: () -> Bootstrap.Interval?) -> Bootstrap.Interval? {
        memoized(key, in: \.intervals, used: \.usedIntervals, compute: compute)
    }

    /// The signature kept under `key`, or `compute`'s (then kept).
    func signature(_ key: Key, compute: () -> [UInt64]) -> [UInt64] {
        memoized(key, in: \.signatures, used: \.usedSignatures, compute: compute) ?? []
    }

    /// The value kept under `key` in `table`, or `compute`'s (then kept, unless nil); either way
    /// `key` is marked used in `used`, and the lookup counts as a hit or a miss. `compute` runs
    /// outside the lock.
    private func memoized<Value: Sendable>(_ key: Key, in table: WritableKeyPath<Tables, [Key: Value]>,
                                 used: WritableKeyPath<Tables, Set<Key>>, compute: () -> Value?) -> Value? {
        let found: Value? = tables.withLock { t in
            guard let known = t[keyPath: table][key] else { return nil }
            t[keyPath: used].insert(key)
            if !t.fresh.contains(key) { t.hits += 1 }
            return known
        }
        if let found { return found }
        guard let computed = compute() else { return nil }
        tables.withLock { t in
            t[keyPath: table][key] = computed
            t[keyPath: used].insert(key)
            t.fresh.insert(key)
            t.misses += 1
        }
        return computed
    }

    /// Reads little-endian 64-bit words, never past the end.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func word() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
            offset += 8
            return value
        }

        /// A count that the remaining bytes could hold (one word per item at least).
        mutating func count() -> Int? {
            guard let value = word(), value <= UInt64((bytes.count - offset) / 8) else { return nil }
            return Int(value)
        }
    }
}
