import Foundation

/// How the cells of a ``DocumentTermMatrix`` are weighted.
public enum TermWeighting: Sendable, Hashable {
    /// Raw counts.
    case count
    /// Count divided by the document's length (quanteda's `dfm_weight(scheme = "prop")`).
    case relativeFrequency
    /// Raw count × smoothed idf `ln((1 + N) / (1 + df)) + 1`, each row scaled to unit
    /// Euclidean length: scikit-learn's `TfidfVectorizer()` defaults.
    case tfidf
    /// Okapi BM25 with the Lucene idf `ln(1 + (N − df + 0.5) / (df + 0.5))`:
    /// `idf × tf (k1 + 1) / (tf + k1 (1 − b + b × length / mean length))`.
    case bm25(k1: Double = 1.2, b: Double = 0.75)
}

/// A weighted sparse matrix with the same layout (CSR) as the counts it came from.
public struct WeightedTermMatrix: Sendable {
    public var vocabulary: Vocabulary
    public var documentIDs: [String]
    public var rowStarts: [Int]
    public var termIDs: [Vocabulary.TermID]
    public var weights: [Double]

    /// The non-zero weights of document `d`.
    public func row(_ d: Int) -> some Collection<(term: Vocabulary.TermID, weight: Double)> {
        (rowStarts[d]..<rowStarts[d + 1]).lazy.map { (self.termIDs[$0], self.weights[$0]) }
    }

    /// The weight of `term` in document `d` (0 when absent).
    public func weight(of term: String, inDocument d: Int) -> Double {
        guard let id = vocabulary.id(of: term) else { return 0 }
        for i in rowStarts[d]..<rowStarts[d + 1] where termIDs[i] == id { return weights[i] }
        return 0
    }
}

extension DocumentTermMatrix {
    /// The matrix with its cells weighted by `scheme`.
    ///
    /// ```swift
    /// let bm25 = matrix.weighted(by: .bm25())
    /// ```
    /// - Complexity: O(nnz + terms).
    public func weighted(by scheme: TermWeighting) -> WeightedTermMatrix {
        var weights = [Double](repeating: 0, count: nonZeroCount)
        let n = Double(documentCount)
        switch scheme {
        case .count:
            for i in counts.indices { weights[i] = Double(counts[i]) }
        case .relativeFrequency:
            for d in 0..<documentCount {
                let length = Double(length(ofDocument: d))
                for i in rowStarts[d]..<rowStarts[d + 1] { weights[i] = Double(counts[i]) / length }
            }
        case .tfidf:
            let idf = inverseDocumentFrequencies
            for d in 0..<documentCount {
                var norm = 0.0
                for i in rowStarts[d]..<rowStarts[d + 1] {
                    weights[i] = Double(counts[i]) * idf[Int(termIDs[i])]
                    norm += weights[i] * weights[i]
                }
                norm = norm.squareRoot()
                if norm > 0 { for i in rowStarts[d]..<rowStarts[d + 1] { weights[i] /= norm } }
            }
        case .bm25(let k1, let b):
            let df = documentFrequencies
            let idf = df.map { Foundation.log(1 + (n - Double($0) + 0.5) / (Double($0) + 0.5)) }
            let lengths = (0..<documentCount).map { Double(length(ofDocument: $0)) }
            let mean = lengths.isEmpty ? 0 : lengths.reduce(0, +) / n
            for d in 0..<documentCount {
                let norm = k1 * (1 - b + b * (mean > 0 ? lengths[d] / mean : 0))
                for i in rowStarts[d]..<rowStarts[d + 1] {
                    let tf = Double(counts[i])
                    weights[i] = idf[Int(termIDs[i])] * tf * (k1 + 1) / (tf + norm)
                }
            }
        }
        return WeightedTermMatrix(vocabulary: vocabulary, documentIDs: documentIDs, rowStarts: rowStarts,
                                  termIDs: termIDs, weights: weights)
    }

    /// Removes the terms counted fewer than `minCount` times in all, or found in fewer
    /// than `minDocumentFrequency` documents (quanteda's `dfm_trim`); the kept terms keep
    /// their relative order and get new dense ids.
    ///
    /// - Complexity: O(nnz + terms).
    public mutating func trim(minCount: Int = 1, minDocumentFrequency: Int = 1) {
        self = trimmed(minCount: minCount, minDocumentFrequency: minDocumentFrequency)
    }

    /// A copy without the rare terms; see ``trim(minCount:minDocumentFrequency:)``.
    public func trimmed(minCount: Int = 1, minDocumentFrequency: Int = 1) -> DocumentTermMatrix {
        let totals = termTotals, df = documentFrequencies
        var result = DocumentTermMatrix()
        var map = [Vocabulary.TermID](repeating: -1, count: termCount)
        for id in 0..<termCount where totals[id] >= minCount && df[id] >= minDocumentFrequency {
            map[id] = result.vocabulary.intern(vocabulary.terms[id])
        }
        result.documentIDs = documentIDs
        result.rowStarts.reserveCapacity(rowStarts.count)
        for d in 0..<documentCount {
            for i in rowStarts[d]..<rowStarts[d + 1] where map[Int(termIDs[i])] >= 0 {
                result.termIDs.append(map[Int(termIDs[i])])   // order kept: the map is increasing
                result.counts.append(counts[i])
            }
            result.rowStarts.append(result.termIDs.count)
        }
        return result
    }
}
