import Foundation
import Testing
import WaveText
@testable import WaveTerms

/// Documents of one sentence per array, all tokens content tokens.
func storedDocuments(_ docs: [(id: String, sentences: [[String]])], focus: [String]? = nil) -> [StoredDocument] {
    docs.enumerated().map { k, doc in
        StoredDocument(id: doc.id, language: "en", focus: focus?[k] ?? "", sentences: doc.sentences.map { words in
            var text = "", tokens: [StoredToken] = []
            for word in words {
                if !text.isEmpty { text += " " }
                let start = text.utf8.count
                text += word
                tokens.append(StoredToken(term: word.lowercased(), range: start..<text.utf8.count, isContent: word != "the"))
            }
            return StoredSentence(text: text + ".", tokens: tokens)
        })
    }
}

@Suite struct ContingencyTableTests {
    // a=20 b=30 / c=10 d=40, N=100; margins 50, 50, 30, 70; expected 15, 35, 15, 35.
    let table = ContingencyTable(a: 20, b: 30, c: 10, d: 40)

    @Test func chiSquaredByHand() {
        // Σ (O−E)²/E = 25/15 + 25/35 + 25/15 + 25/35 = 500/105
        #expect(abs(table.chiSquared - 500.0 / 105.0) < 1e-12)
    }

    @Test func logLikelihoodByHand() {
        // 2 [20 ln(4/3) + 30 ln(6/7) + 10 ln(2/3) + 40 ln(8/7)]
        // = 2 [5.753641449 − 4.624520395 − 4.054651081 + 5.341255705] = 4.831451356
        #expect(abs(table.logLikelihood - 4.831451356) < 1e-8)
    }

    @Test func pmiTScoreAndLogRatioByHand() {
        #expect(abs(table.pointwiseMutualInformation - 0.4150374993) < 1e-9)   // log₂(20/15)
        #expect(abs(table.tScore - 1.118033989) < 1e-8)                        // 5/√20
        #expect(table.logRatio == 1)                                           // log₂((20/50)/(10/50))
        #expect(table.favoursFirstRow)
    }

    @Test func pValuesMatchTheChiSquaredTable() {
        #expect(abs(ContingencyTable.pValue(chiSquaredOneDF: 3.841458820694124) - 0.05) < 1e-12)
        #expect(abs(ContingencyTable.pValue(chiSquaredOneDF: 6.634896601021214) - 0.01) < 1e-12)
        #expect(ContingencyTable.pValue(chiSquaredOneDF: 0) == 1)
    }

    @Test func zeroCellsStayFinite() {
        let t = ContingencyTable(a: 5, b: 95, c: 0, d: 100)
        #expect(t.logLikelihood.isFinite && t.logLikelihood > 0)
        #expect(abs(t.logRatio - log2((5.0 / 100) / (0.5 / 100))) < 1e-12)
        #expect(ContingencyTable(a: 0, b: 10, c: 0, d: 10).chiSquared == 0)
    }
}

@Suite struct KeynessTests {
    @Test func keynessUsesTheTargetAndReferenceTotals() {
        // Target (japan): anime ×3 of 6 tokens; reference (korea): anime ×1 of 6 tokens.
        let docs = storedDocuments([
            ("j1", [["anime", "anime", "film"]]), ("j2", [["anime", "music", "film"]]),
            ("k1", [["drama", "drama", "kpop"]]), ("k2", [["anime", "kpop", "drama"]]),
            ("n1", [["anime", "anime", "anime"]]),
        ], focus: ["japan", "japan", "korea", "korea", "neither"])
        let corpus = TermCorpus(documents: docs)
        let scores = Keyness.scores(corpus: corpus, target: { docs[$0].focus == "japan" }, reference: { docs[$0].focus == "korea" })
        let anime = try! #require(scores.first { $0.term == "anime" })
        #expect(anime.targetCount == 3 && anime.referenceCount == 1)
        #expect(anime.targetTotal == 6 && anime.referenceTotal == 6)
        let table = ContingencyTable(a: 3, b: 3, c: 1, d: 5)
        #expect(anime.logLikelihood == table.logLikelihood)
        #expect(anime.chiSquared == table.chiSquared)
        #expect(abs(anime.chiSquared - 12.0 * 144 / (6 * 6 * 4 * 8)) < 1e-12)   // N(ad−bc)²/margins = 1.5
        #expect(anime.logRatio == log2(3.0))
        let drama = try! #require(scores.first { $0.term == "drama" })
        #expect(drama.logLikelihood < 0 && drama.chiSquared < 0)                 // key for the reference
        #expect(scores.first!.logLikelihood >= scores.last!.logLikelihood)
    }

    @Test func dedupCountsEachClusterOnce() {
        let docs = storedDocuments([("a", [["x", "y"]]), ("b", [["x", "y"]]), ("c", [["z"]])], focus: ["japan", "japan", "korea"])
        var corpus = TermCorpus(documents: docs)
        corpus.setCounted([true, false, true])
        let raw = Keyness.scores(corpus: corpus, target: { $0 < 2 }, reference: { $0 == 2 })
        let dedup = Keyness.scores(corpus: corpus, target: { $0 < 2 }, reference: { $0 == 2 }, dedup: true)
        #expect(raw.first { $0.term == "x" }!.targetCount == 2)
        #expect(dedup.first { $0.term == "x" }!.targetCount == 1)
    }
}

@Suite struct CollocationTests {
    let docs = storedDocuments([("a", [["soft", "power", "rises"], ["soft", "power"]]), ("b", [["hard", "power"]])])

    @Test func bigramTableByHand() throws {
        // Bigrams inside sentences: soft power ×2, power rises ×1, hard power ×1; N = 4.
        let corpus = TermCorpus(documents: docs)
        let found = Collocations.find(in: corpus, n: 2, minCount: 1)
        let c = try #require(found.first { $0.text == "soft power" })
        #expect(c.count == 2 && c.documentFrequency == 1)
        #expect(c.table == ContingencyTable(a: 2, b: 0, c: 1, d: 1))
        #expect(abs(c.pointwiseMutualInformation - 0.4150374993) < 1e-9)   // log₂(2 / 1.5)
        #expect(abs(c.tScore - 0.5 / 2.0.squareRoot()) < 1e-12)
        // 2 [2 ln(2/1.5) + 1 ln(1/1.5) + 1 ln(1/0.5)] = 1.726092
        #expect(abs(c.logLikelihood - 1.7260924) < 1e-6)
        #expect(found.count == 3)
        #expect(Collocations.find(in: corpus, n: 2, minCount: 2).map(\.text) == ["soft power"])
    }

    @Test func documentSpanCrossesSentences() {
        let corpus = TermCorpus(documents: docs, span: .document)
        #expect(corpus.ngrams[2]!.index.count == 4)   // adds "rises soft"
        #expect(TermCorpus(documents: docs).ngrams[3]!.index.count == 1)
    }

    @Test func promotionMakesOneTerm() {
        let promoted = Collocations.promote([["soft", "power"]], in: docs)
        let corpus = TermCorpus(documents: promoted)
        let id = corpus.matrix.vocabulary.id(of: "soft power")
        #expect(id != nil)
        #expect(corpus.matrix.termTotals[Int(id!)] == 2)
        #expect(corpus.matrix.vocabulary.id(of: "soft") == nil)
        #expect(promoted[0].sentences[0].tokens[0].range == 0..<10)   // "soft power"
        #expect(KWIC.lines(for: ["soft power"], in: promoted).count == 2)
    }
}

@Suite struct WeightingAndMergeTests {
    func matrix() -> DocumentTermMatrix {
        var m = DocumentTermMatrix()
        m.append(documentID: "d0", terms: ["a", "a", "b"])
        m.append(documentID: "d1", terms: ["b", "c"])
        return m
    }

    @Test func bm25ByHand() {
        // N = 2, mean length 2.5; idf(a) = ln(1 + 1.5/1.5) = ln 2; d0: k1(1 − b + b·3/2.5) = 1.38.
        let w = matrix().weighted(by: .bm25())
        #expect(abs(w.weight(of: "a", inDocument: 0) - log(2.0) * 2 * 2.2 / (2 + 1.38)) < 1e-12)
        // idf(b) = ln(1 + 0.5/2.5) = ln 1.2; d1: 1.2 (0.25 + 0.75·2/2.5) = 1.02.
        #expect(abs(w.weight(of: "b", inDocument: 1) - log(1.2) * 2.2 / (1 + 1.02)) < 1e-12)
    }

    @Test func relativeFrequencyAndTfidf() {
        let m = matrix()
        #expect(m.weighted(by: .relativeFrequency).weight(of: "a", inDocument: 0) == 2.0 / 3)
        let tfidf = m.weighted(by: .tfidf)
        let row = tfidf.row(0).map(\.weight)
        #expect(abs(row.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(m.weighted(by: .count).weight(of: "a", inDocument: 0) == 2)
    }

    @Test func trimmingByCountAndDocumentFrequency() {
        let m = matrix()
        let byCount = m.trimmed(minCount: 2)
        #expect(byCount.vocabulary.terms == ["a", "b"])
        #expect(byCount.count(of: "a", inDocument: 0) == 2)
        let byDF = m.trimmed(minDocumentFrequency: 2)
        #expect(byDF.vocabulary.terms == ["b"])
        #expect(byDF.nonZeroCount == 2 && byDF.documentCount == 2)
    }

    @Test func shardsMergeIntoTheWhole() {
        let docs: [[String]] = [["soft", "power", "soft"], ["kpop", "power"], ["anime", "soft", "film"], ["film", "kpop"], []]
        var whole = DocumentTermMatrix()
        for (k, d) in docs.enumerated() { whole.append(documentID: "\(k)", terms: d) }
        var merged = DocumentTermMatrix()
        for shard in [docs[0..<2], docs[2..<3], docs[3..<5]] {
            var part = DocumentTermMatrix()
            for (k, d) in zip(shard.indices, shard) { part.append(documentID: "\(k)", terms: d) }
            merged.merge(part)
        }
        #expect(merged.hasSameCounts(as: whole))
        // Shards merged out of order give the same counts, under other ids.
        var reversed = DocumentTermMatrix()
        var later = DocumentTermMatrix()
        for (k, d) in docs.enumerated().dropFirst(2) { later.append(documentID: "\(k)", terms: d) }
        reversed.merge(later)
        #expect(reversed.count(of: "film", inDocument: 1) == 1)
    }

    @Test func ngramIndexesMergeIntoTheWhole() {
        let sequences: [[Vocabulary.TermID]] = [[0, 1, 0, 1], [1, 2], [0, 1, 2, 2]]
        var whole = NGramIndex(n: 2)
        for s in sequences { whole.countNGrams(in: s) }
        var a = NGramIndex(n: 2), b = NGramIndex(n: 2)
        a.countNGrams(in: sequences[0])
        for s in sequences.dropFirst() { b.countNGrams(in: s) }
        a.merge(b)
        #expect(a.grams == whole.grams && a.counts == whole.counts)
        #expect(whole.counts[whole.id(of: [0, 1])!] == 3)
        #expect(whole.id(of: [2, 0]) == nil)
    }

    @Test func ngramIndexGrowsPastItsCapacity() {
        var index = NGramIndex(n: 3, capacity: 4)
        let seq = (0..<5000).map { Vocabulary.TermID($0 % 977) }
        index.countNGrams(in: seq)
        #expect(index.total == 4998)
        #expect(index.count == 977)
        #expect(index.counts[index.id(of: [5, 6, 7])!] == 6)
    }

    @Test func termInternerGivesTheVocabularysIDs() {
        let terms = ["soft", "power", "soft", "", "ghibli", "caf\u{E9}", "cafe\u{301}", "a long term past eight bytes", "power"]
        var vocabulary = Vocabulary()
        var interner = TermInterner()
        for term in terms { #expect(interner.intern(term) == vocabulary.intern(term)) }
        #expect(interner.vocabulary.terms == vocabulary.terms)
        // Many terms: the table grows and keeps every id.
        for k in 0..<5000 { #expect(interner.intern("t\(k)") == vocabulary.intern("t\(k)")) }
        for k in stride(from: 0, to: 5000, by: 7) { #expect(interner.intern("t\(k)") == vocabulary.id(of: "t\(k)")) }
        var seeded = TermInterner(vocabulary: vocabulary)
        #expect(seeded.intern("ghibli") == vocabulary.id(of: "ghibli") && seeded.intern("new") == Int32(vocabulary.count))
    }

    @Test func bigramRowsMatchTheGenericCounting() {
        // A long, repetitive sequence over a few terms: rows with unsorted ids, table growth.
        var segments: [[[Vocabulary.TermID]]] = []
        var state: UInt64 = 42
        for d in 0..<300 {
            var doc: [[Vocabulary.TermID]] = []
            for _ in 0..<(d % 4 + 1) {
                var s: [Vocabulary.TermID] = []
                for _ in 0..<(d % 37) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    s.append(Vocabulary.TermID((state >> 33) % UInt64(20 + d)))
                }
                doc.append(s)
            }
            segments.append(doc)
        }
        var matrix = NGramMatrix(n: 2)
        var index = NGramIndex(n: 2)
        var expected: [[Int32: Int32]] = []
        for doc in segments {
            matrix.append(segments: doc)
            var ids: [Int32] = []
            for s in doc { index.countNGrams(in: s, ids: &ids) }
            expected.append(ids.reduce(into: [:]) { $0[$1, default: 0] += 1 })
        }
        #expect(matrix.index.grams == index.grams && matrix.index.counts == index.counts)
        for d in segments.indices {
            let row = Array(matrix.row(d))
            #expect(row.map(\.gram) == row.map(\.gram).sorted())
            #expect(Dictionary(uniqueKeysWithValues: row.map { ($0.gram, $0.count) }) == expected[d])
        }
        #expect(matrix.index.id(of: [3, 4]) == index.id(of: [3, 4]))
    }

    @Test func idCountingMatchesStringCounting() {
        var byString = DocumentTermMatrix()
        byString.append(documentID: "x", terms: ["b", "a", "b", "c"])
        var byID = DocumentTermMatrix()
        var counter = RowCounter()
        let ids = ["b", "a", "b", "c"].map { byID.intern($0) }
        byID.append(documentID: "x", termIDs: ids, counter: &counter)
        #expect(byID.hasSameCounts(as: byString))
    }
}

@Suite struct GroupedFrequencyTests {
    @Test func groupsByFocusWithDedup() {
        let docs = storedDocuments([("a", [["anime", "anime"]]), ("b", [["anime", "anime"]]), ("c", [["kpop"]])],
                                   focus: ["japan", "japan", "korea"])
        var corpus = TermCorpus(documents: docs)
        corpus.setCounted([true, false, true])
        let rows = corpus.frequencies(by: "focus")
        let anime = rows.first { $0.term == "anime" }!
        #expect(anime.group == "japan" && anime.count == 4 && anime.documentFrequency == 2)
        #expect(anime.dedupCount == 2 && anime.dedupDocumentFrequency == 1 && anime.rank == 1)
        #expect(rows.map(\.group) == ["japan", "korea"])
    }

    @Test func dateVariables() {
        let d = StoredDocument(id: "x", language: "en", date: "2024-02-14T09:00:00Z", sentences: [])
        #expect(d.group("year") == "2024" && d.group("month") == "2024-02" && d.group("week") == "2024-W07")
        #expect(StoredDocument(id: "y", language: "en", sentences: []).group("year") == "undated")
        #expect(d.group("nonsense") == nil)
    }
}

@Suite struct NearDuplicateTests {
    @Test func syndicatedCopiesCluster() {
        let story = "the ministry said on tuesday that exports of korean dramas rose sharply last year while film exports fell and music held steady"
            .split(separator: " ").map(String.init)
        var edited = story
        edited[edited.firstIndex(of: "held")!] = "was"   // one word changed by the republisher
        let other = "studio ghibli opened a new park in nagoya with rides based on its films and a museum of drawings from early work"
            .split(separator: " ").map(String.init)
        var docs = storedDocuments([("wire", [story]), ("copy", [edited]), ("other", [other]), ("exact", [story])])
        docs[0].date = "2024-01-02"; docs[1].date = "2024-01-01"; docs[3].date = ""
        let finder = NearDuplicateFinder(threshold: 0.6)
        let clusters = finder.clusters(in: docs)
        #expect(clusters.count == 1)
        #expect(clusters[0].members == [1, 0, 3])   // earliest date first, undated last
        #expect(clusters[0].similarities[0] == 1)
        #expect(clusters[0].similarities.allSatisfy { $0 >= 0.6 })
        #expect(NearDuplicateFinder.countedOnce(documentCount: 4, clusters: clusters) == [false, true, true, false])
        #expect(NearDuplicateFinder(threshold: 0.99).clusters(in: docs).map(\.members) == [[0, 3]])
    }

    /// Nine "paragraphs" of pseudo-random words, with "south korea" eight times.
    static func story(seed: UInt64) -> [[String]] {
        var x = seed
        func next() -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int(x >> 33) }
        var paragraphs: [[String]] = []
        var mentions = 0
        for _ in 0..<9 {
            var p: [String] = []
            for k in 0..<30 {
                if k == 15 && mentions < 8 { p += ["south", "korea"]; mentions += 1; continue }
                p.append("w\(next() % 500)")
            }
            paragraphs.append(p)
        }
        return paragraphs
    }

    @Test func trimmedReprintInsideItsOriginalIsFound() {
        let original = Self.story(seed: 1)
        // The copy: last paragraph dropped, "South Korea" shortened to "Korea", a credit line added.
        var copy = original.dropLast().map { p in
            var out: [String] = []
            for w in p where w != "south" { out.append(w) }
            return out
        }
        copy.insert(["republished", "with", "permission", "of", "the", "wire"], at: 0)
        let unrelated = Self.story(seed: 2)
        let docs = storedDocuments([("original", original), ("copy", copy), ("unrelated", unrelated)])
        let byJaccardOnly = NearDuplicateFinder(containmentThreshold: 2)
        #expect(byJaccardOnly.clusters(in: docs).isEmpty)   // resemblance alone misses the trimmed copy
        let clusters = NearDuplicateFinder().clusters(in: docs)
        #expect(clusters.map { $0.members.sorted() } == [[0, 1]])
    }

    @Test func containmentOfSortedSets() {
        #expect(NearDuplicateFinder.containment([1, 2, 3], [1, 2, 3, 4, 5, 6]) == 1)
        #expect(NearDuplicateFinder.containment([1, 2, 3, 4], [3, 4, 5, 6, 7, 8]) == 0.5)
        #expect(NearDuplicateFinder.containment([], [1]) == 0)
    }

    @Test func jaccardOfSortedSets() {
        #expect(NearDuplicateFinder.jaccard([1, 2, 3], [2, 3, 4]) == 0.5)
        #expect(NearDuplicateFinder.jaccard([], []) == 1)
    }
}

@Suite struct KWICTests {
    @Test func kwicFindsPhrasesWithContextAcrossSentences() {
        let docs = storedDocuments([("a", [["Japan", "uses", "soft", "power"], ["The", "soft", "power", "of", "Korea", "grows"]])])
        let lines = KWIC.lines(for: ["soft", "power"], in: docs, window: 2)
        #expect(lines.count == 2)
        #expect(lines[0].keyword == "soft power" && lines[0].left == "Japan uses" && lines[0].right == ". The soft")
        #expect(lines[1].left == "power. The" && lines[1].right == "of Korea" && lines[1].sentence == 1)
        #expect(KWIC.lines(for: ["korea"], in: docs, window: 0).first?.left == "")
        #expect(KWIC.lines(for: ["absent"], in: docs).isEmpty)
    }

    @Test func storedDocumentFromTokenizer() {
        let document = Tokenizer(configuration: TokenizerConfiguration()).tokenize("Studio Ghibli films. Soft power!", language: .english, id: "x")
        let stored = StoredDocument(document: document, focus: "japan")
        #expect(stored.sentences.count == 2)
        #expect(stored.sentences[0].contentTerms == ["studio", "ghibli", "films"])
        let token = stored.sentences[1].tokens[0]
        #expect(KWIC.slice(stored.sentences[1].text, token.range.lowerBound, token.range.upperBound) == "Soft")
    }
}
