// WaveTopicsBench: exports token lists from a JSON Lines corpus and trains the
// Wavelength LDA sampler on them, for scripts/eval_topics.py.
//
//   WaveTopicsBench export --input livedoor_news_ja.jsonl --output DIR
//       writes DIR/tokens.txt (one document per line, terms separated by spaces)
//       and DIR/labels.tsv (id TAB category), after the README's filter:
//       word tokens, no digits, no single hiragana, min_df 5, max_df 0.5.
//       [--segmenter icu|mecab (default mecab) --nouns 1 --compounds 1 --single 1
//        --min-df 5 --max-df 0.5 --repeated-lines SHARE]
//   WaveTopicsBench train --tokens DIR/tokens.txt --topics 9 --iterations 500
//       --threads 1 --seed 0 --output result.json [--alpha 0.1 --beta 0.01 --optimize 10 --burn-in 50 --shards 16
//        --term-weight one|idf|pmi --document-weight equal|tokens --chains R]
//       trains on exactly those tokens; result.json has seconds, main topics and top terms.
import Foundation
import WaveText
import WaveTopics

func options(_ arguments: ArraySlice<String>) -> [String: String] {
    var result: [String: String] = [:]
    var i = arguments.startIndex
    while i < arguments.endIndex {
        let key = arguments[i]
        guard key.hasPrefix("--"), i + 1 < arguments.endIndex else { fatalError("bad argument \(key)") }
        result[String(key.dropFirst(2))] = arguments[i + 1]
        i += 2
    }
    return result
}

func isSingleHiragana(_ term: String) -> Bool {
    let scalars = Array(term.unicodeScalars)
    return scalars.count == 1 && (0x3041...0x309F).contains(scalars[0].value)
}

func export(_ o: [String: String]) throws {
    guard let input = o["input"], let output = o["output"] else { fatalError("export needs --input and --output") }
    let folder = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let text = try String(contentsOfFile: input, encoding: .utf8)
    // --segmenter icu|mecab (default mecab, the tokenizer's default when MeCab is installed).
    let segmenter = o["segmenter"] ?? "mecab"
    guard segmenter == "icu" || segmenter == "mecab" else { fatalError("--segmenter must be icu or mecab") }
    let tokenizer = Tokenizer(configuration: TokenizerConfiguration(useMeCab: segmenter == "mecab"))
    // --nouns 1: keep only nouns where the segmenter tags parts of speech (MeCab).
    let nounsOnly = o["nouns"] == "1"
    // --compounds 1: join touching nouns into one term (MeCab).
    let compounds = o["compounds"] == "1"
    // --single 1: keep single-hiragana terms.
    let keepSingle = o["single"] == "1"
    // --repeated-lines S: drop body lines (trimmed) found in at least S (a share) of the
    // documents: footers, signatures, link blocks. 0 keeps every line.
    let repeatedShare = Double(o["repeated-lines"] ?? "0")!
    var documents: [[String]] = []
    var labels = ""
    var objects: [[String: Any]] = []
    for line in text.split(separator: "\n") {
        if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { objects.append(object) }
    }
    func lines(_ object: [String: Any]) -> [String] {
        (object["body"] as? String ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    var repeated: Set<String> = []
    if repeatedShare > 0 {
        var frequency: [String: Int] = [:]
        for object in objects { for line in Set(lines(object)) where !line.isEmpty { frequency[line, default: 0] += 1 } }
        let threshold = max(2.0, repeatedShare * Double(objects.count))
        repeated = Set(frequency.filter { Double($0.value) >= threshold }.keys)
        print("dropping \(repeated.count) lines repeated in at least \(Int(threshold.rounded(.up))) documents")
    }
    for object in objects {
        let kept = repeated.isEmpty ? (object["body"] as? String ?? "") : lines(object).filter { !repeated.contains($0) }.joined(separator: "\n")
        let body = (object["title"] as? String ?? "") + "\n" + kept
        let document = tokenizer.tokenize(body, language: .japanese)
        let tokens = compounds ? NounCompounds.joined(document.tokens) : document.tokens
        let terms = tokens.filter { !$0.isStopword && $0.kind == .word }
            .filter { !nounsOnly || $0.partOfSpeech == nil || $0.partOfSpeech == "名詞" }
            .map(\.term)
            .filter { !$0.contains(where: \.isNumber) && (keepSingle || !isSingleHiragana($0)) }
            .map { $0.replacingOccurrences(of: " ", with: "_") }
        documents.append(terms)
        labels += "\(object["id"] as? String ?? "")\t\(object["category"] as? String ?? "")\n"
    }
    let corpus = TopicCorpus(documents: documents, minDocumentFrequency: Int(o["min-df"] ?? "5")!,
                             maxDocumentShare: Double(o["max-df"] ?? "0.5")!)
    var out = ""
    for d in 0..<corpus.documentCount {
        out += corpus.document(d).map { corpus.terms[Int($0)] }.joined(separator: " ") + "\n"
    }
    try Data(out.utf8).write(to: folder.appendingPathComponent("tokens.txt"))
    try Data(labels.utf8).write(to: folder.appendingPathComponent("labels.tsv"))
    print("documents \(corpus.documentCount) types \(corpus.termCount) tokens \(corpus.tokenCount)")
}

func train(_ o: [String: String]) throws {
    guard let tokens = o["tokens"], let output = o["output"] else { fatalError("train needs --tokens and --output") }
    let text = try String(contentsOfFile: tokens, encoding: .utf8)
    let documents = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        .map { $0.split(separator: " ").map(String.init) }
    let corpus = TopicCorpus(documents: documents)
    let lda = LDAOptions(topics: Int(o["topics"] ?? "9")!, iterations: Int(o["iterations"] ?? "500")!,
                         burnIn: Int(o["burn-in"] ?? "50")!, alpha: Double(o["alpha"] ?? "0.1")!,
                         beta: Double(o["beta"] ?? "0.01")!, optimizeInterval: Int(o["optimize"] ?? "10")!,
                         seed: UInt64(o["seed"] ?? "0")!, threads: Int(o["threads"] ?? "1")!,
                         shards: Int(o["shards"] ?? "16")!, averagedSweeps: Int(o["average"] ?? "20")!,
                         termWeight: TermWeight(rawValue: o["term-weight"] ?? "one")!,
                         documentWeight: DocumentWeight(rawValue: o["document-weight"] ?? "equal")!,
                         chains: Int(o["chains"] ?? "1")!)
    let cpuStart = processCPUSeconds()
    let training = GibbsSampler(options: lda).train(corpus)
    let cpuSeconds = processCPUSeconds() - cpuStart
    let model = training.model
    let main = (0..<corpus.documentCount).map { TopicSummarizer.mainTopic(training.proportions(ofDocument: $0)) ?? 0 }
    let summarizer = TopicSummarizer()
    let top = (0..<model.topicCount).map { summarizer.probableTerms(of: $0, in: model).map { model.terms[$0] } }
    let relevant = (0..<model.topicCount).map { summarizer.relevantTerms(of: $0, in: model).map { model.terms[$0.term] } }
    let coherence = Coherence.npmi(of: (0..<model.topicCount).map { summarizer.probableTerms(of: $0, in: model).map(Int32.init) },
                                   in: corpus)
    let result: [String: Any] = ["seconds": training.seconds, "cpu_seconds": cpuSeconds, "main_topics": main, "top_terms": top,
                                 "relevant_terms": relevant, "alpha": model.alpha, "coherence": coherence,
                                 "documents": corpus.documentCount, "tokens": corpus.tokenCount,
                                 "log_likelihood": training.logLikelihoodPerToken]
    try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]).write(to: URL(fileURLWithPath: output))
    if let modelPath = o["model"] { try LDAModelFile.write([model], to: URL(fileURLWithPath: modelPath)) }
    print(String(format: "trained %d docs, %d tokens, K=%d, %d iterations, %d threads in %.2f s",
                 corpus.documentCount, corpus.tokenCount, lda.topics, lda.iterations, lda.threads, training.seconds))
}

func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fatalError("usage: WaveTopicsBench export|train --option value …") }
switch arguments[1] {
case "export": try export(options(arguments.dropFirst(2)))
case "train": try train(options(arguments.dropFirst(2)))
default: fatalError("unknown command \(arguments[1])")
}
