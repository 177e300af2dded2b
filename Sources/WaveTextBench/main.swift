// WaveTextBench: runs the WaveText tokenizer from the command line, for the
// evaluation script and for speed measurements.
//
//   WaveTextBench [--lang en|ja|ko|auto] [--icu-ja] [--no-josa] [--stem]
//       reads UTF-8 lines on stdin, writes one JSON line per input line:
//       {"lang":"en","backend":"icu","tokens":[..surfaces..],"spans":[[start,end],..],
//        "stems":[[start,end],..],"terms":[..],"kinds":[..],"sentences":[[start,end],..]}
//       (spans are UTF-8 byte offsets into the line; stems drop Korean particles)
//   WaveTextBench --bench [--icu-ja] en=FILE ja=FILE ko=FILE ...
//       single-threaded MB/s (thread CPU time, best of 5) of Tokenizer.tokenize next to a plain loop of
//       cicu_word_breaks over the same lines (already in UTF-16), same run. The last column is the
//       ratio to the same loop with a reused break iterator (cicu_word_breaks_cached), the
//       stricter peer now that the tokenizer reuses its iterators too. For Japanese with MeCab, a second
//       peer: a plain C loop over MeCab (mecab_sparse_tonode2 over the same lines, walking the nodes and
//       reading each surface and feature string; cmecab_native_walk), and our ratio to it.
import CICUShim
import CMeCabShim
import Foundation
import WaveText

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func flag(_ name: String) -> Bool {
    if let i = args.firstIndex(of: name) { args.remove(at: i); return true }
    return false
}
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    let v = args[i + 1]
    args.removeSubrange(i...(i + 1))
    return v
}

let bench = flag("--bench")
let icuJapanese = flag("--icu-ja")
let noJosa = flag("--no-josa")
let stem = flag("--stem")
// Sentences: the one-pass rule by default (as in the tokenizer); --icu-sentences
// for ICU sentence break (--rule-sentences is accepted and is the default).
_ = flag("--rule-sentences")
let icuSentences = flag("--icu-sentences")
let langOption = option("--lang") ?? "auto"
// --only native|tokenizer: run one side once (for instruction counts with `perf stat`).
let only = option("--only")
// --repeat N: with --only, run that side N times (for `perf record`).
let repeats = Int(option("--repeat") ?? "1") ?? 1
let config = TokenizerConfiguration(stem: stem, useMeCab: !icuJapanese, stripKoreanParticles: !noJosa,
                                     sentenceSegmentation: icuSentences ? .icu : .rules)
let tokenizer = Tokenizer(configuration: config)

func jsonString(_ s: String) -> String {
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

if !bench {
    let language: Language? = langOption == "auto" ? nil : Language(langOption)
    var output = ""
    while let line = readLine(strippingNewline: true) {
        let doc = tokenizer.tokenize(line, language: language)
        let tokens = doc.tokens.map { jsonString($0.surface) }.joined(separator: ",")
        let spans = doc.tokens.map { "[\($0.range.lowerBound),\($0.range.upperBound)]" }.joined(separator: ",")
        let stems = doc.tokens.map { "[\($0.stemRange.lowerBound),\($0.stemRange.upperBound)]" }.joined(separator: ",")
        let terms = doc.tokens.map { jsonString($0.term) }.joined(separator: ",")
        let kinds = doc.tokens.map { "\"\($0.kind.rawValue)\"" }.joined(separator: ",")
        let sentences = doc.sentences.map { "[\($0.range.lowerBound),\($0.range.upperBound)]" }.joined(separator: ",")
        output += "{\"lang\":\"\(doc.language)\",\"backend\":\"\(doc.segmenter)\",\"tokens\":[\(tokens)],\"spans\":[\(spans)],\"stems\":[\(stems)],\"terms\":[\(terms)],\"kinds\":[\(kinds)],\"sentences\":[\(sentences)]}\n"
        if output.utf8.count > 1 << 16 { FileHandle.standardOutput.write(Data(output.utf8)); output = "" }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
    exit(0)
}

// --bench
/// CPU time of this thread in seconds (less disturbed than wall time by
/// other jobs on a shared machine).
func cpuSeconds(_ body: () -> Void) -> Double {
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
    return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
}

print("Japanese backend: \(tokenizer.japaneseBackendDescription); sentences: \(config.sentenceSegmentation)")
print("lang  MB      native ICU MB/s  tokenizer MB/s  ratio (tokenizer time / native time)  tokens")
for pair in args {
    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, let text = try? String(contentsOfFile: parts[1], encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(pair)\n".utf8)); continue
    }
    let language = Language(parts[0])
    let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    let bytes = lines.reduce(0) { $0 + $1.utf8.count }
    let mb = Double(bytes) / 1_000_000
    let utf16Lines = lines.map { Array($0.utf16) }
    let locale = language.rawValue

    // Native peer: cicu_word_breaks over UTF-16 lines with reused buffers.
    var ends = [Int32](repeating: 0, count: 1 << 16)
    var statuses = [Int32](repeating: 0, count: 1 << 16)
    var sink = 0
    func nativePass(cached: Bool = false) {
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
    // Native MeCab peer (Japanese, when the tokenizer uses MeCab): same lines as UTF-8.
    let mecabTagger: UnsafeMutableRawPointer? = language == .japanese && tokenizer.japaneseBackend == .mecab
        ? (cmecab_new("") ?? cmecab_new("-d /var/lib/mecab/dic/debian")) : nil
    let utf8Lines = lines.map { Array($0.utf8) }
    func nativeMeCabPass() {
        guard let mecabTagger else { return }
        for l in utf8Lines {
            sink &+= l.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { Int(cmecab_native_walk(mecabTagger, $0.baseAddress, $0.count)) }
            }
        }
    }
    var tokenCount = 0
    func tokenizerPass() {
        tokenCount = 0
        for line in lines { tokenCount += tokenizer.tokenize(line, language: language).tokens.count }
    }
    if let only {
        for _ in 0..<max(1, repeats) {
            if only == "native" { nativePass() } else if only == "native-cached" { nativePass(cached: true) }
            else if only == "native-mecab" { nativeMeCabPass() } else { tokenizerPass() }
        }
        print("\(parts[0]) \(only) done \(sink) \(tokenCount)")
        continue
    }
    // Warm up, then alternate rounds and keep the best of each.
    nativePass(); nativePass(cached: true); nativeMeCabPass(); tokenizerPass()
    var bestNative = Double.infinity, bestCached = Double.infinity, bestTokenizer = Double.infinity
    var bestMeCab = Double.infinity
    for _ in 0..<5 {
        bestNative = min(bestNative, cpuSeconds { nativePass() })
        bestCached = min(bestCached, cpuSeconds { nativePass(cached: true) })
        if mecabTagger != nil { bestMeCab = min(bestMeCab, cpuSeconds { nativeMeCabPass() }) }
        bestTokenizer = min(bestTokenizer, cpuSeconds { tokenizerPass() })
    }
    let native = mb / bestNative, ours = mb / bestTokenizer
    print(String(format: "%@    %6.2f  %15.1f  %14.1f  %6.2fx  %d  (native, cached iterator: %.1f MB/s, ratio %.2fx)",
                 parts[0], mb, native, ours, bestTokenizer / bestNative, tokenCount,
                 mb / bestCached, bestTokenizer / bestCached))
    if mecabTagger != nil {
        print(String(format: "        native MeCab loop: %.1f MB/s; tokenizer (MeCab) / native MeCab: %.2fx",
                     mb / bestMeCab, bestTokenizer / bestMeCab))
    }
    if sink == -1 { print(sink) }
}
