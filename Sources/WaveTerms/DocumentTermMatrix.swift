import WaveText

/// A sparse document × term count matrix over an interned ``Vocabulary``.
///
/// Rows are stored compressed (CSR): for document `d`, the term ids and
/// counts live at `rowStarts[d] ..< rowStarts[d + 1]`, ordered by term id.
/// Memory is proportional to the non-zero entries.
///
/// ```swift
/// var matrix = DocumentTermMatrix()
/// matrix.append(documentID: "a", terms: ["soft", "power", "soft"])
/// matrix.count(of: "soft", inDocument: 0)   // 2
/// ```
public struct DocumentTermMatrix: Sendable {
    public internal(set) var vocabulary = Vocabulary()
    public internal(set) var documentIDs: [String] = []
    public internal(set) var rowStarts: [Int] = [0]
    public internal(set) var termIDs: [Vocabulary.TermID] = []
    public internal(set) var counts: [Int32] = []

    public init() {}

    /// Builds a matrix of the content tokens (``TokenizedDocument/contentTokens``) of `documents`.
    public init(documents: [TokenizedDocument]) {
        for document in documents {
            append(documentID: document.id, terms: document.contentTokens.lazy.map(\.term))
        }
    }

    public var documentCount: Int { documentIDs.count }
    public var termCount: Int { vocabulary.count }
    public var nonZeroCount: Int { counts.count }

    /// Adds one document's row.
    ///
    /// - Complexity: O(n log n) for n distinct terms in the document.
    public mutating func append<S: Sequence>(documentID: String, terms: S) where S.Element == String {
        var row: [Vocabulary.TermID: Int32] = [:]
        for term in terms { row[vocabulary.intern(term), default: 0] += 1 }
        for (id, count) in row.sorted(by: { $0.key < $1.key }) {
            termIDs.append(id)
            counts.append(count)
        }
        documentIDs.append(documentID)
        rowStarts.append(termIDs.count)
    }

    /// The non-zero entries of document `index`.
    public func row(_ index: Int) -> some Collection<(term: Vocabulary.TermID, count: Int32)> {
        (rowStarts[index]..<rowStarts[index + 1]).lazy.map { (self.termIDs[$0], self.counts[$0]) }
    }

    /// Total tokens counted in document `index`.
    public func length(ofDocument index: Int) -> Int {
        counts[rowStarts[index]..<rowStarts[index + 1]].reduce(0) { $0 + Int($1) }
    }

    /// How often `term` occurs in document `index`.
    public func count(of term: String, inDocument index: Int) -> Int {
        guard let id = vocabulary.id(of: term) else { return 0 }
        let slice = termIDs[rowStarts[index]..<rowStarts[index + 1]]
        // Rows are sorted by term id: binary search.
        var lo = slice.startIndex, hi = slice.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if termIDs[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < slice.endIndex && termIDs[lo] == id ? Int(counts[lo]) : 0
    }

    /// Corpus-wide count of each term, indexed by term id.
    public var termTotals: [Int] {
        var totals = [Int](repeating: 0, count: vocabulary.count)
        for (id, count) in zip(termIDs, counts) { totals[Int(id)] += Int(count) }
        return totals
    }

    /// Number of documents each term occurs in, indexed by term id.
    public var documentFrequencies: [Int] {
        var df = [Int](repeating: 0, count: vocabulary.count)
        for id in termIDs { df[Int(id)] += 1 }
        return df
    }

    /// Smoothed inverse document frequency of each term:
    /// `idf(t) = ln((1 + N) / (1 + df(t))) + 1`, the variant of scikit-learn's
    /// `TfidfVectorizer(smooth_idf=True)`, so a term in every document keeps weight 1.
    public var inverseDocumentFrequencies: [Double] {
        let n = Double(documentCount)
        return documentFrequencies.map { log((1 + n) / (1 + Double($0))) + 1 }
    }

    /// TF-IDF weights of document `index`: raw count × smoothed idf, with the
    /// row scaled to unit Euclidean length (scikit-learn's default `norm="l2"`).
    public func tfidf(ofDocument index: Int, idf: [Double]) -> [(term: Vocabulary.TermID, weight: Double)] {
        let raw = row(index).map { (term: $0.term, weight: Double($0.count) * idf[Int($0.term)]) }
        let norm = raw.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
        return norm == 0 ? raw : raw.map { (term: $0.term, weight: $0.weight / norm) }
    }
}

import Foundation
