import WaveTerms
@testable import WaveThemes
@testable import WaveCorpus
import WaveIngest
import WaveText

/// Per-document analyses with chosen figures, for testing the corpus stage
/// without tokenizing text.
enum DocumentFixture {
    /// A document of 1,000 tokens, so a theme's rate equals its hits.
    static func document(_ id: String, date: String?, site: String?, language: Language = .english,
                         mentions: [String: Int] = [:], hits: [String: Int], sentiment: Double,
                         targetSentiment: [String: Double] = [:]) -> DocumentAnalysis {
        let article = Article(id: id, path: "\(id).html", title: id, date: date, site: site, format: .html,
                              encoding: "utf-8", paragraphs: [])
        let found = TargetMentions(sentences: mentions.mapValues { _ in [0] }, counts: mentions)
        let themes = ThemeScores(documentID: id, hits: hits, tokenCount: 1000, evidence: [:])
        let n = hits["nostalgia"] ?? 0, f = hits["forward_facing"] ?? 0
        return DocumentAnalysis(
            article: article, language: language, sentenceCount: 10, themes: themes, themeSentiment: [:],
            sentiment: sentiment, mentions: found, targetSentiment: targetSentiment,
            towardTargets: targetSentiment.mapValues { TargetSentiment(score: $0, mentions: 1, sentences: 1) },
            focus: Focus(found), salience: [],
            framingIndex: n + f == 0 ? nil : Double(f - n) / Double(f + n), scopeSentences: nil,
            pageFramingIndex: n + f == 0 ? nil : Double(f - n) / Double(f + n), evidence: [:], terms: [], topicTerms: nil,
            stored: StoredDocument(id: id, language: language.rawValue, sentences: []))
    }
}
