import Foundation
import WaveCorpus
import WaveIngest
import WaveText

/// One line of `documents.jsonl`: a document's metadata and results, keys in
/// snake case, a `sentiment_<target>` key per target it mentions.
struct DocumentJSON: Encodable {
    let document: DocumentAnalysis
    /// Every theme path of the dictionary (rates are written for all of them).
    let themes: [String]
    let targets: [String]

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        let d = document, a = document.article
        try c.encode(a.id, forKey: JSONKey("id"))
        try c.encode(a.path, forKey: JSONKey("path"))
        try c.encodeIfPresent(a.item, forKey: JSONKey("item"))
        try c.encodeIfPresent(a.url, forKey: JSONKey("url"))
        try c.encodeIfPresent(a.title, forKey: JSONKey("title"))
        try c.encode(a.authors, forKey: JSONKey("authors"))
        try c.encodeIfPresent(a.date, forKey: JSONKey("date"))
        try c.encode(d.language.rawValue, forKey: JSONKey("language"))
        try c.encodeIfPresent(a.site, forKey: JSONKey("site"))
        try c.encode(a.format.rawValue, forKey: JSONKey("format"))
        try c.encode(a.encoding, forKey: JSONKey("encoding"))
        try c.encode(d.tokenCount, forKey: JSONKey("tokens"))
        try c.encode(d.terms.count, forKey: JSONKey("terms"))
        try c.encode(d.sentenceCount, forKey: JSONKey("sentences"))
        try c.encode(d.sentiment, forKey: JSONKey("sentiment"))
        for target in targets { try c.encodeIfPresent(d.targetSentiment[target], forKey: JSONKey("sentiment_\(target)")) }
        try c.encode(d.focus.label, forKey: JSONKey("focus"))
        try c.encode(d.themes.hits, forKey: JSONKey("theme_hits"))
        try c.encode(Dictionary(uniqueKeysWithValues: themes.map { ($0, d.themeRate($0)) }), forKey: JSONKey("theme_rates"))
        try c.encode(d.themeSentiment, forKey: JSONKey("theme_sentiment"))
        // 0 where undefined, as the tables write it.
        try c.encode(d.framingIndex ?? 0, forKey: JSONKey("framing_index"))
        try c.encode(a.warnings, forKey: JSONKey("warnings"))
        try c.encode(a.pageType.rawValue, forKey: JSONKey("page_type"))
        try c.encode(a.extractionConfidence, forKey: JSONKey("extraction_confidence"))
    }

    /// `documents.jsonl`: one JSON object per line, keys sorted.
    static func lines(_ analysis: CorpusAnalysis) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let themes = analysis.themes.map(\.path), targets = analysis.targets.keys
        return try analysis.documents.map {
            String(decoding: try encoder.encode(DocumentJSON(document: $0, themes: themes, targets: targets)), as: UTF8.self) + "\n"
        }.joined()
    }
}

/// A JSON object key chosen at run time (a column named after a target).
public struct JSONKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
