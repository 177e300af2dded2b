import Foundation
import WaveLexicon
import WaveText

/// What a sentence says around one target, as named feature values for
/// ``TargetSentimentModel``.
///
/// Language-independent features (the same names in every language) describe
/// where the sentence's weighed lexicon hits stand relative to the target;
/// sums are squashed to −1…+1 (`s / √(s² + 1)`):
/// - `same+`, `same-`: hits in the target's clause (clauses end at punctuation,
///   contrast words, concessive words and comparison markers);
/// - `other+`, `other-`: hits in other clauses with no contrast or comparison
///   marker between them and the target;
/// - `cross+`, `cross-`: hits with a contrast or comparison marker between
///   them and the target ("Unlike Japan, Korea thrived": *thrived* is across);
/// - `near`: all hits weighed by 0.7 to the power of their distance in words;
/// - `own`: hits nearer to this target than to any other target of the sentence;
/// - `quoted`: hits inside quotation marks that do not hold the target;
/// - `sentence`: all hits (what whole-sentence scoring sees);
/// - `multi`: the sentence has other targets; `marked`: a comparison marker
///   stands just before the target ("unlike X", "than X").
///
/// Lexical features (per language, learned from data) are the words around the
/// target: `T:` the mention's own words (a pronoun is used in its own ways),
/// `P:` the word just before, `N:` the word just after, `P2:`/`N2:` the two
/// tokens before/after as a pair (punctuation included), `L:`/`R:` words
/// up to four before/after, `C:` words of its clause, `S:` words of the sentence;
/// and each lexicon hit's word with the sign of its weighed value by where it
/// stands (`Hs:` same clause, `Ho:` another clause, `Hx:` across a marker), so
/// the data can re-weigh lexicon words for the domain ("attack" in politics).
/// English targets also get their role and shape (``roleFeatures(view:target:others:)``:
/// n-grams through the target, subject or patient of the verb after it, agent after
/// "by", the mention's shape, its order among the targets, its place in the sentence).
struct TargetFeatures {
    var values: [(name: String, value: Double)] = []

    static let window = 4
    /// Languages given the `P2:`/`N2:` pairs: English, where the pairs mark reported
    /// speech and apposition ("according to X", "X said that", "X, who"). Japanese
    /// particles next to an aspect are already `P:`/`N:` words; pairs there were
    /// measured lower before (`BENCHMARKS.md`, section 7) and are left out.
    static let pairLanguages: Set<Language> = [.english]
    static let nearDecay = 0.7

    /// Words that mark a comparison, so what stands across them concerns the other side.
    static let comparisonMarkers: [Language: Set<String>] = [
        .english: ["unlike", "than", "whereas", "while", "versus", "vs", "vs.", "compared", "contrast", "meanwhile",
                   "instead", "rather"],
        .japanese: ["対し", "対して", "比べ", "比べる", "比較", "比", "一方", "反面", "半面", "に対して"],
        .korean: ["달리", "비해", "비하면", "반해", "반면", "반면에", "대조적으로", "대비", "한편"],
    ]
    static let quoteCharacters: Set<Character> = ["\"", "“", "”", "「", "」", "『", "』", "‘", "’"]

    /// The tokens overlapping the UTF-8 range `bytes` (the nearest token after it when none does).
    static func tokenSpan(ofBytes bytes: Range<Int>, in tokens: [Token]) -> Range<Int> {
        var lower: Int?, upper = 0
        for (i, token) in tokens.enumerated() where token.range.overlaps(bytes) {
            if lower == nil { lower = i }
            upper = i + 1
        }
        if let lower { return lower..<upper }
        let next = tokens.firstIndex { $0.range.lowerBound >= bytes.upperBound } ?? tokens.count
        return next..<next
    }

    static func squash(_ s: Double) -> Double { s / (s * s + 1).squareRoot() }

    init(view: SentimentEngine.TargetView, target: Range<Int>, others: [Range<Int>], language: Language) {
        let tokens = view.tokens
        let markers = Self.comparisonMarkers[language] ?? []
        // Clause of each token, and where the markers stand.
        var clause = [Int](repeating: 0, count: tokens.count)
        var isMarker = [Bool](repeating: false, count: tokens.count)
        var current = 0
        for i in tokens.indices {
            var opens = view.breakBefore[i] || view.contrastAt[i]
            if case .concessive = view.roles[i] { opens = true }
            if markers.contains(tokens[i].term) { opens = true; isMarker[i] = true }
            if view.contrastAt[i] { isMarker[i] = true }
            if opens && i > 0 { current += 1 }
            clause[i] = current
        }
        // Quotation: which tokens stand inside quotation marks (toggled by quote tokens or their surfaces).
        var quoted = [Bool](repeating: false, count: tokens.count)
        var inside = false
        for i in tokens.indices {
            let surface = tokens[i].surface
            if surface.count == 1, let c = surface.first, Self.quoteCharacters.contains(c) { inside.toggle(); continue }
            quoted[i] = inside
        }
        let anchor = min(target.lowerBound, max(tokens.count - 1, 0))
        let targetClause = tokens.isEmpty ? 0 : clause[anchor]
        let targetQuoted = tokens.isEmpty ? false : quoted[anchor]
        let marked = target.lowerBound > 0 && target.lowerBound <= tokens.count && isMarker[target.lowerBound - 1]
        func distance(_ hit: Range<Int>, _ span: Range<Int>) -> Int {
            if hit.upperBound <= span.lowerBound { return span.lowerBound - hit.upperBound + 1 }
            if hit.lowerBound >= span.upperBound { return hit.lowerBound - span.upperBound + 1 }
            return 0
        }
        var hitWords: [(String, Double)] = []
        var same = (0.0, 0.0), other = (0.0, 0.0), cross = (0.0, 0.0)
        var near = 0.0, own = 0.0, quotedSum = 0.0, total = 0.0
        for hit in view.hits {
            if hit.tokens.overlaps(target) { continue }
            let v = hit.value
            total += v
            let d = distance(hit.tokens, target)
            near += v * pow(Self.nearDecay, Double(max(d - 1, 0)))
            if !others.contains(where: { distance(hit.tokens, $0) < d }) { own += v }
            let at = hit.tokens.lowerBound
            if at < tokens.count, quoted[at] && !targetQuoted { quotedSum += v }
            let sameClause = at < tokens.count && clause[at] == targetClause
            // A marker between the hit and the target, or one just before the
            // target while the hit is in another clause ("Unlike Japan, Korea thrived").
            let lo = min(at, target.lowerBound), hi = min(max(at, target.lowerBound), tokens.count - 1)
            let crossed = (lo < hi && (lo + 1...hi).contains { isMarker[$0] }) || (marked && !sameClause)
            let where_ = sameClause && !crossed ? "Hs:" : (crossed ? "Hx:" : "Ho:")
            if at < tokens.count { hitWords.append((where_ + tokens[at].term, v > 0 ? 1 : -1)) }
            if sameClause && !crossed {
                if v > 0 { same.0 += v } else { same.1 += v }
            } else if crossed {
                if v > 0 { cross.0 += v } else { cross.1 += v }
            } else {
                if v > 0 { other.0 += v } else { other.1 += v }
            }
        }
        var values: [(String, Double)] = [("bias", 1)]
        func add(_ name: String, _ value: Double) { if value != 0 { values.append((name, Self.squash(value))) } }
        add("same+", same.0); add("same-", same.1)
        add("other+", other.0); add("other-", other.1)
        add("cross+", cross.0); add("cross-", cross.1)
        add("near", near); add("own", own); add("quoted", quotedSum); add("sentence", total)
        if !others.isEmpty { values.append(("multi", 1)) }
        if marked { values.append(("marked", 1)) }
        // Words around the target.
        func word(_ i: Int) -> String? {
            let t = tokens[i]
            return t.kind == .word || t.kind == .hashtag ? t.term : nil
        }
        var seen = Set<String>()
        func lexical(_ name: String) { if seen.insert(name).inserted { values.append((name, 1)) } }
        if target.lowerBound > 0, let w = word(target.lowerBound - 1) { lexical("P:" + w) }
        if target.upperBound < tokens.count, let w = word(target.upperBound) { lexical("N:" + w) }
        // The mention's own words: a pronoun ("she") or a name is mentioned in its own ways.
        for i in target where i < tokens.count { if let w = word(i) { lexical("T:" + w) } }
        // The two tokens on each side as a pair, punctuation included ("according to X", "X, who", "X said that").
        func any(_ i: Int) -> String? { i >= 0 && i < tokens.count && !target.contains(i) ? tokens[i].term : nil }
        if Self.pairLanguages.contains(language) {
            if let a = any(target.lowerBound - 2), let b = any(target.lowerBound - 1) { lexical("P2:" + a + " " + b) }
            if let a = any(target.upperBound), let b = any(target.upperBound + 1) { lexical("N2:" + a + " " + b) }
        }
        for i in max(0, target.lowerBound - Self.window)..<min(target.lowerBound, tokens.count) {
            if let w = word(i) { lexical("L:" + w) }
        }
        if target.upperBound < tokens.count {
            for i in target.upperBound..<min(tokens.count, target.upperBound + Self.window) {
                if let w = word(i) { lexical("R:" + w) }
            }
        }
        for i in tokens.indices where !target.contains(i) {
            guard let w = word(i) else { continue }
            if clause[i] == targetClause { lexical("C:" + w) }
            lexical("S:" + w)
        }
        if Self.roleLanguages.contains(language) {
            for name in Self.roleFeatures(view: view, target: target, others: others) { lexical(name) }
        }
        for (name, sign) in hitWords where seen.insert(name).inserted { values.append((name, sign)) }
        self.values = values
    }
}
