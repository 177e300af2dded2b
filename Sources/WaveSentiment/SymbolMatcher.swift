/// Finds which of a list of symbol entries (":-)", "(笑)", "ㅠ_ㅠ") occur inside
/// a string, with a byte trie over their UTF-8 built once per lexicon, giving
/// the same answer as Foundation's `contains` (canonical equivalence on whole
/// grapheme clusters) for every symbol, in the list's order.
///
/// The byte answer equals Foundation's when every scalar of the searched text
/// is its own grapheme cluster and equivalent to no other scalar or sequence
/// (see ``isPlain(_:)``); any other text is searched with `contains`, symbol by symbol.
struct SymbolMatcher: Sendable {
    /// The entries with their valences, in the order their hits are reported (and summed).
    let entries: [(String, Double)]
    /// Trie nodes: the edges (byte, child) of node `n` are `edges[edgeStart[n]..<edgeStart[n + 1]]`.
    private let edgeStart: [Int32]
    private let edgeBytes: [UInt8]
    private let edgeTargets: [Int32]
    /// The entry that ends at each node, or -1.
    private let terminal: [Int32]
    /// Which bytes begin an entry.
    private let firstBytes: [Bool]

    init(entries: [(String, Double)]) {
        self.entries = entries
        // Build with per-node dictionaries, then flatten with edges sorted by byte.
        var children: [[UInt8: Int32]] = [[:]]
        var terminal: [Int32] = [-1]
        var firstBytes = [Bool](repeating: false, count: 256)
        for (index, entry) in entries.enumerated() {
            var node = 0
            for byte in entry.0.utf8 {
                if let next = children[node][byte] {
                    node = Int(next)
                } else {
                    children.append([:])
                    terminal.append(-1)
                    let next = Int32(children.count - 1)
                    children[node][byte] = next
                    node = Int(next)
                }
            }
            guard node != 0, let first = entry.0.utf8.first else { continue }
            firstBytes[Int(first)] = true
            // Entries are distinct strings; should one repeat, the first reports (as `contains` would, once per entry, below).
            if terminal[node] < 0 { terminal[node] = Int32(index) }
        }
        var edgeStart: [Int32] = [0]
        var edgeBytes: [UInt8] = []
        var edgeTargets: [Int32] = []
        for edges in children {
            for (byte, target) in edges.sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(target)
            }
            edgeStart.append(Int32(edgeBytes.count))
        }
        self.edgeStart = edgeStart
        self.edgeBytes = edgeBytes
        self.edgeTargets = edgeTargets
        self.terminal = terminal
        self.firstBytes = firstBytes
    }

    /// The valences of the entries found in `text`, each once, in the entries' order.
    func values(in text: String) -> [Double] {
        guard !entries.isEmpty else { return [] }
        guard Self.isPlain(text) else {
            return entries.compactMap { text.contains($0.0) ? $0.1 : nil }
        }
        var found: [Int32] = []
        var text = text
        text.withUTF8 { bytes in
            for start in bytes.indices where firstBytes[Int(bytes[start])] {
                var node = 0
                var index = start
                while index < bytes.count, let next = child(of: node, byte: bytes[index]) {
                    node = next
                    index += 1
                    let entry = terminal[node]
                    if entry >= 0 && !found.contains(entry) { found.append(entry) }
                }
            }
        }
        guard !found.isEmpty else { return [] }
        return found.sorted().map { entries[Int($0)].1 }
    }

    private func child(of node: Int, byte: UInt8) -> Int? {
        var edge = Int(edgeStart[node])
        let end = Int(edgeStart[node + 1])
        while edge < end {
            let b = edgeBytes[edge]
            if b == byte { return Int(edgeTargets[edge]) }
            if b > byte { return nil }
            edge += 1
        }
        return nil
    }

    /// Whether every scalar of `text` is a grapheme cluster of its own and
    /// canonically equivalent to itself only: ASCII but for control characters,
    /// and the blocks of Japanese, Korean and Chinese text, Latin-1, punctuation,
    /// symbols and emoji, without combining marks, joiners, variation selectors,
    /// conjoining jamo, regional indicators, emoji modifiers and the scalars with
    /// a singleton or excluded canonical decomposition (Å sign, 〈, ⫝̸, CJK
    /// compatibility ideographs).
    static func isPlain(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where !isPlain(scalar.value) { return false }
        return true
    }

    static func isPlain(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E: return true
        case 0xA0...0xFF: return true                       // Latin-1
        case 0x2010...0x2027, 0x2030...0x205E: return true  // general punctuation (no joiners, quads)
        case 0x2190...0x2328, 0x232B...0x2ADB, 0x2ADD...0x2BFF: return true  // arrows, math, shapes, dingbats
        case 0x3000...0x3029, 0x3030...0x3096: return true  // CJK punctuation, hiragana (no 302A-302F, 3099-309A)
        case 0x309B...0x30FF, 0x3131...0x318E: return true  // kana, compatibility jamo
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs
        case 0xAC00...0xD7A3: return true                   // Hangul syllables
        case 0xFF01...0xFF9D, 0xFFE0...0xFFEE: return true  // full- and halfwidth forms (no FF9E-FF9F)
        case 0x1F000...0x1F1E5, 0x1F200...0x1F3FA, 0x1F400...0x1FAFF: return true  // emoji (no RI, no modifiers)
        default: return false
        }
    }
}
