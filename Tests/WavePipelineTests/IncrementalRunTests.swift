import Foundation
import GRDB
import Logging
import Synchronization
import Testing
import WaveCorpus
import WaveLexicon
import WaveReports
@testable import WavePipeline

/// A rerun takes unchanged files from the run state and gives the outputs a clean run gives.
@Suite(.serialized) struct IncrementalRunTests {
    static let fixtures = PipelineEndToEndTests.fixtures

    /// A copy of the fixture corpus in a fresh folder.
    static func corpusCopy() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wl-incr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("corpus"), to: corpus)
        return corpus
    }

    /// Runs and returns the result and the files the per-document stage read (the reading total).
    static func run(_ config: RunConfiguration) throws -> (result: Pipeline.Result, read: Int) {
        let total = Mutex(0)
        let result = try Pipeline(configuration: config).run(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { progress in
            if progress.stage == .reading { total.withLock { $0 = progress.filesTotal } }
        }
        return (result, total.withLock { $0 })
    }

    /// The tables two runs wrote, which must be equal byte for byte, and the summaries' counts.
    static func expectSameOutputs(_ a: URL, _ b: URL, _ ra: Pipeline.Result, _ rb: Pipeline.Result,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in ["documents.csv", "documents.jsonl", "terms.csv", "themes.csv", "sentiment.csv", "failures.csv", "tokens.wlt",
                     "tokens.csv.gz", "keyness.csv", "collocations.csv", "duplicates.csv", "themes_by_group.csv"] {
            let x = try? Data(contentsOf: a.appendingPathComponent(name))
            let y = try? Data(contentsOf: b.appendingPathComponent(name))
            #expect(x != nil && x == y, "\(name)", sourceLocation: sourceLocation)
        }
        // The database by content: every table's definition and rows in their stored order.
        #expect(try databaseContent(a) == databaseContent(b), sourceLocation: sourceLocation)
        var sa = ra.summary, sb = rb.summary
        sa.seconds = 0; sb.seconds = 0; sa.stageSeconds = [:]; sb.stageSeconds = [:]
        sa.output = ""; sb.output = ""; sa.startedAt = ""; sb.startedAt = ""; sa.runId = nil; sb.runId = nil
        #expect(sa == sb, sourceLocation: sourceLocation)
    }

    /// Every table of an output folder's `wavelength.sqlite`: its SQL and its rows as `SELECT *` gives them.
    static func databaseContent(_ folder: URL) throws -> [String] {
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("wavelength.sqlite").path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master ORDER BY name") {
                out.append("\(row[0] as String? ?? "") \(row[1] as String? ?? "")")
            }
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"") { out.append("\(name) \(row)") }
            }
            return out
        }
    }

    @Test func editsDeletesAndAddsGiveTheOutputsOfACleanRun() throws {
        let corpus = try Self.corpusCopy()
        let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
        var config = RunConfiguration(corpus: corpus, output: out, stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Self.run(config)
        #expect(first.read == 6)   // every readable file
        #expect(FileManager.default.fileExists(atPath: StateStore.path(for: out)))

        // Nothing changed: nothing is read again.
        let unchanged = try Self.run(config)
        #expect(unchanged.read == 0)
        try Self.expectSameOutputs(out, out, first.result, unchanged.result)

        // Edit one page, delete the feed, add a text file.
        let page = corpus.appendingPathComponent("news/harbour-ghibli.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try Data(html.replacingOccurrences(of: "</p>", with: " Korean dramas and K-pop keep growing abroad.</p>").utf8).write(to: page)
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("feed.rss"))
        try Data("Hallyu exports rose again this year as Korean films reached new audiences in Japan.\n".utf8)
            .write(to: corpus.appendingPathComponent("added.txt"))
        let rerun = try Self.run(config)
        #expect(rerun.read == 2)   // the edited page and the added file
        // The other files' documents: their rows copied from the last run's files.
        let kept = try rerun.result.written().documents.filter { !["news/harbour-ghibli.html", "added.txt"].contains($0.article.path) }
        #expect(rerun.result.copiedDocuments == kept.count && !kept.isEmpty)

        var clean = config
        clean.incremental = false
        clean.output = corpus.deletingLastPathComponent().appendingPathComponent("clean")
        let full = try Self.run(clean)
        #expect(!FileManager.default.fileExists(atPath: StateStore.path(for: clean.output)))
        try Self.expectSameOutputs(out, clean.output, rerun.result, full.result)
        #expect(try !rerun.result.written().documents.contains { $0.article.path == "feed.rss" })

        // --full reads everything again, with the same outputs.
        config.full = true
        let forced = try Self.run(config)
        #expect(forced.read == 6)
        #expect(forced.result.copiedDocuments == 0)
        try Self.expectSameOutputs(out, clean.output, forced.result, full.result)
    }

    @Test func aChangedDictionaryInvalidatesTheStoredAnalyses() throws {
        let corpus = try Self.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let dictionary = folder.appendingPathComponent("themes.yaml")
        try Data(ShippedData.text("themes.yaml").utf8).write(to: dictionary)
        var config = RunConfiguration(corpus: corpus, output: folder.appendingPathComponent("out"), dictionary: dictionary, threads: 2)
        #expect(try Self.run(config).read == 6)
        #expect(try Self.run(config).read == 0)
        // Any change to the dictionary's content analyses every file again.
        try Data((ShippedData.text("themes.yaml") + "\n# edited\n").utf8).write(to: dictionary)
        let rerun = try Self.run(config)
        #expect(rerun.read == 6)
        var clean = config
        clean.incremental = false
        clean.output = folder.appendingPathComponent("clean")
        try Self.expectSameOutputs(config.output, clean.output, rerun.result, try Self.run(clean).result)
        // The stored form of an analysis is part of the fingerprint: analyses stored in an older form are made again.
        #expect(Pipeline.fingerprintParts(of: config, segmenter: "icu").contains("analysis_format \(DocumentAnalysis.storedFormat)"))
        // So does naming other stopwords.
        config.stopwords = Self.fixtures.appendingPathComponent("stopwords")
        #expect(try Self.run(config).read == 6)
    }

    /// Every output file's bytes, by name.
    static func outputFiles(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func aRerunWithNothingChangedKeepsTheOutputs() throws {
        let corpus = try Self.corpusCopy()
        // As the command line makes it: a path, the folder not there yet.
        let out = URL(fileURLWithPath: corpus.deletingLastPathComponent().appendingPathComponent("out").path)
        let config = RunConfiguration(corpus: corpus, output: out, stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Self.run(config)
        #expect(first.result.reusedRun == nil)
        let written = try Self.outputFiles(out)
        let kept = try Self.run(config)
        // Nothing read, nothing written: the last run's outputs and its outcome and summary.
        #expect(kept.read == 0)
        #expect(kept.result.reusedRun == first.result.summary.runId)
        #expect(kept.result.analysis == nil)
        #expect(kept.result.outcome == first.result.outcome)
        #expect(kept.result.summary == first.result.summary)
        #expect(try Self.outputFiles(out) == written)
        #expect(try Self.run(config).result.reusedRun == first.result.summary.runId)

        // An output file changed by hand: the outputs are written again, as a clean run writes them.
        try Data("edited\n".utf8).write(to: out.appendingPathComponent("terms.csv"))
        let repaired = try Self.run(config)
        #expect(repaired.result.reusedRun == nil)
        #expect(repaired.read == 0)   // the analyses still come from the state
        try Self.expectSameOutputs(out, out, first.result, repaired.result)
        #expect(try Self.outputFiles(out)["terms.csv"] == written["terms.csv"])

        // A file added to the output folder, or one removed: the same.
        try Data("x".utf8).write(to: out.appendingPathComponent("extra.csv"))
        #expect(try Self.run(config).result.reusedRun == nil)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("extra.csv").path))
        try FileManager.default.removeItem(at: out.appendingPathComponent("themes.csv"))
        #expect(try Self.run(config).result.reusedRun == nil)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("themes.csv").path))
        #expect(try Self.run(config).result.reusedRun != nil)

        // --full never keeps anything.
        var full = config
        full.full = true
        let forced = try Self.run(full)
        #expect(forced.result.reusedRun == nil && forced.read == 6)
    }

    @Test func reportsRenderedAgainKeepTheNextRunANoOp() throws {
        let corpus = try Self.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let out = folder.appendingPathComponent("out")
        let config = RunConfiguration(corpus: corpus, output: out, stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Self.run(config)
        let written = try Self.outputFiles(out)

        // run → report → run: the reports are the run's own bytes, and the rerun keeps every output.
        try Workbench().renderReports(folder: out)
        #expect(try Self.outputFiles(out) == written)
        let kept = try Self.run(config)
        #expect(kept.read == 0)
        #expect(kept.result.reusedRun == first.result.summary.runId)
        #expect(try Self.outputFiles(out) == written)
        // Twice in a row, too.
        try Workbench().renderReports(folder: out)
        try Workbench().renderReports(folder: out)
        #expect(try Self.run(config).result.reusedRun == first.result.summary.runId)

        var clean = config
        clean.incremental = false
        clean.output = folder.appendingPathComponent("clean")
        let full = try Self.run(clean)
        try Self.expectSameOutputs(out, clean.output, kept.result, full.result)

        // A table edited by hand before `report`: the record is not carried over, the next run writes it again.
        try Data("edited\n".utf8).write(to: out.appendingPathComponent("terms.csv"))
        try Workbench().renderReports(folder: out)
        let repaired = try Self.run(config)
        #expect(repaired.result.reusedRun == nil)
        #expect(repaired.read == 0)
        #expect(try Self.outputFiles(out)["terms.csv"] == written["terms.csv"])

        // A report edited by hand after `report`: the same.
        try Workbench().renderReports(folder: out)
        #expect(try Self.run(config).result.reusedRun == repaired.result.summary.runId)
        try Workbench().renderReports(folder: out)
        try Data("edited\n".utf8).write(to: out.appendingPathComponent("report.md"))
        let again = try Self.run(config)
        #expect(again.result.reusedRun == nil)
        // (The report carries its run's start time and duration, so it is compared in substance.)
        let report = try #require(try Self.outputFiles(out)["report.md"])
        #expect(report != Data("edited\n".utf8))
        #expect(String(decoding: report, as: UTF8.self).contains(again.result.summary.startedAt))
    }

    @Test func aTouchedFileAndAChangedOptionAreHandledRight() throws {
        let corpus = try Self.corpusCopy()
        let folder = corpus.deletingLastPathComponent()
        let out = folder.appendingPathComponent("out")
        var config = RunConfiguration(corpus: corpus, output: out, stopwords: Self.fixtures.appendingPathComponent("stopwords"), threads: 2)
        let first = try Self.run(config)
        let page = corpus.appendingPathComponent("news/harbour-ghibli.html")
        let fm = FileManager.default

        // Touched, and copied over by an identical file: the content is checked, found the same,
        // and the outputs are kept.
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: page.path)
        let touched = try Self.run(config)
        #expect(touched.read == 0)
        #expect(touched.result.reusedRun == first.result.summary.runId)
        let copy = folder.appendingPathComponent("copy.html")
        try fm.copyItem(at: page, to: copy)
        try fm.removeItem(at: page)
        try fm.moveItem(at: copy, to: page)
        let copied = try Self.run(config)
        #expect(copied.read == 0 && copied.result.reusedRun == first.result.summary.runId)

        // Edited to the same size, with its modification time put back: the change time tells.
        let original = try fm.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        var bytes = try Data(contentsOf: page)
        let at = try #require(bytes.firstRange(of: Data("Ghibli".utf8)))
        bytes.replaceSubrange(at, with: Data("GHIBLI".utf8))
        try bytes.write(to: page)
        try fm.setAttributes([.modificationDate: try #require(original)], ofItemAtPath: page.path)
        let edited = try Self.run(config)
        #expect(edited.read == 1)
        #expect(edited.result.reusedRun == nil)
        var clean = config
        clean.incremental = false
        clean.output = folder.appendingPathComponent("clean")
        try Self.expectSameOutputs(out, clean.output, edited.result, try Self.run(clean).result)

        // An option that changes no analysis but the outputs: nothing read again, outputs written anew.
        config.evidencePerTheme = 1
        config.filter = DocumentFilter(languages: ["en", "ja"])
        let changed = try Self.run(config)
        #expect(changed.read == 0)
        #expect(changed.result.reusedRun == nil)
        clean.evidencePerTheme = 1
        clean.filter = config.filter
        try Self.expectSameOutputs(out, clean.output, changed.result, try Self.run(clean).result)
        #expect(try Self.run(config).result.reusedRun == changed.result.summary.runId)
    }

    @Test func aStateOfAnotherLayoutIsStartedAgain() throws {
        let corpus = try Self.corpusCopy()
        let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
        let config = RunConfiguration(corpus: corpus, output: out, threads: 2)
        // The first layout (no file status, no last run), as an older program left it.
        let old = URL(fileURLWithPath: StateStore.path(for: out))
        let queue = try DatabaseQueue(path: old.path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE files (path TEXT PRIMARY KEY, hash TEXT NOT NULL, fingerprint TEXT NOT NULL, outcome BLOB NOT NULL) WITHOUT ROWID")
            try db.execute(sql: "INSERT INTO files VALUES ('note.txt', 'x', 'y', x'00')")
        }
        try queue.close()
        #expect(try Self.run(config).read == 6)
        #expect(try Self.run(config).result.reusedRun != nil)
    }

    @Test func aDamagedStateIsAClearError() throws {
        let corpus = try Self.corpusCopy()
        let out = corpus.deletingLastPathComponent().appendingPathComponent("out")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: StateStore.path(for: out)))
        let config = RunConfiguration(corpus: corpus, output: out, threads: 2)
        #expect { try Self.run(config) } throws: { ($0 as? RunError)?.reason.contains("--full") == true }
    }
}

extension Pipeline.Result {
    /// The analysis of a run that wrote its outputs (nil only when a run kept the last run's).
    func written(sourceLocation: SourceLocation = #_sourceLocation) throws -> CorpusAnalysis {
        try #require(analysis, "the run kept the last outputs", sourceLocation: sourceLocation)
    }
}
