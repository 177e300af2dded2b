import ArgumentParser
import Foundation
import WaveCorpus
import WaveIngest
import WaveLexicon
import WaveText
import WaveTopics

extension TermWeight: ExpressibleByArgument {}
extension DocumentWeight: ExpressibleByArgument {}

/// `WaveBench topics-export --input livedoor_news_ja.jsonl --output DIR`: writes
/// DIR/tokens.txt (one document per line, terms separated by spaces) and
/// DIR/labels.tsv (id TAB category) for scripts/eval_topics.py.
///
/// `--filter shipped` exports the run's own topic terms: each document analysed by
/// the shipped `Analyzer` (WaveCorpus), its `topicModelTerms` (MeCab nouns with
/// compounds joined for Japanese, through `TopicTerms.filter`), and the run's
/// vocabulary rule (`TopicTerms.corpus`: min_df and max_df from the corpus size),
/// so the evaluation scores exactly what `wavelength run --topics` models.
/// `--filter own` (the default, kept for the figures in BENCHMARKS.md) is this
/// tool's configurable filter: word tokens, no digits, no single hiragana, nouns
/// and noun compounds with MeCab, `--min-df`, `--max-df`.
struct TopicsExport: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export topic-model token lists from a JSON Lines corpus.")

    @Option var input: String
    @Option var output: String
    @Option(help: "icu or mecab (the tokenizer's default when MeCab is installed).") var segmenter = "mecab"
    @Option(help: "1: only nouns where the segmenter tags parts of speech (MeCab).") var nouns = 0
    @Option(help: "1: join touching nouns into one term (MeCab).") var compounds = 0
    @Option(help: "1: keep single-hiragana terms.") var single = 0
    @Option(help: "Drop body lines found in at least this share of the documents (0 keeps all).") var repeatedLines = 0.0
    @Option var minDf = 5
    @Option var maxDf = 0.5
    @Option(help: "own: this tool's filter (the options above); shipped: the run's topic terms and vocabulary rule.")
    var filter = "own"

    func validate() throws {
        guard segmenter == "icu" || segmenter == "mecab" else { throw ValidationError("--segmenter must be icu or mecab") }
        guard filter == "own" || filter == "shipped" else { throw ValidationError("--filter must be own or shipped") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let objects = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let repeated = repeatedBodyLines(objects)
        let tokenizer = Tokenizer(configuration: TokenizerConfiguration(useMeCab: segmenter == "mecab"))
        let analyzer = filter == "shipped" ? try Self.shippedAnalyzer() : nil
        var documents: [[String]] = []
        var labels = ""
        for object in objects {
            let kept = repeated.isEmpty ? (object["body"] as? String ?? "")
                : Self.lines(object).filter { !repeated.contains($0) }.joined(separator: "\n")
            let title = object["title"] as? String ?? "", id = object["id"] as? String ?? ""
            if let analyzer {
                let article = Article(id: id, path: id, title: title, format: .text, encoding: "UTF-8", paragraphs: [title, kept])
                documents.append(analyzer.analyze(article).topicModelTerms)
            } else {
                documents.append(terms(of: tokenizer.tokenize(title + "\n" + kept, language: .japanese)))
            }
            labels += "\(id)\t\(object["category"] as? String ?? "")\n"
        }
        let corpus = analyzer == nil ? TopicCorpus(documents: documents, minDocumentFrequency: minDf, maxDocumentShare: maxDf)
            : TopicTerms.corpus(documents)
        var out = ""
        for d in 0..<corpus.documentCount {
            out += corpus.document(d).map { corpus.terms[Int($0)] }.joined(separator: " ") + "\n"
        }
        try Data(out.utf8).write(to: folder.appendingPathComponent("tokens.txt"))
        try Data(labels.utf8).write(to: folder.appendingPathComponent("labels.tsv"))
        print("documents \(corpus.documentCount) types \(corpus.termCount) tokens \(corpus.tokenCount)")
    }

    /// The run's per-document analyzer with the shipped data and `Stopwords/` when present.
    private static func shippedAnalyzer() throws -> Analyzer {
        let stopwords = (try? Stopwords(directory: URL(fileURLWithPath: "Stopwords"))) ?? Stopwords()
        return Analyzer(stopwords: stopwords, dictionary: try ThemeDictionary.shipped(),
                        lexicon: try SentimentLexicon.shipped(), gazetteer: try Gazetteer.shipped())
    }

    /// The terms of one document after this tool's own filter (see the note above).
    private func terms(of document: TokenizedDocument) -> [String] {
        let tokens = compounds == 1 ? NounCompounds.joined(document.tokens) : document.tokens
        return tokens.filter { !$0.isStopword && $0.kind == .word }
            .filter { nouns != 1 || $0.partOfSpeech == nil || $0.partOfSpeech == "名詞" }
            .map(\.term)
            .filter { !$0.contains(where: \.isNumber) && (single == 1 || !Self.isSingleHiragana($0)) }
            .map { $0.replacingOccurrences(of: " ", with: "_") }
    }

    /// Body lines (trimmed) found in at least `repeatedLines` of the documents:
    /// footers, signatures, link blocks.
    private func repeatedBodyLines(_ objects: [[String: Any]]) -> Set<String> {
        guard repeatedLines > 0 else { return [] }
        var frequency: [String: Int] = [:]
        for object in objects { for line in Set(Self.lines(object)) where !line.isEmpty { frequency[line, default: 0] += 1 } }
        let threshold = max(2.0, repeatedLines * Double(objects.count))
        let repeated = Set(frequency.filter { Double($0.value) >= threshold }.keys)
        print("dropping \(repeated.count) lines repeated in at least \(Int(threshold.rounded(.up))) documents")
        return repeated
    }

    private static func lines(_ object: [String: Any]) -> [String] {
        (object["body"] as? String ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func isSingleHiragana(_ term: String) -> Bool {
        let scalars = Array(term.unicodeScalars)
        return scalars.count == 1 && (0x3041...0x309F).contains(scalars[0].value)
    }
}

/// `WaveBench topics-train --tokens DIR/tokens.txt --output result.json`: trains
/// the shipped LDA sampler (`GibbsSampler`) on exactly those tokens; the JSON
/// holds seconds, CPU seconds, main topics, top and relevant terms, coherence.
struct TopicsTrain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train the LDA sampler on exported tokens.")

    @Option var tokens: String
    @Option var output: String
    @Option(help: "Also write the model file here.") var model: String?
    @Option var topics = 9
    @Option var iterations = 500
    @Option var burnIn = 50
    @Option var alpha = 0.1
    @Option var beta = 0.01
    @Option var optimize = 10
    @Option var seed: UInt64 = 0
    @Option var threads = 1
    @Option var shards = 16
    @Option(help: "Average theta over the final N sweeps.") var average = 20
    @Option var termWeight = TermWeight.one
    @Option var documentWeight = DocumentWeight.equal
    @Option var chains = 1

    func run() throws {
        let text = try String(contentsOfFile: tokens, encoding: .utf8)
        let documents = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.split(separator: " ").map(String.init) }
        let corpus = TopicCorpus(documents: documents)
        let lda = LDAOptions(topics: topics, iterations: iterations, burnIn: burnIn, alpha: alpha, beta: beta,
                             optimizeInterval: optimize, seed: seed, threads: threads, shards: shards,
                             averagedSweeps: average, termWeight: termWeight, documentWeight: documentWeight,
                             chains: chains)
        var trained: LDATraining?
        let sample = Measure.time { trained = GibbsSampler(options: lda).train(corpus) }
        guard let training = trained else { return }
        let model = training.model
        let summarizer = TopicSummarizer()
        let main = (0..<corpus.documentCount).map { TopicSummarizer.mainTopic(training.proportions(ofDocument: $0)) ?? 0 }
        let top = (0..<model.topicCount).map { summarizer.probableTerms(of: $0, in: model).map { model.terms[$0] } }
        let relevant = (0..<model.topicCount).map { summarizer.relevantTerms(of: $0, in: model).map { model.terms[$0.term] } }
        let coherence = Coherence.npmi(of: (0..<model.topicCount).map { summarizer.probableTerms(of: $0, in: model).map(Int32.init) },
                                       in: corpus)
        let result: [String: Any] = ["seconds": training.seconds, "cpu_seconds": sample.cpu, "main_topics": main, "top_terms": top,
                                     "relevant_terms": relevant, "alpha": model.alpha, "coherence": coherence,
                                     "documents": corpus.documentCount, "tokens": corpus.tokenCount,
                                     "log_likelihood": training.logLikelihoodPerToken]
        try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]).write(to: URL(fileURLWithPath: output))
        if let model = self.model { try LDAModelFile.write([training.model], to: URL(fileURLWithPath: model)) }
        print(String(format: "trained %d docs, %d tokens, K=%d, %d iterations, %d threads in %.2f s",
                     corpus.documentCount, corpus.tokenCount, lda.topics, lda.iterations, lda.threads, training.seconds))
    }
}
