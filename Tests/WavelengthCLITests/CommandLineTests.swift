import Foundation
import Testing

/// Runs the built `wavelength` binary as an operator or a cron job would.
@Suite struct CommandLineTests {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = testsFolder.appendingPathComponent("WavePipelineTests/Fixtures/corpus")
    static let stopwords = testsFolder.appendingPathComponent("WavePipelineTests/Fixtures/stopwords")

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static var binary: URL {
        // The test bundle and the executable are built into the same folder.
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("wavelength")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = testsFolder.deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/wavelength")
    }

    static func run(_ arguments: [String], stdin: String? = nil, in folder: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        if let folder { process.currentDirectoryURL = folder }
        process.arguments = arguments
        // Standard error goes to a file, not a second pipe: reading two pipes one after the other
        // deadlocks once the child fills the one not being read (64 KiB of warnings, or of
        // sanitizer reports under --sanitize=thread).
        let errFile = URL(fileURLWithPath: temp() + ".stderr")
        guard FileManager.default.createFile(atPath: errFile.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? FileManager.default.removeItem(at: errFile) }
        let err = try FileHandle(forWritingTo: errFile)
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        try err.close()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderrData = try Data(contentsOf: errFile)
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func temp() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wl-cli-\(UUID().uuidString)").path
    }

    @Test func runReportsFailedFilesAndExitsWithOne() throws {
        let output = Self.temp()
        let result = try Self.run(["run", Self.corpus.path, "--output", output, "--stopwords", Self.stopwords.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: empty.html: ingest: empty"))
        #expect(result.stderr.contains("error: broken.html: ingest:"))
        #expect(FileManager.default.fileExists(atPath: output + "/summary.json"))
        #expect(FileManager.default.fileExists(atPath: output + "/documents.csv"))
    }

    @Test func statisticsCommandsReadTheRunsStore() throws {
        let output = Self.temp()
        _ = try Self.run(["run", Self.corpus.path, "--output", output, "--stopwords", Self.stopwords.path])
        let kwic = try Self.run(["kwic", "Studio Ghibli", "-o", output, "--format", "jsonl", "--window", "3"])
        #expect(kwic.status == 0)
        let lines = kwic.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.contains("news/harbour-ghibli.html") })
        let keyness = try Self.run(["keyness", "-o", output, "--format", "csv"])
        #expect(keyness.status == 0)
        #expect(keyness.stdout.hasPrefix("target,") || keyness.stdout.contains("term"))
        let missing = try Self.run(["kwic", "anything", "-o", "/nonexistent/folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("tokens.wlt"))
    }

    @Test func topicsTrainShowAndInferFromTheCommandLine() throws {
        let folder = Self.temp()
        let model = folder + ".lda"
        let args = ["--topics", "2", "--iterations", "30", "--min-documents", "2", "--seed", "7", "--stopwords", Self.stopwords.path]
        let train1 = try Self.run(["topics", "train", Self.corpus.path, "--model", model, "--threads", "1"] + args)
        #expect(train1.status == 0 || train1.status == 1)   // the fixture corpus holds two bad files
        let first = try String(contentsOfFile: model, encoding: .utf8)
        #expect(first.hasPrefix("wavelength-lda 1"))
        // Same seed, other thread count: the same model file.
        let train2 = try Self.run(["topics", "train", Self.corpus.path, "--model", model, "--threads", "2"] + args)
        #expect(train2.status == train1.status)
        #expect(try String(contentsOfFile: model, encoding: .utf8) == first)
        let show = try Self.run(["topics", "show", "--model", model])
        #expect(show.status == 0)
        #expect(show.stdout.contains("en-0") || show.stdout.contains("en"))
        let infer = try Self.run(["topics", "infer", Self.corpus.path, "--model", model, "-o", folder, "--stopwords", Self.stopwords.path])
        #expect(infer.status == 0 || infer.status == 1)
        #expect(FileManager.default.fileExists(atPath: folder + "/document_topics.csv"))
        // IDF term weighting: also the same model file for one and two threads; an unknown weighting is a usage error.
        let weighted = folder + "-idf.lda"
        let idf1 = try Self.run(["topics", "train", Self.corpus.path, "--model", weighted, "--threads", "1", "--term-weight", "idf"] + args)
        #expect(idf1.status == train1.status)
        let idfFirst = try String(contentsOfFile: weighted, encoding: .utf8)
        _ = try Self.run(["topics", "train", Self.corpus.path, "--model", weighted, "--threads", "2", "--term-weight", "idf"] + args)
        #expect(try String(contentsOfFile: weighted, encoding: .utf8) == idfFirst)
        #expect(try Self.run(["topics", "train", Self.corpus.path, "--model", weighted, "--term-weight", "tfidf"] + args).status == 64)
        // A chain ensemble: the same model file for one and two threads, and not the one-chain model.
        let ensemble = folder + "-chains.lda"
        let chains1 = try Self.run(["topics", "train", Self.corpus.path, "--model", ensemble, "--threads", "1", "--chains", "2"] + args)
        #expect(chains1.status == train1.status)
        let chainsFirst = try String(contentsOfFile: ensemble, encoding: .utf8)
        _ = try Self.run(["topics", "train", Self.corpus.path, "--model", ensemble, "--threads", "2", "--chains", "2"] + args)
        #expect(try String(contentsOfFile: ensemble, encoding: .utf8) == chainsFirst)
        #expect(chainsFirst != first)
        #expect(try Self.run(["topics", "train", Self.corpus.path, "--model", ensemble, "--chains", "0"] + args).status == 64)
        #expect(try Self.run(["run", "--topics", "2", "--topic-term-weight", "bm25"]).status == 64)
        let broken = folder + ".broken"
        try "not a model\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try Self.run(["topics", "show", "--model", broken])
        #expect(bad.status != 0)
        #expect(!bad.stderr.isEmpty)
    }

    @Test func missingCorpusExitsWithTwo() throws {
        let result = try Self.run(["run", "/nonexistent/corpus", "--output", Self.temp()])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not exist"))
    }

    @Test func usageErrorsExitWith64() throws {
        #expect(try Self.run(["run", "--threads", "0"]).status == 64)
        #expect(try Self.run(["run", "--no-such-option"]).status == 64)
        #expect(try Self.run(["tokens", "--lang", "xx"]).status == 64)
        #expect(try Self.run(["sentiment", "--lexicon", "no-colon"]).status == 64)
    }

    @Test func badDictionaryNamesFileAndLineAndExitsWithTwo() throws {
        let bad = Self.temp() + ".yaml"
        try "themes:\n  nostalgia:\n    terms: {en: [retro\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try Self.run(["run", Self.corpus.path, "--output", Self.temp(), "--dictionary", bad])
        #expect(result.status == 2)
        #expect(result.stderr.contains(bad + ":"))
    }

    @Test func sentimentReadsLinesAndWritesOneJSONLinePerLine() throws {
        let result = try Self.run(["sentiment", "--jsonl"], stdin: "What a wonderful film.\nA dull, terrible mess.\n\nソウルの映画は素晴らしい。\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 4)
        let scores = lines.map { $0["sentiment"] as! Double }
        #expect(scores.allSatisfy { (-1...1).contains($0) })
        #expect(scores[0] > 0 && scores[1] < 0)
        #expect(lines[3]["language"] as? String == "ja")
    }

    @Test func sentimentTargetsScoresEachMentionAndReportsBadLines() throws {
        let input = """
        {"text": "Korea's strategy was a brilliant success, but Japan's approach was a disastrous failure.", "targets": [{"from": 0, "to": 5}, {"from": 46, "to": 51}]}
        {"text": "no targets here"}

        {"text": "Short.", "targets": [{"from": 2, "to": 40}]}
        {"text": "A calm day.", "targets": []}
        """
        let result = try Self.run(["sentiment", "--targets", "--lang", "en"], stdin: input + "\n")
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 4)
        let first = lines[0]["targets"] as! [Double]
        #expect(first.count == 2 && first[0] > 0.05 && first[1] < -0.05)
        #expect((lines[1]["error"] as? String)?.contains("targets") == true)
        #expect(lines[2]["error"] != nil)
        #expect((lines[3]["targets"] as? [Double])?.isEmpty == true)
        #expect(result.stderr.contains("stdin:2:") && result.stderr.contains("stdin:4:"))
        let file = Self.temp() + ".jsonl"
        try input.write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try Self.run(["sentiment", "--targets", file])
        #expect(fromFile.status == 1 && fromFile.stderr.contains(file + ":4:"))
        #expect(try Self.run(["sentiment", "--targets", file, file]).status == 64)
        #expect(try Self.run(["sentiment", "--targets", Self.temp()]).status == 2)
    }

    @Test func themesReportHitsPerTheme() throws {
        let result = try Self.run(["themes", "--jsonl", "--lang", "en"], stdin: "Studio Ghibli retro nostalgia.\n")
        let line = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let hits = line["hits"] as! [String: Int]
        #expect((hits["nostalgia"] ?? 0) >= 2)
        #expect(hits["forward_facing"] == 0)
    }

    @Test func extractWritesOneJSONLinePerDocument() throws {
        let result = try Self.run(["extract", "--jsonl", Self.corpus.appendingPathComponent("feed.rss").path,
                                   Self.corpus.appendingPathComponent("news/test-shimpo-sjis.html").path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 3)
        #expect(lines.map { $0["title"] as? String }.contains("韓流と日本のソフトパワー"))
        for line in lines {
            for key in ["id", "path", "item", "url", "title", "author", "date", "site", "language", "text"] {
                #expect(line.keys.contains(key), "\(key)")
            }
        }
    }

    @Test func tokensSurvivesHostileInput() throws {
        let result = try Self.run(["tokens", "--lang", "auto"], stdin: "Seoul\u{0}Tokyo \u{FFFD}\u{FFFD}\n日本の韓流\n\n")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}

/// The program carries its data: run from any folder it finds no file of the source tree.
@Suite struct InstalledProgramTests {
    @Test func runFromAnotherFolderUsesTheShippedStopwords() throws {
        let output = CommandLineTests.temp()
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", output, "-q"],
                                              in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)   // the fixture corpus holds two bad files
        let terms = try String(contentsOfFile: output + "/terms.csv", encoding: .utf8)
        let english = terms.split(separator: "\n").filter { $0.contains(",en,") }.prefix(10)
        #expect(!english.isEmpty)
        #expect(!english.contains { $0.hasPrefix("the,") || $0.hasPrefix("of,") || $0.hasPrefix("to,") })
        #expect(!result.stderr.contains("counting every word"))
    }

    @Test func aMissingStopwordFolderIsAnError() throws {
        let result = try CommandLineTests.run(["run", CommandLineTests.corpus.path, "--output", CommandLineTests.temp(),
                                               "--stopwords", "/nonexistent/stopwords"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no stopword folder at /nonexistent/stopwords"))
    }
}
