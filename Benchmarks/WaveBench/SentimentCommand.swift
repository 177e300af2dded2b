import ArgumentParser
import Foundation
import WaveLexicon
import WaveSentiment
import WaveText

/// `WaveBench sentiment --lang en [--jsonl] [--repeat N] FILE`: documents per
/// second of the sentiment stage, apart from tokenization and process start-up
/// (for scripts/bench_sentiment.py and scripts/eval_sentiment.py).
///
/// Reads one text per line (with --jsonl, one JSON object per line whose
/// "text" field is the document, so articles keep their line breaks),
/// tokenizes every text (timed), then scores every tokenized document with the
/// shipped lexicons (timed), best of --repeat rounds. Prints wall-clock and
/// process CPU seconds as one JSON line.
struct SentimentSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sentiment", abstract: "Sentiment stage speed.")

    @Option(help: "en, ja or ko.") var lang = "en"
    @Flag(help: "JSON lines with a \"text\" field instead of one text per line.") var jsonl = false
    @Option(name: .customLong("repeat"), help: "Rounds; the best is reported.") var rounds = 3
    @Argument(help: "The texts.") var path: String

    private struct Line: Decodable { var text: String }

    func run() throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
        let lines: [String] = jsonl
            ? try text.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)).text }.filter { !$0.isEmpty }
            : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        let language = Language(lang)
        let megabytes = Double(lines.reduce(0) { $0 + $1.utf8.count }) / 1e6
        let tokenizer = Tokenizer()
        var scorer: SentimentScorer?
        let setup = try Measure.time {
            let made = SentimentScorer(lexicon: try SentimentLexicon.shipped(), tokenizer: tokenizer)
            // The scorer compiles a language's tables on first use: count that as set-up.
            _ = made.sentiment(of: tokenizer.tokenize(lines.first ?? "", language: language))
            scorer = made
        }
        guard let scorer else { return }
        var bestTokenize = Measure.Sample.worst, bestScore = Measure.Sample.worst
        var checksum = 0.0
        for _ in 0..<max(1, rounds) {
            var documents: [TokenizedDocument] = []
            bestTokenize = bestTokenize.best(Measure.time { documents = lines.map { tokenizer.tokenize($0, language: language) } })
            var sum = 0.0
            bestScore = bestScore.best(Measure.time { for document in documents { sum += scorer.sentiment(of: document).overall } })
            checksum = sum
        }
        let n = Double(lines.count)
        func rate(_ seconds: Double) -> Int { Int((n / seconds).rounded()) }
        func mbRate(_ seconds: Double) -> String { String(format: "%.2f", megabytes / seconds) }
        func f3(_ x: Double) -> String { String(format: "%.3f", x) }
        print("{\"texts\":\(lines.count),\"megabytes\":\(f3(megabytes)),\"language\":\"\(language.rawValue)\",\"setup_cpu_s\":\(f3(setup.cpu)),"
              + "\"tokenize_cpu_s\":\(f3(bestTokenize.cpu)),\"score_cpu_s\":\(f3(bestScore.cpu)),"
              + "\"tokenize_wall_s\":\(f3(bestTokenize.wall)),\"score_wall_s\":\(f3(bestScore.wall)),"
              + "\"score_docs_per_cpu_s\":\(rate(bestScore.cpu)),\"score_mb_per_cpu_s\":\(mbRate(bestScore.cpu)),"
              + "\"tokenize_and_score_mb_per_cpu_s\":\(mbRate(bestScore.cpu + bestTokenize.cpu)),"
              + "\"tokenize_and_score_docs_per_cpu_s\":\(rate(bestScore.cpu + bestTokenize.cpu)),"
              + "\"checksum\":\(String(format: "%.6f", checksum))}")
    }
}
