/// A deterministic percentile bootstrap for the mean.
///
/// Resamples the values with replacement `resamples` times, using a seeded
/// generator (SplitMix64), and takes the 2.5th and 97.5th percentiles of the
/// resampled means. The same values and seed always give the same interval.
///
/// ```swift
/// let ci = Bootstrap(seed: 42).meanInterval([1, 2, 3, 4])
/// ci.mean    // 2.5
/// ci.lower   // ≤ 2.5 ≤ ci.upper
/// ```
public struct Bootstrap: Sendable, Hashable {
    /// A mean with its confidence interval.
    public struct Interval: Sendable, Hashable {
        public var mean: Double
        public var lower: Double
        public var upper: Double
        /// Number of values the mean is over.
        public var count: Int
        public init(mean: Double, lower: Double, upper: Double, count: Int) {
            self.mean = mean; self.lower = lower; self.upper = upper; self.count = count
        }
        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    public var seed: UInt64
    public var resamples: Int
    /// Confidence level, e.g. 0.95.
    public var level: Double
    /// Where intervals computed before are kept (a rerun's unchanged groups); nil computes every
    /// one. Not part of the value: an interval is the same with or without it.
    public var memo: StatisticsMemo?

    public static func == (x: Bootstrap, y: Bootstrap) -> Bool {
        x.seed == y.seed && x.resamples == y.resamples && x.level == y.level
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seed); hasher.combine(resamples); hasher.combine(level)
    }

    /// The memo key of an interval: its kind, the settings and every value to the bit.
    private func memoKey(_ kind: UInt64, _ samples: [[Double]]) -> StatisticsMemo.Key {
        var hasher = StatisticsMemo.KeyHasher(kind: kind)
        hasher.add(seed); hasher.add(UInt64(truncatingIfNeeded: resamples)); hasher.add(level)
        for values in samples {
            hasher.add(UInt64(truncatingIfNeeded: values.count))
            for value in values { hasher.add(value) }
        }
        return hasher.key
    }

    public init(seed: UInt64 = 20260529, resamples: Int = 1000, level: Double = 0.95) {
        precondition(resamples > 0 && level > 0 && level < 1, "invalid bootstrap settings")
        self.seed = seed; self.resamples = resamples; self.level = level
    }

    /// The mean of `values` with a percentile bootstrap interval; nil for no values.
    /// A single value gives a zero-width interval.
    ///
    /// - Complexity: O(`resamples` · n + `resamples` log `resamples`).
    public func meanInterval(_ values: [Double]) -> Interval? {
        guard let memo, values.count > 1 else { return computeMeanInterval(values) }
        return memo.interval(memoKey(1, [values])) { computeMeanInterval(values) }
    }

    private func computeMeanInterval(_ values: [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        let n = values.count
        let mean = values.reduce(0, +) / Double(n)
        if n == 1 { return Interval(mean: mean, lower: mean, upper: mean, count: 1) }
        var generator = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: n))
        var means = [Double](repeating: 0, count: resamples)
        let index = Remainder(UInt64(n))
        values.withUnsafeBufferPointer { v in
            for r in 0..<resamples {
                var sum = 0.0
                for _ in 0..<n { sum += v[index.of(generator.next())] }
                means[r] = sum / Double(n)
            }
        }
        means.sort()
        let alpha = (1 - level) / 2
        var lower = Self.percentile(means, alpha)
        var upper = Self.percentile(means, 1 - alpha)
        // Guard against floating-point rounding at the edges: the interval holds the mean.
        lower = min(lower, mean)
        upper = max(upper, mean)
        return Interval(mean: mean, lower: lower, upper: upper, count: n)
    }

    /// The difference of the means, `second − first`, with a percentile bootstrap interval:
    /// each sample resampled on its own (two independent groups), the same resample count,
    /// level and percentile rule as ``meanInterval(_:)``; nil when either sample is empty.
    /// `count` is the size of the two samples together. Seeded by the seed and both sizes,
    /// so the same values always give the same interval.
    ///
    /// - Complexity: O(`resamples` · (n₁ + n₂) + `resamples` log `resamples`).
    public func differenceInterval(_ first: [Double], _ second: [Double]) -> Interval? {
        guard let memo, !first.isEmpty, !second.isEmpty else { return computeDifferenceInterval(first, second) }
        return memo.interval(memoKey(2, [first, second])) { computeDifferenceInterval(first, second) }
    }

    private func computeDifferenceInterval(_ first: [Double], _ second: [Double]) -> Interval? {
        guard !first.isEmpty, !second.isEmpty else { return nil }
        let difference = second.reduce(0, +) / Double(second.count) - first.reduce(0, +) / Double(first.count)
        var generator = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: first.count &* 31 &+ second.count))
        func resampledMean(_ v: [Double]) -> Double {
            let index = Remainder(UInt64(v.count))
            var sum = 0.0
            for _ in 0..<v.count { sum += v[index.of(generator.next())] }
            return sum / Double(v.count)
        }
        var differences = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples { differences[r] = resampledMean(second) - resampledMean(first) }
        differences.sort()
        let alpha = (1 - level) / 2
        return Interval(mean: difference, lower: min(Self.percentile(differences, alpha), difference),
                        upper: max(Self.percentile(differences, 1 - alpha), difference), count: first.count + second.count)
    }

    /// Linear-interpolated percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}

/// `x % d` for one divisor and many `x`, by a multiplication instead of a division
/// (the resampling loops draw millions of indices): the quotient is estimated as
/// ⌊x · ⌊(2⁶⁴−1)/d⌋ / 2⁶⁴⌋, at most two below the true one, and the remainder corrected.
/// Exactly `x % d` for every `x` (the same indices, so the same intervals, as `%`).
struct Remainder: Sendable {
    let divisor: UInt64
    let reciprocal: UInt64

    init(_ divisor: UInt64) {
        precondition(divisor > 0, "a remainder needs a positive divisor")
        self.divisor = divisor
        reciprocal = UInt64.max / divisor
    }

    @inline(__always)
    func of(_ x: UInt64) -> Int {
        // q ≤ ⌊x/d⌋, so x − q·d cannot wrap; it is below 3d.
        let q = x.multipliedFullWidth(by: reciprocal).high
        var r = x &- q &* divisor
        while r >= divisor { r &-= divisor }
        return Int(truncatingIfNeeded: r)
    }
}

/// SplitMix64: a small, fast, seedable generator, so results do not depend on
/// the platform's random source.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
