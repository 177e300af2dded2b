import Foundation
import WaveText

/// Korean spelling and morphology helpers for the sentiment scorer.
///
/// Informal Korean writes the same predicate many ways: 재미있다 / 재밌다 /
/// 재밋다, 있었다 / 잇엇다, ㅋㅋㅋㅋㅋ. ``canonical(_:)`` maps such variants
/// onto one form at the level of jamo, so a lexicon entry written once
/// (재미있*) also matches its contractions and misspellings:
///
/// - a syllable ending in ㅆ with the vowel ㅣ and a consonant onset is read as
///   that syllable plus 있 (밌 → 미있, 잤 is untouched): 재밌다 = 재미있다;
/// - every final ㅆ becomes ㅅ (있 → 잇, 었 → 엇, 했 → 햇), the common
///   informal misspelling (재밋다, 잇엇다);
/// - runs of three or more equal bare jamo (ㅋㅋㅋㅋ, ㅠㅠㅠ) become two.
///
/// ``KoreanForms`` holds the lexicon's single words and predicate stems under
/// that form and finds them inside longer words (그냥좋다, 너무재밌었음).
struct KoreanForms: Sendable {
    struct Entry: Sendable {
        var valence: Double
        /// A predicate stem (entry written with `*`): matches before any ending.
        var isStem: Bool
        /// The entry as written (for directional keys), folded, without `*`.
        var key: String
    }

    let table: [String: Entry]
    let maxLength: Int

    init(valences: [String: Double]) {
        var table: [String: Entry] = [:]
        var maxLength = 0
        for (entry, value) in valences.sorted(by: { $0.key < $1.key }) {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            let isStem = trimmed.hasSuffix("*")
            // Phrases also match written together, as informal text often does
            // (시간 아깝* → 시간아깝다, 인상 깊* → 인상깊었다).
            let key = TextNormalizer.fold(isStem ? String(trimmed.dropLast()) : trimmed).replacingOccurrences(of: " ", with: "")
            let form = Self.canonical(key)
            guard !form.isEmpty else { continue }
            // One-syllable entries only as stems (좋*, 싫*): a bare noun of one
            // syllable inside a longer word is too often part of something else.
            if form.count < 2 && !isStem { continue }
            if let existing = table[form], existing.isStem && !isStem { continue }
            table[form] = Entry(valence: value, isStem: isStem, key: key)
            maxLength = max(maxLength, form.count)
        }
        self.table = table
        self.maxLength = maxLength
    }

    // MARK: - Jamo

    static let syllableBase: UInt32 = 0xAC00
    static let syllableEnd: UInt32 = 0xD7A3
    static let finalSsang: UInt32 = 20   // ㅆ
    static let finalS: UInt32 = 19       // ㅅ
    static let vowelI: UInt32 = 20       // ㅣ
    static let onsetIeung: UInt32 = 11   // ㅇ
    static let vowelAe: UInt32 = 1       // ㅐ
    static let vowelYae: UInt32 = 3      // ㅒ
    static let vowelE: UInt32 = 5        // ㅔ
    static let vowelYe: UInt32 = 7       // ㅖ

    static func decompose(_ scalar: Unicode.Scalar) -> (onset: UInt32, vowel: UInt32, final: UInt32)? {
        let v = scalar.value
        guard v >= syllableBase && v <= syllableEnd else { return nil }
        let index = v - syllableBase
        return (index / (21 * 28), (index % (21 * 28)) / 28, index % 28)
    }

    static func compose(_ onset: UInt32, _ vowel: UInt32, _ final: UInt32) -> Character {
        Character(Unicode.Scalar(syllableBase + (onset * 21 + vowel) * 28 + final)!)
    }

    /// Whether a scalar is a bare jamo (conjoining or compatibility): ㅋ, ㅠ, ᄏ.
    static func isBareJamo(_ scalar: Unicode.Scalar) -> Bool {
        (0x1100...0x11FF).contains(scalar.value) || (0x3131...0x318E).contains(scalar.value)
    }

    static let leadingToCompatibility: [UInt32] = [
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
        0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]

    /// A conjoining initial consonant or vowel as its compatibility jamo (ᄏ → ㅋ, ᅲ → ㅠ).
    static func compatibility(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v >= 0x1100 && v <= 0x1112 { return Unicode.Scalar(leadingToCompatibility[Int(v - 0x1100)])! }
        if v >= 0x1161 && v <= 0x1175 { return Unicode.Scalar(0x314F + (v - 0x1161))! }
        return scalar
    }

    /// The spelling-normalized form of a folded Korean word (see the type's documentation).
    static func canonical(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar? = nil
        var run = 0
        for scalar in text.unicodeScalars {
            if isBareJamo(scalar) {
                // Conjoining jamo (what NFKC makes of ㅋ) would join the next
                // syllable into one grapheme (ᄏ재): use the standalone forms.
                let scalar = compatibility(scalar)
                run = scalar == previous ? run + 1 : 1
                previous = scalar
                if run <= 2 { out.append(scalar) }
                continue
            }
            previous = nil
            run = 0
            guard let parts = decompose(scalar) else {
                out.append(scalar)
                continue
            }
            let (l, t) = (parts.onset, parts.final)
            var v = parts.vowel
            // ㅔ and ㅐ (ㅖ and ㅒ) sound alike and are swapped in informal
            // writing (제미있다, 같내요): read both as ㅐ (ㅒ).
            if v == vowelE { v = vowelAe } else if v == vowelYe { v = vowelYae }
            guard t == finalSsang else {
                out.append(contentsOf: String(compose(l, v, t)).unicodeScalars)
                continue
            }
            if v == vowelI && l != onsetIeung {
                // 밌 → 미 + 잇 (재밌 = 재미있, then 있 → 잇)
                out.append(contentsOf: String(compose(l, v, 0)).unicodeScalars)
                out.append(contentsOf: String(compose(onsetIeung, vowelI, finalS)).unicodeScalars)
            } else {
                out.append(contentsOf: String(compose(l, v, finalS)).unicodeScalars)
            }
        }
        return String(out)
    }

    // MARK: - Stem variants

    static let finalN: UInt32 = 4        // ㄴ
    static let finalL: UInt32 = 8        // ㄹ
    static let finalM: UInt32 = 16       // ㅁ
    static let finalB: UInt32 = 17       // ㅂ

    /// Surface stems of a predicate stem whose ending merges into its last
    /// syllable. An open last syllable takes ㄴ, ㄹ, ㅁ or ㅂ as its final
    /// (나오 → 나온다 / 나올 / 나옴 / 나옵니다, 편하 → 편한 / 편할 / 편함 /
    /// 편합니다), and 하 also contracts with 여/였 (편해, 편했다). A last
    /// syllable closed by ㄹ drops it before ㄴ, ㅂ and the endings 는 / 니 / 세
    /// (빠져들 → 빠져든다 / 빠져듭니다 / 빠져드는). Stems of one syllable are
    /// left alone (too short to extend safely).
    static func stemVariants(_ stem: String) -> [String] {
        var chars = Array(stem)
        guard chars.count >= 2, let scalar = chars.last?.unicodeScalars.first, chars.last!.unicodeScalars.count == 1,
              let parts = decompose(scalar) else { return [] }
        // The stem's last word must itself have two syllables or more (보지 마* → 마 alone is too short).
        if chars.count >= 2 && chars[chars.count - 2] == " " { return [] }
        let (l, v, t) = parts
        var lasts: [Character] = []
        if t == 0 {
            lasts = [finalN, finalL, finalM, finalB].map { compose(l, v, $0) }
            if chars.last == "하" { lasts += ["해", "했"] }
        } else if t == finalL {
            lasts = [compose(l, v, finalN), compose(l, v, finalB), compose(l, v, 0)]
        }
        let head = chars.dropLast()
        chars = Array(head)
        return lasts.map { String(chars) + String($0) }
    }

    /// A Korean valence table with the ``stemVariants(_:)`` of every predicate
    /// stem (entry ending in `*`) added as stems of the same value, unless the
    /// variant is already an entry of its own (with or without `*`).
    static func withStemVariants(_ valences: [String: Double]) -> [String: Double] {
        var result = valences
        for (entry, value) in valences.sorted(by: { $0.key < $1.key }) where entry.hasSuffix("*") {
            for variant in stemVariants(String(entry.dropLast())) {
                if result[variant] == nil && result[variant + "*"] == nil && valences[variant] == nil {
                    result[variant + "*"] = value
                }
            }
        }
        return result
    }

    /// Syllables that may begin the ending of a predicate (after canonical()):
    /// 좋|다, 좋|아, 좋|앗, 좋|은, 좋|네, 싫|어, 좋|음, 좋|습니다, 좋|당 ...
    static let endingStarts: Set<Character> = [
        "다", "아", "앗", "어", "엇", "은", "을", "네", "고", "지", "게", "더", "던", "음", "습", "니", "구", "겠", "겟", "죠", "쥬", "요", "당", "담", "슴", "군", "든", "기", "는", "으", "잖", "냐", "나", "냥", "자", "면", "며", "대", "데", "심", "삼", "셈", "넹", "넼", "닭", "드", "앙", "았", "었", "타",
    ]

    /// Canonical forms of the words that may follow a noun inside one word
    /// (명작이다, 최악임, 쓰레기네, 노잼ㅋㅋ).
    static let nounEndings: [String] = [
        "이다", "이에요", "이예요", "예요", "에요", "입니다", "임", "이네", "이네요", "이엇", "엿", "이야", "야", "이고", "이지만",
        "인데", "인", "은", "는", "이", "가", "을", "를", "의", "도", "만", "으로", "로", "에", "이라", "라", "이군", "이구나",
        "이지", "이죠", "이당", "이네", "네", "다", "요", "ᄏ", "ᄒ", "ᅲ", "ᅮ", "ᅳ", "ㅋ", "ㅎ", "ㅠ", "ㅜ", "ㅡ", "!", ".", "~", "?",
        "스럽", "스러", "하다", "하네", "함", "하고", "한", "해", "하게", "같", "급", "수준", "영화", "작품", "드라마",
    ].map(canonical)

    /// Entries found inside one canonical word, longest first, left to right.
    /// `anywhere`: nouns may stand anywhere in the word (the sentence has no
    /// other hit), not only at its start before an ending.
    func hits(in word: String, anywhere: Bool) -> [(start: Int, length: Int, entry: Entry)] {
        let chars = Array(word)
        guard chars.count >= 1 else { return [] }
        var result: [(Int, Int, Entry)] = []
        var start = 0
        while start < chars.count {
            var length = min(maxLength, chars.count - start)
            var found = false
            while length >= 1 {
                let key = String(chars[start..<(start + length)])
                if let entry = table[key] {
                    let end = start + length
                    var accept: Bool
                    if entry.isStem {
                        // One-syllable stems need an ending after them (좋|다, 싫|어); longer ones match anywhere.
                        accept = length >= 2 || end == chars.count || Self.endingStarts.contains(chars[end])
                    } else {
                        let rest = String(chars[end...])
                        accept = anywhere || (start == 0 && (rest.isEmpty || Self.nounEndings.contains(where: { rest.hasPrefix($0) })))
                        if !accept && end == chars.count && length >= 2 && start > 0 { accept = anywhere }
                    }
                    if accept {
                        result.append((start, length, entry))
                        start = end
                        found = true
                        break
                    }
                }
                length -= 1
            }
            if !found { start += 1 }
        }
        return result
    }

    /// Whether a one-syllable stem at `start` begins a predicate: the word
    /// before it ends (그냥|좋다, 안|좋아, 너무|싫다) rather than the syllable
    /// being the tail of another word.
    static func isBoundaryBefore(_ chars: [Character], _ start: Int) -> Bool {
        let previous = chars[start - 1]
        if let scalar = previous.unicodeScalars.first, decompose(scalar) == nil { return true }   // ㅋ, punctuation, Latin
        // Word-final syllables that commonly close the word before a predicate
        // written together with it: adverbs and particles.
        return Self.precedingSyllables.contains(previous)
    }

    static let precedingSyllables: Set<Character> = [
        "안", "못", "냥", "무", "말", "짜", "정", "나", "게", "히", "이", "가", "은", "는", "도", "를", "을", "고", "서", "면", "다", "요", "좀", "꽤", "참", "넘", "더", "또", "걍", "잘", "젤", "완", "전", "왕", "존", "개", "만",
    ]

    /// Negation inside one canonical word: 안/못 right before the match (안좋아,
    /// 못봣다), or 않/못/없 in the ending after it (좋지않다, 재미잇지도않고),
    /// unless the entry itself holds the negation (재미없*).
    static func negatedInside(_ chars: [Character], start: Int, length: Int, key: String) -> Bool {
        if key.contains("않") || key.contains("없") || key.contains("못") || key.hasPrefix("안") { return false }
        if start > 0 {
            let before = chars[start - 1]
            if before == "안" || before == "못" { return true }
        }
        let restStart = start + length
        guard restStart < chars.count else { return false }
        let rest = String(chars[restStart...])
        return rest.contains("지않") || rest.contains("지못") || rest.hasPrefix("않") || rest.contains("지도않")
            || SentimentEngine.koreanLacks(rest)
            || rest.contains("진않") || rest.contains("지가않") || rest.contains("지안") || rest.contains("진안")
            || rest.contains("지도안")
    }
}
