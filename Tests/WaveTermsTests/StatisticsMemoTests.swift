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
