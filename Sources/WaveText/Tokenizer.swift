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
        let (raws, infos) = rawSegments(bytes, language: language, locale: locale, sentenceEnds: sentenceEnds)
        let (tokens, sentences) = tokensAndSentences(raws, infos: infos, bytes: bytes, language: language,
                                                     sentenceEnds: sentenceEnds)
        return TokenizedDocument(id: id, language: language, text: text, tokens: tokens,
                                 sentences: sentences, segmenter: useMeCab ? .mecab : .icu)
    }

    /// The raw segments of `bytes` (words, numbers, special spans), and the
    /// MeCab morpheme details they point to.
    private func rawSegments(_ bytes: [UInt8], language: Language, locale: String,
                             sentenceEnds: [Int]) -> (raws: [Raw], infos: [MorphemeInfo]) {
        var raws: [Raw] = []
        raws.reserveCapacity(bytes.count / 4)
        var ends: [Int32] = []
        var statuses: [Int32] = []
        var morphemes: [MeCabMorpheme] = []
        var infos: [MorphemeInfo] = []
        let specials = SpecialSpans.scan(bytes)

        if language == .japanese, let mecab {
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
        return (raws, infos)
    }

    /// One token per raw segment, and the sentences (token ranges) they fall in.
    private func tokensAndSentences(_ raws: [Raw], infos: [MorphemeInfo], bytes: [UInt8], language: Language,
                                    sentenceEnds: [Int]) -> (tokens: [Token], sentences: [Sentence]) {
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
        return (tokens, sentences)
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
}
