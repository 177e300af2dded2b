import Foundation
import Testing

/// What an operator sees on stderr: the progress line (terminal only), JSON log lines,
/// the configuration file written by `init` and read by `run`.
@Suite struct OperatorOutputTests {
    @Test func progressIsSilentWithoutATerminal() throws {
        let output = CommandLineTests.temp()
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\r"))
        #expect(!result.stderr.contains("\u{1B}["))
        #expect(!result.stderr.contains("files ·") && !result.stderr.contains("reading "))
        #expect(result.stderr.contains("documents from"))
    }

    @Test func progressIsDrawnOnATerminal() throws {
        // `script` gives the program a pseudo-terminal; skipped where util-linux's script is missing.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let output = CommandLineTests.temp()
        let command = [CommandLineTests.binary.path, "run", CommandLineTests.corpus.path, "--output", output]
            .map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("wavelength: reading"))
        #expect(text.contains("files"))
        #expect(text.contains("\r\u{1B}[K"))
    }

    @Test func jsonLogLinesParse() throws {
        let output = CommandLineTests.temp()
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output,
                                               "--log-format", "json", "--stopwords", CommandLineTests.stopwords.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 3)
        var levels = Set<String>()
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let level = try #require(object?["level"] as? String, "\(line)")
            levels.insert(level)
            #expect(object?["message"] is String)
            #expect((object?["time"] as? String)?.hasSuffix("Z") == true)
            if level == "error" { #expect(object?["path"] is String) }
        }
        #expect(levels.isSuperset(of: ["error", "notice"]))
    }

    @Test func initWritesAFileThatRunReads() throws {
        let folder = URL(fileURLWithPath: CommandLineTests.temp())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let written = try CommandLineTests.run(["init"], in: folder)
        #expect(written.status == 0)
        let file = folder.appendingPathComponent("wavelength.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("WAVELENGTH_THREADS"))
        // A second init does not overwrite.
        #expect(try CommandLineTests.run(["init"], in: folder).status == 2)
        text = text.replacingOccurrences(of: "corpus: Corpus", with: "corpus: \(CommandLineTests.corpus.path)")
            .replacingOccurrences(of: "output: Output", with: "output: from-file")
        try Data(text.utf8).write(to: file)
        let run = try CommandLineTests.run(["run", "-q"], in: folder)
        #expect(run.status == 1)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-file/summary.json").path))
        // A misspelt key stops the run with exit 2 and says which.
        try Data("theads: 2\n".utf8).write(to: file)
        let bad = try CommandLineTests.run(["run"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'threads'"))
    }
}
