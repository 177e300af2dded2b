import ArgumentParser
import Foundation
import WaveIngest

/// `WaveBench extract FILE...`: one JSON line per article, the fields of
/// `wavelength extract --jsonl` (for scripts/eval_extraction.py).
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract articles as JSON lines (extraction evaluation).")

    @Flag(help: "Accepted for scripts written for `wavelength extract --jsonl` (JSON lines is the only format).")
    var jsonl = false
    @Argument(help: "HTML, feed, WARC or gzip files.") var files: [String]

    func run() throws {
        let ingestor = Ingestor()
        let out = FileHandle.standardOutput
        for file in files {
            let url = URL(fileURLWithPath: file)
            do {
                for a in try ingestor.articles(atPath: url.lastPathComponent, root: url.deletingLastPathComponent()) {
                    var obj: [String: Any] = ["id": a.id, "path": file, "text": a.text]
                    obj["item"] = a.item ?? NSNull()
                    obj["url"] = a.url ?? NSNull()
                    obj["title"] = a.title ?? NSNull()
                    obj["author"] = a.authors.isEmpty ? NSNull() : a.authors.joined(separator: "; ")
                    obj["date"] = a.date ?? NSNull()
                    obj["site"] = a.site ?? NSNull()
                    obj["language"] = a.declaredLanguage ?? NSNull()
                    obj["encoding"] = a.encoding
                    obj["page_type"] = a.pageType.rawValue
                    obj["extraction_confidence"] = a.extractionConfidence
                    if !a.warnings.isEmpty { obj["warnings"] = a.warnings }
                    let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
                    out.write(data); out.write(Data("\n".utf8))
                }
            } catch let error as IngestError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                let obj: [String: Any] = ["id": url.lastPathComponent, "path": file, "text": "", "error": error.code.rawValue]
                if let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
                    out.write(data); out.write(Data("\n".utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            }
        }
    }
}

/// `WaveBench speed [--passes N] FILE...`: pages per CPU-second of the shipped
/// ingest (`Ingestor.articles(in:path:)`) on one thread, next to libxml2's
/// parse alone (the floors), then wall time on one thread and on all cores.
/// Files are read (and `.html.gz` decompressed) before any timing.
struct IngestSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "speed", abstract: "Ingest speed (pages per CPU-second).")

    @Option(help: "Rounds; the best CPU time and the median wall time are reported.") var passes = 5
    @Flag(help: "CPU figures only (no wall-time runs).") var cpuOnly = false
    @Flag(help: "The whole-ingest CPU figure only (for perf record).") var ingestOnly = false
    @Argument(help: "HTML pages (.html or .html.gz).") var files: [String]

    func run() throws {
        let loaded = try files.map(Self.load)
        let ingestor = Ingestor()
        let mb = Double(loaded.reduce(0) { $0 + $1.bytes.count }) / 1e6
        print("files \(loaded.count), \(String(format: "%.2f", mb)) MB")
        let cpu = Measure.best(of: passes) {
            for (name, bytes) in loaded { _ = try? ingestor.articles(in: bytes, path: name) }
        }.cpu
        print(String(format: "cpu time, one pass on one thread (best of %d): %.3f s, %.0f pages per cpu-second, %.1f MB per cpu-second",
                     passes, cpu, Double(loaded.count) / cpu, mb / cpu))
        if ingestOnly { return }
        // The peers: libxml2 alone on the same (UTF-8) pages, CPU time of one pass, best of N.
        let floors: [(String, ([UInt8]) -> Bool)] = [
            ("floor A: libxml2 htmlReadMemory + xmlFreeDoc alone (tree parse)", LibXMLFloors.treeParse),
            ("floor B: libxml2 HTML SAX parse with empty callbacks", LibXMLFloors.emptySAXParse),
        ]
        for (label, parse) in floors {
            let c = Measure.best(of: passes) { for (_, bytes) in loaded { _ = parse(bytes) } }.cpu
            print(String(format: "  %@: %.3f s (%.0f pages per cpu-second; ingest/this %.2fx)",
                         label, c, Double(loaded.count) / c, cpu / c))
        }
        if cpuOnly { return }
        for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
            var walls: [Double] = []
            var cpuTotal = 0.0
            for _ in 0..<max(1, passes) {
                let sample = Measure.time {
                    if threads == 1 {
                        for (name, bytes) in loaded { _ = try? ingestor.articles(in: bytes, path: name) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: loaded.count) { i in
                            _ = try? ingestor.articles(in: loaded[i].bytes, path: loaded[i].name)
                        }
                    }
                }
                walls.append(sample.wall)
                cpuTotal += sample.cpu
            }
            let t = walls.sorted()[walls.count / 2]
            let c = cpuTotal / Double(walls.count)
            // cpu/wall shows how many cores the run really got (the host may be busy).
            print(String(format: "threads %d: %.3f s median of %d, %.0f pages/s, %.1f MB/s (cpu %.3f s per pass, cpu/wall %.2f)",
                         threads, t, walls.count, Double(loaded.count) / t, mb / t, c, c / t))
        }
    }

    /// A page's name and bytes, `.html.gz` decompressed by `gzip -dc` (outside any timed region).
    static func load(_ file: String) throws -> (name: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: file) else { throw BenchError("cannot read \(file)") }
        guard file.hasSuffix(".html.gz") else { return (file, [UInt8](data)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        return (String(file.dropLast(3)), bytes)
    }
}
