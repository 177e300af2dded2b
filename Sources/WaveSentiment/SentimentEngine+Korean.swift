import Foundation
import WaveLexicon
import WaveText

// MARK: - Korean: entries inside words, negation inside words, tone

extension SentimentEngine {
    /// A weak reading of tone for informal Korean text with no lexicon hit at
    /// all. Trailing dots (말줄임표: "그냥..", "영화..."), question marks and
    /// 왜 ("why would anyone …"), ㅡㅡ and ;; read as a sigh, a complaint or
    /// annoyance; ! , a friendly ~ , ^^ and ㅎㅎ as an upbeat tone. The sign of
    /// the balance gives ±0.05, far below any lexicon hit; sentences are not
    /// marked as scored.
    static func koreanToneCue(_ text: String) -> Double {
        var down = 0, up = 0
        var previous: Character = " "
        for c in text {
            switch c {
            case "." where previous == ".": down += 1
            case "…", "?", "？": down += 1
            case ";" where previous == ";": down += 1
            case "ㅡ" where previous == "ㅡ": down += 1
            case "!", "！": up += 1
            case "~", "～": if previous != "~" && previous != "～" { up += 1 }
            case "^" where previous == "^": up += 1
            case "ㅎ" where previous == "ㅎ": up += 1
            default: break
            }
            previous = c
        }
        if text.contains("왜") { down += 1 }
        // A word ending in the blunt interrogative -냐 (뭐하냐, 이걸 영화라고 만들었냐): a rhetorical jab.
        for word in text.split(whereSeparator: { $0 == " " }) {
            let core = word.trimmingCharacters(in: CharacterSet(charactersIn: ".?!~;ㅋㅎㅡ ")).unicodeScalars
            if core.last == "냐" || core.last == "니" && word.contains("?") { down += 1 }
            if isBareNegation(String(core)) { down += 1 }
        }
        return up > down ? 0.05 : down > up ? -0.05 : 0
    }

    /// A word of Korean laughter only (ㅋㅋㅋ, ㅎㅎ, also as conjoining jamo).
    static func isLaughter(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { [0x314B, 0x314E, 0x110F, 0x1112].contains($0.value) }
    }

    /// A negation with nothing evaluative to negate (the tone cue only runs on
    /// text with no lexicon hit): lack (없다, 볼 게 없고), 않-, a standalone 안 /
    /// 못 or a word begun by 못, 아니- as a denial, and 전혀. A review that only
    /// denies or finds something missing more often complains than praises.
    /// 아니라 ("not X but Y") and 아니면 ("or") are connectives, not denials.
    static func isBareNegation(_ word: String) -> Bool {
        if word.isEmpty { return false }
        if word == "안" || word == "전혀" || word.hasPrefix("못") { return true }
        if word.contains("없") || word.contains("않") { return true }
        if word.hasPrefix("아니") { return !word.hasPrefix("아니라") && !word.hasPrefix("아니면") }
        return ["아닌", "아님", "아냐", "아닙", "아닐"].contains { word.hasPrefix($0) }
    }

    /// Connective endings that close a clause the next one turns against (좋지만, 기대했는데).
    static let koreanContrastEndings = ["지만", "는데", "은데", "던데", "으나", "더니", "더만", "건만", "는데도"]

    /// A connective -ㄴ데 after a predicate stem (화려한데, 아름다운데, 명작인데): 데 after a syllable closed by ㄴ.
    static func endsInNDe(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars.suffix(2))
        guard scalars.count == 2, scalars[1] == "데" else { return false }
        let v = scalars[0].value
        return v >= 0xAC00 && v <= 0xD7A3 && (v - 0xAC00) % 28 == 4
    }

    /// Slang prefixes that intensify the word they are written onto (개-, 핵-, 존-, 킹-, 왕-).
    static let koreanIntensifyingPrefixes: Set<Character> = ["개", "핵", "존", "킹", "왕"]
    static let koreanPrefixWeight = 1.3

    /// Korean entries inside words no entry matched: predicate stems (재밌*,
    /// 좋*) anywhere in the word (너무재밌다, 안좋아요); nouns at the start of
    /// the word followed by a particle or copula (명작이다, 최악임). With
    /// `anywhere` (the sentence has no other hit), nouns anywhere in the word
    /// (개꿀잼). Hits inside words count ``fallbackWeight``.
    func koreanInWordHits(in range: Range<Int>, tokens: [Token], roles: [Role?], covered: Set<Int>,
                                  anywhere: Bool) -> [Hit] {
        guard let forms = koreanForms else { return [] }
        var result: [Hit] = []
        for i in range where tokens[i].kind == .word && roles[i] == nil && !covered.contains(i) {
            let word = KoreanForms.canonical(tokens[i].term)
            let chars = Array(word)
            let runTogether = tokens[i].term.count >= Self.koreanRunTogetherLength
            for found in forms.hits(in: word, anywhere: anywhere || runTogether) {
                // At the start of the word it is the word itself with an ending (졸음은, 재밋게),
                // or after 안/못 written together (안좋아); further in, part of a compound
                // or a run-together phrase: less sure.
                let afterNegation = found.start == 1 && (chars[0] == "안" || chars[0] == "못")
                // Slang intensifying prefixes (개재밌다, 핵노잼, 존잼): the word itself, strengthened.
                let intensified = found.start == 1 && Self.koreanIntensifyingPrefixes.contains(chars[0])
                var hit = Hit(tokens: i..<(i + 1), valence: found.entry.valence,
                              weight: intensified ? Self.koreanPrefixWeight
                                  : found.start == 0 || afterNegation ? 1 : Self.fallbackWeight)
                hit.negatedInside = KoreanForms.negatedInside(chars, start: found.start, length: found.length, key: found.entry.key)
                result.append(hit)
            }
        }
        return result
    }

    /// Korean negation inside one word: 안/못 before the matched stem
    /// (안좋아, 못봤다), or 않/못하/없 after it (좋지않다, 재밌지도않고),
    /// unless the entry itself already holds the negation (재미없*).
    static func koreanNegatedInside(_ term: String, matchStart: Int, matchLength: Int, entry: String) -> Bool {
        if entry.contains("않") || entry.contains("없") || entry.contains("못") || entry.hasPrefix("안") { return false }
        let chars = Array(term)
        if matchStart > 0, matchStart <= chars.count {
            let before = chars[matchStart - 1]
            if before == "안" || before == "못" { return true }
        }
        let restStart = matchStart + matchLength
        guard restStart < chars.count else { return false }
        let rest = String(chars[restStart...])
        return rest.contains("지않") || rest.contains("지 않") || rest.contains("지못") || rest.hasPrefix("않")
            || koreanLacks(rest)
            || rest.contains("지도않") || rest.contains("진않") || rest.contains("지가않") || rest.contains("지않")
    }

    /// 아니다 and its informal forms standing as a predicate (아님, 아냐, 아닌듯, 아니네).
    static func isKoreanRejection(_ term: String) -> Bool {
        term == "아님" || term == "아냐" || term == "아니다" || term == "아닌듯" || term == "아니네" || term == "아닙니다"
            || term == "아니야" || term == "아니네요" || term == "아닌듯요" || term == "아니잖아" || term == "아니지"
    }

    static let koreanLackAdverbs = ["많이", "너무", "별로", "전혀", "하나도", "좀", "정말", "진짜", "딱히", "그다지", "완전", "넘"]

    /// Whether the rest of a word after a noun says it is lacking: 없 right
    /// after it or after one particle (감동없는, 재미도없고, 긴장감이없다).
    static func koreanLacks(_ rest: String) -> Bool {
        if rest.hasPrefix("없") { return true }
        for particle in ["이", "가", "도", "은", "는", "조차", "까지", "따윈", "라곤"] where rest.hasPrefix(particle) {
            let after = rest.dropFirst(particle.count)
            if after.hasPrefix("없") { return true }
            // An adverb of degree may stand between (재미가많이없다, 감동이하나도없고).
            for adverb in koreanLackAdverbs where after.hasPrefix(adverb) {
                if after.dropFirst(adverb.count).hasPrefix("없") { return true }
            }
        }
        return false
    }

    /// A Korean sentence's hits with the entries found inside words no entry
    /// matched (너무재밌다, 명작이다); with none at all, a bare 아니다 that
    /// rejects the thing itself.
    func koreanFallbacks(_ hits: [Hit], in range: Range<Int>, context: Context) -> [Hit] {
        let tokens = context.tokens
        var sentenceHits = hits
        // Entries inside longer words (너무재밌다, 명작이다), for words no entry matched.
        var covered = Set<Int>()
        for hit in sentenceHits { covered.formUnion(hit.tokens) }
        let inside = koreanInWordHits(in: range, tokens: tokens, roles: context.roles, covered: covered,
                                      anywhere: sentenceHits.isEmpty)
        if !inside.isEmpty {
            sentenceHits = (sentenceHits + inside).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        }
        if sentenceHits.isEmpty, let i = range.last(where: { Self.isKoreanRejection(tokens[$0].term) }) {
            // "이건 아님", "정말 아니다": a 아니다 that negates no evaluative word rejects the thing itself.
            var hit = Hit(tokens: i..<(i + 1), valence: -1.0)
            hit.negationResolved = true
            sentenceHits = [hit]
        }
        return sentenceHits
    }

    /// Korean members coordinated with 도 (감동도 재미도 없다, 통찰도 웃음도 결여된):
    /// the negation after the last member negates every member of the chain.
    /// The indices of the hits so negated.
    func koreanCoordinatedNegations(of sentenceHits: [Hit], in range: Range<Int>, context: Context) -> Set<Int> {
        var coordinated = Set<Int>()
        guard context.language == .korean && sentenceHits.count > 1 else { return coordinated }
        let tokens = context.tokens, tokenRole = context.roles, breakBefore = context.breakBefore
        for k in stride(from: sentenceHits.count - 2, through: 0, by: -1) {
            let here = sentenceHits[k], next = sentenceHits[k + 1]
            guard here.valence != 0, next.tokens.lowerBound == here.tokens.upperBound,
                  !breakBefore[next.tokens.lowerBound],
                  tokens[here.tokens.upperBound - 1].surface.hasSuffix("도"),
                  tokens[next.tokens.lowerBound].surface.hasSuffix("도") else { continue }
            let nextNegated = coordinated.contains(k + 1) || next.negatedInside
                || next.tokens.dropFirst().contains { i in
                    switch tokenRole[i] { case .negator, .preNegator: return true; default: return false }
                }
                || negated(next.tokens, in: range, roles: tokenRole, breakBefore: breakBefore,
                           position: context.negationPosition, language: context.language,
                           previousHitEnd: here.tokens.upperBound,
                           nextHitStart: k + 2 < sentenceHits.count ? sentenceHits[k + 2].tokens.lowerBound : range.upperBound)
            if nextNegated { coordinated.insert(k) }
        }
        return coordinated
    }

    /// Korean laughter standing as its own word (ㅋㅋ, ㅎㅎ) beside an evaluative word
    /// goes with that word: amusement after praise, mockery after a complaint
    /// (노잼 ㅋㅋㅋ). Only when nothing else is found does it count as good humour.
    /// The indices of the laughter hits.
    static func koreanLaughter(in sentenceHits: [Hit], context: Context) -> Set<Int> {
        guard context.language == .korean else { return [] }
        return Set(sentenceHits.indices.filter { k in
            sentenceHits[k].tokens.count == 1 && Self.isLaughter(context.tokens[sentenceHits[k].tokens.lowerBound].surface)
        })
    }
}
