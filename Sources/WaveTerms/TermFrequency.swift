import WaveText

/// One row of a grouped frequency table (quanteda's `textstat_frequency`).
public struct TermFrequency: Sendable, Hashable {
    public var term: String
    /// The group the row counts in (a language code, a site, a year…).
    public var group: String
    public var count: Int
    public var documentFrequency: Int
    /// Rank inside its group, 1 for the most frequent.
    public var rank: Int
}

extension DocumentTermMatrix {
    /// Term counts and document frequencies per group.
    ///
    /// - Parameter groups: the group of each document, in matrix row order.
    /// - Returns: rows sorted by group, then by count (descending), then term.
    /// - Complexity: O(nnz + t log t) for nnz stored entries and t output rows.
    public func frequencies(groupedBy groups: [String]) -> [TermFrequency] {
        precondition(groups.count == documentCount, "one group per document")
        var members: [String: [Int]] = [:]
        for (d, group) in groups.enumerated() { members[group, default: []].append(d) }
        // Per-group totals in dense columns over the terms, reset after each group through the
        // terms it touched; groups in order, each sorted on its own.
        var count = [Int](repeating: 0, count: termCount), df = count
        var touched: [Vocabulary.TermID] = []
        var rows: [TermFrequency] = []
        for group in members.keys.sorted() {
            for d in members[group]! {
                for entry in row(d) {
                    let i = Int(entry.term)
                    if df[i] == 0 { touched.append(entry.term) }
                    count[i] += Int(entry.count); df[i] += 1
                }
            }
            var cells = touched.map { (term: vocabulary[$0], count: count[Int($0)], df: df[Int($0)]) }
            for id in touched { count[Int(id)] = 0; df[Int(id)] = 0 }
            touched.removeAll(keepingCapacity: true)
            cells.sort { $0.count != $1.count ? $0.count > $1.count : $0.term < $1.term }
            for (rank, cell) in cells.enumerated() {
                rows.append(TermFrequency(term: cell.term, group: group, count: cell.count, documentFrequency: cell.df, rank: rank + 1))
            }
        }
        return rows
    }
}
