// WaveSentimentBench: documents per second of the sentiment stage, apart from
// tokenization and process start-up.
//
//     swift build -c release --product WaveSentimentBench
//     .build/release/WaveSentimentBench --lang en texts.txt [--repeat 3]
//     .build/release/WaveSentimentBench --lang en --jsonl articles.jsonl
//
// Reads one text per line (with --jsonl, one JSON object per line whose
// "text" field is the document, so articles keep their line breaks),
// tokenizes every text (timed), then scores every
// tokenized document with the shipped lexicons (timed), best of --repeat
// rounds. Prints wall-clock and process CPU seconds, so figures stay readable
// on a loaded machine. One JSON line on stdout.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaveLexicon
import WaveSentiment
import WaveText

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var args = Array(CommandLine.arguments.dropFirst())
var language = Language.english
var rounds = 3
var path: String?
var jsonl = false
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--jsonl": jsonl = true
    case "--lang": language = Language(args.removeFirst())
    case "--repeat": rounds = max(1, Int(args.removeFirst()) ?? 3)
    default: path = a
    }
}
guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write("usage: WaveSentimentBench --lang en|ja|ko [--repeat N] FILE\n".data(using: .utf8)!)
    exit(64)
}
struct Line: Decodable { var text: String }
let lines: [String]
if jsonl {
    let decoder = JSONDecoder()
    lines = try text.split(separator: "\n").map { try decoder.decode(Line.self, from: Data($0.utf8)).text }.filter { !$0.isEmpty }
} else {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}
let megabytes = Double(lines.reduce(0) { $0 + $1.utf8.count }) / 1e6
let tokenizer = Tokenizer()
let setupStart = cpuSeconds()
let scorer = SentimentScorer(lexicon: try SentimentLexicon.shipped(), tokenizer: tokenizer)
// The scorer compiles a language's tables on first use: count that as set-up.
_ = scorer.sentiment(of: tokenizer.tokenize(lines.first ?? "", language: language))
let setupCPU = cpuSeconds() - setupStart

var bestTokenize = (wall: Double.infinity, cpu: Double.infinity)
var bestScore = (wall: Double.infinity, cpu: Double.infinity)
var checksum = 0.0
for _ in 0..<rounds {
    let clock = ContinuousClock()
    var cpu0 = cpuSeconds()
    var t0 = clock.now
    let documents = lines.map { tokenizer.tokenize($0, language: language) }
    var wall = t0.duration(to: clock.now)
    bestTokenize = (min(bestTokenize.wall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18),
                    min(bestTokenize.cpu, cpuSeconds() - cpu0))
    cpu0 = cpuSeconds()
    t0 = clock.now
    var sum = 0.0
    for document in documents { sum += scorer.sentiment(of: document).overall }
    wall = t0.duration(to: clock.now)
    bestScore = (min(bestScore.wall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18),
                 min(bestScore.cpu, cpuSeconds() - cpu0))
    checksum = sum
}
let n = Double(lines.count)
func rate(_ seconds: Double) -> Int { Int((n / seconds).rounded()) }
func mbRate(_ seconds: Double) -> String { String(format: "%.2f", megabytes / seconds) }
print("{\"texts\":\(lines.count),\"megabytes\":\(String(format: "%.3f", megabytes)),\"language\":\"\(language.rawValue)\",\"setup_cpu_s\":\(String(format: "%.3f", setupCPU)),"
      + "\"tokenize_cpu_s\":\(String(format: "%.3f", bestTokenize.cpu)),\"score_cpu_s\":\(String(format: "%.3f", bestScore.cpu)),"
      + "\"tokenize_wall_s\":\(String(format: "%.3f", bestTokenize.wall)),\"score_wall_s\":\(String(format: "%.3f", bestScore.wall)),"
      + "\"score_docs_per_cpu_s\":\(rate(bestScore.cpu)),\"score_mb_per_cpu_s\":\(mbRate(bestScore.cpu)),"
      + "\"tokenize_and_score_mb_per_cpu_s\":\(mbRate(bestScore.cpu + bestTokenize.cpu)),\"tokenize_and_score_docs_per_cpu_s\":\(rate(bestScore.cpu + bestTokenize.cpu)),"
      + "\"checksum\":\(String(format: "%.6f", checksum))}")
