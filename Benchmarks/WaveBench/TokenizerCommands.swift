import ArgumentParser
internal import CICUShim
internal import CMeCabShim
import Foundation
import WaveText

/// Tokenizer settings shared by `tokens` and `tokenizer-speed`.
struct TokenizerOptions: ParsableArguments {
    @Flag(help: "Japanese with ICU instead of MeCab.") var icuJa = false
    @Flag(help: "Keep Korean particles on their words.") var noJosa = false
    @Flag(help: "Stem (Snowball).") var stem = false
    @Flag(help: "ICU sentence break instead of the one-pass rules.") var icuSentences = false
    @Flag(help: "The one-pass sentence rules (the default).") var ruleSentences = false

    var configuration: TokenizerConfiguration {
        TokenizerConfiguration(stem: stem, useMeCab: !icuJa, stripKoreanParticles: !noJosa,
                               sentenceSegmentation: icuSentences ? .icu : .rules)
    }
}

/// `WaveBench tokens [--lang en|ja|ko|auto]`: reads UTF-8 lines on stdin, writes
/// one JSON line per input line (for scripts/eval_tokenizer.py):
/// `{"lang","backend","tokens","spans","stems","terms","kinds","sentences"}`,
/// spans as UTF-8 byte offsets into the line; stems drop Korean particles.
struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tokenize stdin lines to JSON lines (tokenizer evaluation).")

    @Option(help: "en, ja, ko or auto.") var lang = "auto"
    @OptionGroup var options: TokenizerOptions

    func run() {
        let tokenizer = Tokenizer(configuration: options.configuration)
        let language: Language? = lang == "auto" ? nil : Language(lang)
        var output = ""
        while let line = readLine(strippingNewline: true) {
            output += Self.json(tokenizer.tokenize(line, language: language)) + "\n"
            if output.utf8.count > 1 << 16 { FileHandle.standardOutput.write(Data(output.utf8)); output = "" }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    static func json(_ doc: TokenizedDocument) -> String {
        let tokens = doc.tokens.map { jsonString($0.surface) }.joined(separator: ",")
        let spans = doc.tokens.map { "[\($0.range.lowerBound),\($0.range.upperBound)]" }.joined(separator: ",")
        let stems = doc.tokens.map { "[\($0.stemRange.lowerBound),\($0.stemRange.upperBound)]" }.joined(separator: ",")
        let terms = doc.tokens.map { jsonString($0.term) }.joined(separator: ",")
        let kinds = doc.tokens.map { "\"\($0.kind.rawValue)\"" }.joined(separator: ",")
        let sentences = doc.sentences.map { "[\($0.range.lowerBound),\($0.range.upperBound)]" }.joined(separator: ",")
        return "{\"lang\":\"\(doc.language)\",\"backend\":\"\(doc.segmenter)\",\"tokens\":[\(tokens)],\"spans\":[\(spans)],"
            + "\"stems\":[\(stems)],\"terms\":[\(terms)],\"kinds\":[\(kinds)],\"sentences\":[\(sentences)]}"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

/// `WaveBench tokenizer-speed [--icu-ja] en=FILE ja=FILE ko=FILE ...`: single-
/// threaded MB per CPU-second (thread CPU time, best of 5) of
/// `Tokenizer.tokenize` next to its peers in the same run: a plain loop of ICU
/// word breaks over the same lines (already UTF-16), with a fresh and with a
/// reused break iterator, and for Japanese with MeCab a plain C loop over
/// MeCab (`cmecab_native_walk`: parse, walk the nodes, read each surface and
/// feature string).
struct TokenizerSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tokenizer speed against native ICU and MeCab loops.")

    @OptionGroup var options: TokenizerOptions
    @Option(help: "Run one side only (native, native-cached, native-mecab, tokenizer), for perf.") var only: String?
    @Option(name: .customLong("repeat"), help: "With --only, run that side N times.") var repeats = 1
    @Argument(help: "LANG=FILE pairs, one text per line.") var inputs: [String]

    func run() throws {
        let tokenizer = Tokenizer(configuration: options.configuration)
        print("Japanese backend: \(tokenizer.japaneseBackendDescription); sentences: \(options.configuration.sentenceSegmentation)")
        print("lang  MB      native ICU MB/s  tokenizer MB/s  ratio (tokenizer time / native time)  tokens")
        for pair in inputs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let text = try? String(contentsOfFile: parts[1], encoding: .utf8) else {
                FileHandle.standardError.write(Data("cannot read \(pair)\n".utf8)); continue
            }
            let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
            measure(NativePeers(lines: lines, language: Language(parts[0]), tokenizer: tokenizer), label: parts[0])
        }
    }

    private func measure(_ peers: NativePeers, label: String) {
        if let only {
            for _ in 0..<max(1, repeats) { peers.run(only) }
            print("\(label) \(only) done \(peers.sink) \(peers.tokenCount)")
            return
        }
        // Warm up, then alternate rounds and keep the best of each.
        for side in NativePeers.sides { peers.run(side) }
        var best: [String: Double] = [:]
        for _ in 0..<5 {
            for side in NativePeers.sides where side != "native-mecab" || peers.mecabTagger != nil {
                best[side] = min(best[side] ?? .infinity, Measure.time(.thread) { peers.run(side) }.cpu)
            }
        }
        let native = best["native"]!, cached = best["native-cached"]!, ours = best["tokenizer"]!
        print(String(format: "%@    %6.2f  %15.1f  %14.1f  %6.2fx  %d  (native, cached iterator: %.1f MB/s, ratio %.2fx)",
                     label, peers.mb, peers.mb / native, peers.mb / ours, ours / native, peers.tokenCount,
                     peers.mb / cached, ours / cached))
        if let mecab = best["native-mecab"] {
            print(String(format: "        native MeCab loop: %.1f MB/s; tokenizer (MeCab) / native MeCab: %.2fx",
                         peers.mb / mecab, ours / mecab))
        }
        if peers.sink == -1 { print(peers.sink) }
    }
}

/// The tokenizer and its native peers over the same lines.
final class NativePeers {
    static let sides = ["native", "native-cached", "native-mecab", "tokenizer"]
    let lines: [String]
    let language: Language
    let tokenizer: Tokenizer
    let mb: Double
    private let utf16Lines: [[UInt16]]
    private let utf8Lines: [[UInt8]]
    let mecabTagger: UnsafeMutableRawPointer?
    private var ends = [Int32](repeating: 0, count: 1 << 16)
    private var statuses = [Int32](repeating: 0, count: 1 << 16)
    private(set) var sink = 0
    private(set) var tokenCount = 0

    init(lines: [String], language: Language, tokenizer: Tokenizer) {
        self.lines = lines
        self.language = language
        self.tokenizer = tokenizer
        mb = Double(lines.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
        utf16Lines = lines.map { Array($0.utf16) }
        utf8Lines = lines.map { Array($0.utf8) }
        mecabTagger = language == .japanese && tokenizer.japaneseBackend == .mecab
            ? (cmecab_new("") ?? cmecab_new("-d /var/lib/mecab/dic/debian")) : nil
    }

    func run(_ side: String) {
        switch side {
        case "native": icuPass(cached: false)
        case "native-cached": icuPass(cached: true)
        case "native-mecab": mecabPass()
        default: tokenizerPass()
        }
    }

    /// ICU word breaks over the UTF-16 lines, with reused buffers.
    private func icuPass(cached: Bool) {
        let locale = language.rawValue
        for u in utf16Lines {
            var needed: Int32 = 0
            if ends.count < u.count + 1 {
                ends = [Int32](repeating: 0, count: u.count + 1)
                statuses = [Int32](repeating: 0, count: u.count + 1)
            }
            let n = u.withUnsafeBufferPointer { p in
                cached
                    ? cicu_word_breaks_cached(p.baseAddress, Int32(p.count), locale, &ends, &statuses, Int32(ends.count), &needed)
                    : cicu_word_breaks(p.baseAddress, Int32(p.count), locale, &ends, &statuses, Int32(ends.count), &needed)
            }
            sink &+= Int(n)
        }
    }

    private func mecabPass() {
        guard let mecabTagger else { return }
        for l in utf8Lines {
            sink &+= l.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { Int(cmecab_native_walk(mecabTagger, $0.baseAddress, $0.count)) }
            }
        }
    }

    private func tokenizerPass() {
        tokenCount = 0
        for line in lines { tokenCount += tokenizer.tokenize(line, language: language).tokens.count }
    }
}
