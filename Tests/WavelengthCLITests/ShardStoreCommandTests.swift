import Foundation
import Testing

/// `wavelength run --shard I/N --store postgres://… --job NAME` as separate processes writing one
/// database at the same time, then `wavelength merge --store`: the tables of one run. Needs a live
/// server (`WAVELENGTH_TEST_POSTGRES_URL`, as `.ci/run` sets it); skipped, and said so, without.
@Suite struct ShardStoreCommandTests {
    static let url = ProcessInfo.processInfo.environment["WAVELENGTH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(.enabled(if: url != nil, "no PostgreSQL server: set WAVELENGTH_TEST_POSTGRES_URL (scripts/postgres_test_server.sh start DIR) to run"))
    func shardProcessesWriteOneStoreAtOnceAndMergeToOneRun() throws {
        let url = try #require(Self.url)
        let work = URL(fileURLWithPath: CommandLineTests.temp())
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let job = "cli-\(UUID().uuidString.prefix(8).lowercased())"
        let common = ["--stopwords", CommandLineTests.stopwords.path, "--topics", "2", "--topic-iterations", "15", "-q"]
        // Three shard processes started together, each with its own connection.
        let processes = try (0..<3).map { i -> Process in
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["run", CommandLineTests.corpus.path, "--shard", "\(i)/3", "--threads", "1",
                                 "--output", work.appendingPathComponent("shard\(i)").path, "--store", url, "--job", job] + common
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: { () -> URL in
                let log = work.appendingPathComponent("shard\(i).err")
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
                return log
            }())
            try process.run()
            return process
        }
        for (i, process) in processes.enumerated() {
            process.waitUntilExit()
            let err = (try? String(contentsOf: work.appendingPathComponent("shard\(i).err"), encoding: .utf8)) ?? ""
            // 1: the fixture corpus has files that fail (they are merged as failures).
            #expect([0, 1].contains(process.terminationStatus), "shard \(i) exited \(process.terminationStatus): \(err)")
            #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("shard\(i)/analyses.sqlite").path))
        }
        let merged = work.appendingPathComponent("merged").path
        let merge = try CommandLineTests.run(["merge", "--store", url, "--job", job, "--output", merged] + common)
        #expect(merge.status == 1, "\(merge.stderr)")
        // The recipes' form: the job's shard folders named as well.
        let named = work.appendingPathComponent("named").path
        let withFolders = try CommandLineTests.run(["merge"] + (0..<3).map { work.appendingPathComponent("shard\($0)").path }
                                                   + ["--store", url, "--job", job, "--output", named] + common)
        #expect(withFolders.status == 1, "\(withFolders.stderr)")
        let single = work.appendingPathComponent("single").path
        _ = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", single] + common)
        for name in ["documents.csv", "terms.csv", "themes.csv", "sentiment.csv", "failures.csv", "keyness.csv", "topics.csv", "tokens.wlt"] {
            let one = try? Data(contentsOf: URL(fileURLWithPath: single).appendingPathComponent(name))
            #expect(one != nil, "\(name)")
            for folder in [merged, named] {
                #expect(one == (try? Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))), "\(name) in \(folder)")
            }
        }
        // The password never shows in what an operator sees.
        if let password = URLComponents(string: url)?.password, !password.isEmpty {
            #expect(!merge.stderr.contains(password))
        }
    }
}
