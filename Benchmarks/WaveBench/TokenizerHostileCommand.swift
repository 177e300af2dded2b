import ArgumentParser
import Foundation
import WaveText

/// `WaveBench tokenizer-hostile [--mb 10]`: the tokenizer's time on the hostile
/// inputs of the test suite (`BadInputTests`, `AdversarialInputTests`), which
/// assert only what comes out: one line of MB megabytes of English with links and
/// handles and no line break, Japanese and Korean lines without a sentence end,
/// and runs of `@` and `#` between word characters. Each input is timed at half
/// and at full size (thread CPU seconds, best of 3); a ratio near 2 is linear
/// time, a ratio near 4 would be quadratic.
struct TokenizerHostile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tokenizer-hostile",
                                                    abstract: "Tokenizer time on the hostile inputs of the tests, at two sizes.")

    @Option(help: "Size of the largest input in MB.") var mb = 10

    func run() throws {
        guard mb >= 1, mb <= 1000 else { throw BenchError("--mb must be between 1 and 1000") }
        let tokenizer = Tokenizer()
        let bytes = mb * 1_000_000
        let cases: [(String, Language, (Int) -> String)] = [
            ("english-one-line", .english, {
                Self.fill("Korea's soft power, k-pop and https://example.com/x grew 12% in 2023 (see @bts). ", $0) }),
            ("japanese-no-end", .japanese, { Self.fill("日本のソフトパワーと韓流", $0) }),
            ("korean-no-end", .korean, { Self.fill("일본에서는 한국의 소프트 파워를 ", $0) }),
            ("at-signs-and-hashes", .english, { Self.fill("a.b-c_", $0 / 2) + Self.fill("@x@-#", $0 / 2) }),
        ]
        print("case                 MB(full)  CPU-s(half)  CPU-s(full)  MB/s(full)  full/half  tokens(full)")
        for (name, language, make) in cases {
            let half = make(bytes / 2), full = make(bytes)
            var tokens = 0
            func best(_ text: String) -> Double {
                Measure.best(of: 3, .thread) { tokens = tokenizer.tokenize(text, language: language).tokens.count }.cpu
            }
            let h = best(half), f = best(full)
            let size = Double(full.utf8.count) / 1_000_000
            let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
            print(label + String(format: " %8.1f  %11.3f  %11.3f  %10.2f  %9.2f  %d", size, h, f, size / f, f / h, tokens))
        }
    }

    static func fill(_ unit: String, _ bytes: Int) -> String {
        String(repeating: unit, count: max(1, bytes / unit.utf8.count))
    }
}
