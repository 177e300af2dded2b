extension DocumentTermMatrix {
    /// Interns `term` in the matrix's vocabulary, so callers can count ids.
    public mutating func intern(_ term: String) -> Vocabulary.TermID { vocabulary.intern(term) }

    /// Adds one document's row from term ids of this matrix's vocabulary (see
    /// ``intern(_:)``), counting with a dense scratch array: the hot path.
    ///
    /// - Complexity: O(n + k log k) for n tokens and k distinct terms.
    public mutating func append(documentID: String, termIDs ids: [Vocabulary.TermID], counter: inout RowCounter) {
        let idCount = vocabulary.count
        ids.withUnsafeBufferPointer { counter.appendRow(of: $0, idCount: idCount, toIDs: &termIDs, counts: &counts) }
        documentIDs.append(documentID)
        rowStarts.append(termIDs.count)
    }

    /// Appends the documents of `other` (a shard) after this matrix's own, re-interning
    /// its terms; merging shards in corpus order gives exactly the matrix of the whole
    /// corpus, term ids included.
    ///
    /// - Returns: for each term id of `other`, its id in the merged vocabulary.
    /// - Complexity: O(nnz(other) + terms(other)).
    @discardableResult
    public mutating func merge(_ other: DocumentTermMatrix) -> [Vocabulary.TermID] {
        let map = other.vocabulary.terms.map { vocabulary.intern($0) }
        for d in 0..<other.documentCount {
            let row = other.row(d).map { (term: map[Int($0.term)], count: $0.count) }.sorted { $0.term < $1.term }
            for entry in row { termIDs.append(entry.term); counts.append(entry.count) }
            documentIDs.append(other.documentIDs[d])
            rowStarts.append(termIDs.count)
        }
        return map
    }

    /// Whether two matrices hold the same documents, terms and counts.
    public func hasSameCounts(as other: DocumentTermMatrix) -> Bool {
        documentIDs == other.documentIDs && vocabulary.terms == other.vocabulary.terms
            && rowStarts == other.rowStarts && termIDs == other.termIDs && counts == other.counts
    }
}

extension DocumentTermMatrix {
    /// An empty matrix over an existing vocabulary, so rows can be counted from ids at once.
    public init(vocabulary: Vocabulary) {
        self.init()
        self.vocabulary = vocabulary
    }
}
