/// Strips Korean particles (josa) from the end of a word: `일본의`, `일본은`,
/// `일본이` and `일본에서는` all count as the term `일본`.
///
/// The rule, applied to a space-delimited word (eojeol) that ends in Hangul:
/// 1. Words on the exception list (`그러나`, `하지만`, `같은`, `나이`, ...) and
///    words ending in an exception suffix (`-주의`, `회의`, `결과`, ...) are
///    left whole: they only look like stem + particle.
/// 2. The longest particle (or chain such as `으로부터`, `에서는`) that ends
///    the word is tried first; the stem must keep at least one syllable.
/// 3. Consonant agreement: particles with a vowel-initial form (`은`, `이`,
///    `을`, `과`, `으로`, `이나`, ...) need a final consonant (batchim) on the
///    stem's last syllable, their other forms (`는`, `가`, `를`, `와`, `로`,
///    `나`, ...) need none (`로` also follows ㄹ: `서울로`).
/// 4. Verb and adjective endings that coincide with particles (`하는`, `있는`,
///    `같은`, `해도`, `있지만`, `하므로`) are recognised from the stem's last
///    syllable and left whole.
public enum KoreanParticles {
    enum Agreement {
        case any, consonant, vowel, vowelOrRieul

        /// Whether a stem whose last syllable has this final consonant index
        /// (0 = none, 8 = ㄹ) takes the particle.
        func allows(batchim: Int) -> Bool {
            switch self {
            case .any: return true
            case .consonant: return batchim != 0
            case .vowel: return batchim == 0
            case .vowelOrRieul: return batchim == 0 || batchim == 8
            }
        }
    }

    struct Particle {
        let bytes: [UInt8]
        let text: String
        let agreement: Agreement
        init(_ text: String, _ agreement: Agreement) {
            self.text = text; self.bytes = Array(text.utf8); self.agreement = agreement
        }
    }

    /// Particles and particle chains, longest first.
    static let particles: [Particle] = {
        let list: [(String, Agreement)] = [
            // chains
            ("으로부터", .consonant), ("로부터", .vowelOrRieul), ("에서부터", .any), ("에게서는", .any),
            ("에게서도", .any), ("으로서는", .consonant), ("로서는", .vowelOrRieul), ("으로써는", .consonant),
            ("으로서의", .consonant), ("로서의", .vowelOrRieul), ("에서처럼", .any),
            ("에게서", .any), ("에게는", .any), ("에게도", .any), ("에게만", .any), ("에게로", .any),
            ("에서는", .any), ("에서도", .any), ("에서만", .any), ("에서의", .any), ("에서와", .any),
            ("으로서", .consonant), ("로서", .vowelOrRieul), ("으로써", .consonant), ("로써", .vowelOrRieul),
            ("으로는", .consonant), ("로는", .vowelOrRieul), ("으로도", .consonant), ("로도", .vowelOrRieul),
            ("으로의", .consonant), ("로의", .vowelOrRieul), ("으로만", .consonant), ("로만", .vowelOrRieul),
            ("까지는", .any), ("까지도", .any), ("까지의", .any), ("까지만", .any),
            ("부터는", .any), ("부터도", .any), ("한테서", .any), ("한테는", .any),
            ("께서는", .any), ("께서도", .any), ("에는", .any), ("에도", .any), ("에의", .any), ("에만", .any),
            ("과는", .consonant), ("와는", .vowel), ("과의", .consonant), ("와의", .vowel),
            ("과도", .consonant), ("와도", .vowel), ("이나", .consonant), ("이란", .consonant),
            ("이라는", .consonant), ("라는", .vowel), ("이라고", .consonant), ("라고", .vowel),
            ("보다는", .any), ("보다도", .any), ("만큼은", .any), ("만은", .any), ("만이", .any),
            ("마저", .any), ("조차", .any), ("처럼", .any), ("보다", .any), ("만큼", .any), ("마다", .any),
            ("밖에", .any), ("한테", .any), ("께서", .any), ("에게", .any), ("에서", .any),
            ("까지", .any), ("부터", .any), ("으로", .consonant), ("이든", .consonant), ("이며", .consonant),
            ("이다", .consonant), ("이었다", .consonant), ("이고", .consonant), ("이지만", .consonant),
            ("인", .consonant),
            // single
            ("로", .vowelOrRieul), ("은", .consonant), ("는", .vowel), ("이", .consonant), ("가", .vowel),
            ("을", .consonant), ("를", .vowel), ("과", .consonant), ("와", .vowel), ("의", .any),
            ("에", .any), ("도", .any), ("만", .any), ("께", .any), ("나", .vowel), ("란", .vowel),
            ("야", .vowel), ("아", .consonant), ("요", .any),
        ]
        // Copula forms (이다, 이었다, 이고, 인, ...) are not particles in the
        // Sejong/KAIST analysis and are left on the word.
        let copula: Set<String> = ["이다", "이었다", "이고", "이지만", "인", "이며", "이든", "야", "아", "요"]
        return list.filter { !copula.contains($0.0) }
            .map { Particle($0.0, $0.1) }
            .sorted { $0.bytes.count > $1.bytes.count }
    }()

    /// Whole words that only look like stem + particle.
    static let exceptions: Set<String> = [
        "그러나", "하지만", "그런데", "그러면", "그래서", "그리고", "또는", "혹은", "및", "같은", "나이", "아이",
        "사이", "거의", "보다", "부터", "까지", "마저", "조차", "처럼", "하나", "누나", "모두", "서로", "새로",
        "스스로", "따로", "주로", "바로", "대로", "비로소", "도로", "수로", "회로", "기로", "과로", "피로", "제로",
        "종이", "고양이", "어린이", "놀이", "길이", "많이", "같이", "없이", "깊이", "높이", "넓이", "굳이",
        "일찍이", "깨끗이", "가까이", "멀리", "함께", "다시", "이미", "아직", "오히려", "역시", "특히", "결국",
        "정도", "제도", "태도", "속도", "온도", "지도", "강도", "한도", "의도", "시도", "각도", "용도", "인도",
        "수도", "포도", "반도", "적도", "고도", "빈도", "농도", "밀도", "습도", "척도", "궤도", "진도", "복도",
        "전도", "주도", "효도", "신도", "열도", "정의", "회의", "논의", "합의", "동의", "협의", "토의", "결의",
        "건의", "강의", "예의", "의의", "제의", "문의", "모의", "불만", "비만", "교만", "오만", "자만", "충만",
        "결과", "효과", "성과", "사과", "교과", "학과", "부과", "통과", "초과", "경과", "휴가", "대가", "주가",
        "시가", "여가", "평가", "국가", "작가", "가가", "우리", "나라", "그대로", "이대로", "저대로", "아니라",
        "아니", "거나", "이나", "언제나", "어디나", "얼마나", "모든", "다른", "어느",
    ]

    /// Word endings that only look like stem + particle (checked on the word).
    static let exceptionSuffixes: [[UInt8]] = [
        "주의", "회의", "논의", "합의", "동의", "협의", "정의", "결과", "효과", "성과", "정도", "제도",
        "태도", "속도", "하나", "그러나", "하지만", "거나", "지만", "므로", "으나", "이나마", "도록", "면서",
        "어도", "아도", "해도", "여도", "워도", "와도", "봐도", "져도", "려도", "라도", "더라도", "는데도",
        "하는", "되는", "있는", "없는", "않는", "같은", "않은", "있은", "없은", "많은", "좋은",
        "작은", "높은", "넓은", "깊은", "젊은", "낮은", "짧은", "받은", "찾은", "먹은", "읽은", "얻은", "잃은",
        "놓은", "넣은", "맺은", "남은", "늦은", "밝은", "붉은", "검은", "굵은", "얇은", "옳은", "싫은", "괜찮은",
        "있을", "없을", "같을", "않을", "많을", "좋을", "받을", "찾을", "먹을", "읽을", "얻을", "잃을", "놓을",
        "넣을", "남을", "갖은", "갖을", "앉은", "앉을", "믿은", "믿을", "웃은", "입은", "잡은", "잡을",
        "하기는", "하고는", "해서는", "하면", "하게", "하도록",
    ].map { Array($0.utf8) }

    @inline(__always)
    private static func key(_ w: [UInt8], _ end: Int) -> UInt32 {
        (UInt32(w[end - 3]) << 16) | (UInt32(w[end - 2]) << 8) | UInt32(w[end - 1])
    }

    @inline(__always)
    private static func key(_ w: UnsafeBufferPointer<UInt8>, _ end: Int) -> UInt32 {
        (UInt32(w[end - 3]) << 16) | (UInt32(w[end - 2]) << 8) | UInt32(w[end - 1])
    }

    /// Particles by the UTF-8 bytes of their last syllable, longest first.
    private static let particlesByLast: [UInt32: [Particle]] = {
        var table: [UInt32: [Particle]] = [:]
        for p in particles { table[key(p.bytes, p.bytes.count), default: []].append(p) }
        return table
    }()

    private static let exceptionSuffixesByLast: [UInt32: [[UInt8]]] = {
        var table: [UInt32: [[UInt8]]] = [:]
        for s in exceptionSuffixes { table[key(s, s.count), default: []].append(s) }
        return table
    }()

    /// For each Hangul syllable (index from U+AC00), 1 + its index in
    /// ``groups`` when some particle ends in it, else 0.
    private static let groupBySyllable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0xD7A4 - 0xAC00)
        for (k, key) in groupKeys.enumerated() {
            let v = (UInt32(key >> 16) & 0x0F) << 12 | (UInt32(key >> 8) & 0x3F) << 6 | UInt32(key & 0x3F)
            table[Int(v - 0xAC00)] = UInt16(k + 1)
        }
        return table
    }()

    /// Last-syllable keys of the particles, in a fixed order.
    private static let groupKeys: [UInt32] = particlesByLast.keys.sorted()

    /// Particles (longest first) and exception suffixes per last syllable.
    private static let groups: [([Particle], [[UInt8]])] = groupKeys.map {
        (particlesByLast[$0]!, exceptionSuffixesByLast[$0] ?? [])
    }

    /// A word of at most 15 UTF-8 bytes packed with its length, so that the
    /// exception check hashes two integers instead of a String (which Swift
    /// hashes in NFC, slowly for Hangul).
    struct PackedWord: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ w: UnsafeBufferPointer<UInt8>) {
            guard w.count <= 15 else { return nil }
            for (i, c) in w.enumerated() {
                if i < 8 { low |= UInt64(c) << (8 * UInt64(i)) } else { high |= UInt64(c) << (8 * UInt64(i - 8)) }
            }
            high |= UInt64(w.count) << 56
        }
    }

    private static let exceptionWords: Set<PackedWord> = Set(exceptions.compactMap { word in
        Array(word.utf8).withUnsafeBufferPointer { PackedWord($0) }
    })
    /// Exceptions too long to pack (none at present).
    private static let longExceptions: Set<String> = exceptions.filter { $0.utf8.count > 15 }

    /// Whether the normalized word is on ``exceptions``.
    static func isException(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if let packed = PackedWord(word) { return exceptionWords.contains(packed) }
        return !longExceptions.isEmpty && longExceptions.contains(String(decoding: word, as: UTF8.self))
    }

    /// Splits `word` (normalized) into stem and particle, or returns nil when
    /// no particle is stripped.
    static func split(_ word: [UInt8]) -> (stem: Int, particle: Particle)? {
        word.withUnsafeBufferPointer { split($0) }
    }

    /// Splits the normalized UTF-8 `word` into stem and particle, or returns
    /// nil when no particle is stripped.
    static func split(_ word: UnsafeBufferPointer<UInt8>) -> (stem: Int, particle: Particle)? {
        // Only words ending in a Hangul syllable (3 UTF-8 bytes EA B0 80 ... ED 9E A3).
        guard word.count >= 6, let lastSyllable = syllable(word, word.count - 3) else { return nil }
        // Particles and exception suffixes ending in that syllable, by the
        // syllable's index (an array lookup rather than two hash lookups).
        let group = Int(groupBySyllable[Int(lastSyllable - 0xAC00)])
        guard group > 0 else { return nil }
        let (candidates, suffixes) = groups[group - 1]
        for suffix in suffixes where hasSuffix(word, suffix) { return nil }
        for p in candidates where word.count >= p.bytes.count + 3 && hasSuffix(word, p.bytes) {
            let stemEnd = word.count - p.bytes.count
            guard let s = syllable(word, stemEnd - 3) else {
                // Stem ends in a digit or Latin letter (2023년에 is handled by the
                // Hangul check; CEO가, 5G의): agreement cannot be read, accept
                // particles whose form does not depend on it, and the common ones.
                let c = word[stemEnd - 1]
                if c < 0x80, isASCIIAlnum(c) { return (stemEnd, p) }
                continue
            }
            let batchim = (s - 0xAC00) % 28
            if !p.agreement.allows(batchim: Int(batchim)) { continue }
            return (stemEnd, p)
        }
        return nil
    }

    @inline(__always)
    static func syllable(_ w: [UInt8], _ i: Int) -> UInt32? {
        w.withUnsafeBufferPointer { syllable($0, i) }
    }

    @inline(__always)
    static func syllable(_ w: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32? {
        guard i >= 0, i + 2 < w.count else { return nil }
        let c = w[i]
        guard c >= 0xEA && c <= 0xED else { return nil }
        let v = (UInt32(c & 0x0F) << 12) | (UInt32(w[i + 1] & 0x3F) << 6) | UInt32(w[i + 2] & 0x3F)
        return (0xAC00...0xD7A3).contains(v) ? v : nil
    }

    @inline(__always)
    static func hasSuffix(_ w: UnsafeBufferPointer<UInt8>, _ s: [UInt8]) -> Bool {
        guard w.count >= s.count else { return false }
        let off = w.count - s.count
        for k in 0..<s.count where w[off + k] != s[k] { return false }
        return true
    }
}
