import Foundation
import WaveText

/// English role and shape features of a target (``TargetFeatures``), measured by
/// cross-validation by document (`BENCHMARKS.md`, section 7):
/// - `G2:`/`G3:` the tokens next to the target as n-grams with the target as `TGT`
///   ("attacked TGT", "TGT was arrested", "by TGT said");
/// - the target as subject or patient of the verb after it (`SUBJ:` "TGT attacked",
///   `PASS:` "TGT was praised"), as the agent of the word before "by" (`BY:`
///   "attacked by TGT"), the object of the word before it (`OBJ:`), after a
///   preposition (`PREP:` "objections to TGT"), apposition after a clause break
///   (`APP:` "TGT, a corrupt …"), a negation just after it (`NEGAFTER`);
/// - the mention's shape (`SH:` a day or month, a pronoun, a determiner, a
///   capitalized name by its length, lowercase), its order among the sentence's
///   targets (`ORD:`), where it stands in the sentence by quarter (`POS:`), and
///   whether it opens the sentence (`START`).
extension TargetFeatures {
    /// Languages given these features: English, the only language with training data
    /// in which they were measured.
    static let roleLanguages: Set<Language> = [.english]

    static let auxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being", "has", "have", "had"]
    static let passiveAuxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be"]
    static let skippedAdverbs: Set<String> = ["not", "also", "never", "reportedly"]
    static let prepositions: Set<String> = ["to", "for", "against", "with", "on", "of", "at", "from"]
    static let notObjects: Set<String> = ["the", "a", "of", "and", "to", "for", "in", "on", "with", "that"]
    static let negations: Set<String> = ["not", "n't", "never", "no", "without"]
    static let dates: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                     "january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december", "today", "yesterday"]
    static let pronouns: Set<String> = ["he", "she", "him", "her", "they", "them", "it", "i", "we", "you", "his",
                                        "hers", "their", "its"]
    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "his", "her", "their"]

    /// The role and shape feature names of the target at token span `target` among `others`.
    static func roleFeatures(view: SentimentEngine.TargetView, target: Range<Int>, others: [Range<Int>]) -> [String] {
        let tokens = view.tokens
        guard !tokens.isEmpty, target.lowerBound < tokens.count else { return [] }
        let upper = min(target.upperBound, tokens.count)
        // The sentence's tokens with the target as one placeholder, `p` its index.
        var seq = tokens[..<target.lowerBound].map(\.term)
        let p = seq.count
        seq.append("TGT")
        seq += tokens[upper...].map(\.term)
        var names: [String] = []
        for (from, n) in [(p - 1, 2), (p, 2), (p - 2, 3), (p - 1, 3), (p, 3)] where from >= 0 && from + n <= seq.count {
            names.append("G\(n):" + seq[from..<(from + n)].joined(separator: " "))
        }
        // The verb after the target, past auxiliaries and a few adverbs: passive or active.
        let after = Array(seq[(p + 1)..<min(seq.count, p + 6)])
        var i = 0
        while i < after.count, auxiliaries.contains(after[i]) || skippedAdverbs.contains(after[i]) { i += 1 }
        if i > 0, i < after.count, after[..<i].contains(where: { passiveAuxiliaries.contains($0) }) {
            names.append("PASS:" + after[i])
        } else if i < after.count {
            names.append("SUBJ:" + after[i])
        }
        if p >= 2, seq[p - 1] == "by" { names.append("BY:" + seq[p - 2]) }
        if p >= 1, !notObjects.contains(seq[p - 1]) { names.append("OBJ:" + seq[p - 1]) }
        if p >= 2, prepositions.contains(seq[p - 1]) { names.append("PREP:" + seq[p - 2] + "_" + seq[p - 1]) }
        if upper < tokens.count, view.breakBefore[upper], p + 2 < seq.count {
            names.append("APP:" + seq[p + 1] + " " + seq[p + 2])
        }
        if seq[(p + 1)..<min(seq.count, p + 4)].contains(where: { negations.contains($0) }) { names.append("NEGAFTER") }
        // Shape, order and place.
        let mention = tokens[target.lowerBound..<upper]
        let words = mention.map(\.term)
        if words.count == 1, let w = words.first, dates.contains(w) {
            names.append("SH:day")
        } else if words.count == 1, let w = words.first, pronouns.contains(w) {
            names.append("SH:pron")
        } else if let w = words.first, determiners.contains(w) {
            names.append("SH:det")
        } else if let first = mention.first?.surface.first, first.isUppercase {
            names.append("SH:cap\(min(words.count, 3))")
        } else {
            names.append("SH:lower")
        }
        if !others.isEmpty {
            let before = others.contains { $0.lowerBound < target.lowerBound }
            let behind = others.contains { $0.lowerBound > target.lowerBound }
            names.append(before && behind ? "ORD:mid" : (before ? "ORD:last" : "ORD:first"))
        }
        let start = tokens[0].range.lowerBound, end = tokens[tokens.count - 1].range.upperBound
        let at = tokens[target.lowerBound].range.lowerBound
        if end > start { names.append("POS:\(min(3, 4 * (at - start) / (end - start)))") }
        if target.lowerBound == 0 { names.append("START") }
        return names
    }
}
