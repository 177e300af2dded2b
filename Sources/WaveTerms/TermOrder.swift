/// The order of a vocabulary's terms as strings (`<`, canonical equivalence as equality), as
/// integer ranks, so that tables sorted by term compare integers instead of strings, and the
/// order of two bigrams' texts ("w₁ w₂") is found without building them.
///
/// A bigram's text is its terms joined by a space. Two such texts compare as their first terms
/// do when the first terms differ and neither holds a space or a character below it (then
/// neither first term can be the other's prefix followed by what sorts below the space), and
/// as their second terms do when the first terms are equal (the same prefix, then a space,
/// which composes with nothing). Any other pair is compared by its texts.
///
/// ```swift
/// let order = TermOrder(vocabulary)
/// order.compare(0, 1)   // -1, 0 or 1, as vocabulary[0] < vocabulary[1] …
/// ```
public struct TermOrder: Sendable {
    /// The rank of each term id: equal for equal strings, in string order.
    public let ranks: [Int32]
    /// Whether a term holds a character at or below the space (it may be a longer term's prefix
    /// in a way the ranks of first terms do not settle).
    let unsettled: [Bool]

    /// - Complexity: O(terms log terms) string comparisons.
    public init(_ vocabulary: Vocabulary) {
        let terms = vocabulary.terms
        let sorted = terms.indices.sorted { terms[$0] < terms[$1] }
        var ranks = [Int32](repeating: 0, count: terms.count)
        var rank: Int32 = 0
        for (k, id) in sorted.enumerated() {
            if k > 0, terms[sorted[k - 1]] != terms[id] { rank += 1 }
            ranks[id] = rank
        }
        self.ranks = ranks
        unsettled = terms.map { term in term.unicodeScalars.contains { $0.value <= 0x20 } }
    }

    /// −1, 0 or 1 as term `x` sorts before, with or after term `y`.
    @inline(__always)
    public func compare(_ x: Vocabulary.TermID, _ y: Vocabulary.TermID) -> Int {
        let (a, b) = (ranks[Int(x)], ranks[Int(y)])
        return a < b ? -1 : a == b ? 0 : 1
    }

    /// −1, 0 or 1 as the text of bigram `x` (its terms joined by a space) sorts before, with or
    /// after `y`'s; `text` builds a bigram's text for the pairs the ranks do not settle.
    public func compareBigrams(_ x: ArraySlice<Vocabulary.TermID>, _ y: ArraySlice<Vocabulary.TermID>,
                               text: () -> (String, String)) -> Int {
        let (x1, y1) = (x[x.startIndex], y[y.startIndex])
        let first = compare(x1, y1)
        if first == 0 { return compare(x[x.startIndex + 1], y[y.startIndex + 1]) }
        if !unsettled[Int(x1)] && !unsettled[Int(y1)] { return first }
        let (a, b) = text()
        return a < b ? -1 : a == b ? 0 : 1
    }
}
