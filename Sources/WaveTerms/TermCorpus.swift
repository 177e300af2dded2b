import HeapModule

/// Where n-grams may start and end.
public enum NGramSpan: String, Sendable, Hashable, CaseIterable {
    /// N-grams stay inside a sentence (the default: collocations do not cross sentences).
    case sentence
    /// N-grams run over the whole document's content tokens (as scikit-learn's `CountVectorizer`).
    case document
}

/// The counting core of term statistics: a corpus of stored documents turned into
/// term ids once, with its unigram matrix and n-gram matrices.
///
/// ```swift
/// let corpus = TermCorpus(documents: stored, ngramSizes: [2, 3])
/// corpus.matrix.termTotals
/// ```
public struct TermCorpus: Sendable {
    /// Document variables, in matrix row order.
    public private(set) var documents: [StoredDocument]
    /// Unigram counts of the content terms.
    public private(set) var matrix = DocumentTermMatrix()
    /// N-gram matrices by n (2 and 3 by default).
    public private(set) var ngrams: [Int: NGramMatrix] = [:]
    public let span: NGramSpan
    /// Whether each document counts when "each cluster counted once": false for the
    /// non-representative members of a near-duplicate cluster. All true until
    /// ``setCounted(_:)``.
    public private(set) var counted: [Bool]

    /// - Complexity: O(tokens): each token's term is looked up by its UTF-8 bytes.
    public init(documents: [StoredDocument], ngramSizes: [Int] = [2, 3], span: NGramSpan = .sentence) {
        self.documents = documents.map { var d = $0; d.sentences = []; return d }
        self.span = span
        counted = Array(repeating: true, count: documents.count)
        for n in ngramSizes { ngrams[n] = NGramMatrix(n: n) }
        var counter = RowCounter()
        // Terms are looked up by their bytes; the matrix takes the vocabulary at the end.
        var interner = TermInterner()
        for document in documents {
            var segments: [[Vocabulary.TermID]] = []
            var all: [Vocabulary.TermID] = []
            for sentence in document.sentences {
                var ids: [Vocabulary.TermID] = []
                sentence.forEachTerm(contentOnly: true) { _, term in ids.append(interner.intern(term)) }
                all += ids
                if span == .sentence { segments.append(ids) }
            }
            if span == .document { segments = [all] }
            matrix.append(documentID: document.id, termIDs: all, termCount: interner.count, counter: &counter)
            for n in ngramSizes { ngrams[n]!.append(segments: segments) }
        }
        matrix.vocabulary = interner.vocabulary
        // The statistics read the n-grams by id: the tables that found ids go now.
        for n in ngramSizes { ngrams[n]!.releaseCountingScratch() }
    }

    /// Marks which documents count when each near-duplicate cluster is counted once.
    public mutating func setCounted(_ counted: [Bool]) {
        precondition(counted.count == documents.count, "one flag per document")
        self.counted = counted
    }

    /// Frees the counts (the unigram and n-gram matrices and the vocabulary), keeping the documents,
    /// the n-gram span and the counted flags: for a holder done with the statistics.
    public mutating func releaseCounts() {
        matrix = DocumentTermMatrix()
        ngrams = [:]
    }

    /// The text of n-gram `id` of size `n`, its terms joined by a space.
    public func ngramText(_ id: Int, n: Int) -> String {
        ngrams[n]!.index.gram(id).map { matrix.vocabulary[$0] }.joined(separator: " ")
    }

    /// The text of a feature: a unigram for n = 1, else an n-gram.
    public func featureText(_ id: Int, n: Int) -> String {
        n == 1 ? matrix.vocabulary.terms[id] : ngramText(id, n: n)
    }

    /// Per-feature (count, document frequency) over the documents where `include` holds.
    /// - Complexity: O(nnz).
    public func totals(n: Int = 1, where include: (Int) -> Bool) -> (counts: [Int], documentFrequencies: [Int]) {
        let size = n == 1 ? matrix.termCount : ngrams[n]!.index.count
        var counts = [Int](repeating: 0, count: size), df = counts
        for d in 0..<documents.count where include(d) {
            if n == 1 {
                for e in matrix.row(d) { counts[Int(e.term)] += Int(e.count); df[Int(e.term)] += 1 }
            } else {
                for e in ngrams[n]!.row(d) { counts[Int(e.gram)] += Int(e.count); df[Int(e.gram)] += 1 }
            }
        }
        return (counts, df)
    }
}

/// One row of a grouped frequency table, raw and with each near-duplicate cluster counted once.
public struct GroupedTermFrequency: Sendable, Hashable {
    /// The document variable grouped by (`language`, `focus`, `year`…).
    public var variable: String
    public var group: String
    public var term: String
    /// 1 for a term, 2 or 3 for an n-gram.
    public var n: Int
    public var count: Int
    public var documentFrequency: Int
    /// Counts with each near-duplicate cluster counted once.
    public var dedupCount: Int
    public var dedupDocumentFrequency: Int
    /// Rank by count inside the group, 1 for the most frequent.
    public var rank: Int
}

extension TermCorpus {
    /// A grouped frequency table (quanteda's `textstat_frequency(groups = …)`).
    ///
    /// - Parameters:
    ///   - variable: a ``StoredDocument/group(_:)`` variable.
    ///   - n: 1 for terms, or an n-gram size the corpus counted.
    ///   - top: keep the `top` most frequent rows of each group (nil: all).
    ///   - order: the order of the corpus's terms (``TermOrder``), so that terms and bigrams are
    ///     sorted without building their texts; nil builds them (the same rows).
    /// - Returns: rows by group, then count (descending), then term.
    /// - Complexity: O(nnz + rows log rows).
    public func frequencies(by variable: String, n: Int = 1, top: Int? = nil, minCount: Int = 1,
                            order: TermOrder? = nil) -> [GroupedTermFrequency] {
        // A group's count of a feature, and its document frequency, never exceed the corpus's
        // total count of the features: when that fits in 32 bits, so do the tallies.
        let entryCounts = n == 1 ? matrix.counts : ngrams[n]!.counts
        var total = 0
        for c in entryCounts { total += Int(c) }
        if total <= Int(UInt32.max) {
            return frequencies(by: variable, n: n, top: top, minCount: minCount, order: order, tally: UInt32.self)
        }
        return frequencies(by: variable, n: n, top: top, minCount: minCount, order: order, tally: UInt.self)
    }

    /// A feature's totals in one group, in tallies of type `W`.
    struct Tally<W: FixedWidthInteger & UnsignedInteger> {
        var count: W = 0, df: W = 0, dedupCount: W = 0, dedupDF: W = 0
    }

    /// ``frequencies(by:n:top:minCount:order:)`` with the per-group tallies held in `W`, which the
    /// caller has checked holds the corpus's total count.
    func frequencies<W: FixedWidthInteger & UnsignedInteger>(by variable: String, n: Int, top: Int?, minCount: Int,
                                                                     order: TermOrder?, tally _: W.Type) -> [GroupedTermFrequency] {
        var members: [String: [Int]] = [:]
        for (d, document) in documents.enumerated() { members[document.group(variable) ?? "unknown", default: []].append(d) }
        var table: [GroupedTermFrequency] = []
        // Per-group totals in one dense column of tallies over the features, reset after each
        // group through the list of features the group touched: O(nnz of the group's documents).
        // The group's rows are read from the column, not copied out of it.
        let size = n == 1 ? matrix.termCount : ngrams[n]!.index.count
        var tallies = [Tally<W>](repeating: Tally(), count: size)
        var touched: [Int32] = []
        let rowStarts = n == 1 ? matrix.rowStarts : ngrams[n]!.rowStarts
        let featureIDs = n == 1 ? matrix.termIDs : ngrams[n]!.gramIDs
        let featureCounts = n == 1 ? matrix.counts : ngrams[n]!.counts
        typealias Cell = (count: Int, df: Int, dedupCount: Int, dedupDF: Int)
        // Rows compare by count, then text, then first seen (the order of a stable sort by count
        // and text). Texts compare through `order` where it settles them (terms and bigrams),
        // else as built strings; only the rows kept get their text built.
        typealias Ranked = (id: Int32, position: Int, cell: Cell, text: String?)
        let termOrder = n <= 2 ? order : nil
        func compareText(_ x: Ranked, _ y: Ranked) -> Int {
            if let a = x.text, let b = y.text { return a < b ? -1 : a == b ? 0 : 1 }
            guard let termOrder else { return 0 }
            if n == 1 { return termOrder.compare(x.id, y.id) }
            return termOrder.compareBigrams(ngrams[2]!.index.gram(Int(x.id)), ngrams[2]!.index.gram(Int(y.id))) {
                (featureText(Int(x.id), n: 2), featureText(Int(y.id), n: 2))
            }
        }
        func before(_ x: Ranked, _ y: Ranked) -> Bool {
            if x.cell.count != y.cell.count { return x.cell.count > y.cell.count }
            let text = compareText(x, y)
            return text != 0 ? text < 0 : x.position < y.position
        }
        func cell(_ id: Int32) -> Cell {
            let t = tallies[Int(id)]
            return (count: Int(t.count), df: Int(t.df), dedupCount: Int(t.dedupCount), dedupDF: Int(t.dedupDF))
        }
        func entry(_ id: Int32, _ position: Int) -> Ranked {
            (id: id, position: position, cell: cell(id), text: termOrder == nil ? featureText(Int(id), n: n) : nil)
        }
        for group in members.keys.sorted() {
            for d in members[group]! {
                let once = counted[d]
                for k in rowStarts[d]..<rowStarts[d + 1] {
                    let id = featureIDs[k]
                    let i = Int(id)
                    // Counts are positive; the sums stay within the corpus total, which fits in W.
                    let c = W(truncatingIfNeeded: featureCounts[k])
                    if tallies[i].df == 0 { touched.append(id) }
                    tallies[i].count &+= c
                    tallies[i].df &+= 1
                    if once {
                        tallies[i].dedupCount &+= c
                        tallies[i].dedupDF &+= 1
                    }
                }
            }
            // The group's items: the touched features counted at least `minCount` times, their
            // positions numbered in touched order.
            var itemCount = 0
            for id in touched where Int(tallies[Int(id)].count) >= minCount { itemCount += 1 }
            var rows: [Ranked] = []
            if let top, top > 0, itemCount > top {
                // With `top`, the rows counted more than the top-th count all make the cut, and of
                // those counted exactly that, the first by text fill it (picked without sorting all).
                var largest = Largest(top)
                for id in touched {
                    let c = Int(tallies[Int(id)].count)
                    if c >= minCount { largest.add(c) }
                }
                let threshold = largest.smallest
                var position = 0
                for id in touched {
                    let c = Int(tallies[Int(id)].count)
                    guard c >= minCount else { continue }
                    if c > threshold { rows.append(entry(id, position)) }
                    position += 1
                }
                rows.sort(by: before)
                let room = top - rows.count
                var best: [Ranked] = []
                best.reserveCapacity(room + 1)
                position = 0
                for id in touched {
                    let c = Int(tallies[Int(id)].count)
                    guard c >= minCount else { continue }
                    defer { position += 1 }
                    guard c == threshold else { continue }
                    let candidate = entry(id, position)
                    if best.count == room, let worst = best.last, !before(candidate, worst) { continue }
                    var low = 0, high = best.count
                    while low < high {
                        let mid = (low + high) / 2
                        if before(best[mid], candidate) { low = mid + 1 } else { high = mid }
                    }
                    best.insert(candidate, at: low)
                    if best.count > room { best.removeLast() }
                }
                rows += best
            } else {
                rows.reserveCapacity(itemCount)
                var position = 0
                for id in touched where Int(tallies[Int(id)].count) >= minCount {
                    rows.append(entry(id, position))
                    position += 1
                }
                rows.sort(by: before)
            }
            for id in touched { tallies[Int(id)] = Tally() }
            touched.removeAll(keepingCapacity: true)
            if let top { rows = Array(rows.prefix(top)) }
            let ranked = rows.map { (text: $0.text ?? featureText(Int($0.id), n: n), cell: $0.cell) }
            for (rank, item) in ranked.enumerated() {
                table.append(GroupedTermFrequency(variable: variable, group: group, term: item.text, n: n,
                                                 count: item.cell.count, documentFrequency: item.cell.df,
                                                 dedupCount: item.cell.dedupCount, dedupDocumentFrequency: item.cell.dedupDF,
                                                 rank: rank + 1))
            }
        }
        return table
    }
}

/// The `k` largest of the values added, counted with repeats, in swift-collections' `Heap`:
/// O(log k) per value, O(k) memory.
struct Largest {
    private var heap = Heap<Int>()
    let k: Int

    init(_ k: Int) {
        precondition(k >= 1, "the first largest or later")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// The `k`-th largest value added (at least `k` were added).
    var smallest: Int {
        precondition(heap.count == k, "at least k values")
        return heap.min ?? 0
    }

    mutating func add(_ value: Int) {
        if heap.count < k {
            heap.insert(value)
        } else if let least = heap.min, value > least {
            heap.replaceMin(with: value)
        }
    }
}
