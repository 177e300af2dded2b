import Foundation
import Testing

/// Hostile and careless use of the `wavelength` binary, one test per defect
/// found: each asserts the exit code (0 success, 1 some files or records failed,
/// 2 no output, 64 usage), what standard error says, and that the good documents
/// come out intact.
@Suite struct HostileCommandLineTests {
    typealias CLI = CommandLineTests

    static let page = """
        <html><head><title>Harbour news</title></head><body><div class="article-body">\
        <p>The harbour ferry timetable changes next week as the winter schedule begins in Busan.</p>\
        <p>Extra crossings run on Saturdays until the end of March, the operator said.</p></div></body></html>
        """

    static func folder() throws -> URL {
        let url = URL(fileURLWithPath: CLI.temp())
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ name: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func warcRecord(_ uri: String, length: String? = nil) -> String {
        let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
        return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nContent-Type: application/http; msgtype=response\r\n"
            + "Content-Length: \(length ?? String(block.utf8.count))\r\n\r\n" + block + "\r\n\r\n"
    }

    static func summary(_ output: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func documentIDs(_ output: String) throws -> [String] {
        let text = try String(contentsOfFile: output + "/documents.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",").first ?? "") }
    }

    @Test func aCraftedWARCRecordFailsThatRecordNotTheRun() throws {
        let corpus = try Self.folder()
        try Self.write(Self.warcRecord("https://news.example/1") + Self.warcRecord("https://news.example/bad", length: "9223372036854775807"),
                       "crawl.warc", in: corpus)
        try Self.write(Self.page, "plain.html", in: corpus)
        let output = CLI.temp()
        let result = try CLI.run(["run", corpus.path, "-o", output, "-q"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: crawl.warc: ingest: malformed: WARC record 2 (byte "))
        #expect(result.stderr.contains("runs past the end of the file"))
        #expect(try Self.documentIDs(output) == ["crawl.warc#1", "plain.html"])
        let files = try #require(try Self.summary(output)["files"] as? [String: Int])
        #expect(files == ["seen": 2, "ingested": 2, "failed": 0, "skipped": 0])
    }

    @Test func everyEntryOfTheCorpusIsAccountedForOnce() throws {
        let corpus = try Self.folder()
        let outside = try Self.folder()
        try Self.write(Self.page, "good.html", in: corpus)
        try Self.write("secret text that must stay outside", "secret.txt", in: outside)
        // A cp932 name (ニュース.html), read by its bytes.
        let sjis: [UInt8] = [0x83, 0x6A, 0x83, 0x85, 0x81, 0x5B, 0x83, 0x58] + Array(".html".utf8)
        let raw = Array(corpus.path.utf8) + [UInt8(ascii: "/")] + sjis
        let fd = open(raw.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = Array(Self.page.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        #expect(mkfifo(corpus.appendingPathComponent("pipe.html").path, 0o600) == 0)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("dangling.html").path, withDestinationPath: "nowhere.html")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("loop.html").path, withDestinationPath: "loop.html")
        try fm.createSymbolicLink(atPath: corpus.appendingPathComponent("out.txt").path,
                                  withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        try Self.write("ignored", ".hidden.html", in: corpus)
        // The output folder inside the corpus, already holding a report from an earlier run.
        let output = corpus.appendingPathComponent("Output").path
        try Self.write(Self.page, "Output/report.html", in: corpus)

        let result = try CLI.run(["run", corpus.path, "-o", output, "-q"])
        #expect(result.status == 1)
        let summary = try Self.summary(output)
        #expect(try Self.documentIDs(output) == ["\\x83j\\x83\\x85\\x81[\\x83X.html", "good.html"])
        let failures = try #require(summary["failures"] as? [[String: String]])
        #expect(failures.map { $0["path"]! } == ["dangling.html", "loop.html", "out.txt"])
        #expect(failures.map { $0["stage"]! } == ["discover", "discover", "discover"])
        #expect(failures[0]["reason"] == "dangling symbolic link (its target does not exist)")
        #expect(failures[1]["reason"] == "symbolic link loop")
        #expect(failures[2]["reason"] == "symbolic link pointing outside the corpus folder")
        let reasons = try #require(summary["skipped_reasons"] as? [String: String])
        #expect(reasons.keys.contains { $0.hasPrefix(".Output.staging-") })
        #expect(reasons.filter { !$0.key.hasPrefix(".Output.staging-") } == [".Output.lock": "part of the output (never read as input)",
                            ".hidden.html": "hidden name (starts with '.'), not read",
                            "Output": "part of the output (never read as input)",
                            "pipe.html": "FIFO (named pipe), not a regular file"])
        let files = try #require(summary["files"] as? [String: Int])
        #expect(files == ["seen": 10, "ingested": 2, "failed": 3, "skipped": 5])
        #expect(!(try String(contentsOfFile: output + "/documents.csv", encoding: .utf8)).contains("secret"))
    }

    @Test func aFileThatWouldCostTooMuchMemoryFailsAloneWithItsLimit() throws {
        let corpus = try Self.folder()
        try Self.write(Self.page, "good.html", in: corpus)
        // 320 KB of tiny elements: under --max-file-mb 1, over its tree limit (one node per 32 bytes).
        try Self.write("<html><body><div>" + String(repeating: "<p>a</p>", count: 40_000) + "</div></body></html>", "tags.html", in: corpus)
        let output = CLI.temp()
        let result = try CLI.run(["run", corpus.path, "-o", output, "-q", "--max-file-mb", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: tags.html: ingest: too_large: more than 32768 elements and text runs (one per 32 bytes of --max-file-mb)"))
        #expect(try Self.documentIDs(output) == ["good.html"])
        let failures = try #require(try Self.summary(output)["failures"] as? [[String: String]])
        #expect(failures.map { $0["path"]! } == ["tags.html"])
        #expect(failures.map { $0["code"]! } == ["too_large"])
    }

    /// Devices are skipped with a reason like FIFOs (creating one needs root: skipped otherwise).
    @Test(.enabled(if: getuid() == 0)) func devicesAreSkippedWithTheirKind() throws {
        let corpus = try Self.folder()
        try Self.write(Self.page, "good.html", in: corpus)
        #expect(mknod(corpus.appendingPathComponent("null.html").path, S_IFCHR | 0o600, dev_t(0x103)) == 0)  // makedev(1, 3): /dev/null
        let output = CLI.temp()
        let result = try CLI.run(["run", corpus.path, "-o", output, "-q"])
        #expect(result.status == 0)
        #expect(try Self.documentIDs(output) == ["good.html"])
        let reasons = try #require(try Self.summary(output)["skipped_reasons"] as? [String: String])
        #expect(reasons["null.html"] == "character device, not a regular file")
        let files = try #require(try Self.summary(output)["files"] as? [String: Int])
        #expect(files["skipped"] == 1)
    }

    @Test func extractRefusesLinksOutOfTheFolderLikeRun() throws {
        let corpus = try Self.folder()
        try Self.write(Self.page, "good.html", in: corpus)
        try FileManager.default.createSymbolicLink(atPath: corpus.appendingPathComponent("passwd.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        let result = try CLI.run(["extract", corpus.path])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("root:"))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("error: \(corpus.path)/passwd.txt: discover: unreadable: symbolic link pointing outside the corpus folder"))
    }

    @Test(arguments: ["themes", "sentiment"])
    func scoringCommandsReadFolders(command: String) throws {
        let corpus = try Self.folder()
        try Self.write(Self.page, "a.html", in: corpus)
        try Self.write(Self.page, "sub/b.html", in: corpus)
        try Self.write("not read", "notes.md", in: corpus)
        let result = try CLI.run([command, corpus.path])
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids == [corpus.path + "/a.html", corpus.path + "/sub/b.html"])
        #expect(result.stderr.contains("skipped: \(corpus.path)/notes.md: not a format wavelength reads"))
    }

    @Test func writingToAFullDiskIsAnErrorNotACrash() throws {
        let corpus = try Self.folder()
        try Self.write(Self.page, "a.html", in: corpus)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["extract", corpus.path]
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("error: cannot write to standard output"))
    }

    @Test(arguments: [
        (["kwic", "ferry", "--window", "9223372036854775807"], "--window must be between 0 and 10000"),
        (["run", "--max-file-mb", "8796093022208"], "--max-file-mb must be between 1 and 1048576"),
        (["extract", "--max-file-mb=-1", "x"], "--max-file-mb must be between 1 and 1048576"),
        (["run", "-o", ""], "--output must name a folder"),
        (["run", "--topics", "100000"], "--topics must be between 2 and 1000"),
        (["topics", "train", "--topics", "100000", "--model", "m.json"], "--topics must be between 2 and 1000"),
    ])
    func numbersAndNamesOutOfBoundsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
    }

    @Test func keynessOfAGroupNoDocumentIsInIsAnError() throws {
        let output = CLI.temp()
        _ = try CLI.run(["run", CLI.corpus.path, "--output", output, "--stopwords", CLI.stopwords.path, "-q"])
        let result = try CLI.run(["keyness", "-o", output, "--by", "language", "--target", "nosuch", "--reference", "rest"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: no document has language = 'nosuch'; the values are: "))
        #expect(result.stdout.isEmpty)
    }
}
