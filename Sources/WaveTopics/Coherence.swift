import Foundation

/// Topic coherence by normalized pointwise mutual information (NPMI) of top-term
/// pairs, with probabilities from document co-occurrence over a corpus.
///
/// For terms i and j, P(i) = df(i)/D and P(i, j) = df(i, j)/D;
/// NPMI = ln(P(i,j) / (P(i)P(j))) / −ln P(i,j), and −1 when the pair never
/// co-occurs. A topic's score is the mean over all pairs of its top terms, in
/// −1…+1 (higher is more coherent).
public enum Coherence {
    /// NPMI coherence of each list of term ids over the documents of `corpus`.
    ///
    /// - Complexity: O(tokens + lists × terms²).
    public static func npmi(of termLists: [[Int32]], in corpus: TopicCorpus) -> [Double] {
        // Map each listed term to the lists and positions that hold it.
        var slots: [Int32: [(list: Int, position: Int)]] = [:]
        for (l, list) in termLists.enumerated() {
            for (p, term) in list.enumerated() { slots[term, default: []].append((l, p)) }
        }
        var single = termLists.map { [Int](repeating: 0, count: $0.count) }
        var pair = termLists.map { [Int](repeating: 0, count: $0.count * $0.count) }
        var present = termLists.map { [Bool](repeating: false, count: $0.count) }
        var touched: [Int] = []
        for d in 0..<corpus.documentCount {
            touched.removeAll(keepingCapacity: true)
            for w in corpus.document(d) {
                guard let places = slots[w] else { continue }
                for (l, p) in places where !present[l][p] {
                    present[l][p] = true
                    touched.append(l)
                }
            }
            for l in Set(touched) {
                let n = termLists[l].count
                for i in 0..<n where present[l][i] {
                    single[l][i] += 1
                    for j in (i + 1)..<max(n, i + 1) where present[l][j] { pair[l][i * n + j] += 1 }
                }
                for i in 0..<n { present[l][i] = false }
            }
        }
        let D = Double(max(corpus.documentCount, 1))
        return termLists.indices.map { l in
            let n = termLists[l].count
            guard n > 1 else { return 0 }
            var total = 0.0, pairs = 0
            for i in 0..<n {
                for j in (i + 1)..<n {
                    pairs += 1
                    let joint = Double(pair[l][i * n + j]) / D
                    if joint == 0 { total -= 1; continue }
                    let pi = Double(single[l][i]) / D, pj = Double(single[l][j]) / D
                    let denominator = -log(joint)
                    total += denominator == 0 ? 1 : log(joint / (pi * pj)) / denominator
                }
            }
            return total / Double(pairs)
        }
    }
}
