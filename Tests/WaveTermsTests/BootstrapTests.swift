import Testing
@testable import WaveTerms

@Suite struct BootstrapTests {
    let values: [Double] = [0.1, -0.4, 0.9, 0.3, 0.3, -0.2, 1.5, 0.0, 0.7, -0.6, 0.2, 0.4]

    @Test func theSameSeedGivesTheSameInterval() throws {
        let a = try #require(Bootstrap(seed: 7).meanInterval(values))
        let b = try #require(Bootstrap(seed: 7).meanInterval(values))
        #expect(a == b)
        let c = try #require(Bootstrap(seed: 8).meanInterval(values))
        #expect(c.mean == a.mean)
        #expect(c.lower != a.lower || c.upper != a.upper)
    }

    @Test(arguments: [1, 2, 3, 42, 20260529] as [UInt64])
    func theIntervalContainsTheMean(seed: UInt64) throws {
        let ci = try #require(Bootstrap(seed: seed).meanInterval(values))
        #expect(abs(ci.mean - values.reduce(0, +) / Double(values.count)) < 1e-12)
        #expect(ci.lower <= ci.mean && ci.mean <= ci.upper)
        #expect(ci.lower < ci.upper)
        #expect(ci.lower >= values.min()! && ci.upper <= values.max()!)
        #expect(ci.count == values.count)
    }

    @Test func edgeCases() throws {
        #expect(Bootstrap().meanInterval([]) == nil)
        let one = try #require(Bootstrap().meanInterval([0.25]))
        #expect(one.lower == 0.25 && one.upper == 0.25)
        let same = try #require(Bootstrap().meanInterval([2, 2, 2]))
        #expect(same.lower == 2 && same.upper == 2)
    }

    @Test func theDifferenceOfTwoGroupsHoldsItsMeanAndIsSeeded() throws {
        let first = Array(values.prefix(6)), second = values.dropFirst(6).map { $0 + 1 }
        let d = try #require(Bootstrap(seed: 3).differenceInterval(first, second))
        let expected = second.reduce(0, +) / Double(second.count) - first.reduce(0, +) / Double(first.count)
        #expect(abs(d.mean - expected) < 1e-12)
        #expect(d.lower <= d.mean && d.mean <= d.upper && d.lower < d.upper)
        #expect(d.count == first.count + second.count)
        #expect(try #require(Bootstrap(seed: 3).differenceInterval(first, second)) == d)
        // Swapping the groups mirrors the difference.
        let swapped = try #require(Bootstrap(seed: 3).differenceInterval(second, first))
        #expect(abs(swapped.mean + d.mean) < 1e-12)
        // Two groups of constants: a zero-width interval at their difference.
        let constant = try #require(Bootstrap().differenceInterval([1, 1, 1], [0.5, 0.5]))
        #expect(constant.lower == -0.5 && constant.upper == -0.5)
        #expect(Bootstrap().differenceInterval([], [1]) == nil)
        #expect(Bootstrap().differenceInterval([1], []) == nil)
    }

    @Test func moreDataGivesANarrowerInterval() throws {
        let small = try #require(Bootstrap().meanInterval(Array(values.prefix(6))))
        let large = try #require(Bootstrap().meanInterval(Array(repeating: values, count: 8).flatMap { $0 }))
        #expect(large.upper - large.lower < small.upper - small.lower)
    }

    @Test func groupFiguresDoNotDependOnDocumentOrder() {
        let docs: [[String: Double]] = values.map { ["v": $0] }
        let stats = GroupStatistics(bootstrap: Bootstrap(seed: 3))
        #expect(stats.summarize(["g": docs]) == stats.summarize(["g": docs.reversed()]))
    }

    @Test func groupsAreSortedAndMissingMeasuresLeftOut() throws {
        let rows = GroupStatistics(bootstrap: Bootstrap(seed: 1)).summarize([
            "2021": [["rate": 2, "index": 1], ["rate": 4]],
            "2019": [["rate": 1]],
        ], dimension: "year")
        #expect(rows.map(\.group) == ["2019", "2021"])
        #expect(rows[1].documents == 2)
        #expect(rows[1].measures["rate"]?.mean == 3)
        #expect(rows[1].measures["index"]?.count == 1)
        #expect(rows[0].measures["index"] == nil)
        #expect(rows.allSatisfy { $0.dimension == "year" })
    }
}

@Suite struct RemainderTests {
    @Test func equalsTheDivisionRemainderForEveryKindOfDivisor() {
        var generator = SplitMix64(seed: 99)
        let divisors: [UInt64] = [1, 2, 3, 7, 10, 12, 1000, 2047, 2048, 19_991, 200_000, 1 << 32, (1 << 32) + 1,
                                  UInt64.max / 3, UInt64.max - 1, UInt64.max]
        let edges: [UInt64] = [0, 1, 2, UInt64.max, UInt64.max - 1, 1 << 63, (1 << 63) - 1]
        for d in divisors {
            let remainder = Remainder(d)
            for x in edges + (0..<20_000).map({ _ in generator.next() }) + (0..<50).map({ d &* $0 &- 1 }) {
                #expect(remainder.of(x) == Int(truncatingIfNeeded: x % d), "\(x) % \(d)")
            }
        }
    }

    @Test func resamplingDrawsTheSameIndicesAsBefore() throws {
        // The interval as the division-based resampling gave it (recomputed here the old way).
        let values = (0..<37).map { Double($0 * $0 % 11) / 10 }
        var generator = SplitMix64(seed: 20260529 &+ 37)
        var means: [Double] = []
        for _ in 0..<1000 {
            var sum = 0.0
            for _ in 0..<37 { sum += values[Int(generator.next() % 37)] }
            means.append(sum / 37)
        }
        means.sort()
        let ci = try #require(Bootstrap().meanInterval(values))
        #expect(ci.lower == min(Bootstrap.percentile(means, 0.025), ci.mean))
        #expect(ci.upper == max(Bootstrap.percentile(means, 0.975), ci.mean))
    }
}
