/// A small, fast, seedable random number generator (xoshiro256**), seeded
/// through SplitMix64, so a seed gives the same stream on every platform.
///
/// Independent streams are derived from a seed and a path of integers
/// (iteration, shard, document…), which is how the topic sampler gives the
/// same result whatever the number of threads: each shard of documents draws
/// from its own stream, never from a stream shared between threads.
///
/// ```swift
/// var random = SeededRandom(seed: 42, stream: [3, 7])  // iteration 3, shard 7
/// let u = random.nextUnit()                            // in [0, 1)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`.
    public init(seed: UInt64) {
        var state = seed
        s0 = Self.splitMix(&state); s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state); s3 = Self.splitMix(&state)
    }

    /// A generator for the stream named by `stream` under `seed`.
    public init(seed: UInt64, stream: [UInt64]) {
        var mixed = seed
        for part in stream {
            var state = mixed ^ (part &* 0x9E37_79B9_7F4A_7C15)
            mixed = Self.splitMix(&state)
        }
        self.init(seed: mixed)
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift; bias below 2⁻³²
    /// for the bounds used here).
    @inline(__always)
    public mutating func nextInt(below bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
