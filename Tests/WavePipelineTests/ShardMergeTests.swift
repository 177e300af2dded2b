import Foundation
import Logging
import Testing
import WaveReports
@testable import WavePipeline

/// `run --shard I/N` then `merge` gives the outputs of one run over the whole input.
@Suite(.serialized) struct ShardMergeTests {
    static let fixtures = PipelineEndToEndTests.fixtures
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// A generated corpus whose names are chosen so that, split 7 ways, shard 5 holds no entry
    /// at all and shard 6 holds only files that fail; the other splits fall as they fall.
    /// Holds English pages (dated, three years), Japanese (Shift_JIS) pages, RSS feeds,
    /// off-topic pages, unread formats, a hidden file and failing files.
    static func corpus() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-shard-\(UUID().uuidString)")
        let corpus = folder.appendingPathComponent("corpus")
        let fm = FileManager.default
        try fm.createDirectory(at: corpus.appendingPathComponent("news"), withIntermediateDirectories: true)
        var used: Set<String> = []
        /// A new corpus-relative path whose shard of 7 satisfies `ok`.
        func name(_ prefix: String, _ ext: String, shard ok: (Int) -> Bool) -> String {
            var k = 0
            while true {
                let candidate = "\(prefix)-\(k).\(ext)"
                if !used.contains(candidate), ok(Int(Shard.hash(candidate) % 7)) { used.insert(candidate); return candidate }
                k += 1
            }
        }
        let ordinary: (Int) -> Bool = { $0 < 5 }
        let source = fixtures.appendingPathComponent("corpus")
        let subjects = ["Korean dramas", "K-pop groups", "Studio Ghibli films", "Japanese anime", "Korean webtoons", "Tokyo fashion"]
        let verbs = ["drew record audiences", "worried critics", "grew exports", "won praise", "faced a boycott", "inspired tourism"]
        let places = ["in Seoul", "across Japan", "in Europe", "among students", "on streaming services", "in Osaka"]
        for i in 0..<30 {
            let year = 2021 + i % 3, month = 1 + i % 12
            var paragraphs: [String] = []
            for p in 0..<4 {
                let s = subjects[(i + p) % subjects.count], v = verbs[(i * 3 + p) % verbs.count], w = places[(i + 2 * p) % places.count]
                paragraphs.append("<p>\(s) \(v) \(w) this season, and soft power debates followed. Analysts said the hallyu wave and the cool Japan campaign "
                                  + "shaped exports, tourism and culture. Fans were happy, some were angry, and the industry felt wonderful and worried at once.</p>")
            }
            let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story \(i)</title>
            <meta property="article:published_time" content="\(year)-\(month < 10 ? "0" : "")\(month)-15T08:00:00Z">
            <meta property="og:site_name" content="Outlet \(i % 4)"></head><body><article><h1>Story \(i)</h1>
            \(paragraphs.joined(separator: "\n"))</article></body></html>
            """
            try Data(html.utf8).write(to: corpus.appendingPathComponent(name("news/story", "html", shard: ordinary)))
        }
        for i in 0..<3 {
            let html = "<!DOCTYPE html><html lang=\"en\"><head><title>Wheat \(i)</title></head><body><article><h1>Wheat prices \(i)</h1>"
                + "<p>Wheat and barley prices rose in the regional market as rain delayed the harvest. Farmers expect a smaller crop and higher costs for feed and fertiliser this autumn.</p>"
                + "<p>Traders said storage was full and transport slow, and the weather service forecast more rain for the coming week.</p></article></body></html>"
            try Data(html.utf8).write(to: corpus.appendingPathComponent(name("wheat", "html", shard: ordinary)))
        }
        for (file, count) in [("news/harbour-ghibli.html", 2), ("news/test-shimpo-sjis.html", 2), ("feed.rss", 2), ("note.txt", 1)] {
            let bytes = try Data(contentsOf: source.appendingPathComponent(file))
            let ext = (file as NSString).pathExtension
            for _ in 0..<count { try bytes.write(to: corpus.appendingPathComponent(name("copy", ext, shard: ordinary))) }
        }
        // Failing files: shard 6 of 7 holds only these.
        let empty = try Data(contentsOf: source.appendingPathComponent("empty.html"))
        let broken = try Data(contentsOf: source.appendingPathComponent("broken.html"))
        for _ in 0..<2 { try empty.write(to: corpus.appendingPathComponent(name("empty", "html", shard: { $0 == 6 }))) }
        try broken.write(to: corpus.appendingPathComponent(name("broken", "html", shard: { $0 == 6 })))
        try broken.write(to: corpus.appendingPathComponent(name("broken", "html", shard: ordinary)))
        // Entries not read.
        try Data("# notes\n".utf8).write(to: corpus.appendingPathComponent(name("readme", "md", shard: ordinary)))
        try Data("hidden\n".utf8).write(to: corpus.appendingPathComponent(name(".hidden", "txt", shard: ordinary)))
        return corpus
    }

    static func configuration(_ corpus: URL, output: String) -> RunConfiguration {
        var config = RunConfiguration(corpus: corpus, output: corpus.deletingLastPathComponent().appendingPathComponent(output),
                                      stopwords: fixtures.appendingPathComponent("stopwords"), threads: 2)
        config.topics = 2
        config.topicIterations = 15
        config.topicMinDocuments = 5
        return config
    }

    /// Every file two output folders hold: tables byte for byte, the summary without what
    /// changes on every run, the reports without time stamps and durations.
    static func expectSameOutputs(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names == (try fm.contentsOfDirectory(atPath: b.path).sorted()), sourceLocation: sourceLocation)
        for name in names {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            switch name {
            case "summary.json":
                var sa = try Self.decoder.decode(RunSummary.self, from: x), sb = try Self.decoder.decode(RunSummary.self, from: y)
                for s in [\RunSummary.seconds] { sa[keyPath: s] = 0; sb[keyPath: s] = 0 }
                sa.stageSeconds = [:]; sb.stageSeconds = [:]; sa.output = ""; sb.output = ""
                sa.startedAt = ""; sb.startedAt = ""; sa.runId = nil; sb.runId = nil
                #expect(sa == sb, "summary.json", sourceLocation: sourceLocation)
            case "manifest.json", "report.html", "report.md", "wavelength.sqlite":
                // Run ids, times, the output path; SQLite page layout. Compared as text without them.
                if name == "wavelength.sqlite" { continue }
                #expect(Self.stable(x) == Self.stable(y), "\(name)", sourceLocation: sourceLocation)
            case StoredReport.fileName:
                // The stored report model: its header (start time, duration, corpus) and the
                // manifest's durations change on every run; everything else is the report's content.
                var ma = try StoredReport.decode(x), mb = try StoredReport.decode(y)
                ma.seconds = 0; mb.seconds = 0; ma.startedAt = ""; mb.startedAt = ""
                let ea = try StoredReport.encode(ma, program: "test"), eb = try StoredReport.encode(mb, program: "test")
                #expect(Self.stable(ea) == Self.stable(eb), "\(name)", sourceLocation: sourceLocation)
            case "run.log":
                // Its last line names the output folder; stage lines carry durations ("topics … in 0.1 s").
                let tx = Self.stable(Data(String(decoding: x, as: UTF8.self).replacingOccurrences(of: a.path, with: "OUT").utf8))
                let ty = Self.stable(Data(String(decoding: y, as: UTF8.self).replacingOccurrences(of: b.path, with: "OUT").utf8))
                #expect(tx == ty, "run.log differs", sourceLocation: sourceLocation)
            default:
                #expect(x == y, "\(name) differs", sourceLocation: sourceLocation)
            }
        }
    }

    /// A text without time stamps, durations, run ids and output paths.
    static func stable(_ data: Data) -> String {
        var text = String(decoding: data, as: UTF8.self)
        for pattern in [#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"#, #"\d{8}T\d{6}Z-[0-9a-f]{8}"#,
                        #"\b\d+(\.\d+)?\s*(s|ms|seconds)\b"#, #"/[^\s"<]*wl-shard-[^\s"<]*"#] {
            text = text.replacingOccurrences(of: pattern, with: "…", options: .regularExpression)
        }
        return text
    }

    static func shards(_ corpus: URL, count: Int, prefix: String, adjust: (Int, inout RunConfiguration) -> Void = { _, _ in })
        throws -> [(folder: URL, result: Pipeline.Result)] {
        try (0..<count).map { i in
            var config = configuration(corpus, output: "\(prefix)-\(i)")
            config.shard = try Shard(index: i, count: count)
            adjust(i, &config)
            return (config.output, try Pipeline(configuration: config).run(logger: quiet))
        }
    }

    @Test func mergedShardsGiveTheOutputsOfOneRun() throws {
        let corpus = try Self.corpus()
        let single = Self.configuration(corpus, output: "single")
        let one = try Pipeline(configuration: single).run(logger: Self.quiet)
        #expect(one.outcome == .partial)
        #expect(one.summary.files.failed == 4)
        #expect(one.summary.files.skipped == 2)   // readme, hidden
        #expect(try one.written().topics != nil)
        for count in [1, 2, 3, 7] {
            let shards = try Self.shards(corpus, count: count, prefix: "shard\(count)")
            for (folder, _) in shards {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("shard.json").path))
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("analyses.sqlite").path))
            }
            #expect(shards.map(\.result.summary.files.seen).reduce(0, +) == one.summary.files.seen)
            if count == 7 {
                let empty = shards[5].result.summary, failed = shards[6].result.summary
                #expect(empty.files.seen == 0 && empty.documents == 0)
                #expect(failed.files.ingested == 0 && failed.files.failed == 3 && failed.documents == 0)
                #expect(shards[6].result.outcome == .partial)
            }
            var merge = Self.configuration(corpus, output: "merged\(count)")
            merge.corpus = URL(fileURLWithPath: "/nonexistent")   // the merge reads no corpus
            let merged = try Pipeline(configuration: merge).merge(shards: shards.map(\.folder).reversed(), logger: Self.quiet)
            #expect(merged.outcome == one.outcome)
            #expect(merged.summary.failures == one.summary.failures)
            #expect(merged.summary.skippedFiles == one.summary.skippedFiles)
            #expect(merged.summary.skippedReasons == one.summary.skippedReasons)
            #expect(try merged.written().topics != nil)
            try Self.expectSameOutputs(single.output, merge.output)
        }
    }

    @Test func manifestAndPrefilterShardsMergeExactly() throws {
        let corpus = try Self.corpus()
        let files = try CorpusListing(root: corpus).files
        // Absolute, ./ and file:// forms, a duplicate, a comment, in another order.
        var lines = ["# the job's inputs", ""]
        for (i, file) in files.reversed().enumerated() {
            lines.append(i % 3 == 0 ? corpus.appendingPathComponent(file).path : i % 3 == 1 ? "./" + file : "file://" + corpus.appendingPathComponent(file).path)
        }
        lines.append(files[0])
        let manifest = corpus.deletingLastPathComponent().appendingPathComponent("inputs.txt")
        try Data(lines.joined(separator: "\n").utf8).write(to: manifest)
        var single = Self.configuration(corpus, output: "single")
        single.requireTarget = true
        single.topics = nil
        let one = try Pipeline(configuration: single).run(logger: Self.quiet)
        // The prefilter leaves out the wheat pages (and feed items naming no target), and
        // keeps every document in which the analysis finds a target.
        var plain = Self.configuration(corpus, output: "plain")
        plain.topics = nil
        let all = try Pipeline(configuration: plain).run(logger: Self.quiet).written().documents
        let kept = Set(try one.written().documents.map(\.id))
        #expect(all.filter { !$0.mentions.counts.isEmpty }.allSatisfy { kept.contains($0.id) })
        #expect(one.summary.filteredOut?["no_target"] == all.count - kept.count)
        #expect(all.count - kept.count >= 3)
        #expect(try !one.written().documents.contains { $0.article.title?.hasPrefix("Wheat") == true })
        let shards = try Self.shards(corpus, count: 3, prefix: "listed") { _, config in
            config.filesFrom = manifest
            config.requireTarget = true
            config.topics = nil
        }
        var merge = Self.configuration(corpus, output: "merged")
        merge.requireTarget = true
        merge.topics = nil
        _ = try Pipeline(configuration: merge).merge(shards: shards.map(\.folder), logger: Self.quiet)
        // The hidden file is named by no manifest line: the listing differs only there.
        var expected = one.summary
        expected.files.seen -= 1
        expected.files.skipped -= 1
        expected.skippedFiles = expected.skippedFiles.filter { !$0.hasPrefix(".") }
        expected.skippedReasons = nil
        let summary = try Self.decoder.decode(RunSummary.self, from: Data(contentsOf: merge.output.appendingPathComponent("summary.json")))
        #expect(summary.files == expected.files)
        #expect(summary.skippedFiles == expected.skippedFiles)
        #expect(summary.filteredOut == expected.filteredOut)
        for name in ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv", "failures.csv", "tokens.wlt"] {
            let x = try? Data(contentsOf: single.output.appendingPathComponent(name))
            let y = try? Data(contentsOf: merge.output.appendingPathComponent(name))
            #expect(x != nil && x == y, "\(name)")
        }
    }

    @Test func refusesShardsThatDoNotFit() throws {
        let corpus = try Self.corpus()
        var config = Self.configuration(corpus, output: "merged")
        config.topics = nil
        func merge(_ folders: [URL], _ config: RunConfiguration = config) -> String {
            do {
                _ = try Pipeline(configuration: config).merge(shards: folders, logger: Self.quiet)
                return ""
            } catch let error as RunError { return error.reason } catch { return "\(error)" }
        }
        // Shard 1 analysed with the shipped stopwords, shard 0 with the fixture's.
        let mixed = try Self.shards(corpus, count: 2, prefix: "mixed") { i, config in
            config.topics = nil
            if i == 1 { config.stopwords = nil }
        }
        let refusal = merge(mixed.map(\.folder))
        #expect(refusal.contains("other settings") && refusal.contains("stopwords"), "\(refusal)")
        #expect(!FileManager.default.fileExists(atPath: config.output.path))
        // A merge set up differently from the shards.
        let good = try Self.shards(corpus, count: 2, prefix: "good") { _, config in config.topics = nil }
        var other = config
        other.maxFileBytes = 1 << 20
        #expect(merge(good.map(\.folder), other).contains("max_file_bytes"))
        // Missing, repeated, foreign folders; shards of different splits.
        #expect(merge([good[0].folder]).contains("1 of 2 shards missing"))
        #expect(merge([good[0].folder, good[0].folder]).contains("given twice"))
        #expect(merge([good[0].folder, corpus]).contains("not a shard folder"))
        let three = try Self.shards(corpus, count: 3, prefix: "three") { _, config in config.topics = nil }
        #expect(merge([good[0].folder, three[1].folder]).contains("split differently"))
        // A corpus that changed between shard runs.
        try Data("<html><body><article><p>Korean film exports rose in Japan.</p></article></body></html>".utf8)
            .write(to: corpus.appendingPathComponent("late.html"))
        let late = try Self.shards(corpus, count: 2, prefix: "late") { _, config in config.topics = nil }
        #expect(merge([good[0].folder, late[1].folder]).contains("listed different inputs"))
        #expect(merge([late[0].folder, late[1].folder]) == "")
    }

    @Test func shardsFromTheScheduler() throws {
        #expect(try Shard.resolve(setting: "3/8", count: nil, environment: [:]) == Shard(index: 3, count: 8))
        #expect(try Shard.resolve(setting: nil, count: nil, environment: ["SLURM_ARRAY_TASK_ID": "2"]) == nil)
        let slurm = ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "8"]
        #expect(try Shard.resolve(setting: "auto", count: nil, environment: slurm) == Shard(index: 3, count: 8))
        let k8s = ["JOB_COMPLETION_INDEX": "5"]
        #expect(try Shard.resolve(setting: nil, count: 6, environment: k8s) == Shard(index: 5, count: 6))
        #expect(try Shard.resolve(setting: "none", count: 6, environment: k8s) == nil)
        #expect(throws: RunError.self) { try Shard.resolve(setting: "auto", count: nil, environment: k8s) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "auto", count: nil, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "auto", count: 4, environment: slurm) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "8/8", count: nil, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "-1/8", count: nil, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "1/0", count: nil, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "1/9999999999999999999999", count: nil, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: "3/8", count: 4, environment: [:]) }
        #expect(throws: RunError.self) { try Shard.resolve(setting: nil, count: 4, environment: [:]) }
        // The split: every path in exactly one shard, the shards within a few percent of each other.
        let paths = (0..<20_000).map { "cc-news/2026/11/\($0 % 97)/article-\($0).warc.gz" }
        let shards = try (0..<8).map { try Shard(index: $0, count: 8) }
        let sizes = shards.map { shard in paths.filter { shard.contains($0) }.count }
        #expect(sizes.reduce(0, +) == paths.count)
        #expect(sizes.allSatisfy { abs($0 - 2_500) < 150 }, "\(sizes)")
    }

    @Test func manifestPathsStayInsideTheCorpus() throws {
        let corpus = try Self.corpus()
        let outside = corpus.deletingLastPathComponent().appendingPathComponent("secret.txt")
        try Data("Korea and Japan\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: corpus.appendingPathComponent("link.txt").path, withDestinationPath: outside.path)
        let manifest = corpus.deletingLastPathComponent().appendingPathComponent("inputs.txt")
        try Data("""
        ../secret.txt
        \(outside.path)
        link.txt
        news/../../secret.txt
        https://example.org/a.html
        missing.html
        news
        file://\(corpus.appendingPathComponent("note-does-not-exist.txt").path)
        """.utf8).write(to: manifest)
        let listing = try CorpusListing(root: corpus, manifest: manifest)
        #expect(listing.files.isEmpty)
        let reasons = Dictionary(listing.unreadable.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["../secret.txt"]?.contains("out of the corpus") == true)
        #expect(reasons[outside.path]?.contains("out of the corpus") == true)
        #expect(reasons["link.txt"]?.contains("outside the corpus") == true)
        #expect(reasons["https://example.org/a.html"]?.contains("not a local path") == true)
        #expect(reasons["missing.html"]?.contains("does not exist") == true)
        #expect(reasons["note-does-not-exist.txt"]?.contains("does not exist") == true)
        #expect(listing.skipped.map(\.path) == ["news"])
        #expect(throws: RunError.self) { try CorpusListing(root: corpus, manifest: corpus.appendingPathComponent("none.txt")) }
    }
}
