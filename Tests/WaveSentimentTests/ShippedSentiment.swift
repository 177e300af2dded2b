import WaveLexicon
import WaveText
@testable import WaveSentiment

/// The shipped lexicons and rules compiled once for all sentiment suites.
enum ShippedSentiment {
    static let tokenizer = Tokenizer()
    static let scorer = SentimentScorer(lexicon: try! SentimentLexicon.shipped(), tokenizer: tokenizer)

    static func sentiment(_ text: String, _ language: Language) -> DocumentSentiment {
        scorer.sentiment(of: tokenizer.tokenize(text, language: language))
    }
}
