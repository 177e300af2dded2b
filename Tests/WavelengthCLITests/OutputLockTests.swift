import Foundation
import Testing

/// Two runs never write one output folder at once; a lock left by a killed process never blocks.
@Suite struct OutputLockTests {
    /// Starts `sh -c script` and returns once it has printed its first line.
    static func startHolder(_ script: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        _ = out.fileHandleForReading.availableData   // blocks until the holder says it holds the lock
        return (process, out)
    }

    static func lockPath(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }

    @Test func aSecondRunExitsAtOnceWith75() throws {
        let output = CommandLineTests.temp()
        let lock = Self.lockPath(for: output)
        // Another process holds the lock, as a running wavelength would.
        let (holder, _) = try Self.startHolder("exec 9>'\(lock)'; flock -n 9 || exit 3; echo held; sleep 60")
        defer { holder.terminate(); holder.waitUntilExit() }
        // The holder keeps the lock for 60 s: a run that waited for it would finish with 0 or 1, not 75.
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output])
        #expect(result.status == 75)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("another run is writing"))
        #expect(!FileManager.default.fileExists(atPath: output + "/summary.json"))
    }

    @Test func aLockLeftByAKilledProcessDoesNotBlock() throws {
        let output = CommandLineTests.temp()
        let lock = Self.lockPath(for: output)
        // The holder takes the lock and dies by SIGKILL: the lock file stays behind.
        let (holder, _) = try Self.startHolder("exec 9>'\(lock)'; flock -n 9 || exit 3; echo held; kill -9 $$")
        holder.waitUntilExit()
        #expect(holder.terminationReason == .uncaughtSignal)
        #expect(FileManager.default.fileExists(atPath: lock))
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output, "-q"])
        #expect(result.status == 1)   // the fixture corpus holds two bad files; outputs written
        #expect(FileManager.default.fileExists(atPath: output + "/summary.json"))
    }

    @Test func runsOneAfterTheOtherBothSucceed() throws {
        let output = CommandLineTests.temp()
        for _ in 0..<2 {
            let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output, "-q"])
            #expect(result.status == 1)
        }
    }
}
