import Foundation
import WaveLexicon
import WaveText

/// The sentiment a sentence expresses toward one mention in it ("South Korea
/// built an ecosystem that encouraged risk-taking; Japan, by contrast, took a
/// sporadic approach": positive toward South Korea, negative toward Japan).
///
/// The sentence's lexicon hits are found and weighed by the rules of
/// ``SentimentScorer`` (degree, negation, inversion, emphasis), then described
/// relative to each target (``TargetFeatures``): hits in the target's own
/// clause, in other clauses, across a contrast or comparison marker ("unlike",
/// "by contrast", "than", 一方, 반면), nearer to another target, quoted, by
/// distance; and the words around the target by side ("by" before it, "hindered"
/// after it). A linear model (``TargetSentimentModel``: the mean of a multinomial
/// logistic regression and NB-LR, ``TargetSentimentTrainer/Fit/blend``)
/// turns them into probabilities of negative, neutral and positive; the score
/// is P(positive) − P(negative), kept inside ±0.05 when neutral is the most
/// likely class and outside it otherwise.
///
/// English and Japanese use models trained by `wave-bench target-sentiment-train`
/// on the development data (NewsMTSC, chABSA), shipped as
/// `target-sentiment-model.tsv`; Korean, which has no training data, uses fixed
/// weights on the language-independent features only (``TargetSentimentModel/rules``).
public struct TargetSentimentScorer: Sendable {
    public let lexicon: SentimentLexicon
    public let model: TargetSentimentModel
    private let scorer: SentimentScorer
    private let tokenizer: Tokenizer

    /// Prepares scoring with `lexicon`, tokenizing with `tokenizer` and
    /// weighing with `model` (the shipped model when nil; the fixed rule weights
    /// when the shipped model cannot be read).
    public init(lexicon: SentimentLexicon, tokenizer: Tokenizer = Tokenizer(), model: TargetSentimentModel? = nil) {
        self.lexicon = lexicon
        self.tokenizer = tokenizer
        self.scorer = SentimentScorer(lexicon: lexicon, tokenizer: tokenizer)
        self.model = model ?? TargetSentimentModel.shippedOrRules
    }

    /// Prepares scoring that shares `scorer`'s lexicon, tokenizer and compiled
    /// tables (each language's tables are compiled once for both scorers).
    public init(sharing scorer: SentimentScorer, model: TargetSentimentModel? = nil) {
        self.lexicon = scorer.lexicon
        self.tokenizer = scorer.tokenizer
        self.scorer = scorer
        self.model = model ?? TargetSentimentModel.shippedOrRules
    }

    /// One score in −1…+1 per target, in order: the sentiment `text` expresses
    /// toward the mention at each range (offsets in Unicode code points, end
    /// exclusive). A range outside the text, or empty, scores 0.
    public func scores(text: String, targets: [Range<Int>], language: Language) -> [Double] {
        features(text: text, targets: targets, language: language).map { model.score($0, language: language) }
    }

    /// The named feature values of each target of `text` (nil for a range outside
    /// the text), as the model sees them: for training and prototyping outside the package.
    public func targetFeatures(text: String, targets: [Range<Int>], language: Language) -> [[(name: String, value: Double)]?] {
        features(text: text, targets: targets, language: language).map { $0?.values }
    }

    /// The features of each target of `text` (nil for a range outside the text).
    func features(text: String, targets: [Range<Int>], language: Language) -> [TargetFeatures?] {
        guard !targets.isEmpty else { return [] }
        let document = tokenizer.tokenize(text, language: language)
        let view = scorer.engine(for: language).targetView(of: document)
        // UTF-8 offset of each code point, and of the end.
        var offsets: [Int] = []
        offsets.reserveCapacity(text.unicodeScalars.count + 1)
        var byte = 0
        for scalar in text.unicodeScalars {
            offsets.append(byte)
            byte += UTF8.width(scalar)
        }
        offsets.append(byte)
        let spans: [Range<Int>?] = targets.map { target in
            guard target.lowerBound >= 0, target.upperBound < offsets.count, !target.isEmpty else { return nil }
            return TargetFeatures.tokenSpan(ofBytes: offsets[target.lowerBound]..<offsets[target.upperBound],
                                            in: view.tokens)
        }
        let known = spans.compactMap { $0 }
        return spans.map { span in
            span.map { TargetFeatures(view: view, target: $0, others: known.filter { $0 != span }, language: language) }
        }
    }
}
