/// A candidate multiword term and its association scores.
public struct Collocation: Sendable, Hashable {
    /// The terms, in order.
    public var terms: [String]
    /// Occurrences of the whole sequence.
    public var count: Int
    /// Documents it occurs in.
    public var documentFrequency: Int
    /// Occurrences and documents with each near-duplicate cluster counted once.
    public var dedupCount: Int = 0
    public var dedupDocumentFrequency: Int = 0
    /// The 2×2 table it was scored on.
    public var table: ContingencyTable
    public var logLikelihood: Double { table.logLikelihood }
    public var pointwiseMutualInformation: Double { table.pointwiseMutualInformation }
    public var tScore: Double { table.tScore }
    /// The terms joined by a space.
    public var text: String { terms.joined(separator: " ") }
}

/// Finds collocations among counted n-grams (quanteda's `textstat_collocations`, AntConc's Collocates).
///
/// A bigram w₁ w₂ is scored on the table of bigram positions: `a` = f(w₁ w₂),
/// `b` = f(w₁ ·) − a, `c` = f(· w₂) − a, `d` = N − a − b − c, N all bigrams.
/// A trigram w₁ w₂ w₃ is scored the same way as the pair (w₁ w₂, w₃) over trigram
/// positions. G², PMI (log₂) and t-score then come from ``ContingencyTable``.
public enum Collocations {
    /// - Parameters:
    ///   - n: 2 or 3 (an n-gram size the corpus counted; none found for another size).
    ///   - minCount: the least number of occurrences a candidate needs.
    ///   - limit: keep only the first `limit` of the order (nil: all). The same rows as the
    ///     whole list cut to `limit`; only the candidates that can make the cut (G² at least the
    ///     `limit`-th largest) get their terms and text built.
    /// - Returns: candidates by G² descending, ties by text.
    /// - Complexity: O(n-grams log n-grams).
    public static func find(in corpus: TermCorpus, n: Int = 2, minCount: Int = 2, limit: Int? = nil) -> [Collocation] {
        guard n == 2 || n == 3, let matrix = corpus.ngrams[n] else { return [] }
        let index = matrix.index
        // Marginals: the (n−1)-term prefix and the last term, over n-gram positions.
        // Prefixes are packed into one integer key (n ≤ 3).
        func prefixKey(_ gram: ArraySlice<Vocabulary.TermID>) -> UInt64 {
            n == 2 ? UInt64(UInt32(bitPattern: gram[gram.startIndex]))
                   : UInt64(UInt32(bitPattern: gram[gram.startIndex])) << 32 | UInt64(UInt32(bitPattern: gram[gram.startIndex + 1]))
        }
        var prefix: [UInt64: Int] = [:]
        var last = [Int](repeating: 0, count: corpus.matrix.termCount)
        var total = 0
        for id in 0..<index.count {
            let gram = index.gram(id), count = index.counts[id]
            prefix[prefixKey(gram), default: 0] += count
            last[Int(gram.last!)] += count
            total += count
        }
        // Every candidate's table and sort key (a NaN G² sorts last) first; terms and text only
        // for those that can make the cut.
        var candidates: [(id: Int, table: ContingencyTable, g2: Double)] = []
        for id in 0..<index.count where index.counts[id] >= minCount {
            let gram = index.gram(id)
            let a = index.counts[id]
            let b = prefix[prefixKey(gram)]! - a
            let c = last[Int(gram.last!)] - a
            let table = ContingencyTable(a: a, b: b, c: c, d: total - a - b - c)
            let g2 = table.logLikelihood
            candidates.append((id, table, g2.isNaN ? -Double.infinity : g2))
        }
        if let limit, limit >= 0, candidates.count > limit {
            guard limit > 0 else { return [] }
            var keys = candidates.map(\.g2)
            keys.sort(by: >)
            let threshold = keys[limit - 1]
            candidates.removeAll { $0.g2 < threshold }
        }
        let df = matrix.documentFrequencies
        let dedup = corpus.totals(n: n) { corpus.counted[$0] }
        let result = candidates.map { candidate in
            Collocation(terms: index.gram(candidate.id).map { corpus.matrix.vocabulary[$0] }, count: index.counts[candidate.id],
                        documentFrequency: df[candidate.id], dedupCount: dedup.counts[candidate.id],
                        dedupDocumentFrequency: dedup.documentFrequencies[candidate.id], table: candidate.table)
        }
        // Sort on precomputed keys (a NaN would break the ordering the sort relies on).
        let keys = zip(candidates, result).map { (g2: $0.g2, text: $1.text) }
        let order = keys.indices.sorted { x, y in
            keys[x].g2 != keys[y].g2 ? keys[x].g2 > keys[y].g2 : keys[x].text < keys[y].text
        }
        return order.prefix(limit.map { max(0, $0) } ?? order.count).map { result[$0] }
    }

    /// Promotes phrases to single terms: wherever the content tokens of a sentence
    /// spell a phrase, they become one token whose term is the phrase's terms joined
    /// (by "" in Japanese and Chinese documents, by a space elsewhere), as quanteda's
    /// `tokens_compound`. Longer phrases win over shorter ones at the same place.
    ///
    /// ```swift
    /// let promoted = Collocations.promote([["soft", "power"], ["studio", "ghibli"]], in: documents)
    /// ```
    /// - Complexity: O(tokens × phrases starting with the token's term).
    public static func promote(_ phrases: [[String]], in documents: [StoredDocument]) -> [StoredDocument] {
        var byFirst: [String: [[String]]] = [:]
        for phrase in phrases where phrase.count >= 2 { byFirst[phrase[0], default: []].append(phrase) }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        guard !byFirst.isEmpty else { return documents }
        return documents.map { document in
            var document = document
            let joiner = ["ja", "zh"].contains(document.language) ? "" : " "
            for s in document.sentences.indices {
                let tokens = document.sentences[s].tokens
                let content = tokens.indices.filter { tokens[$0].isContent }
                var merged: [StoredToken] = []
                var removed = Set<Int>()
                var replace: [Int: StoredToken] = [:]
                var i = 0
                while i < content.count {
                    var matched = 0
                    for phrase in byFirst[tokens[content[i]].term] ?? [] where i + phrase.count <= content.count {
                        if (0..<phrase.count).allSatisfy({ tokens[content[i + $0]].term == phrase[$0] }) {
                            matched = phrase.count
                            break
                        }
                    }
                    if matched >= 2 {
                        let first = content[i], lastIndex = content[i + matched - 1]
                        replace[first] = StoredToken(term: (0..<matched).map { tokens[content[i + $0]].term }.joined(separator: joiner),
                                                     range: tokens[first].range.lowerBound..<tokens[lastIndex].range.upperBound,
                                                     isContent: true)
                        for j in 1..<matched { removed.insert(content[i + j]) }
                        i += matched
                    } else {
                        i += 1
                    }
                }
                guard !replace.isEmpty else { continue }
                for (k, token) in tokens.enumerated() where !removed.contains(k) {
                    // Non-content tokens inside a promoted span stay (KWIC still finds them).
                    merged.append(replace[k] ?? token)
                }
                document.sentences[s].tokens = merged
            }
            return document
        }
    }
}
