import WaveLexicon
import WaveText

/// A cheap test of whether a text can mention any target of a gazetteer, run before the
/// expensive stages (`wavelength run --require-target`): a byte search of the folded text for
/// the gazetteer's names, with no tokenizing.
///
/// It is meant never to drop a text that ``MentionFinder`` would find a mention in (on a mixed
/// WARC it dropped 6 of 263 Korean and Japanese pages with a mention; the case traced was a false
/// mention of the finder, since fixed; BENCHMARKS.md, section 12): every name is searched
/// as a substring of the text folded the way tokens are (NFKC and case folding; plain ASCII
/// lowercasing for ASCII text), a glob entry (`japan*`) by its stem, and a multiword entry
/// ("studio ghibli") by its longest word. It may keep a text without a mention (a name inside a
/// longer word: "sega" in "segment"); the analysis then finds none, as without the prefilter.
///
/// ```swift
/// let prefilter = TargetPrefilter(gazetteer: try Gazetteer.shipped())
/// prefilter.mayMention("A new Studio Ghibli film")   // true
/// prefilter.mayMention("Quarterly wheat prices")     // false
/// ```
public struct TargetPrefilter: Sendable {
    /// The folded names, grouped by their first byte.
    private let needles: [[[UInt8]]]

    public init(gazetteer: Gazetteer) {
        var names: Set<[UInt8]> = []
        for target in gazetteer.targets {
            for terms in target.terms.values {
                for term in terms {
                    var entry = Substring(term)
                    while entry.hasSuffix("*") { entry = entry.dropLast() }
                    // A phrase is found only where its longest word is.
                    let words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    guard let longest = words.max(by: { $0.utf8.count < $1.utf8.count }) else { continue }
                    let folded = Array(TextNormalizer.fold(longest).utf8)
                    if !folded.isEmpty { names.insert(folded) }
                }
            }
        }
        var table = [[[UInt8]]](repeating: [], count: 256)
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) { table[Int(name[0])].append(name) }
        needles = table
    }

    /// Whether the gazetteer has no name at all (then every text is kept).
    public var isEmpty: Bool { needles.allSatisfy(\.isEmpty) }

    /// Whether `texts` (an article's text and title) may mention a target.
    ///
    /// - Complexity: O(*n*·*k*) for *n* bytes of text and *k* names sharing a first byte, usually
    ///   a few; texts with non-ASCII characters are folded first (one NFKC pass).
    public func mayMention(_ texts: String...) -> Bool {
        mayMention(texts)
    }

    /// Whether any of `texts` may mention a target.
    public func mayMention(_ texts: [String]) -> Bool {
        if isEmpty { return true }
        for text in texts {
            var ascii = true
            for byte in text.utf8 where byte >= 0x80 { ascii = false; break }
            var searched = ascii ? text : TextNormalizer.fold(text)
            let found = searched.withUTF8 { contains($0, lowercasingASCII: ascii) }
            if found { return true }
        }
        return false
    }

    private func contains(_ text: UnsafeBufferPointer<UInt8>, lowercasingASCII: Bool) -> Bool {
        @inline(__always) func byte(_ i: Int) -> UInt8 {
            let b = text[i]
            return lowercasingASCII && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        }
        let count = text.count
        var i = 0
        while i < count {
            let candidates = needles[Int(byte(i))]
            if !candidates.isEmpty {
                for name in candidates where name.count <= count - i {
                    var j = 1
                    while j < name.count && byte(i + j) == name[j] { j += 1 }
                    if j == name.count { return true }
                }
            }
            i += 1
        }
        return false
    }
}
