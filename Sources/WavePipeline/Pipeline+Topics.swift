import Foundation
import Synchronization
import WaveIngest
import WaveReports
import WaveText
import WaveTopics

/// How topics are modelled in a run or by `wavelength topics`.
public struct TopicOptions: Sendable {
    /// Topics per language model.
    public var topics: Int
    public var iterations: Int
    public var burnIn: Int
    public var alpha: Double
    public var beta: Double
    /// 0 keeps a symmetric α; otherwise α is re-estimated every this many sweeps after burn-in.
    public var optimizeInterval: Int
    public var seed: UInt64
    public var threads: Int
    /// A language gets its own model when it has at least this many documents.
    public var minDocuments: Int
    /// Gibbs sweeps when placing new documents in a saved model.
    public var inferenceIterations: Int
    /// λ of the relevance ranking of top terms.
    public var lambda: Double
    /// How much each token counts in sampling (``TermWeight``); `.one` is standard LDA.
    public var termWeight: TermWeight
    /// How much each document weighs as a whole (``DocumentWeight``); `.equal`
    /// gives every document the same weight, `.tokens` is standard LDA.
    public var documentWeight: DocumentWeight
    /// Independent chains sharing the sweeps, topics aligned and averaged
    /// (``LDAOptions/chains``); 1 is one chain.
    public var chains: Int

    public init(topics: Int = 10, iterations: Int = 300, burnIn: Int = 50, alpha: Double = 0.1, beta: Double = 0.01,
                optimizeInterval: Int = 10, seed: UInt64 = 42, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                minDocuments: Int = 20, inferenceIterations: Int = 100, lambda: Double = 0.6,
                termWeight: TermWeight = .one, documentWeight: DocumentWeight = .equal, chains: Int = 1) {
        self.topics = topics; self.iterations = iterations; self.burnIn = burnIn; self.alpha = alpha; self.beta = beta
        self.optimizeInterval = optimizeInterval; self.seed = seed; self.threads = max(1, threads)
        self.minDocuments = minDocuments; self.inferenceIterations = inferenceIterations; self.lambda = lambda
        self.termWeight = termWeight
        self.documentWeight = documentWeight
        self.chains = max(1, chains)
    }

    var lda: LDAOptions {
        LDAOptions(topics: topics, iterations: iterations, burnIn: burnIn, alpha: alpha, beta: beta,
                   optimizeInterval: optimizeInterval, seed: seed, threads: threads, termWeight: termWeight,
                   documentWeight: documentWeight, chains: chains)
    }
}

/// Topics of a set of documents: one model per language, each topic's summary,
/// and each document's proportions (nil when its language has no model).
public struct TopicAnalysis: Sendable {
    public var models: [LDAModel]
    /// Summaries of every topic of every model, models in language order.
    public var summaries: [TopicSummary]
    /// Per document (in the order given): the model index and θ, or nil.
    public var assignments: [(model: Int, proportions: [Double])?]
    /// Languages that had documents but too few for a model.
    public var skippedLanguages: [String: Int]

    /// Name of the main topic of document `d` (`ja-3`), or nil.
    public func mainTopic(ofDocument d: Int) -> String? {
        guard let a = assignments[d], let k = TopicSummarizer.mainTopic(a.proportions) else { return nil }
        let language = models[a.model].language
        return language.isEmpty ? "\(k)" : "\(language)-\(k)"
    }
}

extension Pipeline {
    /// Ingests and analyses the corpus without writing anything (for `wavelength topics`).
    /// - Throws: ``RunError`` when the corpus cannot be listed or a configuration file is invalid.
    public func analysedDocuments(log: @Sendable (String) -> Void = { _ in }) throws -> [Analyzer.Result] {
        let config = configuration
        let analyzer = try Analyzer(configuration: config, log: log)
        let ingestor = Ingestor(options: IngestOptions(maxFileBytes: config.maxFileBytes))
        let listing = try CorpusListing(root: config.corpus)
        let readable = listing.files.filter { ingestor.handles(path: $0) }
        let outcomes = Self.processFiles(readable, root: config.corpus, threads: config.threads,
                                         ingestor: ingestor, analyzer: analyzer, clock: StageClock())
        var results: [Analyzer.Result] = []
        for outcome in outcomes {
            switch outcome {
            case .analysed(let documents): results += documents
            case .failed(let failure): log("error: \(failure.path): \(failure.stage): \(failure.code): \(failure.reason)")
            }
        }
        return results
    }

    /// The terms of a document that topic models see: content terms without
    /// digits, and without one-letter terms other than ideographs.
    public static func topicTerms(_ terms: [String]) -> [String] {
        terms.filter { term in
            if term.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { return false }
            if term.unicodeScalars.count == 1 { return term.unicodeScalars.first!.properties.isIdeographic }
            return true
        }
    }

    /// Trains one model per language with at least `options.minDocuments` documents.
    ///
    /// Terms kept per language: in at least 5 documents (2 below 100 documents,
    /// 1 below 20) and in at most half of them (all when under 10 documents).
    public static func trainTopics(results: [Analyzer.Result], options: TopicOptions,
                                   log: (String) -> Void = { _ in }) -> TopicAnalysis {
        let groups = Dictionary(grouping: results.indices, by: { results[$0].record.language })
        var models: [LDAModel] = []
        var skipped: [String: Int] = [:]
        var assignments = [(model: Int, proportions: [Double])?](repeating: nil, count: results.count)
        var summaries: [TopicSummary] = []
        let summarizer = TopicSummarizer(lambda: options.lambda)
        for language in groups.keys.sorted() {
            let members = groups[language]!
            guard members.count >= max(options.minDocuments, 2) else { skipped[language] = members.count; continue }
            let minDF = members.count >= 100 ? 5 : members.count >= 20 ? 2 : 1
            let corpus = TopicCorpus(documents: members.map { topicTerms(results[$0].topicTerms ?? results[$0].terms) }, minDocumentFrequency: minDF,
                                     maxDocumentShare: members.count >= 10 ? 0.5 : 1)
            guard corpus.termCount > 0 else { skipped[language] = members.count; continue }
            let training = GibbsSampler(options: options.lda).train(corpus, language: language)
            log(String(format: "topics: %@: %d documents, %d terms, %d tokens, K=%d, %d sweeps in %.1f s", language,
                       corpus.documentCount, corpus.termCount, corpus.tokenCount, options.topics, options.iterations,
                       training.seconds))
            let proportions = (0..<corpus.documentCount).map { training.proportions(ofDocument: $0) }
            for (i, d) in members.enumerated() { assignments[d] = (models.count, proportions[i]) }
            summaries += summarizer.summaries(of: training.model, proportions: proportions, corpus: corpus)
                .map { var s = $0; s.representativeDocuments = s.representativeDocuments.map { members[$0] }; return s }
            models.append(training.model)
        }
        return TopicAnalysis(models: models, summaries: summaries, assignments: assignments, skippedLanguages: skipped)
    }

    /// Places documents in saved models (one per language) without retraining.
    public static func inferTopics(results: [Analyzer.Result], models: [LDAModel], options: TopicOptions) -> TopicAnalysis {
        var assignments = [(model: Int, proportions: [Double])?](repeating: nil, count: results.count)
        var summaries: [TopicSummary] = []
        var skipped: [String: Int] = [:]
        let summarizer = TopicSummarizer(lambda: options.lambda)
        let groups = Dictionary(grouping: results.indices, by: { results[$0].record.language })
        for language in groups.keys.sorted() {
            let members = groups[language]!
            guard let m = models.firstIndex(where: { $0.language == language || $0.language.isEmpty }) else {
                skipped[language] = members.count; continue
            }
            let corpus = TopicCorpus(documents: members.map { topicTerms(results[$0].topicTerms ?? results[$0].terms) }, terms: models[m].terms)
            let proportions = models[m].infer(corpus, iterations: options.inferenceIterations, seed: options.seed,
                                              threads: options.threads)
            for (i, d) in members.enumerated() { assignments[d] = (m, proportions[i]) }
            summaries += summarizer.summaries(of: models[m], proportions: proportions, corpus: corpus)
                .map { var s = $0; s.representativeDocuments = s.representativeDocuments.map { members[$0] }; return s }
        }
        return TopicAnalysis(models: models, summaries: summaries, assignments: assignments, skippedLanguages: skipped)
    }

    /// `topics.csv`: one row per topic.
    ///
    /// Columns: `topic` (`ja-3`), `language`, `label`, `top_terms` (by relevance, space-separated),
    /// `share` (mean proportion over all documents that have a model, so shares of all
    /// topics sum to 1), `documents` (documents whose main topic it is), `coherence`
    /// (NPMI of the top-10 probable terms), `representative` (titles, ` | `-separated).
    public static func topicsTable(_ analysis: TopicAnalysis, results: [Analyzer.Result]) -> CSVTable {
        var table = CSVTable(header: ["topic", "language", "label", "top_terms", "share", "documents", "coherence", "representative"])
        let modelled = Double(max(analysis.assignments.compactMap { $0 }.count, 1))
        for summary in analysis.summaries {
            let members = analysis.assignments.filter { $0.map { analysis.models[$0.model].language == summary.language } ?? false }
            let share = Double(members.count) * summary.share / modelled
            let titles = summary.representativeDocuments.map { results[$0].record.title ?? results[$0].record.id }
            table.append([summary.name, summary.language, summary.label, summary.topTerms.joined(separator: " "),
                          CSVTable.number(share), String(summary.mainDocuments), CSVTable.number(summary.coherence),
                          titles.joined(separator: " | ")])
        }
        return table
    }

    /// `document_topics.csv`: one row per document.
    ///
    /// Columns: `id`, `path`, `language`, `main_topic` (empty when the language has no
    /// model), `main_proportion`, `proportions` (θ of the language's topics 0…K−1, space-separated).
    public static func documentTopicsTable(_ analysis: TopicAnalysis, results: [Analyzer.Result]) -> CSVTable {
        var table = CSVTable(header: ["id", "path", "language", "main_topic", "main_proportion", "proportions"])
        for (d, result) in results.enumerated() {
            let theta = analysis.assignments[d]?.proportions ?? []
            let main = TopicSummarizer.mainTopic(theta)
            table.append([result.record.id, result.record.path, result.record.language, analysis.mainTopic(ofDocument: d) ?? "",
                          main.map { CSVTable.number(theta[$0]) } ?? "", theta.map { CSVTable.number($0) }.joined(separator: " ")])
        }
        return table
    }

    /// Topic share per group of documents: for each group key, the mean proportion
    /// of each topic (by summary index) over the group's documents with a model.
    static func topicShares(_ analysis: TopicAnalysis, results: [Analyzer.Result],
                            key: (DocumentRecord) -> String) -> [(group: String, documents: Int, shares: [Double])] {
        var sums: [String: [Double]] = [:], counts: [String: Int] = [:]
        let index = Dictionary(uniqueKeysWithValues: analysis.summaries.enumerated().map { ("\($0.element.language)\t\($0.element.topic)", $0.offset) })
        for (d, result) in results.enumerated() {
            guard let a = analysis.assignments[d] else { continue }
            let g = key(result.record)
            var row = sums[g] ?? [Double](repeating: 0, count: analysis.summaries.count)
            for (k, p) in a.proportions.enumerated() {
                if let i = index["\(analysis.models[a.model].language)\t\(k)"] { row[i] += p }
            }
            sums[g] = row
            counts[g, default: 0] += 1
        }
        return sums.keys.sorted().map { g in (g, counts[g]!, sums[g]!.map { $0 / Double(counts[g]!) }) }
    }

    /// The report's topic section: topics with labels, terms, share and coherence;
    /// representative documents; an inline SVG chart of shares over time; shares
    /// per country focus and per site.
    public static func topicSection(_ analysis: TopicAnalysis, results: [Analyzer.Result]) -> ReportSection {
        let e = { (s: String) in HTML.escape(s) }
        let c = { (s: String) in MarkdownText.cell(s) }
        let table = topicsTable(analysis, results: results)
        var md = "Topics found by LDA (collapsed Gibbs sampling), one model per language"
        var html = "<p>Topics found by LDA (collapsed Gibbs sampling), one model per language"
        let parameters = analysis.models.map { "\($0.language): K=\($0.topicCount), \($0.iterations) sweeps, seed \($0.seed)" }
            .joined(separator: "; ")
        md += " (\(parameters)). Terms are ranked by relevance (λ = 0.6); coherence is NPMI of the top 10 terms.\n\n"
        html += " (\(e(parameters))). Terms are ranked by relevance (λ = 0.6); coherence is NPMI of the top 10 terms.</p>"
        if !analysis.skippedLanguages.isEmpty {
            md += "Too few documents for a model: \(c(ReportData.describeCounts(analysis.skippedLanguages))).\n\n"
            html += "<p>Too few documents for a model: \(e(ReportData.describeCounts(analysis.skippedLanguages))).</p>"
        }
        md += "| topic | label | top terms | share | documents | coherence | representative documents |\n|---|---|---|---|---|---|---|\n"
        html += "<table><tr><th>topic</th><th>label</th><th>top terms</th><th>share</th><th>documents</th><th>coherence</th><th>representative documents</th></tr>"
        for row in table.rows {
            md += "| \(c(row[0])) | \(c(row[2])) | \(c(row[3])) | \(row[4]) | \(row[5]) | \(row[6]) | \(c(row[7])) |\n"
            html += "<tr><td>\(e(row[0]))</td><td>\(e(row[2]))</td><td>\(e(row[3]))</td><td>\(row[4])</td><td>\(row[5])</td><td>\(row[6])</td><td>\(e(row[7]))</td></tr>"
        }
        html += "</table>"
        md += "\n"

        // Shares over time: years, or months when the documents span one year.
        let years = Set(results.compactMap(\.record.year))
        let monthly = years.count <= 1
        let periods = topicShares(analysis, results: results) { record in
            guard let date = record.date, date.count >= 7 else { return "undated" }
            return monthly ? String(date.prefix(7)) : String(date.prefix(4))
        }
        let names = analysis.summaries.map { "\($0.name) \($0.label)" }
        let shown = analysis.summaries.indices.sorted { (analysis.summaries[$0].share, $1) > (analysis.summaries[$1].share, $0) }.prefix(10)
        if !periods.isEmpty {
            html += "<h3>Topic share over time</h3>"
            html += SVGChart.lines(categories: periods.map(\.group),
                                   series: shown.map { i in (names[i], periods.map { $0.shares[i] }) },
                                   title: "Mean topic proportion per \(monthly ? "month" : "year")")
            md += "### Topic share over time\n\n| \(monthly ? "month" : "year") | documents | " + shown.map { c(analysis.summaries[$0].name) }.joined(separator: " | ") + " |\n"
            md += "|---|---|" + String(repeating: "---|", count: shown.count) + "\n"
            for p in periods {
                md += "| \(c(p.group)) | \(p.documents) | " + shown.map { CSVTable.number(p.shares[$0], decimals: 3) }.joined(separator: " | ") + " |\n"
            }
            md += "\n"
        }
        for (title, key) in [("country focus", { (r: DocumentRecord) in r.focus }), ("site", { (r: DocumentRecord) in r.site ?? "unknown" })] {
            var groups = topicShares(analysis, results: results, key: key)
            groups = Array(groups.sorted { ($0.documents, $1.group) > ($1.documents, $0.group) }.prefix(8))
            guard !groups.isEmpty else { continue }
            md += "### Topic share by \(title)\n\n| \(title) | documents | " + shown.map { c(analysis.summaries[$0].name) }.joined(separator: " | ") + " |\n"
            md += "|---|---|" + String(repeating: "---|", count: shown.count) + "\n"
            html += "<h3>Topic share by \(title)</h3><table><tr><th>\(title)</th><th>documents</th>" + shown.map { "<th>\(e(analysis.summaries[$0].name))</th>" }.joined() + "</tr>"
            for g in groups {
                md += "| \(c(g.group)) | \(g.documents) | " + shown.map { CSVTable.number(g.shares[$0], decimals: 3) }.joined(separator: " | ") + " |\n"
                html += "<tr><td>\(e(g.group))</td><td>\(g.documents)</td>" + shown.map { "<td>\(CSVTable.number(g.shares[$0], decimals: 3))</td>" }.joined() + "</tr>"
            }
            html += "</table>"
            md += "\n"
        }
        return ReportSection(title: "Topics", markdown: md, html: html)
    }

    /// Adds the topic tables and report section to a run's report data
    /// (when ``RunConfiguration/topics`` is set).
    static func addingTopics(to data: ReportData, results: [Analyzer.Result], configuration config: RunConfiguration,
                             log: (String) -> Void) -> ReportData {
        guard let k = config.topics, k > 0 else { return data }
        var options = TopicOptions(topics: k, iterations: config.topicIterations, seed: config.topicSeed, threads: config.threads)
        options.minDocuments = config.topicMinDocuments
        options.termWeight = config.topicTermWeight
        options.documentWeight = config.topicDocumentWeight
        let analysis = trainTopics(results: results, options: options, log: log)
        var data = data
        data.tables.append(OutputTable(name: "topics.csv", text: topicsTable(analysis, results: results).text))
        data.tables.append(OutputTable(name: "document_topics.csv", text: documentTopicsTable(analysis, results: results).text))
        data.sections.append(topicSection(analysis, results: results))
        return data
    }
}

extension ReportData {
    /// "en 3, ja 2", for counts keyed by name.
    static func describeCounts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
