/// An example sentence for a theme with its source, shown once however many
/// syndicated copies carry it.
public struct EvidenceSentence: Sendable, Hashable {
    public var theme: String
    /// The document shown (the earliest copy when the sentence is syndicated).
    public var documentID: String
    public var title: String?
    public var site: String?
    public var date: String?
    /// The focus label of the document (`japan`, `korea`, `both`, `neither`).
    public var focus: String
    public var sentence: String
    /// Documents carrying the sentence (1 when it is not syndicated).
    public var copies: Int
    /// The words of the sentence the theme matched (nil when not known).
    public var match: String? = nil
}

extension CorpusAnalysis {
    /// Up to `perTheme` sentences per top-level theme: copies of a sentence (the
    /// same text, or documents of one near-duplicate cluster) collapsed into one with
    /// their count, then taken in turn from each focus (targets first, in gazetteer
    /// order) so that both targets are sampled; within a focus by hits, then date and id.
    /// Deterministic: the same corpus gives the same sentences.
    ///
    /// - Complexity: O(themes · documents · log documents).
    public func evidenceSentences(perTheme: Int = 4) -> [EvidenceSentence] {
        var clusterOf: [Int: Int] = [:]
        for cluster in termStatistics.statistics.clusters {
            for member in cluster.members { clusterOf[member] = cluster.representative }
        }
        return topThemes.flatMap { theme -> [EvidenceSentence] in
            // One entry per sentence text and per cluster; the first in (date, id) order is shown.
            var entries: [String: (index: Int, copies: Int)] = [:]
            var keyOfCluster: [Int: String] = [:]
            let candidates = documents.indices.filter { documents[$0].evidence[theme.path] != nil }
                .sorted { (documents[$0].article.date ?? "~", documents[$0].id) < (documents[$1].article.date ?? "~", documents[$1].id) }
            for i in candidates {
                let text = String((documents[i].evidence[theme.path] ?? "").prefix(400))
                let key = clusterOf[i].flatMap { keyOfCluster[$0] } ?? text
                if let c = clusterOf[i], keyOfCluster[c] == nil { keyOfCluster[c] = key }
                if let entry = entries[key] { entries[key] = (entry.index, entry.copies + 1) } else { entries[key] = (i, 1) }
            }
            let byFocus = Dictionary(grouping: entries.values) { documents[$0.index].focus.label }.mapValues { list in
                list.sorted { a, b in
                    let da = documents[a.index], db = documents[b.index]
                    return (da.themeHits(theme.path), b.copies, db.article.date ?? "", db.id)
                        > (db.themeHits(theme.path), a.copies, da.article.date ?? "", da.id)
                }
            }
            var picked: [EvidenceSentence] = []
            var round = 0
            while picked.count < perTheme {
                var took = false
                for focus in targets.focusOrder {
                    guard picked.count < perTheme, let list = byFocus[focus], round < list.count else { continue }
                    let (i, copies) = list[round], d = documents[i]
                    picked.append(EvidenceSentence(theme: theme.path, documentID: d.id, title: d.article.title, site: d.article.site,
                                                   date: d.article.date, focus: focus,
                                                   sentence: String((d.evidence[theme.path] ?? "").prefix(400)), copies: copies,
                                                   match: d.evidenceMatches?[theme.path]))
                    took = true
                }
                if !took { break }
                round += 1
            }
            return picked
        }
    }
}
