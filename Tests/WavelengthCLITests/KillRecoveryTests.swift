import Foundation
import Testing

/// `kill -9` at any moment of a run, the run state included, and the next run gives the outputs
/// of a clean run.
@Suite(.serialized) struct KillRecoveryTests {
    /// A corpus of `copies` copies of the fixture corpus (each in its own folder).
    static func corpus(copies: Int) throws -> URL {
        let folder = URL(fileURLWithPath: CommandLineTests.temp())
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for i in 0..<copies {
            try FileManager.default.copyItem(at: CommandLineTests.corpus, to: corpus.appendingPathComponent(String(format: "c%03d", i)))
        }
        return corpus
    }

    /// Starts a run and sends it SIGKILL after `delay` seconds (unless it finished first).
    static func killedRun(_ arguments: [String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return killed
    }

    static let tables = ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv", "failures.csv",
                         "themes_by_group.csv", "term_frequencies.csv", "keyness.csv", "collocations.csv", "duplicates.csv", "tokens.wlt"]

    @Test func aRunKilledAtSeveralPointsThenRerunEqualsACleanRun() throws {
        let corpus = try Self.corpus(copies: 12)
        let folder = corpus.deletingLastPathComponent()
        let out = folder.appendingPathComponent("out").path, clean = folder.appendingPathComponent("clean").path
        let common = ["run", corpus.path, "-q", "--stopwords", CommandLineTests.stopwords.path, "--threads", "2"]
        // A run to the end, timed, leaves a state; then files change and runs are killed along the way.
        let started = Date()
        #expect(try CommandLineTests.run(common + ["--output", out]).status == 1)
        let seconds = Date().timeIntervalSince(started)
        let page = corpus.appendingPathComponent("c000/news/harbour-ghibli.html")
        var killed = 0
        for (i, fraction) in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95].enumerated() {
            // Each killed run has something to do: an edited page, a new file, a deleted one.
            try Data("Hallyu run \(i): Korean dramas reached new audiences in Japan.\n".utf8)
                .write(to: corpus.appendingPathComponent("added-\(i).txt"))
            let html = try String(contentsOf: page, encoding: .utf8)
            try Data(html.replacingOccurrences(of: "</p>", with: " Edit \(i).</p>").utf8).write(to: page)
            if i == 3 { try FileManager.default.removeItem(at: corpus.appendingPathComponent("c001/feed.rss")) }
            if try Self.killedRun(common + ["--output", out], after: seconds * fraction) { killed += 1 }
        }
        #expect(killed >= 3)   // most points fall inside a run
        #expect(try CommandLineTests.run(common + ["--output", out]).status == 1)
        #expect(try CommandLineTests.run(common + ["--full", "--output", clean]).status == 1)
        for name in Self.tables {
            let a = FileManager.default.contents(atPath: out + "/" + name)
            #expect(a != nil && a == FileManager.default.contents(atPath: clean + "/" + name), "\(name)")
        }
        // No staging folder of a killed run is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".staging-") }
        #expect(left.isEmpty)
    }
}
