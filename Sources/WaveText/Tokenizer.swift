/// Settings of the text stage.
public struct TokenizerConfiguration: Sendable {
    /// Stopword lists; a token whose term is on the list of the document's
    /// language gets ``Token/isStopword``.
    public var stopwords: Stopwords
    /// Multiword terms per language ("soft power", "ソフトパワー", "소프트 파워"),
    /// merged into one token by a ``PhraseMerger`` (longest match).
    public var phrases: [Language: [String]]
    /// Snowball stemming of English terms (libstemmer, loaded at run time;
    /// ignored when the library is missing). Off by default.
    public var stem: Bool
    /// Use MeCab for Japanese when it can be loaded (otherwise ICU).
    public var useMeCab: Bool
    /// MeCab dictionary directory (holding `sys.dic`), e.g. a UniDic
    /// installation; nil uses `/etc/mecabrc` or Debian's ipadic.
    public var mecabDictionary: String?
    /// Feature index of the base form in the MeCab dictionary; nil picks it
    /// per morpheme from the feature count (ipadic: 6, UniDic: 7).
    public var mecabLemmaField: Int?
    /// Strip Korean particles (josa) from terms.
    public var stripKoreanParticles: Bool
    /// How sentences are found: `.rules` by default (one pass over the
    /// bytes; on the UD test sets it finds the same sentence ends as ICU, see
    /// ``SentenceSegmentation``), `.icu` for ICU sentence break.
    public var sentenceSegmentation: SentenceSegmentation

    public init(stopwords: Stopwords = Stopwords(), phrases: [Language: [String]] = [:],
                stem: Bool = false, useMeCab: Bool = true, mecabDictionary: String? = nil,
                mecabLemmaField: Int? = nil, stripKoreanParticles: Bool = true,
                sentenceSegmentation: SentenceSegmentation = .rules) {
        self.stopwords = stopwords
        self.phrases = phrases
        self.stem = stem
        self.useMeCab = useMeCab
        self.mecabDictionary = mecabDictionary
        self.mecabLemmaField = mecabLemmaField
        self.stripKoreanParticles = stripKoreanParticles
        self.sentenceSegmentation = sentenceSegmentation
    }
}

/// Splits text into sentences and tokens and normalizes each token to a term.
///
/// - Sentences: a one-pass rule (``SentenceSegmentation/rules``, the
///   default) or ICU sentence break (``SentenceSegmentation/icu``), then an
///   abbreviation rule (`Dr.`, `U.S.` never end a sentence; `Inc.`, `etc.`
///   not before a lower-case word); see ``TokenizerConfiguration``.
/// - Words: URLs, e-mail addresses, hashtags and @mentions are found first and
///   kept whole; the rest goes to ICU word break, or to MeCab for Japanese
///   when it is installed (see ``japaneseBackend``). Outside Japanese and
///   Korean, chunks of ASCII between white space are segmented without ICU,
///   with the same result (``ASCIIWordBreak``).
/// - English (and other space-separated text): hyphenated words (`k-pop`,
///   `forward-facing`) and number groups (`10:30`, `12/25/2004`,
///   `853-7906`) are one token; abbreviations keep their period (`U.S.`,
///   `Dr.`, `Inc.`); contractions stay one token as ICU gives them
///   (`don't`, `it's`) with `’` folded to `'` in the term, and a possessive
///   `'s` is dropped from the term (`Google's` counts as `google`), except
///   after pronouns and question words, where it is "is" (`it's`, `that's`).
/// - Korean: digits or Latin letters glued to Hangul stay one word (`2023년에`,
///   `CEO가`), and particles are stripped from the term (``KoreanParticles``).
/// - Japanese with MeCab: the term is the normalized base form
///   (`懐かしく` → `懐かしい`); particles (助詞), auxiliaries (助動詞) and symbols
///   (記号) are marked as stopwords so that counts keep content words.
/// - Terms are NFKC + case folded (`ｶﾀｶﾅ` = `カタカナ`, `Ｓｅｏｕｌ` = `seoul`).
///
/// ```swift
/// let tokenizer = Tokenizer(configuration: .init(stopwords: stopwords))
/// let doc = tokenizer.tokenize("Squid Game was a hit.", id: "a")
/// doc.tokens.map(\.term)   // ["squid", "game", "was", "a", "hit"]
/// ```
///
/// A tokenizer is a value that can be shared between threads; MeCab taggers
/// are pooled inside.
public struct Tokenizer: Sendable {
    public var configuration: TokenizerConfiguration {
        didSet { compile() }
    }
    private var mecab: MeCabPool?
    private var merger: PhraseMerger?

    public init(configuration: TokenizerConfiguration = TokenizerConfiguration()) {
        self.configuration = configuration
        compile()
    }

    private mutating func compile() {
        mecab = configuration.useMeCab ? MeCab.pool(dictionary: configuration.mecabDictionary) : nil
        if configuration.phrases.isEmpty {
            merger = nil
        } else {
            var plain = self
            plain.merger = nil
            merger = PhraseMerger(phrases: configuration.phrases, tokenizer: plain)
        }
    }

    /// The segmenter used for Japanese: `.mecab` when MeCab and its dictionary
    /// could be loaded, `.icu` otherwise.
    public var japaneseBackend: SegmenterBackend { mecab == nil ? .icu : .mecab }

    /// A line for a run summary, e.g. "MeCab (dictionary /var/lib/mecab/dic/debian)"
    /// or "ICU word break (MeCab not installed)".
    public var japaneseBackendDescription: String {
        if let mecab { return "MeCab (dictionary \(mecab.dictionary))" }
        if !configuration.useMeCab { return "ICU word break (MeCab turned off)" }
        if !MeCab.isLibraryAvailable { return "ICU word break (MeCab not installed: libmecab.so.2 not found)" }
        return "ICU word break (MeCab dictionary not found: \(configuration.mecabDictionary ?? "default"))"
    }

    /// The phrase merger compiled from ``TokenizerConfiguration/phrases``.
    public var phraseMerger: PhraseMerger? { merger }

    /// Tokenizes `text`. When `language` is nil it is detected from the text.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func tokenize(_ text: String, language: Language? = nil, id: String = "") -> TokenizedDocument {
        let language = language ?? LanguageDetector.detect(text)
        let bytes = Array(text.utf8)
        var doc = segment(bytes, text: text, language: language, id: id)
        if let merger { merger.merge(&doc, bytes: bytes, stopwords: configuration.stopwords) }
        return doc
    }

    // MARK: - Segmentation

    /// A segment before it becomes a token (trivially copyable; MeCab's
    /// strings live in a side table).
    struct Raw {
        var range: Range<Int>
        var kind: TokenKind
        /// Index into the morpheme info table, or -1.
        var info: Int32 = -1
        var function = false
    }

    struct MorphemeInfo {
        var pos: String
        var lemma: String?
        /// Shared details holding `pos` alone (used when there is no lemma).
        var details: Token.SharedDetails
    }

    private func segment(_ bytes: [UInt8], text: String, language: Language, id: String) -> TokenizedDocument {
        let locale = language == .unknown ? "" : language.rawValue
        let sentenceEnds = sentenceBreaks(bytes, text: text, locale: locale)
        let useMeCab = language == .japanese && mecab != nil

        var raws: [Raw] = []
        raws.reserveCapacity(bytes.count / 4)
        var ends: [Int32] = []
        var statuses: [Int32] = []
        var morphemes: [MeCabMorpheme] = []
        var infos: [MorphemeInfo] = []
        let specials = SpecialSpans.scan(bytes)

        if useMeCab, let mecab {
            // MeCab runs on the text between special spans, sentence by sentence.
            var position = 0
            for span in specials {
                if span.range.lowerBound > position {
                    mecabSegment(position..<span.range.lowerBound, bytes: bytes, sentenceEnds: sentenceEnds, pool: mecab,
                                 morphemes: &morphemes, infos: &infos, into: &raws)
                }
                raws.append(Raw(range: span.range, kind: span.kind))
                position = span.range.upperBound
            }
            if position < bytes.count {
                mecabSegment(position..<bytes.count, bytes: bytes, sentenceEnds: sentenceEnds, pool: mecab,
                             morphemes: &morphemes, infos: &infos, into: &raws)
            }
        } else {
            // Word break over the whole text (URLs and the like included: an
            // ICU call per gap between them would cost more than it saves),
            // then the special spans replace the segments they cover. Japanese
            // and Korean go to ICU whole (few of their chunks are ASCII: one
            // call is cheaper); other text is segmented chunk by chunk, ASCII
            // chunks without ICU (see ``ASCIIWordBreak``).
            if language == .japanese || language == .korean {
                bytes.withUnsafeBufferPointer { b in
                    Tokenizer.icuSegment(b, 0..<b.count, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
                }
            } else {
                Tokenizer.hybridSegment(bytes, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
            }
            if !specials.isEmpty { Tokenizer.overlay(specials, on: &raws) }
            if language != .japanese {
                joinPass(&raws, from: 0, bytes: bytes, language: language)
            }
        }

        // Tokens and sentences, one token per raw segment.
        var sentences: [Sentence] = []
        sentences.reserveCapacity(sentenceEnds.count)
        var sentenceIndex = 0
        var sentenceStart = 0
        var firstToken = 0
        let stopwords = configuration.stopwords.list(for: language)
        let stripParticles = configuration.stripKoreanParticles && language == .korean
        let stemming = configuration.stem && language == .english
        let english = language == .english

        let context = TokenContext(english: english, stripParticles: stripParticles, stemming: stemming, stopwords: stopwords)
        let tokens = [Token](unsafeUninitializedCapacity: raws.count) { out, initialized in
            bytes.withUnsafeBufferPointer { b in
                raws.withUnsafeBufferPointer { rawBuffer in
                    for raw in rawBuffer {
                        let count = initialized
                        while sentenceIndex < sentenceEnds.count - 1 && sentenceEnds[sentenceIndex] <= raw.range.lowerBound {
                            sentences.append(Sentence(range: sentenceStart..<sentenceEnds[sentenceIndex],
                                                      tokens: firstToken..<count))
                            sentenceStart = sentenceEnds[sentenceIndex]
                            firstToken = count
                            sentenceIndex += 1
                        }
                        makeToken(at: out.baseAddress! + count, raw, b, sentence: sentenceIndex,
                                  info: raw.info >= 0 ? infos[Int(raw.info)] : nil, context: context)
                        initialized = count + 1
                    }
                }
            }
        }
        while sentenceIndex < sentenceEnds.count {
            sentences.append(Sentence(range: sentenceStart..<sentenceEnds[sentenceIndex],
                                      tokens: firstToken..<tokens.count))
            sentenceStart = sentenceEnds[sentenceIndex]
            firstToken = tokens.count
            sentenceIndex += 1
        }
        return TokenizedDocument(id: id, language: language, text: text, tokens: tokens,
                                 sentences: sentences, segmenter: useMeCab ? .mecab : .icu)
    }

    /// What the per-token step needs to know about the document.
    struct TokenContext {
        var english: Bool
        var stripParticles: Bool
        var stemming: Bool
        var stopwords: Set<String>?
        /// ``Token/offsets``, read once per document rather than per token.
        var offsets = Token.offsets
    }

    /// The token of one raw segment (surface, normalized term, details),
    /// written to the uninitialized `slot`.
    private func makeToken(at slot: UnsafeMutablePointer<Token>, _ raw: Raw, _ b: UnsafeBufferPointer<UInt8>,
                           sentence: Int, info: MorphemeInfo?, context: TokenContext) {
        let surface = String(decoding: UnsafeBufferPointer(rebasing: b[raw.range]), as: UTF8.self)
        var term: String
        var particle: String?
        let lemma = info?.lemma
        if let lemma {
            term = Normalizer.term(lemma)
        } else if context.english && raw.kind == .word && raw.range.count > 2
                    && b[raw.range.upperBound - 1] | 0x20 == UInt8(ascii: "s")
                    && b[raw.range.upperBound - 2] == UInt8(ascii: "'")
                    && !Normalizer.isContraction(b, raw.range.lowerBound..<(raw.range.upperBound - 2)) {
            // Possessive: "Google's" counts as "google".
            let stem = raw.range.lowerBound..<(raw.range.upperBound - 2)
            term = Normalizer.term(b, stem, surface: String(decoding: UnsafeBufferPointer(rebasing: b[stem]), as: UTF8.self))
        } else {
            term = Normalizer.term(b, raw.range, surface: surface)
        }
        if raw.kind == .word {
            if context.english && raw.range.count > 4 && b[raw.range.upperBound - 1] == UInt8(ascii: "s")
                && b[raw.range.upperBound - 2] == 0x99 && b[raw.range.upperBound - 3] == 0x80
                && b[raw.range.upperBound - 4] == 0xE2 {
                let folded = Normalizer.droppingPossessive(term)
                if !Normalizer.isContraction(Array(folded.utf8)) { term = folded }
            }
            if context.stripParticles, let split = koreanSplit(term, surface: surface) {
                term = split.stem; particle = split.particle
            }
            if context.stemming { term = Stemmer.stem(term, language: .english) }
        }
        let stop = raw.function || (context.stopwords?.contains(term) ?? false)
        if info == nil && particle == nil {
            Token.initialize(slot, surface: surface, term: term, kind: raw.kind, range: raw.range, sentence: sentence,
                             isStopword: stop, offsets: context.offsets)
        } else if let info, lemma == nil && particle == nil {
            // MeCab: the part of speech alone, in details shared per POS.
            Token.initialize(slot, surface: surface, term: term, kind: raw.kind, range: raw.range, sentence: sentence,
                             isStopword: stop, details: info.details, offsets: context.offsets)
        } else {
            slot.initialize(to: Token(surface: surface, term: term, kind: raw.kind, range: raw.range, sentence: sentence,
                                      isStopword: stop, partOfSpeech: info?.pos, lemma: lemma, particle: particle))
        }
    }

    private func koreanSplit(_ term: String, surface: String) -> (stem: String, particle: String)? {
        var term = term
        return term.withUTF8 { t -> (stem: String, particle: String)? in
            guard let (stemEnd, particle) = KoreanParticles.split(t),
                  !KoreanParticles.isException(t) else { return nil }
            // The particle must also end the surface (NFKC leaves Hangul syllables as they are).
            guard surface.utf8.count >= particle.bytes.count,
                  surface.utf8.suffix(particle.bytes.count).elementsEqual(particle.bytes) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: t[..<stemEnd]), as: UTF8.self), particle.text)
        }
    }

    /// Sentence ends as UTF-8 offsets; the last one is the end of the text.
    private func sentenceBreaks(_ bytes: [UInt8], text: String, locale: String) -> [Int] {
        let count = bytes.count
        guard count > 0 else { return [] }
        var ends: [Int]
        if configuration.sentenceSegmentation == .rules {
            ends = SentenceRules.ends(bytes)
        } else {
            let buffer = TextBuffer(text)
            ends = ICU.sentenceBreaks(buffer.utf16, locale: locale).map { buffer.utf8(Int($0)) }
        }
        if ends.last != count { ends.append(count) }
        return Abbreviations.mergeSentences(ends, bytes: bytes)
    }

    /// ICU word break over `b[range]`: words, numbers and emoji become raw
    /// segments (spaces and punctuation are left out).
    static func icuSegment(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, locale: String,
                            ends: inout [Int32], statuses: inout [Int32], into raws: inout [Raw]) {
        let slice = UnsafeBufferPointer(rebasing: b[range])
        let n = ICU.wordBreaks(utf8: slice, locale: locale, ends: &ends, statuses: &statuses)
        let base = range.lowerBound
        ends.withUnsafeBufferPointer { e in
            statuses.withUnsafeBufferPointer { st in
                var s = base
                for k in 0..<n {
                    let end = base + Int(e[k])
                    defer { s = end }
                    let kind: TokenKind
                    switch st[k] {
                    case 100..<200: kind = .number
                    case 200..<500: kind = .word
                    default:
                        guard b[s] >= 0xE2, Tokenizer.isEmoji(b, s, end) else { continue }
                        kind = .emoji
                    }
                    raws.append(Raw(range: s..<end, kind: kind))
                }
            }
        }
    }

    /// Word break chunk by chunk (chunks are cut at ASCII white space, where
    /// ICU always breaks): chunks of ASCII bytes are segmented by
    /// ``ASCIIWordBreak`` with ICU's result, each run of other chunks by one
    /// ICU call. One pass: a chunk is segmented as ASCII as it is read, and its
    /// segments are taken back if a byte of it turns out not to be ASCII.
    static func hybridSegment(_ bytes: [UInt8], locale: String,
                              ends: inout [Int32], statuses: inout [Int32], into raws: inout [Raw]) {
        bytes.withUnsafeBufferPointer { b in
            ASCIIWordBreak.classes.withUnsafeBufferPointer { tb in
                let t = tb.baseAddress!
                let n = b.count
                var i = 0
                var pending = -1, pendingEnd = 0   // a run of non-ASCII chunks not yet given to ICU
                while i < n {
                    while i < n && t[Int(b[i])] == ASCIIWordBreak.space { i += 1 }
                    guard i < n else { break }
                    let start = i
                    let mark = raws.count
                    var ascii = true
                    while i < n {
                        let c = t[Int(b[i])]
                        if c == ASCIIWordBreak.space { break }
                        if c == ASCIIWordBreak.nonASCII { ascii = false; break }
                        if c < ASCIIWordBreak.letter || c > ASCIIWordBreak.underscore { i += 1; continue }
                        let (end, status) = ASCIIWordBreak.segment(b, from: i, classes: t)
                        if status != 0 { raws.append(Raw(range: i..<end, kind: status < 200 ? .number : .word)) }
                        i = end
                    }
                    if !ascii {
                        raws.removeSubrange(mark...)
                        while i < n && t[Int(b[i])] != ASCIIWordBreak.space { i += 1 }
                        if pending < 0 { pending = start }
                        pendingEnd = i
                    } else if pending >= 0 {
                        // The ICU run comes first.
                        let chunk = Array(raws[mark...])
                        raws.removeSubrange(mark...)
                        Tokenizer.icuSegment(b, pending..<pendingEnd, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
                        raws.append(contentsOf: chunk)
                        pending = -1
                    }
                }
                if pending >= 0 {
                    Tokenizer.icuSegment(b, pending..<pendingEnd, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
                }
            }
        }
    }

    /// Word and number segments (and emoji) of `text` as (range, kind):
    /// by ICU alone, or chunk by chunk as the tokenizer does for languages
    /// other than Japanese. For tests: the two must agree.
    static func wordSegments(_ text: String, locale: String, hybrid: Bool) -> [(Range<Int>, TokenKind)] {
        let bytes = Array(text.utf8)
        var raws: [Raw] = []
        var ends: [Int32] = [], statuses: [Int32] = []
        if hybrid {
            hybridSegment(bytes, locale: locale, ends: &ends, statuses: &statuses, into: &raws)
        } else {
            bytes.withUnsafeBufferPointer { icuSegment($0, 0..<$0.count, locale: locale, ends: &ends, statuses: &statuses, into: &raws) }
        }
        return raws.map { ($0.range, $0.kind) }
    }

    /// Puts special spans in place of the segments they overlap; a segment
    /// that starts before a span keeps its part before it.
    static func overlay(_ specials: [SpecialSpans.Span], on raws: inout [Raw]) {
        var out: [Raw] = []
        out.reserveCapacity(raws.count)
        var k = 0
        for var raw in raws {
            while k < specials.count && specials[k].range.upperBound <= raw.range.lowerBound {
                out.append(Raw(range: specials[k].range, kind: specials[k].kind))
                k += 1
            }
            if k < specials.count && specials[k].range.lowerBound < raw.range.upperBound {
                // Overlaps the span: keep only a part before it.
                guard raw.range.lowerBound < specials[k].range.lowerBound else { continue }
                raw.range = raw.range.lowerBound..<specials[k].range.lowerBound
            }
            out.append(raw)
        }
        while k < specials.count {
            out.append(Raw(range: specials[k].range, kind: specials[k].kind))
            k += 1
        }
        raws = out
    }

    /// Joins hyphenated words, number groups and (Korean) glued words, and
    /// gives abbreviations their period.
    private func joinPass(_ raws: inout [Raw], from first: Int, bytes: [UInt8], language: Language) {
        guard raws.count > first else { return }
        let korean = language == .korean
        let n = raws.count
        let kept = raws.withUnsafeMutableBufferPointer { r in
            bytes.withUnsafeBufferPointer { b in
                var out = first
                var i = first
                while i < n {
                    var cur = r[i]
                    i += 1
                    while i < n {
                        let next = r[i]
                        guard cur.kind == .word || cur.kind == .number, next.kind == .word || next.kind == .number else { break }
                        let gap = next.range.lowerBound - cur.range.upperBound
                        if gap == 1 {
                            let c = b[cur.range.upperBound]
                            let digits = isDigit(b[cur.range.upperBound - 1]) && isDigit(b[next.range.lowerBound])
                            if c == UInt8(ascii: "-") || ((c == UInt8(ascii: ":") || c == UInt8(ascii: "/")) && digits) {
                                cur.range = cur.range.lowerBound..<next.range.upperBound
                                if next.kind == .word { cur.kind = .word }
                                i += 1
                                continue
                            }
                        } else if gap == 0 && korean {
                            cur.range = cur.range.lowerBound..<next.range.upperBound
                            cur.kind = .word
                            i += 1
                            continue
                        }
                        break
                    }
                    if cur.kind == .word, cur.range.upperBound < b.count, b[cur.range.upperBound] == UInt8(ascii: "."),
                       Abbreviations.takesPeriod(bytes, cur.range) {
                        cur.range = cur.range.lowerBound..<(cur.range.upperBound + 1)
                    }
                    r[out] = cur
                    out += 1
                }
                return out
            }
        }
        raws.removeSubrange(kept..<n)
    }

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// MeCab over a gap, one sentence (at most 8 KB) at a time.
    private func mecabSegment(_ gap: Range<Int>, bytes: [UInt8], sentenceEnds: [Int], pool: MeCabPool,
                              morphemes: inout [MeCabMorpheme], infos: inout [MorphemeInfo], into raws: inout [Raw]) {
        bytes.withUnsafeBufferPointer { b in
            var chunkStart = gap.lowerBound
            // First sentence end after the chunk start (binary search).
            var lo = 0, hi = sentenceEnds.count
            while lo < hi { let mid = (lo + hi) / 2; if sentenceEnds[mid] <= chunkStart { lo = mid + 1 } else { hi = mid } }
            var sentence = lo
            while chunkStart < gap.upperBound {
                var chunkEnd = gap.upperBound
                if sentence < sentenceEnds.count { chunkEnd = min(chunkEnd, sentenceEnds[sentence]) }
                if chunkEnd - chunkStart > 8192 { chunkEnd = Tokenizer.safeCut(b, chunkStart, chunkStart + 8192) }
                if chunkEnd <= chunkStart { chunkEnd = gap.upperBound }
                let range = chunkStart..<chunkEnd
                morphemes.removeAll(keepingCapacity: true)
                if b[range].contains(0) {
                    // MeCab stops at NUL bytes: parse a copy with spaces instead.
                    let copy = b[range].map { $0 == 0 ? UInt8(ascii: " ") : $0 }
                    copy.withUnsafeBufferPointer { c in
                        pool.parse(c, 0..<c.count, lemmaField: configuration.mecabLemmaField, into: &morphemes)
                    }
                    for k in morphemes.indices {
                        morphemes[k].range = (morphemes[k].range.lowerBound + chunkStart)..<(morphemes[k].range.upperBound + chunkStart)
                    }
                } else {
                    pool.parse(b, range, lemmaField: configuration.mecabLemmaField, into: &morphemes)
                }
                for m in morphemes {
                    guard Tokenizer.hasAlphanumeric(b, m.range) else {
                        // Punctuation and symbols are left out, as with ICU; emoji are kept.
                        if b[m.range.lowerBound] >= 0xE2, let (s, _) = Optional(decodeScalar(b, m.range.lowerBound)),
                           let scalar = Unicode.Scalar(s), scalar.properties.isEmojiPresentation {
                            raws.append(Raw(range: m.range, kind: .emoji))
                        }
                        continue
                    }
                    infos.append(MorphemeInfo(pos: m.info.pos, lemma: m.lemma, details: m.info.details))
                    raws.append(Raw(range: m.range, kind: m.info.isNumber ? .number : .word,
                                    info: Int32(infos.count - 1), function: m.info.isFunction))
                }
                chunkStart = chunkEnd
                while sentence < sentenceEnds.count && sentenceEnds[sentence] <= chunkStart { sentence += 1 }
            }
        }
    }

    /// A cut point at or before `limit`: after whitespace or ASCII punctuation
    /// if one is near, else at a scalar boundary.
    static func safeCut(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ limit: Int) -> Int {
        var j = limit
        while j > start + 1024 {
            let c = b[j - 1]
            if isASCIISpace(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { return j }
            j -= 1
        }
        j = limit
        while j > start && (b[j] & 0xC0) == 0x80 { j -= 1 }
        return j > start ? j : limit
    }

    static func hasAlphanumeric(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            if c < 0x80 {
                if isASCIIAlnum(c) { return true }
                i += 1
                continue
            }
            let (v, w) = decodeScalar(b, i)
            switch v {
            case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7A3,
                 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF66...0xFF9F:
                return true   // kana, ideographs, Hangul, full-width alphanumerics
            case 0x3000...0x3004, 0x3008...0x3020, 0x30FB, 0xFF01...0xFF0F:
                i += w        // CJK punctuation
                continue
            default: break
            }
            if let s = Unicode.Scalar(v) {
                let p = s.properties
                if p.isAlphabetic || p.numericType != nil { return true }
            }
            i += w
        }
        return false
    }

    /// Whether the segment `b[start..<end]` is an emoji: its first scalar
    /// (at or above U+2190) has emoji presentation, or is an emoji followed
    /// somewhere in the segment by the variation selector U+FE0F.
    static func isEmoji(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        let v = decodeScalar(b, start).value
        guard v >= 0x2190, let first = Unicode.Scalar(v) else { return false }
        if first.properties.isEmojiPresentation { return true }
        guard first.properties.isEmoji else { return false }
        var i = start
        while i + 3 <= end {
            if b[i] == 0xEF && b[i + 1] == 0xB8 && b[i + 2] == 0x8F { return true }   // U+FE0F
            i += 1
        }
        return false
    }
}
