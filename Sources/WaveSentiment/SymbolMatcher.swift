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
    private let trie: ByteKeyTrie

    init(entries: [(String, Double)]) {
        self.entries = entries
        trie = ByteKeyTrie(keys: entries.map(\.0))
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
            for start in bytes.indices where trie.begins(with: bytes[start]) {
                var node = ByteKeyTrie.root
                var index = start
                while index < bytes.count, let next = trie.child(of: node, byte: bytes[index]) {
                    node = next
                    index += 1
                    if let entry = trie.key(at: node), !found.contains(Int32(entry)) { found.append(Int32(entry)) }
                }
            }
        }
        guard !found.isEmpty else { return [] }
        return found.sorted().map { entries[Int($0)].1 }
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
