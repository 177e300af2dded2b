import WaveTerms
/// Documents as runs of term ids over one vocabulary: what the topic sampler reads.
///
/// Built from the content terms of each document (whatever tokenizer made them),
/// keeping terms that occur in at least `minDocumentFrequency` documents and in at
/// most `maxDocumentShare` of them. Term ids follow first occurrence, so the same
/// documents in the same order always give the same corpus.
///
/// ```swift
/// let corpus = TopicCorpus(documents: [["soft", "power"], ["power", "drama"]])
/// corpus.documentCount   // 2
/// ```
public struct TopicCorpus: Sendable {
    /// The kept terms; a term's id is its index.
    public private(set) var terms: [String] = []
    /// Document `d`'s tokens are `words[documentStarts[d] ..< documentStarts[d + 1]]`.
    public private(set) var documentStarts: [Int] = [0]
    public private(set) var words: [Int32] = []

    public var documentCount: Int { documentStarts.count - 1 }
    public var termCount: Int { terms.count }
    public var tokenCount: Int { words.count }

    /// A corpus of `documents`, pruned by document frequency.
    ///
    /// - Parameters:
    ///   - minDocumentFrequency: drop terms in fewer documents than this.
    ///   - maxDocumentShare: drop terms in more than this share of the documents
    ///     (1 keeps all).
    /// - Complexity: O(n) for n tokens; each document's terms are asked for once, in order (a lazy
    ///   collection never holds them all).
    public init<Documents: Collection>(documents: Documents, minDocumentFrequency: Int = 1, maxDocumentShare: Double = 1)
    where Documents.Element == [String] {
        var vocabulary = Vocabulary()
        var ids: [[Int32]] = []
        ids.reserveCapacity(documents.count)
        for document in documents { ids.append(document.map { vocabulary.intern($0) }) }
        var df = [Int](repeating: 0, count: vocabulary.count)
        var seen = [Int](repeating: -1, count: vocabulary.count)
        for (d, document) in ids.enumerated() {
            for id in document where seen[Int(id)] != d { seen[Int(id)] = d; df[Int(id)] += 1 }
        }
        let maxDF = Double(documents.count) * maxDocumentShare
        var remap = [Int32](repeating: -1, count: vocabulary.count)
        for document in ids {
            for id in document where remap[Int(id)] < 0 {
                let f = df[Int(id)]
                if f >= minDocumentFrequency && Double(f) <= maxDF {
                    remap[Int(id)] = Int32(terms.count)
                    terms.append(vocabulary[id])
                } else {
                    remap[Int(id)] = Int32.min
                }
            }
        }
        for document in ids {
            for id in document where remap[Int(id)] >= 0 { words.append(remap[Int(id)]) }
            documentStarts.append(words.count)
        }
    }

    /// A corpus of `documents` over a fixed list of terms (a trained model's);
    /// unknown terms are dropped.
    public init<Documents: Sequence>(documents: Documents, terms: [String]) where Documents.Element == [String] {
        self.terms = terms
        var index: [String: Int32] = [:]
        index.reserveCapacity(terms.count)
        for (i, term) in terms.enumerated() { index[term] = Int32(i) }
        for document in documents {
            for term in document { if let id = index[term] { words.append(id) } }
            documentStarts.append(words.count)
        }
    }

    /// The term ids of document `d`.
    public func document(_ d: Int) -> ArraySlice<Int32> { words[documentStarts[d]..<documentStarts[d + 1]] }

    /// Corpus count of each term, indexed by term id.
    public var termTotals: [Int] {
        var totals = [Int](repeating: 0, count: terms.count)
        for w in words { totals[Int(w)] += 1 }
        return totals
    }
}
