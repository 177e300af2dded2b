import Foundation
import WaveCorpus
import WaveReports
import WaveText
import WaveThemes

extension Pipeline {
    /// What in the run's setting changed its results, read off the analyzer and the documents
    /// it analysed: these go to `summary.json`, the report and the log, whatever the log level.
    static func resultWarnings(analyzer: Analyzer, configuration config: RunConfiguration,
                               documents: [DocumentAnalysis]) -> [RunWarning] {
        var warnings: [RunWarning] = []
        var byLanguage: [Language: Int] = [:]
        for document in documents { byLanguage[document.language, default: 0] += 1 }

        if let japanese = byLanguage[.japanese], japanese > 0, analyzer.tokenizer.japaneseBackend == .icu {
            warnings.append(RunWarning(
                code: "japanese_segmenter_fallback",
                message: "\(japanese) Japanese documents were segmented by \(analyzer.japaneseSegmenter); "
                    + "MeCab gives other (better) words and terms: install libmecab2 and mecab-ipadic-utf8"))
        }
        let stopwords = analyzer.tokenizer.configuration.stopwords
        let listed = Set(stopwords.languages)
        for (language, count) in byLanguage.sorted(by: { $0.key < $1.key })
        where language != .unknown && !listed.contains(language) {
            let source = config.stopwords.map { "the stopword folder \($0.path)" } ?? "the shipped stopword lists"
            warnings.append(RunWarning(
                code: "no_stopwords",
                message: "\(source) has no list for \(language.rawValue) (\(count) documents): every word counted, "
                    + "so function words rank among the top terms; add \(language.rawValue).txt"))
        }
        let themes = Set(analyzer.themes.dictionary.themes.map(\.path))
        let framing = [ThemeScorer.nostalgia, ThemeScorer.forwardFacing].filter { !themes.contains($0) }
        if !framing.isEmpty {
            warnings.append(RunWarning(
                code: "no_framing_themes",
                message: "the theme dictionary has no \(framing.joined(separator: " or ")) theme: "
                    + "no document has a framing index"))
        }
        return warnings
    }
}
