import Foundation
import WaveLexicon
import WaveText

// MARK: - Scoring a document, sentence by sentence

extension SentimentEngine {
    /// What the rules around a hit look at, for one document.
    struct Context {
        let tokens: [Token]
        /// The rule role of each token (negator, intensifier, contrast …), nil for most.
        let roles: [Role?]
        /// For each token, whether punctuation stands between it and the token before.
        let breakBefore: [Bool]
        let language: Language
        let negationPosition: SentimentLexicon.Rules.NegationPosition
        /// English text with a run of three equal letters: elongated words ("sooo") are looked for.
        let elongated: Bool
    }

    /// Scores every sentence of `document` and the document as a whole.
    func sentiment(of document: TokenizedDocument) -> DocumentSentiment {
        let language = document.language
        // Elongated words ("sooo", "goooood") are looked for only in texts with a run of three letters.
        let elongated = language == .english && Self.hasLetterRun(document.text)
        let breakBefore = Self.clauseBreaks(in: document)
        let context = Context(tokens: document.tokens,
                              roles: tokenRoles(in: document, elongated: elongated, breakBefore: breakBefore),
                              breakBefore: breakBefore, language: language,
                              negationPosition: lexicon.rules[language]?.negationPosition ?? .before,
                              elongated: elongated)
        let hits = valenceHits(in: document, breakBefore: breakBefore)

        let hasSymbols = !(symbols[language]?.isEmpty ?? true)
        let attached = language == .japanese || language == .korean
        let symbolChunks = hasSymbols ? Self.chunks(of: document, plainWordsSkipped: !attached,
                                                    firstBytes: attached ? nil : symbolFirstBytes[language]) : nil
        var sums = [Double](repeating: 0, count: document.sentences.count)
        var rawSums = [Double](repeating: 0, count: document.sentences.count)
        var scored = Set<Int>()
        var hitIndex = 0
        for (s, sentence) in document.sentences.enumerated() {
            let range = sentence.tokens
            let sentenceHits = withFallbacks(ownHits(hits, from: &hitIndex, in: range, roles: context.roles),
                                             in: range, context: context)
            var (sum, any) = sentenceSum(of: sentenceHits, in: range, context: context)
            if let chunks = symbolChunks?[s], !chunks.isEmpty {
                for value in symbolHits(in: chunks, language: language) {
                    sum += value
                    any = true
                }
            }
            if any && sum == 0 && (language == .korean || language == .english),
               let last = sentenceHits.last(where: { $0.valence != 0 }) {
                // Hits that cancel exactly: the last one, nearest the sentence-final predicate
                // (Korean) or the end of the sentence (English: "Hahaha ew?"), decides.
                sum = (last.valence > 0 ? 1 : -1) * 0.05
            }
            if any {
                let bangs = min(Self.exclamationMarks(document.text(of: sentence)), 3)
                if sum != 0 { sum += Double(bangs) * 0.292 * (sum > 0 ? 1 : -1) }
                rawSums[s] = sum
                sums[s] = Self.squash(sum)
                scored.insert(s)
            }
        }
        // Summed in sentence order: the same bits in every run.
        var overall = Self.pooled(scored.sorted().map { rawSums[$0] })
        if overall == 0, let last = scored.sorted().last(where: { sums[$0] != 0 }) {
            // Sentences that cancel out exactly: the last word (the conclusion) breaks the tie.
            overall = sums[last] * 0.01
        }
        if scored.isEmpty && language == .korean {
            overall = Self.koreanToneCue(document.text)
        }
        return DocumentSentiment(documentID: document.id, sentences: sums, rawSums: rawSums, scoredSentences: scored,
                                 overall: overall)
    }

    /// The rule role of each token of `document`.
    func tokenRoles(in document: TokenizedDocument, elongated: Bool, breakBefore: [Bool]) -> [Role?] {
        let tokens = document.tokens
        let tokenCount = tokens.count
        var tokenRole = [Role?](repeating: nil, count: tokenCount)
        for match in roleTries[document.language].map({ $0.matches(in: tokens) }) ?? roles.matches(in: document) {
            for i in match.tokens { tokenRole[i] = match.payload }
        }
        if elongated && !englishWeightWords.isEmpty {
            // "sooo good", "reallyyy bad": an elongated intensifier is still one.
            for i in 0..<tokenCount where tokenRole[i] == nil && tokens[i].kind == .word {
                let term = tokens[i].term
                guard Self.hasLongRun(term) else { continue }
                for keep in 1...2 {
                    if let form = Self.shorteningLongRuns(term, to: keep), let w = englishWeightWords[form] {
                        tokenRole[i] = .weight(w)
                        break
                    }
                }
            }
        }
        if document.language == .japanese {
            Self.resolveJapaneseParticles(tokens, breakBefore: breakBefore, roles: &tokenRole)
        }
        return tokenRole
    }

    /// The lexicon hits of the whole document, in token order.
    func valenceHits(in document: TokenizedDocument, breakBefore: [Bool]) -> [Hit] {
        let language = document.language
        let tokens = document.tokens
        if Self.streamLanguages.contains(language), streamWords[language] != nil {
            return streamHits(in: document, breakBefore: breakBefore, directional: directionalKeys[language] ?? [])
        }
        var hits: [Hit] = []
        let directionalEntries = self.directionalEntries[language] ?? []
        var previousRange = 0..<0
        for match in valenceTries[language].map({ $0.matches(in: tokens) }) ?? valences.matches(in: document) {
            // Entries that tokenize alike (평점이 높* and 평점 높*, once the
            // particle is stripped) match the same tokens: the first one counts.
            if match.tokens == previousRange { continue }
            previousRange = match.tokens
            var hit = Hit(tokens: match.tokens, valence: match.payload)
            hit.directional = !directionalEntries.isEmpty && directionalEntries.contains(match.entry)
            if language == .korean, match.tokens.count == 1,
               tokens[match.tokens.lowerBound].term.count >= Self.koreanRunTogetherLength {
                // A run-together phrase (공포영화인데웃으면서봤네요): searched
                // inside like text below, not read as one word from its start.
                continue
            }
            if language == .korean, match.tokens.count == 1, match.entry.hasSuffix("*") {
                let term = tokens[match.tokens.lowerBound].term
                let stem = TextNormalizer.fold(match.entry.dropLast())
                hit.negatedInside = Self.koreanNegatedInside(term, matchStart: 0, matchLength: stem.count, entry: stem)
            }
            hits.append(hit)
        }
        return hits
    }

    /// The hits of the document that start in the sentence `range`, from
    /// `hitIndex` on (which is moved past them).
    func ownHits(_ hits: [Hit], from hitIndex: inout Int, in range: Range<Int>, roles tokenRole: [Role?]) -> [Hit] {
        var sentenceHits: [Hit] = []
        while hitIndex < hits.count && hits[hitIndex].tokens.lowerBound < range.upperBound {
            let hit = hits[hitIndex]
            hitIndex += 1
            guard hit.tokens.lowerBound >= range.lowerBound else { continue }
            // A single word that is a rule word ("no") only negates; a phrase that begins
            // with one ("can't wait", "no problem") is an entry of its own.
            if hit.tokens.count == 1 {
                switch tokenRole[hit.tokens.lowerBound] {
                case .negator, .preNegator: continue
                default: break
                }
            }
            sentenceHits.append(hit)
        }
        return sentenceHits
    }

    /// A sentence's hits with what the language's fallbacks add (Korean
    /// entries inside words, English stems, elongations and hashtags).
    /// Other languages have no fallback.
    func withFallbacks(_ hits: [Hit], in range: Range<Int>, context: Context) -> [Hit] {
        guard !range.isEmpty else { return hits }
        switch context.language {
        case .korean: return koreanFallbacks(hits, in: range, context: context)
        case .english: return englishFallbacks(hits, in: range, context: context)
        default: return hits
        }
    }

    /// The sum of a sentence's hits, each weighed by the rules around it
    /// (degree, negation, inversion, contrast, emphasis), and whether any counted.
    func sentenceSum(of sentenceHits: [Hit], in range: Range<Int>, context: Context) -> (sum: Double, any: Bool) {
        let tokens = context.tokens, tokenRole = context.roles, breakBefore = context.breakBefore
        let language = context.language
        var sum = 0.0
        var any = false
        let contrastAt = Self.contrastStart(in: range, context: context)
        let shoutingAllowed = language == .english && !sentenceHits.isEmpty && !Self.allCaps(range, tokens)
        let (inverters, neutralized) = inversions(of: sentenceHits, in: range, context: context)
        let concessive = concessiveSpan(in: range, roles: tokenRole, breakBefore: breakBefore)
        let coordinated = koreanCoordinatedNegations(of: sentenceHits, in: range, context: context)
        let laughter = Self.koreanLaughter(in: sentenceHits, context: context)
        let laughterFollows = !laughter.isEmpty
            && sentenceHits.indices.contains { !laughter.contains($0) && sentenceHits[$0].valence != 0 }
        var laughterTotal = 0.0
        for (k, hit) in sentenceHits.enumerated() where hit.valence != 0 {
            let start = hit.tokens.lowerBound
            guard var v = hitValue(k, of: sentenceHits, in: range, context: context,
                                   rules: HitRules(inverters: inverters, neutralized: neutralized,
                                                   coordinated: coordinated, shoutingAllowed: shoutingAllowed))
            else { continue }
            if let c = contrastAt, c > range.lowerBound {
                v *= start < c ? 0.5 : 1.5
            }
            if let span = concessive { v *= span.contains(start) ? 0.5 : 1.5 }
            any = true
            if laughterFollows && laughter.contains(k) {
                laughterTotal += abs(v)
                continue
            }
            sum += v
        }
        if laughterTotal > 0 { sum += sum < 0 ? -laughterTotal : laughterTotal }
        return (sum, any)
    }

    /// What ``hitValue(_:of:in:context:rules:)`` needs about the whole sentence.
    struct HitRules {
        let inverters: [Int: Int]
        let neutralized: Set<Int>
        let coordinated: Set<Int>
        let shoutingAllowed: Bool
    }

    /// The value of hit `k` after degree, negation, inversion and emphasis (not yet
    /// weighed by contrast or concession), or nil when it does not count.
    func hitValue(_ k: Int, of sentenceHits: [Hit], in range: Range<Int>, context: Context, rules: HitRules) -> Double? {
        let hit = sentenceHits[k]
        let tokens = context.tokens, tokenRole = context.roles, breakBefore = context.breakBefore
        let language = context.language
        if rules.inverters[k] == nil, hit.tokens.contains(where: { rules.neutralized.contains($0) }) { return nil }
        // Zero entries (少なくとも) only keep a longer match from firing.
        let start = hit.tokens.lowerBound
        if Self.isDegreeAdverb(k, of: sentenceHits, context: context) { return nil }
        var v = hit.valence * hit.weight
        v *= weight(around: hit.tokens, in: range, roles: tokenRole, breakBefore: breakBefore, language: language)
        var negated = hit.negatedInside
        if !hit.negationResolved, self.negated(hit.tokens, in: range, roles: tokenRole, breakBefore: breakBefore,
                        position: context.negationPosition, language: language,
                        previousHitEnd: k > 0 ? sentenceHits[k - 1].tokens.upperBound : range.lowerBound,
                        nextHitStart: k + 1 < sentenceHits.count ? sentenceHits[k + 1].tokens.lowerBound : range.upperBound) {
            negated.toggle()
        }
        if rules.coordinated.contains(k) { negated = true }
        if negated {
            // English: a negated complaint ("not bad", "no pain") is only mildly
            // positive, while a negated praise ("not good") is plainly negative.
            v *= language == .english && v < 0 ? Self.englishNegatedNegativeScale : Self.negationScale
        }
        if rules.inverters[k] != nil { v = -v }
        if rules.shoutingAllowed, Self.isShouted(tokens[start].surface) { v *= 1.25 }
        return v
    }
}
