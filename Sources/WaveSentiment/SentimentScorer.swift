import Foundation
import WaveLexicon
import WaveText

/// Lexicon and rule based sentiment, sentence by sentence.
///
/// Each lexicon hit adds its valence, changed by the rules around it:
/// - **Intensifiers and diminishers** ("very", とても, 약간) just before it
///   scale it (Japanese diminishers such as 気味 also just after).
/// - **Negation** flips and damps it (× −0.74; an English negative word only
///   × −0.5: "not terrible" is faintly positive). English negators reach
///   forward up to the next punctuation or contrast word, at most three
///   words ("not a very good film"); Japanese negators follow the predicate
///   (良く + ない, 問題 + が + ない), Korean ones stand before (안 좋다) or
///   after it (좋지 않다), or inside the same word (좋지않다, 안좋아).
/// - **Contrast** ("but", しかし, 하지만): the part before weighs half and the
///   part after one and a half. A concessive clause ("although …,") weighs
///   half up to its punctuation.
/// - **Direction**: a word of change ("rise", 増加, 증가) in the same clause as
///   something bad to have more of ("costs", 赤字, 적자) turns around.
/// - **Emphasis**: a word in capitals inside a mixed-case English sentence,
///   and up to three exclamation marks, strengthen the sentence.
/// - **Emoticons and emoji** (":-)", "<3", 😂) count like words.
/// - **Fallbacks** when a sentence has no hit: English words are looked up
///   again without common suffixes ("disappointingly" → "disappointing"),
///   Japanese and Korean words are searched for lexicon entries inside them
///   ("개꿀잼" → 꿀잼, "안재밌음" → 안 + 재밌*), at reduced weight. Elongated
///   English words ("goooood", "sooo") are looked up shortened in every
///   sentence, at full weight.
///
/// The sentence sum `s` becomes `s / √(s² + 15)`, in −1…+1. A document (and
/// the subset of its sentences that mention a target or a theme) pools its
/// sentences' raw sums as `Σ s / √n` before the same squashing (``pooled(_:)``),
/// in every language, so agreeing sentences strengthen each other, while beyond
/// four scored sentences the pool no longer grows with the length: a long
/// article does not saturate the way a whole-text sum does, and scores in
/// English, Japanese and Korean are on one scale.
public struct SentimentScorer: Sendable {
    public let lexicon: SentimentLexicon
    let tokenizer: Tokenizer
    private let engines: EngineCache

    /// Prepares scoring with `lexicon`. Each language's tables (tries, word
    /// lists, Korean forms) are compiled the first time a document of that
    /// language is scored, so a run over English texts never compiles the
    /// Japanese and Korean lexicons.
    public init(lexicon: SentimentLexicon, tokenizer: Tokenizer) {
        self.lexicon = lexicon
        self.tokenizer = tokenizer
        self.engines = EngineCache()
    }

    /// Scores every sentence of `document` and the document as a whole.
    public func sentiment(of document: TokenizedDocument) -> DocumentSentiment {
        box(for: document.language).engine.sentiment(of: document)
    }

    func engine(for language: Language) -> SentimentEngine { box(for: language).engine }

    /// The engine of `language`, compiled on first use; a reference, so no copy of its tables per call.
    private func box(for language: Language) -> EngineBox {
        engines.lock.lock()
        defer { engines.lock.unlock() }
        if let box = engines.byLanguage[language] { return box }
        var valences: [Language: [String: Double]] = [:]
        var rules: [Language: SentimentLexicon.Rules] = [:]
        valences[language] = lexicon.valences[language]
        if language == .korean { valences[language] = valences[language].map(KoreanForms.withStemVariants) }
        rules[language] = lexicon.rules[language]
        let engine = SentimentEngine(lexicon: SentimentLexicon(valences: valences, rules: rules, sources: lexicon.sources),
                                     tokenizer: tokenizer)
        let box = EngineBox(engine)
        engines.byLanguage[language] = box
        return box
    }

    final class EngineBox: Sendable {
        let engine: SentimentEngine
        init(_ engine: SentimentEngine) { self.engine = engine }
    }

    final class EngineCache: @unchecked Sendable {
        let lock = NSLock()
        var byLanguage: [Language: EngineBox] = [:]
    }

    static func englishStems(_ word: String) -> [String] { SentimentEngine.englishStems(word) }
    static func collapsingRuns(_ word: String, keep: Int) -> String? { SentimentEngine.collapsingRuns(word, keep: keep) }
    static func isSymbolEntry(_ entry: String) -> Bool { SentimentEngine.isSymbolEntry(entry) }
}
