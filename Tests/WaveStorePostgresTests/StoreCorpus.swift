import Foundation
import Testing
@testable import WavePipeline

/// A small generated corpus for the store's merge tests: dated English pages naming the
/// targets (three years, four outlets), off-topic pages, a page that fails to parse, an empty
/// page, a file of a format not read and a hidden file.
enum StoreCorpus {
    static func make() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("wl-store-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("corpus")
        try fm.createDirectory(at: corpus.appendingPathComponent("news"), withIntermediateDirectories: true)
        let subjects = ["Korean dramas", "K-pop groups", "Studio Ghibli films", "Japanese anime", "Korean webtoons", "Tokyo fashion"]
        let verbs = ["drew record audiences", "worried critics", "grew exports", "won praise", "faced a boycott", "inspired tourism"]
        let places = ["in Seoul", "across Japan", "in Europe", "among students", "on streaming services", "in Osaka"]
        for i in 0..<24 {
            let year = 2021 + i % 3, month = 1 + i % 12
            let paragraphs = (0..<4).map { p in
                "<p>\(subjects[(i + p) % subjects.count]) \(verbs[(i * 3 + p) % verbs.count]) \(places[(i + 2 * p) % places.count]) this season, "
                    + "and soft power debates followed. Analysts said the hallyu wave and the cool Japan campaign shaped exports, "
                    + "tourism and culture. Fans were happy, some were angry, and the industry felt wonderful and worried at once.</p>"
            }
            let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story \(i)</title>
            <meta property="article:published_time" content="\(year)-\(month < 10 ? "0" : "")\(month)-15T08:00:00Z">
            <meta property="og:site_name" content="Outlet \(i % 4)"></head><body><article><h1>Story \(i)</h1>
            \(paragraphs.joined(separator: "\n"))</article></body></html>
            """
            try Data(html.utf8).write(to: corpus.appendingPathComponent("news/story-\(i).html"))
        }
        for i in 0..<3 {
            let html = "<!DOCTYPE html><html lang=\"en\"><head><title>Wheat \(i)</title></head><body><article><h1>Wheat prices \(i)</h1>"
                + "<p>Wheat and barley prices rose in the regional market as rain delayed the harvest. Farmers expect a smaller crop.</p>"
                + "<p>Traders said storage was full and transport slow, and the weather service forecast more rain.</p></article></body></html>"
            try Data(html.utf8).write(to: corpus.appendingPathComponent("wheat-\(i).html"))
        }
        try Data().write(to: corpus.appendingPathComponent("empty.html"))
        try Data([0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0xFF, 0xFE, 0x00, 0x00]).write(to: corpus.appendingPathComponent("news/broken.html"))
        try Data("# notes\n".utf8).write(to: corpus.appendingPathComponent("readme.md"))
        try Data("hidden\n".utf8).write(to: corpus.appendingPathComponent(".hidden.txt"))
        return corpus
    }

    static func configuration(_ corpus: URL, output: String) -> RunConfiguration {
        var config = RunConfiguration(corpus: corpus, output: corpus.deletingLastPathComponent().appendingPathComponent(output), threads: 2)
        config.topics = 2
        config.topicIterations = 15
        config.topicMinDocuments = 5
        return config
    }

    /// Every table two output folders hold, byte for byte (the summary, manifest, reports and
    /// log carry times, run ids and paths; the SQLite file its page layout: left out).
    static func expectSameTables(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: a.path).sorted()
        #expect(names == (try fm.contentsOfDirectory(atPath: b.path).sorted()), sourceLocation: sourceLocation)
        let varying: Set<String> = ["summary.json", "manifest.json", "report.html", "report.md", "wavelength.sqlite", "report-model.json", "run.log"]
        let tables = names.filter { !varying.contains($0) }
        #expect(tables.contains("documents.csv") && tables.contains("topics.csv") && tables.contains("failures.csv"),
                "\(tables)", sourceLocation: sourceLocation)
        for name in tables {
            let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(x == y, "\(name) differs", sourceLocation: sourceLocation)
        }
    }
}
