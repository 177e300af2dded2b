import Foundation

/// The one measuring helper of the benchmarks: wall-clock and CPU time of a
/// block, best of several rounds, and peak memory. CPU time is the figure to
/// read on a shared machine (other jobs lengthen wall time, not our CPU time);
/// the minimum over rounds is the least disturbed one.
enum Measure {
    /// Which CPU clock to read.
    enum CPUClock {
        /// All threads of the process.
        case process
        /// The calling thread only (single-threaded passes).
        case thread
    }

    /// Wall-clock and CPU seconds of one run.
    struct Sample {
        var wall: Double
        var cpu: Double
        static let worst = Sample(wall: .infinity, cpu: .infinity)
        /// The smaller of each figure.
        func best(_ other: Sample) -> Sample { Sample(wall: min(wall, other.wall), cpu: min(cpu, other.cpu)) }
    }

    static func cpuSeconds(_ clock: CPUClock = .process) -> Double {
        var ts = timespec()
        clock_gettime(clock == .process ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Times one run of `body`.
    static func time(_ clock: CPUClock = .process, _ body: () throws -> Void) rethrows -> Sample {
        let wallClock = ContinuousClock()
        let cpu0 = cpuSeconds(clock)
        let start = wallClock.now
        try body()
        return Sample(wall: seconds(wallClock.now - start), cpu: cpuSeconds(clock) - cpu0)
    }

    /// The best wall and the best CPU time over `rounds` runs of `body` (each minimum on its own).
    static func best(of rounds: Int, _ clock: CPUClock = .process, _ body: () throws -> Void) rethrows -> Sample {
        var best = Sample.worst
        for _ in 0..<max(1, rounds) { best = best.best(try time(clock, body)) }
        return best
    }

    /// Peak resident set size of the process so far, in MiB.
    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// One JSON object with sorted keys, as the scripts read it.
    static func printJSON(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
