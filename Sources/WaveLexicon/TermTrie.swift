import WaveText

/// The entries of one ``TermList`` language in a byte trie, for matching
/// long documents fast: one walk over a token's UTF-8 bytes finds both the
/// phrases that begin with the token's term and the longest glob prefix of it,
/// with no string hashing and no per-glob comparisons.
///
/// Gives the same matches as ``TermList/matches(in:)`` for languages written
/// with spaces (entries of unspaced languages are matched on joined terms
/// there; this type leaves them out, so callers keep ``TermList`` for those).
public struct TermTrie<Payload: Sendable>: Sendable {
    public typealias Match = TermList<Payload>.Match
    @usableFromInline typealias Phrase = TermList<Payload>.Phrase
    @usableFromInline typealias Glob = TermList<Payload>.Glob

    /// Children of node n: labels[childStart[n] ..< childStart[n] + childCount[n]], sorted.
    @usableFromInline var labels: [UInt8] = []
    @usableFromInline var targets: [Int32] = []
    @usableFromInline var childStart: [Int32] = []
    @usableFromInline var childCount: [Int32] = []
    /// Per node: index into `phraseGroups` (terms equal to the path), or -1.
    @usableFromInline var exact: [Int32] = []
    /// Per node: index into `globGroups` (glob prefixes equal to the path), or -1.
    @usableFromInline var glob: [Int32] = []
    /// Root children by byte, for the first step.
    @usableFromInline var rootTable = [Int32](repeating: -1, count: 256)
    @usableFromInline var phraseGroups: [[Phrase]] = []
    @usableFromInline var globGroups: [[Glob]] = []

    public var isEmpty: Bool { phraseGroups.isEmpty && globGroups.isEmpty }

    /// The entries of `list` for `language`, a language written with spaces
    /// (see ``TermList/unspaced``).
    public init(_ list: TermList<Payload>, language: Language) {
        self.init(phrases: list.phrases[language] ?? [:], globs: list.globs[language] ?? [:])
    }

    init(phrases: [String: [Phrase]], globs: [Character: [Glob]]) {
        // Build with dictionaries, then flatten.
        var children: [[UInt8: Int32]] = [[:]]
        var exactOf: [Int32] = [-1]
        var globOf: [Int32] = [-1]
        func node(for key: String) -> Int {
            var n = 0
            for byte in key.utf8 {
                if let next = children[n][byte] {
                    n = Int(next)
                } else {
                    children.append([:]); exactOf.append(-1); globOf.append(-1)
                    let created = Int32(children.count - 1)
                    children[n][byte] = created
                    n = Int(created)
                }
            }
            return n
        }
        for (first, list) in phrases.sorted(by: { $0.key < $1.key }) {
            let n = node(for: first)
            exactOf[n] = Int32(phraseGroups.count)
            phraseGroups.append(list)
        }
        var byPrefix: [String: [Glob]] = [:]
        for (_, list) in globs { for g in list { byPrefix[g.prefix, default: []].append(g) } }
        for (prefix, list) in byPrefix.sorted(by: { $0.key < $1.key }) where !prefix.isEmpty {
            let n = node(for: prefix)
            globOf[n] = Int32(globGroups.count)
            globGroups.append(list)
        }
        for n in children.indices {
            childStart.append(Int32(labels.count))
            childCount.append(Int32(children[n].count))
            for (label, target) in children[n].sorted(by: { $0.key < $1.key }) {
                labels.append(label)
                targets.append(target)
            }
        }
        exact = exactOf
        glob = globOf
        denseOffset = [Int32](repeating: -1, count: childCount.count)
        for n in childCount.indices where childCount[n] >= 6 {
            denseOffset[n] = Int32(dense.count)
            var table = [Int32](repeating: -1, count: 256)
            for k in 0..<Int(childCount[n]) { table[Int(labels[Int(childStart[n]) + k])] = targets[Int(childStart[n]) + k] }
            dense += table
        }
        for k in 0..<Int(childCount[0]) {
            rootTable[Int(labels[Int(childStart[0]) + k])] = targets[Int(childStart[0]) + k]
        }
    }

    /// Per node: offset of its 256-entry child table in `dense`, or -1 (nodes with few children scan `labels`).
    @usableFromInline var denseOffset: [Int32] = []
    @usableFromInline var dense: [Int32] = []

    /// Raw views of the node arrays for one matching pass (no bounds checks or
    /// reference counting per byte).
    @usableFromInline
    struct Nodes {
        @usableFromInline var labels: UnsafeBufferPointer<UInt8>
        @usableFromInline var targets: UnsafeBufferPointer<Int32>
        @usableFromInline var childStart: UnsafeBufferPointer<Int32>
        @usableFromInline var childCount: UnsafeBufferPointer<Int32>
        @usableFromInline var exact: UnsafeBufferPointer<Int32>
        @usableFromInline var glob: UnsafeBufferPointer<Int32>
        @usableFromInline var rootTable: UnsafeBufferPointer<Int32>
        @usableFromInline var denseOffset: UnsafeBufferPointer<Int32>
        @usableFromInline var dense: UnsafeBufferPointer<Int32>

        @inlinable
        init(labels: UnsafeBufferPointer<UInt8>, targets: UnsafeBufferPointer<Int32>, childStart: UnsafeBufferPointer<Int32>,
             childCount: UnsafeBufferPointer<Int32>, exact: UnsafeBufferPointer<Int32>, glob: UnsafeBufferPointer<Int32>,
             rootTable: UnsafeBufferPointer<Int32>, denseOffset: UnsafeBufferPointer<Int32>, dense: UnsafeBufferPointer<Int32>) {
            self.labels = labels; self.targets = targets; self.childStart = childStart; self.childCount = childCount
            self.exact = exact; self.glob = glob; self.rootTable = rootTable; self.denseOffset = denseOffset; self.dense = dense
        }

        @inlinable @inline(__always)
        func child(_ n: Int32, _ byte: UInt8) -> Int32 {
            if n == 0 { return rootTable[Int(byte)] }
            let offset = denseOffset[Int(n)]
            if offset >= 0 { return dense[Int(offset) + Int(byte)] }
            let start = Int(childStart[Int(n)]), end = start + Int(childCount[Int(n)])
            var k = start
            while k < end {
                let label = labels[k]
                if label == byte { return targets[k] }
                if label > byte { return -1 }
                k += 1
            }
            return -1
        }

        /// The node of the whole term (or -1) and the glob group of its longest
        /// glob prefix that ends on a character boundary (or -1).
        @inlinable @inline(__always)
        func walk(_ bytes: UnsafeBufferPointer<UInt8>) -> (exact: Int32, glob: Int32) {
            var n: Int32 = 0
            var bestGlob: Int32 = -1
            var i = 0
            while i < bytes.count {
                n = child(n, bytes[i])
                if n < 0 { return (-1, bestGlob) }
                i += 1
                let g = glob[Int(n)]
                // A prefix must end where a character ends (not inside a UTF-8 sequence).
                if g >= 0 && (i == bytes.count || bytes[i] & 0xC0 != 0x80) { bestGlob = g }
            }
            return (exact[Int(n)], bestGlob)
        }

        @inlinable
        func walk(_ term: String) -> (exact: Int32, glob: Int32) {
            term.utf8.withContiguousStorageIfAvailable { walk($0) }
                ?? Array(term.utf8).withUnsafeBufferPointer { walk($0) }
        }
    }

    @inlinable
    func withNodes<R>(_ body: (Nodes) -> R) -> R {
        labels.withUnsafeBufferPointer { labels in
        targets.withUnsafeBufferPointer { targets in
        childStart.withUnsafeBufferPointer { childStart in
        childCount.withUnsafeBufferPointer { childCount in
        exact.withUnsafeBufferPointer { exact in
        glob.withUnsafeBufferPointer { glob in
        rootTable.withUnsafeBufferPointer { rootTable in
        denseOffset.withUnsafeBufferPointer { denseOffset in
        dense.withUnsafeBufferPointer { dense in
            body(Nodes(labels: labels, targets: targets, childStart: childStart, childCount: childCount, exact: exact,
                       glob: glob, rootTable: rootTable, denseOffset: denseOffset, dense: dense))
        }}}}}}}}}
    }

    /// All matches in `tokens`, left to right, with ``TermList``'s rules:
    /// at each position the longest phrase (every entry of that length), else
    /// every glob with the longest matching prefix.
    @inlinable
    public func matches(in tokens: [Token]) -> [Match] {
        withNodes { nodes in matches(in: tokens, nodes: nodes) }
    }

    @inlinable
    func matches(in tokens: [Token], nodes: Nodes) -> [Match] {
        var result: [Match] = []
        var i = 0
        outer: while i < tokens.count {
            let (exactGroup, globGroup) = nodes.walk(tokens[i].term)
            if exactGroup >= 0 {
                if let length = TermList<Payload>.appendLongestPhrases(phraseGroups[Int(exactGroup)], at: i,
                                                                      in: tokens, to: &result) {
                    i += 1 + length
                    continue outer
                }
            }
            if globGroup >= 0 {
                for g in globGroups[Int(globGroup)] {
                    result.append(Match(tokens: i..<(i + 1), payload: g.payload, entry: g.entry))
                }
            }
            i += 1
        }
        return result
    }
}
