import Testing
import WaveText
@testable import WaveTerms

/// The corpus stage's shortcuts give what the plain computation gives: term ranks instead of
/// texts, collocations cut before their texts are built, and results kept in a memo.
@Suite struct StatisticsMemoTests {
    /// Documents over a small vocabulary with awkward terms (a phrase with a space, one with a
    /// control character, a prefix of another, one canonically equal to another), many ties.
    static func corpus(documents: Int = 60, seed: UInt64 = 11) -> [StoredDocument] {
        let words = ["soft", "soft power", "softer", "power", "k-pop", "k", "café", "cafe\u{301}", "tab\u{9}word", "zeta",
                     "alpha", "alp", "ghibli", "drama", "export", "2024", "Ωmega", "東京", "서울", "a b"]
        var generator = SplitMix64(seed: seed)
        var docs: [(id: String, sentences: [[String]])] = []
        for d in 0..<documents {
            var sentences: [[String]] = []
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                sentences.append((0..<(2 + Int(generator.next() % 6))).map { _ in words[Int(generator.next() % UInt64(words.count))] })
            }
            docs.append((id: "d\(1000 + d)", sentences: sentences))
        }
        let focus = (0..<documents).map { ["japan", "korea", "both", ""][$0 % 4] }
        return storedDocuments(docs, focus: focus).enumerated().map { k, document in
            var document = document
            document.site = "site\(k % 7)"
            document.date = "2024-0\(1 + k % 9)-1\(k % 10)"
            return document
        }
    }

    @Test(arguments: [1, 2, 3, 5, 25, 1000])
    func frequenciesByTermRanksEqualTheTextSort(top: Int) {
        let corpus = TermCorpus(documents: Self.corpus())
        let order = TermOrder(corpus.matrix.vocabulary)
        for variable in ["focus", "site", "month", "all"] {
            for n in [1, 2, 3] {
                let plain = corpus.frequencies(by: variable, n: n, top: top)
                #expect(corpus.frequencies(by: variable, n: n, top: top, order: order) == plain, "\(variable) n=\(n)")
            }
        }
        #expect(corpus.frequencies(by: "site", n: 2, order: order) == corpus.frequencies(by: "site", n: 2))
    }

    /// Grouped frequencies as a dictionary per group: rows by count (descending), text, then the
    /// order the group's documents first touch each feature; the `top` first kept.
    static func plainFrequencies(_ corpus: TermCorpus, by variable: String, n: Int, top: Int?, minCount: Int) -> [GroupedTermFrequency] {
        var members: [String: [Int]] = [:]
        for (d, document) in corpus.documents.enumerated() { members[document.group(variable) ?? "unknown", default: []].append(d) }
        var rows: [GroupedTermFrequency] = []
        for group in members.keys.sorted() {
            var cells: [Int32: [Int]] = [:], firstSeen: [Int32] = []
            for d in members[group]! {
                let entries: [(Int32, Int32)] = n == 1 ? corpus.matrix.row(d).map { ($0.term, $0.count) }
                    : corpus.ngrams[n]!.row(d).map { ($0.gram, $0.count) }
                for (id, count) in entries {
                    if cells[id] == nil { firstSeen.append(id); cells[id] = [0, 0, 0, 0] }
                    cells[id]![0] += Int(count); cells[id]![1] += 1
                    if corpus.counted[d] { cells[id]![2] += Int(count); cells[id]![3] += 1 }
                }
            }
            let kept = firstSeen.enumerated().filter { cells[$0.element]![0] >= minCount }.sorted { x, y in
                let (a, b) = (cells[x.element]![0], cells[y.element]![0])
                if a != b { return a > b }
                let (s, t) = (corpus.featureText(Int(x.element), n: n), corpus.featureText(Int(y.element), n: n))
                return s != t ? s < t : x.offset < y.offset
            }
            for (rank, item) in kept.prefix(top ?? kept.count).enumerated() {
                let c = cells[item.element]!
                rows.append(GroupedTermFrequency(variable: variable, group: group, term: corpus.featureText(Int(item.element), n: n), n: n,
                                                 count: c[0], documentFrequency: c[1], dedupCount: c[2], dedupDocumentFrequency: c[3],
                                                 rank: rank + 1))
            }
        }
        return rows
    }

    @Test(arguments: [nil, 1, 2, 7, 40])
    func frequenciesEqualAPlainCountInNarrowAndWideTallies(top: Int?) {
        var corpus = TermCorpus(documents: Self.corpus(documents: 90, seed: 3))
        corpus.setCounted((0..<90).map { $0 % 5 != 2 })
        for variable in ["focus", "site", "all"] {
            for n in [1, 2, 3] {
                for minCount in [1, 2] {
                    let expected = Self.plainFrequencies(corpus, by: variable, n: n, top: top, minCount: minCount)
                    #expect(corpus.frequencies(by: variable, n: n, top: top, minCount: minCount) == expected, "\(variable) n=\(n)")
                    #expect(corpus.frequencies(by: variable, n: n, top: top, minCount: minCount, order: nil, tally: UInt.self) == expected)
                    #expect(corpus.frequencies(by: variable, n: n, top: top, minCount: minCount, order: nil, tally: UInt32.self) == expected)
                }
            }
        }
    }

    @Test func largestIsTheKthOfTheSortedValues() {
        var generator = SplitMix64(seed: 9)
        for size in [1, 2, 5, 50, 300] {
            let values = (0..<size).map { _ in Int(generator.next() % 12) }
            let sorted = values.sorted(by: >)
            for k in Set([1, 2, size / 2 + 1, size]) where k <= size {
                var largest = Largest(k)
                for value in values { largest.add(value) }
                #expect(largest.smallest == sorted[k - 1], "size \(size) k \(k)")
            }
        }
    }

    @Test func ngramIndexCountsOnAfterReleasingItsTable() {
        for n in [1, 2, 3] {
            let first: [Vocabulary.TermID] = (0..<400).map { Vocabulary.TermID($0 * 7 % 53) }
            let second: [Vocabulary.TermID] = (0..<400).map { Vocabulary.TermID($0 * 11 % 71) }
            var kept = NGramIndex(n: n), released = NGramIndex(n: n)
            kept.countNGrams(in: first)
            released.countNGrams(in: first)
            released.releaseLookupTable()
            let probe = Array(first[10..<(10 + n)])
            #expect(released.id(of: probe) == kept.id(of: probe))
            #expect(released.id(of: Array(repeating: 999, count: n)) == nil)
            kept.countNGrams(in: second)
            released.countNGrams(in: second)
            #expect(released.grams == kept.grams && released.counts == kept.counts)
            #expect(released.id(of: probe) == kept.id(of: probe))
        }
        var matrix = NGramMatrix(n: 2), plain = NGramMatrix(n: 2)
        for segments in [[[0, 1, 2, 1, 2]], [[2, 1, 0], [5, 6]]] as [[[Vocabulary.TermID]]] {
            matrix.append(segments: segments)
            matrix.releaseCountingScratch()
            plain.append(segments: segments)
        }
        #expect(matrix.gramIDs == plain.gramIDs && matrix.counts == plain.counts && matrix.index.grams == plain.index.grams)
    }

    @Test func termRanksFollowTheStrings() {
        let corpus = TermCorpus(documents: Self.corpus(documents: 30, seed: 5))
        let vocabulary = corpus.matrix.vocabulary
        let order = TermOrder(vocabulary)
        for x in 0..<vocabulary.count {
            for y in 0..<vocabulary.count {
                let (a, b) = (vocabulary.terms[x], vocabulary.terms[y])
                #expect(order.compare(Int32(x), Int32(y)) == (a < b ? -1 : a == b ? 0 : 1), "\(a) \(b)")
            }
        }
        let bigrams = corpus.ngrams[2]!.index
        for x in 0..<bigrams.count {
            for y in 0..<bigrams.count {
                let (a, b) = (corpus.ngramText(x, n: 2), corpus.ngramText(y, n: 2))
                #expect(order.compareBigrams(bigrams.gram(x), bigrams.gram(y)) { (a, b) } == (a < b ? -1 : a == b ? 0 : 1), "\(a) | \(b)")
            }
        }
    }

    @Test func termTablePerGroupEqualsTheWholeSort() {
        var matrix = DocumentTermMatrix()
        let documents = Self.corpus(documents: 50, seed: 8)
        for document in documents { matrix.append(documentID: document.id, terms: document.sentences.flatMap(\.contentTerms)) }
        let groups = documents.indices.map { ["en", "ja", "ko", "und", "en"][$0 % 5] }
        // The whole table sorted at once by (group, count descending, term), ranked per group.
        var expected: [TermFrequency] = []
        for group in Set(groups) {
            var count: [Int32: (Int, Int)] = [:]
            for d in documents.indices where groups[d] == group {
                for entry in matrix.row(d) { let old = count[entry.term] ?? (0, 0); count[entry.term] = (old.0 + Int(entry.count), old.1 + 1) }
            }
            expected += count.map { TermFrequency(term: matrix.vocabulary[$0.key], group: group, count: $0.value.0, documentFrequency: $0.value.1, rank: 0) }
        }
        expected.sort { ($0.group, -$0.count, $0.term) < ($1.group, -$1.count, $1.term) }
        for i in expected.indices { expected[i].rank = i > 0 && expected[i - 1].group == expected[i].group ? expected[i - 1].rank + 1 : 1 }
        #expect(matrix.frequencies(groupedBy: groups) == expected)
    }

    @Test func aMatrixInternedByBytesIsTheAppendedOne() {
        let documents = Self.corpus(documents: 40, seed: 4).map { (id: $0.id, terms: $0.sentences.flatMap(\.contentTerms)) }
        var appended = DocumentTermMatrix()
        for document in documents { appended.append(documentID: document.id, terms: document.terms) }
        let interned = DocumentTermMatrix(termSequences: documents)
        #expect(interned.vocabulary.terms == appended.vocabulary.terms)
        #expect(interned.termIDs == appended.termIDs && interned.counts == appended.counts)
        #expect(interned.rowStarts == appended.rowStarts && interned.documentIDs == appended.documentIDs)
    }

    @Test func collocationsCutEqualTheWholeListCut() {
        let corpus = TermCorpus(documents: Self.corpus(documents: 80, seed: 3))
        for n in [2, 3] {
            let all = Collocations.find(in: corpus, n: n, minCount: 1)
            for limit in [0, 1, 2, 7, 40, all.count, all.count + 5] {
                #expect(Collocations.find(in: corpus, n: n, minCount: 1, limit: limit) == Array(all.prefix(limit)), "n=\(n) limit \(limit)")
            }
        }
    }

    @Test func bootstrapIntervalsFromTheMemoAreTheComputedOnes() throws {
        let values: [[Double]] = [[0.1, 0.4, -0.3], [1, 2, 3, 4, 5], [0.25], [], [2, 2, 2, 2.5]]
        let memo = StatisticsMemo()
        var kept = Bootstrap(seed: 9)
        kept.memo = memo
        let plain = Bootstrap(seed: 9)
        for v in values { #expect(kept.meanInterval(v) == plain.meanInterval(v)) }
        #expect(kept.differenceInterval(values[0], values[1]) == plain.differenceInterval(values[0], values[1]))
        #expect(memo.counts.misses == 4 && memo.counts.hits == 0)   // one value and none are not kept

        // Read back from its bytes, the memo gives the same intervals without computing them.
        let again = try #require(StatisticsMemo(encoded: memo.encoded()))
        kept.memo = again
        for v in values { #expect(kept.meanInterval(v) == plain.meanInterval(v)) }
        #expect(kept.differenceInterval(values[0], values[1]) == plain.differenceInterval(values[0], values[1]))
        #expect(again.counts.hits == 4 && again.counts.misses == 0)
        // Other settings or one value changed to the last bit: computed, not taken.
        var other = Bootstrap(seed: 10)
        other.memo = again
        #expect(other.meanInterval(values[1]) == Bootstrap(seed: 10).meanInterval(values[1]))
        let nudged = [1, 2, 3, 4, 5.0.nextUp]
        kept.memo = again
        #expect(kept.meanInterval(nudged) == plain.meanInterval(nudged))
        #expect(again.counts.misses == 2)
    }

    @Test func aMemoKeepsOnlyWhatItsRunUsed() throws {
        let memo = StatisticsMemo()
        var b = Bootstrap()
        b.memo = memo
        _ = b.meanInterval([1, 2, 3])
        _ = b.meanInterval([4, 5, 6])
        let next = try #require(StatisticsMemo(encoded: memo.encoded()))
        b.memo = next
        _ = b.meanInterval([1, 2, 3])
        let third = try #require(StatisticsMemo(encoded: next.encoded()))
        b.memo = third
        _ = b.meanInterval([4, 5, 6])
        #expect(third.counts.misses == 1)   // dropped by the run that did not use it
    }

    @Test func damagedMemoBytesAreRefused() {
        let memo = StatisticsMemo()
        var b = Bootstrap()
        b.memo = memo
        _ = b.meanInterval([1, 2, 3])
        var finder = NearDuplicateFinder()
        finder.memo = memo
        _ = finder.clusters(in: Self.corpus(documents: 5))
        let bytes = memo.encoded()
        #expect(StatisticsMemo(encoded: bytes) != nil)
        #expect(StatisticsMemo(encoded: []) == nil)
        #expect(StatisticsMemo(encoded: Array(bytes.dropLast())) == nil)
        #expect(StatisticsMemo(encoded: bytes + [0]) == nil)
        var wrongMagic = bytes
        wrongMagic[0] ^= 1
        #expect(StatisticsMemo(encoded: wrongMagic) == nil)
        var hugeCount = bytes
        hugeCount[15] = 0x7F
        #expect(StatisticsMemo(encoded: hugeCount) == nil)
    }

    @Test func nearDuplicateClustersWithTheMemoAreTheComputedOnes() throws {
        // Copies of one story among others, so there are clusters to find.
        let story = (0..<60).map { "w\($0 % 23)x\($0 % 7)" }
        var docs: [(id: String, sentences: [[String]])] = []
        for k in 0..<12 { docs.append((id: "copy\(k)", sentences: [story + (k % 3 == 0 ? ["credit\(k)"] : [])])) }
        for k in 0..<20 { docs.append((id: "other\(k)", sentences: [(0..<50).map { "o\(k)y\($0 % (5 + k))" }])) }
        let documents = storedDocuments(docs)
        let plain = NearDuplicateFinder().clusters(in: documents)
        #expect(!plain.isEmpty)
        let memo = StatisticsMemo()
        var finder = NearDuplicateFinder()
        finder.memo = memo
        #expect(finder.clusters(in: documents) == plain)
        let restored: StatisticsMemo = try #require(StatisticsMemo(encoded: memo.encoded()))
        finder.memo = restored
        #expect(finder.clusters(in: documents) == plain)
        #expect(finder.memo?.counts.misses == 0)
        // A document edited and one removed: the rest from the memo, the same clusters as computed.
        var edited = docs
        edited.remove(at: 3)
        edited[0].sentences[0].removeLast(5)
        let changed = storedDocuments(edited)
        #expect(finder.clusters(in: changed) == NearDuplicateFinder().clusters(in: changed))
        #expect(finder.memo?.counts.misses == 1)
    }
}
