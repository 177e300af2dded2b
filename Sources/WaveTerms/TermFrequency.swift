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
        struct Key: Hashable { var term: Vocabulary.TermID; var group: String }
        var totals: [Key: (count: Int, df: Int)] = [:]
        for d in 0..<documentCount {
            for entry in row(d) {
                let key = Key(term: entry.term, group: groups[d])
                let old = totals[key] ?? (0, 0)
                totals[key] = (old.count + Int(entry.count), old.df + 1)
            }
        }
        var rows = totals.map { key, value in
            TermFrequency(term: vocabulary[key.term], group: key.group, count: value.count,
                          documentFrequency: value.df, rank: 0)
        }
        rows.sort { ($0.group, -$0.count, $0.term) < ($1.group, -$1.count, $1.term) }
        var rank = 0
        var current: String? = nil
        for i in rows.indices {
            if rows[i].group != current { current = rows[i].group; rank = 0 }
            rank += 1
            rows[i].rank = rank
        }
        return rows
    }
}
