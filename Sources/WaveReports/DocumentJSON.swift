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
        // null where undefined (a page about no target, or no framing hit in scope).
        if let index = d.framingIndex { try c.encode(index, forKey: JSONKey("framing_index")) }
        else { try c.encodeNil(forKey: JSONKey("framing_index")) }
        if let index = d.pageFramingIndex { try c.encode(index, forKey: JSONKey("framing_index_page")) }
        else { try c.encodeNil(forKey: JSONKey("framing_index_page")) }
        for target in targets {
            try c.encode(d.towardTargets[target]?.mentions ?? 0, forKey: JSONKey("mentions_\(target)"))
            try c.encode(d.towardTargets[target]?.sentences ?? 0, forKey: JSONKey("mention_sentences_\(target)"))
        }
        try c.encode(Dictionary(uniqueKeysWithValues: d.salience.map { ($0.target, $0.score) }), forKey: JSONKey("salience"))
        try c.encodeIfPresent(d.scopeSentences, forKey: JSONKey("scope_sentences"))
        try c.encodeIfPresent(d.themes.scopedHits, forKey: JSONKey("theme_hits_in_scope"))
        if d.themes.scopedHits != nil {
            try c.encode(Dictionary(uniqueKeysWithValues: themes.map { ($0, d.themes.scopedRate($0) ?? 0) }),
                         forKey: JSONKey("theme_rates_in_scope"))
        }
        try c.encode(a.warnings, forKey: JSONKey("warnings"))
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
