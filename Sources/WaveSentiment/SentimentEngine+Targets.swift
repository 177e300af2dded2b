import Foundation
import WaveLexicon
import WaveText

// MARK: - Hits and clause marks for target-dependent scoring

extension SentimentEngine {
    /// A sentence's lexicon hits with their values (degree, negation, inversion
    /// and emphasis applied, contrast and concession not: where a hit stands
    /// relative to a target is what ``TargetSentimentScorer`` weighs) and the
    /// clause marks around them.
    struct TargetView {
        let tokens: [Token]
        let roles: [Role?]
        let breakBefore: [Bool]
        /// Whether a contrast ("but", しかし, 하지만, or a Korean word ending in -지만) starts at each token.
        let contrastAt: [Bool]
        let hits: [(tokens: Range<Int>, value: Double)]
    }

    func targetView(of document: TokenizedDocument) -> TargetView {
        let language = document.language
        let breakBefore = Self.clauseBreaks(in: document)
        let context = Context(tokens: document.tokens,
                              roles: tokenRoles(in: document, elongated: false, breakBefore: breakBefore),
                              breakBefore: breakBefore, language: language,
                              negationPosition: lexicon.rules[language]?.negationPosition ?? .before,
                              elongated: false)
        let all = valenceHits(in: document, breakBefore: breakBefore)
        var contrastAt = [Bool](repeating: false, count: document.tokens.count)
        var values: [(tokens: Range<Int>, value: Double)] = []
        var hitIndex = 0
        for sentence in document.sentences {
            let range = sentence.tokens
            var from = range.lowerBound
            while from < range.upperBound, let c = Self.contrastStart(in: from..<range.upperBound, context: context) {
                contrastAt[c] = true
                from = c + 1
            }
            let sentenceHits = withFallbacks(ownHits(all, from: &hitIndex, in: range, roles: context.roles),
                                             in: range, context: context)
            let shoutingAllowed = language == .english && !sentenceHits.isEmpty && !Self.allCaps(range, document.tokens)
            let (inverters, neutralized) = inversions(of: sentenceHits, in: range, context: context)
            let rules = HitRules(inverters: inverters, neutralized: neutralized,
                                 coordinated: koreanCoordinatedNegations(of: sentenceHits, in: range, context: context),
                                 shoutingAllowed: shoutingAllowed)
            for k in sentenceHits.indices where sentenceHits[k].valence != 0 {
                if let v = hitValue(k, of: sentenceHits, in: range, context: context, rules: rules), v != 0 {
                    values.append((sentenceHits[k].tokens, v))
                }
            }
        }
        return TargetView(tokens: document.tokens, roles: context.roles, breakBefore: breakBefore,
                          contrastAt: contrastAt, hits: values)
    }
}
