import Foundation
import WaveIngest

// WaveBench: ingest-stage evaluation and speed measurement.
//
//   swift run -c release WaveBench extract FILE...   # one JSON line per article
//   swift run -c release WaveBench speed [--passes N] FILE...
//
// `extract` prints id, path, item, url, title, author, date, site, language,
// text (the fields of `wavelength extract --jsonl`). `speed` reads and
// decompresses all files first, then times `Ingestor.articles(in:path:)` on one
// core and on all cores (DispatchQueue.concurrentPerform).

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: WaveBench extract FILE... | speed [--passes N] FILE...\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { usage() }
args.removeFirst()
let ingestor = Ingestor()

switch command {
case "extract":
    let out = FileHandle.standardOutput
    for file in args {
        let url = URL(fileURLWithPath: file)
        let root = url.deletingLastPathComponent()
        do {
            let articles = try ingestor.articles(atPath: url.lastPathComponent, root: root)
            for a in articles {
                var obj: [String: Any] = ["id": a.id, "path": file, "text": a.text]
                obj["item"] = a.item ?? NSNull()
                obj["url"] = a.url ?? NSNull()
                obj["title"] = a.title ?? NSNull()
                obj["author"] = a.authors.isEmpty ? NSNull() : a.authors.joined(separator: "; ")
                obj["date"] = a.date ?? NSNull()
                obj["site"] = a.site ?? NSNull()
                obj["language"] = a.declaredLanguage ?? NSNull()
                obj["encoding"] = a.encoding
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
case "compare-parsers":
    // The SAX-built tree against the copy of libxml2's tree, file by file.
    var differ = 0
    for file in args {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        if let d = Ingestor.parserDifference([UInt8](data)) { differ += 1; print("\(file): \(d)") }
    }
    print("\(args.count) files, \(differ) with different trees")
    if differ > 0 { exit(1) }
case "explain":
    guard args.count == 2, let data = FileManager.default.contents(atPath: args[0]) else { usage() }
    print(Ingestor.explainExtraction([UInt8](data), needle: args[1]))
case "speed":
    var passes = 5
    if args.first == "--passes", args.count > 1, let n = Int(args[1]) { passes = n; args.removeFirst(2) }
    let cpuOnly = args.first == "--cpu-only"
    if cpuOnly { args.removeFirst() }
    let ingestOnly = args.first == "--ingest-only"
    if ingestOnly { args.removeFirst() }
    // Load (decompressed) bytes up front so only ingest is timed.
    var inputs: [(String, [UInt8])] = []
    var totalBytes = 0
    for file in args {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        var bytes = [UInt8](data)
        var name = file
        if file.hasSuffix(".html.gz") {
            // Decompress outside the timed region via a gunzip pipe.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/gzip")
            p.arguments = ["-dc", file]
            let pipe = Pipe()
            p.standardOutput = pipe
            try? p.run()
            bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
            p.waitUntilExit()
            name = String(file.dropLast(3))
        }
        totalBytes += bytes.count
        inputs.append((name, bytes))
    }
    let loaded = inputs
    let mb = Double(totalBytes) / 1e6
    print("files \(inputs.count), \(String(format: "%.2f", mb)) MB")
    func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    // CPU time of single-threaded passes, best of `passes` (the host is shared:
    // the minimum is the least disturbed figure).
    func bestCPU(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, passes) {
            let c0 = cpuSeconds()
            body()
            best = min(best, cpuSeconds() - c0)
        }
        return best
    }
    let cpu = bestCPU { for (name, bytes) in loaded { _ = try? ingestor.articles(in: bytes, path: name) } }
    print(String(format: "cpu time, one pass on one thread (best of %d): %.3f s, %.0f pages per cpu-second, %.1f MB per cpu-second",
                 passes, cpu, Double(loaded.count) / cpu, mb / cpu))
    if ingestOnly { exit(0) }
    // Parse stages and floors, each as CPU time of one pass (best of N). The
    // pages are already UTF-8 here (the benchmark pages are), as the parser expects.
    let stages: [(Ingestor.ParseStage, String)] = [
        (.saxTree, "our parse alone (libxml2 SAX events into the Swift tree)"),
        (.libxmlTreeCopy, "former parse: htmlReadMemory + copy into the Swift tree + xmlFreeDoc"),
        (.libxmlTree, "floor A: libxml2 htmlReadMemory + xmlFreeDoc alone (tree parse)"),
        (.emptySAX, "floor B: libxml2 HTML SAX parse with empty callbacks"),
    ]
    for (stage, label) in stages {
        let c = bestCPU { for (_, bytes) in loaded { _ = Ingestor.parseOnly(bytes, stage) } }
        print(String(format: "  %@: %.3f s (%.0f pages per cpu-second; ingest/this %.2fx)",
                     label, c, Double(loaded.count) / c, cpu / c))
    }
    if cpuOnly { exit(0) }
    func run(threads: Int) -> Double {
        var times: [Double] = []
        for _ in 0..<passes {
            let clock = ContinuousClock()
            let start = clock.now
            if threads == 1 {
                for (name, bytes) in loaded { _ = try? ingestor.articles(in: bytes, path: name) }
            } else {
                DispatchQueue.concurrentPerform(iterations: loaded.count) { i in
                    _ = try? ingestor.articles(in: loaded[i].1, path: loaded[i].0)
                }
            }
            let d = clock.now - start
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        times.sort()
        return times[times.count / 2]
    }
    for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
        let c0 = cpuSeconds()
        let t = run(threads: threads)
        let c = (cpuSeconds() - c0) / Double(passes)
        // cpu/wall shows how many cores the run really got (the host may be busy).
        print(String(format: "threads %d: %.3f s median of %d, %.0f pages/s, %.1f MB/s (cpu %.3f s per pass, cpu/wall %.2f)",
                     threads, t, passes, Double(loaded.count) / t, mb / t, c, c / t))
    }
default:
    usage()
}
