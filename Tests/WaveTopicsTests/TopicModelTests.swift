import Foundation
import Testing
@testable import WaveTopics

/// A small synthetic corpus: `themes` groups of ten words, each document drawn
/// mostly from one theme, with shared filler words.
enum SyntheticTopics {
    static let themes: [[String]] = [
        ["concert", "album", "singer", "band", "stage", "song", "chart", "fans", "tour", "melody"],
        ["kimchi", "ramen", "sushi", "restaurant", "chef", "recipe", "noodle", "flavor", "kitchen", "dish"],
        ["console", "player", "controller", "level", "arcade", "gamer", "quest", "puzzle", "score", "joystick"],
    ]
    static let filler = ["people", "today", "city", "report", "week"]

    /// Documents and the theme each was drawn from.
    static func documents(perTheme: Int = 20, length: Int = 40, seed: UInt64 = 7) -> (documents: [[String]], themes: [Int]) {
        var random = SeededRandom(seed: seed)
        var documents: [[String]] = [], labels: [Int] = []
        for t in themes.indices {
            for _ in 0..<perTheme {
                documents.append((0..<length).map { _ in
                    random.nextUnit() < 0.8 ? themes[t][random.nextInt(below: 10)] : filler[random.nextInt(below: filler.count)]
                })
                labels.append(t)
            }
        }
        return (documents, labels)
    }
}

@Suite struct TopicModelTests {
    static func train(threads: Int, seed: UInt64 = 11, iterations: Int = 60, optimize: Int = 10,
                      termWeight: TermWeight = .one, documentWeight: DocumentWeight = .tokens,
                      documents: [[String]] = SyntheticTopics.documents().documents) -> LDATraining {
        let corpus = TopicCorpus(documents: documents)
        let options = LDAOptions(topics: 3, iterations: iterations, burnIn: 10, optimizeInterval: optimize, seed: seed,
                                 threads: threads, shards: 8, termWeight: termWeight, documentWeight: documentWeight)
        return GibbsSampler(options: options).train(corpus)
    }

    /// Whether every theme's documents share one main topic and different themes
    /// have different ones.
    static func eachThemeHasItsOwnTopic(_ training: LDATraining, themes: [Int]) -> Bool {
        let main = themes.indices.map { TopicSummarizer.mainTopic(training.proportions(ofDocument: $0))! }
        var topicsOf: [Int: Set<Int>] = [:]
        for (theme, topic) in zip(themes, main) { topicsOf[theme, default: []].insert(topic) }
        return topicsOf.values.allSatisfy { $0.count == 1 } && Set(topicsOf.values.map { $0.first! }).count == topicsOf.count
    }

    @Test(arguments: [2, 3, 8])
    func sameSeedGivesIdenticalCountsWhateverTheThreadCount(threads: Int) {
        let one = Self.train(threads: 1)
        let many = Self.train(threads: threads)
        #expect(one.model.topicWordCounts == many.model.topicWordCounts)
        #expect(one.documentTopicCounts == many.documentTopicCounts)
        #expect(one.model.alpha == many.model.alpha)
        #expect(one.model == many.model)
    }

    @Test func anotherSeedGivesAnotherSample() {
        #expect(Self.train(threads: 2, seed: 1).documentTopicCounts != Self.train(threads: 2, seed: 2).documentTopicCounts)
    }

    @Test func countsStayConsistent() {
        let training = Self.train(threads: 2)
        let model = training.model
        #expect(model.topicTotals.reduce(0, +) == 60 * 40)
        #expect(model.topicWordCounts.allSatisfy { $0 >= 0 })
        #expect(training.documentTopicCounts.reduce(0) { $0 + Int($1) } == 60 * 40)
        #expect(model.alpha.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test func recoversThePlantedThemes() {
        let training = Self.train(threads: 2)
        #expect(Self.eachThemeHasItsOwnTopic(training, themes: SyntheticTopics.documents().themes))
    }

    @Test func inferencePlacesNewDocumentsInTheMatchingTopic() {
        let training = Self.train(threads: 2)
        let model = training.model
        let summarizer = TopicSummarizer(termCount: 10)
        let fresh = SyntheticTopics.documents(perTheme: 3, seed: 99)
        let theta = model.infer(fresh.documents, iterations: 50, seed: 5, threads: 1)
        #expect(theta == model.infer(fresh.documents, iterations: 50, seed: 5, threads: 3))
        for (d, label) in fresh.themes.enumerated() {
            let k = TopicSummarizer.mainTopic(theta[d])!
            #expect(abs(theta[d].reduce(0, +) - 1) < 1e-9)
            #expect(theta[d][k] > 0.8)
            // The topic's top terms are the document's theme words.
            let top = Set(summarizer.probableTerms(of: k, in: model, count: 5).map { model.terms[$0] })
            #expect(top.isSubset(of: Set(SyntheticTopics.themes[label])))
        }
        // Unknown words only: the prior.
        let empty = model.infer([["zeppelin", "quokka"]])[0]
        let alphaSum = model.alpha.reduce(0, +)
        #expect(empty == model.alpha.map { $0 / alphaSum })
    }

    @Test func symmetricPriorStaysSymmetric() {
        let training = Self.train(threads: 2, optimize: 0)
        #expect(training.model.alpha == [0.1, 0.1, 0.1])
    }

    @Test func modelFileRoundTrips() throws {
        var model = Self.train(threads: 2).model
        model.language = "en"
        model.terms[0] = "tab\there \\ and\nnewline"
        var other = model
        other.language = "ja"
        let text = LDAModelFile.text(of: [model, other])
        #expect(text.hasPrefix("wavelength-lda 1\nlanguage en\ntopics 3\n"))
        let read = try LDAModelFile.parse(text)
        #expect(read == [model, other])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lda-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try LDAModelFile.write([model], to: url)
        #expect(try LDAModelFile.read(contentsOf: url) == [model])
    }

    @Test func modelFileRejectsOtherVersionsAndBadLines() {
        #expect(throws: TopicsError.self) { try LDAModelFile.parse("wavelength-lda 2\nlanguage en\n") }
        let bad = "wavelength-lda 1\nlanguage en\ntopics 2\nterms 1\ndocuments 1\niterations 1\nseed 1\nbeta 0.01\nalpha 0.1 0.1\nword\t5:1\n"
        do {
            _ = try LDAModelFile.parse(bad, source: "m")
            Issue.record("a topic out of range must be rejected")
        } catch let error as TopicsError {
            #expect(error.line == 10)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func corpusPrunesByDocumentFrequency() {
        let corpus = TopicCorpus(documents: [["a", "b", "c"], ["a", "b"], ["a", "d"], ["a"]], minDocumentFrequency: 2,
                                 maxDocumentShare: 0.75)
        #expect(corpus.terms == ["b"])   // a is in every document, c and d in one
        #expect(corpus.tokenCount == 2)
        #expect(corpus.documentCount == 4)
    }

    @Test func npmiMatchesAHandComputation() {
        let corpus = TopicCorpus(documents: [["x", "y"], ["x", "y"], ["x"], ["z"]])
        // x: 3/4, y: 2/4, together 2/4; npmi = ln(0.5 / 0.375) / −ln 0.5.
        let expected = log(0.5 / 0.375) / -log(0.5)
        let scores = Coherence.npmi(of: [[0, 1], [0, 2]], in: corpus)
        #expect(abs(scores[0] - expected) < 1e-12)
        #expect(scores[1] == -1)   // x and z never meet
    }

    @Test func relevanceWithLambdaOneIsProbability() {
        let model = Self.train(threads: 1).model
        for k in 0..<3 {
            let byRelevance = TopicSummarizer(lambda: 1).relevantTerms(of: k, in: model, count: 5).map(\.term)
            #expect(byRelevance == TopicSummarizer().probableTerms(of: k, in: model, count: 5))
        }
        #expect(TopicSummarizer.label(["a", "b", "c", "d"]) == "a / b / c")
    }

    @Test func randomStreamsAreReproducibleAndDistinct() {
        var a = SeededRandom(seed: 3, stream: [1, 2]), b = SeededRandom(seed: 3, stream: [1, 2])
        var c = SeededRandom(seed: 3, stream: [2, 1])
        let xs = (0..<5).map { _ in a.next() }
        #expect(xs == (0..<5).map { _ in b.next() })
        #expect(xs != (0..<5).map { _ in c.next() })
        for _ in 0..<1000 {
            let u = a.nextUnit()
            #expect(u >= 0 && u < 1)
            #expect((0..<7).contains(a.nextInt(below: 7)))
        }
    }

    // MARK: Term weighting

    /// The synthetic documents with a ubiquitous word ("said") making up a third of every document.
    static var documentsWithAUbiquitousWord: [[String]] {
        SyntheticTopics.documents().documents.map { $0 + Array(repeating: "said", count: 20) }
    }

    @Test func idfAndPMIWeightsMatchAHandComputation() {
        let corpus = TopicCorpus(documents: [["a", "b", "a"], ["a", "c"], ["a", "b"], ["d"]])
        // a: df 3 of 4, b: 2, c: 1, d: 1.
        let idf = TermWeight.idf.tokenWeights(for: corpus)
        #expect(idf.count == 8)
        #expect(abs(idf[0] - log(4.0 / 3)) < 1e-12 && abs(idf[1] - log(2.0)) < 1e-12 && abs(idf[4] - log(4.0)) < 1e-12)
        // PMI of a in document 0: p(a|d) = 2/3, p(a) = 4/8.
        let pmi = TermWeight.pmi.tokenWeights(for: corpus)
        #expect(abs(pmi[0] - log((2.0 / 3) / (4.0 / 8))) < 1e-12)
        #expect(pmi[3] == 0)   // a in document 1: 1/2 against 1/2, log 1
        #expect(TermWeight.one.tokenWeights(for: corpus) == Array(repeating: 1, count: 8))
    }

    @Test(arguments: [TermWeight.idf, .pmi])
    func weightedSamplingIsIdenticalWhateverTheThreadCount(weight: TermWeight) {
        let documents = Self.documentsWithAUbiquitousWord
        let one = Self.train(threads: 1, termWeight: weight, documents: documents)
        let three = Self.train(threads: 3, termWeight: weight, documents: documents)
        #expect(one.model == three.model)
        #expect(one.documentTopicCounts == three.documentTopicCounts)
        #expect(one.averagedDocumentTopicCounts == three.averagedDocumentTopicCounts)
        #expect(one.model.alpha != [0.1, 0.1, 0.1])   // α was optimized from the weighted counts
    }

    // MARK: Document weighting

    @Test func equalDocumentFactorsMatchAHandComputation() {
        // Lengths 3, 2, 2, 1: mean 2.
        let corpus = TopicCorpus(documents: [["a", "b", "a"], ["a", "c"], ["a", "b"], ["d"]])
        let factors = DocumentWeight.equal.tokenFactors(for: corpus)
        #expect(factors.count == 8)
        #expect(factors[0..<3].allSatisfy { abs($0 - 2.0 / 3) < 1e-12 })
        #expect(factors[3..<7].allSatisfy { $0 == 1 })
        #expect(factors[7] == 2)
        #expect(DocumentWeight.tokens.tokenFactors(for: corpus) == Array(repeating: 1, count: 8))
    }

    /// Two themes written in short pieces and two sub-themes of a third written in
    /// long ones, sharing half their vocabulary: (documents, theme of each).
    static func unevenLengths() -> ([[String]], [Int]) {
        var random = SeededRandom(seed: 3)
        func words(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)\($0)" } }
        let shortA = words("a", 12), shortB = words("b", 12)
        let longShared = words("c", 12), longOne = words("d", 12), longTwo = words("e", 12)
        var documents: [[String]] = [], themes: [Int] = []
        for i in 0..<80 {
            let short = i % 2 == 0 ? shortA : shortB
            documents.append((0..<12).map { _ in short[random.nextInt(below: short.count)] })
            themes.append(i % 2)
        }
        for i in 0..<20 {
            let own = i % 2 == 0 ? longOne : longTwo
            documents.append((0..<240).map { j in
                let pool = j % 2 == 0 ? longShared : own
                return pool[random.nextInt(below: pool.count)]
            })
            themes.append(2)
        }
        return (documents, themes)
    }

    /// Seeds out of 1...8 whose main topics give each theme a topic of its own.
    static func seedsRecoveringTheThemes(_ weight: DocumentWeight) -> Int {
        let (documents, themes) = unevenLengths()
        return (UInt64(1)...8).filter { seed in
            eachThemeHasItsOwnTopic(train(threads: 2, seed: seed, iterations: 100, documentWeight: weight, documents: documents),
                                    themes: themes)
        }.count
    }

    @Test func equalWeightsKeepThemesOfShortDocumentsApart() {
        // By token counts the long documents' two sub-themes are worth two topics and
        // the short themes share one; weighing documents equally undoes that.
        let equal = Self.seedsRecoveringTheThemes(.equal), tokens = Self.seedsRecoveringTheThemes(.tokens)
        #expect(tokens <= 1)
        #expect(equal >= tokens + 3)
        // Every document weighs the mean length (up to the fixed-point rounding).
        let (documents, _) = Self.unevenLengths()
        let training = Self.train(threads: 1, iterations: 5, documentWeight: .equal, documents: documents)
        let mean = Double(documents.reduce(0) { $0 + $1.count }) / Double(documents.count)
        #expect(training.documentMasses.allSatisfy { abs($0 - mean) < 0.1 })
        #expect(Self.train(threads: 1, iterations: 5, documents: documents).documentMasses.map(Int.init) == documents.map(\.count))
    }

    @Test func aVeryLongDocumentKeepsItsTokensUnderEqualWeights() {
        // 3,000 two-word notes and one document of 100,000 tokens (2,800 times the mean
        // length): each of its tokens weighs 1/2,800, less than half the fixed-point unit
        // (1/1,024), and must still count.
        var documents = (0..<3_000).map { i in i % 2 == 0 ? ["kimchi", "ramen"] : ["album", "concert"] }
        documents.append((0..<100_000).map { $0 % 3 == 0 ? "sushi" : "kimchi" })
        let training = Self.train(threads: 2, iterations: 20, documentWeight: .equal, documents: documents)
        let long = documents.count - 1
        #expect(training.documentMasses[long] > 0)
        let theta = training.proportions(ofDocument: long)
        #expect(theta.max()! > 0.5)   // its own words decide its topic, not the prior alone
    }

    @Test func equalWeightsTakeEmptyDocumentsAndEmptyCorpora() {
        // Empty documents (an article whose every term was filtered out) weigh nothing and
        // get the prior's proportions; an empty corpus trains without tokens.
        var documents = SyntheticTopics.documents().documents
        documents.insert([], at: 0)
        documents.append([])
        let factors = DocumentWeight.equal.tokenFactors(for: TopicCorpus(documents: documents))
        #expect(factors.count == documents.reduce(0) { $0 + $1.count })
        #expect(factors.allSatisfy { $0.isFinite && $0 > 0 })
        let training = Self.train(threads: 2, iterations: 10, documentWeight: .equal, documents: documents)
        #expect(training.documentMasses.first == 0 && training.documentMasses.last == 0)
        #expect(abs(training.proportions(ofDocument: 0).reduce(0, +) - 1) < 1e-9)
        #expect(DocumentWeight.equal.tokenFactors(for: TopicCorpus(documents: [])).isEmpty)
        #expect(DocumentWeight.equal.tokenFactors(for: TopicCorpus(documents: [[], []])).isEmpty)
    }

    @Test func equalWeightsAreIdenticalWhateverTheThreadCount() {
        let (documents, _) = Self.unevenLengths()
        let one = Self.train(threads: 1, documentWeight: .equal, documents: documents)
        let three = Self.train(threads: 3, documentWeight: .equal, documents: documents)
        #expect(one.model == three.model)
        #expect(one.averagedDocumentTopicCounts == three.averagedDocumentTopicCounts)
    }

    @Test func idfLowersAUbiquitousWordsShareAndKeepsTheThemes() {
        let documents = Self.documentsWithAUbiquitousWord
        let plain = Self.train(threads: 2, documents: documents)
        let weighted = Self.train(threads: 2, termWeight: .idf, documents: documents)
        // The model keeps plain token counts either way.
        #expect(weighted.model.topicTotals.reduce(0, +) == 60 * 60)
        #expect(weighted.documentTopicCounts.reduce(0) { $0 + Int($1) } == 60 * 60)
        // Under IDF "said" (in every document) weighs nothing, so a document's mass is
        // its other words' weight: the ubiquitous word's share of the counts drops from 1/3 to 0.
        #expect(plain.documentMasses.allSatisfy { $0 == 60 })
        let idf = TermWeight.idf.tokenWeights(for: TopicCorpus(documents: documents))
        let firstDocument = idf[0..<60].reduce(0, +)
        #expect(abs(weighted.documentMasses[0] - firstDocument) < 0.05)
        #expect(idf[40..<60].allSatisfy { $0 == 0 })
        for d in 0..<60 {
            let row = weighted.averagedDocumentTopicCounts[(d * 3)..<(d * 3 + 3)].reduce(0, +)
            #expect(abs(row - weighted.documentMasses[d]) < 1e-6)
            #expect(abs(weighted.proportions(ofDocument: d).reduce(0, +) - 1) < 1e-9)
        }
        // The planted themes are still found.
        #expect(Self.eachThemeHasItsOwnTopic(weighted, themes: SyntheticTopics.documents().themes))
    }

    @Test func histogramAndDigammaUpdatesOfAlphaAgree() {
        // Minka's fixed point computed two ways on the same integer counts: from count
        // histograms (the unweighted path) and from digamma sums (the weighted path).
        let corpus = TopicCorpus(documents: SyntheticTopics.documents().documents)
        let state = SamplerState(corpus: corpus, options: LDAOptions(topics: 3, seed: 5, threads: 1, shards: 4))
        defer { state.deallocate() }
        state.initialize()
        for sweep in 0..<5 { state.sweep(sweep) }
        let start = state.alpha
        state.optimizeAlpha()
        let byHistogram = state.alpha
        state.alpha = start
        state.optimizeAlphaWeighted()
        #expect(byHistogram != start)
        for k in 0..<3 { #expect(abs(byHistogram[k] - state.alpha[k]) < 1e-9 * byHistogram[k]) }
    }

    @Test func digammaMatchesKnownValues() {
        #expect(abs(digamma(1) + 0.5772156649015329) < 1e-12)          // −γ
        #expect(abs(digamma(0.5) + 0.5772156649015329 + 2 * log(2.0)) < 1e-12)
        #expect(abs(digamma(10) - 2.251752589066721) < 1e-12)
    }
}

@Suite struct ChainEnsembleTests {
    static func train(threads: Int, chains: Int, seed: UInt64 = 11) -> LDATraining {
        let corpus = TopicCorpus(documents: SyntheticTopics.documents().documents)
        let options = LDAOptions(topics: 3, iterations: 60, burnIn: 10, optimizeInterval: 10, seed: seed,
                                 threads: threads, shards: 8, chains: chains)
        return GibbsSampler(options: options).train(corpus)
    }

    @Test(arguments: [2, 3])
    func ensembleIsIdenticalWhateverTheThreadCount(threads: Int) {
        let one = Self.train(threads: 1, chains: 3)
        let many = Self.train(threads: threads, chains: 3)
        #expect(one.model == many.model)
        #expect(one.averagedDocumentTopicCounts == many.averagedDocumentTopicCounts)
    }

    @Test func ensembleDiffersFromOneChainAndKeepsTheThemes() {
        let single = Self.train(threads: 2, chains: 1)
        let ensemble = Self.train(threads: 2, chains: 3)
        #expect(ensemble.averagedDocumentTopicCounts != single.averagedDocumentTopicCounts)
        // The chains' topics were aligned before averaging: documents of one theme
        // still share one main topic, and the three themes get three topics.
        let labels = SyntheticTopics.documents().themes
        #expect(TopicModelTests.eachThemeHasItsOwnTopic(ensemble, themes: labels))
        // Averaged over aligned topics, every document keeps most of its mass on its theme.
        for d in labels.indices { #expect(ensemble.proportions(ofDocument: d).max()! > 0.6) }
    }

    @Test func chainSeedsDifferAndTheFirstIsTheSeed() {
        #expect(ChainEnsemble.seed(11, chain: 0) == 11)
        let seeds = (0..<4).map { ChainEnsemble.seed(11, chain: $0) }
        #expect(Set(seeds).count == 4)
    }

    @Test func alignmentRecoversAPermutation() {
        // Five topics over eight terms; the second model holds them permuted.
        let K = 5, V = 8
        var random = SeededRandom(seed: 3)
        var reference = [Double](repeating: 0, count: V * K)
        for k in 0..<K {
            let raw = (0..<V).map { w in (w % K == k ? 5.0 : 0.2) + random.nextUnit() }
            let total = raw.reduce(0, +)
            for w in 0..<V { reference[w * K + k] = raw[w] / total }
        }
        let permutation = [3, 0, 4, 1, 2]  // reference topic k is topic permutation[k] of `phi`
        var phi = [Double](repeating: 0, count: V * K)
        for k in 0..<K { for w in 0..<V { phi[w * K + permutation[k]] = reference[w * K + k] } }
        #expect(TopicAlignment.align(phi, to: reference, topics: K) == permutation)
        #expect(TopicAlignment.align(reference, to: reference, topics: K) == Array(0..<K))
    }

    @Test func assignmentFindsTheMinimumNotTheGreedyChoice() {
        // Greedy row by row would take (0,0) = 1 and then pay 100; the optimum is 2 + 3.
        #expect(TopicAlignment.assignment([[1, 2], [3, 100]]) == [1, 0])
        let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        // Brute force over the six permutations.
        let permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        let best = permutations.min { a, b in
            (0..<3).map { cost[$0][a[$0]] }.reduce(0, +) < (0..<3).map { cost[$0][b[$0]] }.reduce(0, +)
        }!
        #expect(TopicAlignment.assignment(cost) == best)
        #expect(TopicAlignment.assignment([]) == [])
    }
}
