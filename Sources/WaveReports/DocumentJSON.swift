import Foundation
import WaveCorpus
import WaveIngest
import WaveText

/// A JSON value written with the types the schema declares: a `number` always
/// with a decimal point or exponent (`0.0`, never `0`), so JSON readers that infer
/// types from the first lines (polars) see a float column on every corpus.
enum JSONValue {
    case string(String?)
    case integer(Int?)
    case number(Double?)
    case strings([String])
    case object([(String, JSONValue)])

    func write(to out: inout String) {
        switch self {
        case .string(let s?): out += TermTable.jsonString(s)
        case .integer(let n?): out += String(n)
        case .number(let x?) where x.isFinite:
            let s = "\(x)"   // Swift's shortest round-trip form: "0.0", "0.25", "1e-05"
            out += s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? s : s + ".0"
        case .strings(let list):
            out += "[" + list.map(TermTable.jsonString).joined(separator: ",") + "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                out += TermTable.jsonString(key) + ":"
                value.write(to: &out)
            }
            out += "}"
        default: out += "null"
        }
    }
}

/// One line of `documents.jsonl`: the columns of `documents.csv` with their
/// declared types (empty is `null`), the per-theme hit columns replaced by
/// `theme_hits`, `theme_rates` and `theme_sentiment` over every theme and subtheme,
/// `authors` as an array, and `warnings`. Keys sorted.
struct DocumentJSON {
    let document: DocumentAnalysis
    /// Every theme path of the dictionary (hits, rates and sentiment are written for all of them).
    let themes: [String]
    let columns: RunSchema.Columns

    var members: [(String, JSONValue)] {
        let d = document, a = document.article, published = PublishedDate(a.date)
        var m: [(String, JSONValue)] = [
            ("id", .string(a.id)), ("path", .string(a.path)), ("item", .integer(a.item)), ("url", .string(a.url)),
            ("title", .string(a.title)), ("authors", .strings(a.authors)), ("date", .string(a.date)),
            ("published_utc", .string(published.utc)), ("published_date", .string(published.localDate)),
            ("language", .string(d.language.rawValue)), ("site", .string(a.site)), ("format", .string(a.format.rawValue)),
            ("encoding", .string(a.encoding)), ("tokens", .integer(d.tokenCount)), ("terms", .integer(d.terms.count)),
            ("sentences", .integer(d.sentenceCount)), ("sentiment", .number(d.sentiment)), ("focus", .string(d.focus.label)),
            ("framing_index", .number(d.framingIndex)), ("warnings", .strings(a.warnings)),
            ("page_type", .string(a.pageType.rawValue)), ("extraction_confidence", .number(a.extractionConfidence)),
            ("theme_hits", .object(themes.map { ($0, .integer(d.themeHits($0))) })),
            ("theme_rates", .object(themes.map { ($0, .number(d.themeRate($0))) })),
            ("theme_sentiment", .object(themes.map { ($0, .number(d.themeHits($0) > 0 ? d.themeSentiment[$0] : nil)) })),
        ]
        m += columns.targets.map { ("sentiment_\($0)", .number(d.targetSentiment[$0])) }
        m += columns.targets.flatMap { target -> [(String, JSONValue)] in
            [("mentions_\(target)", .integer(d.towardTargets[target]?.mentions ?? 0)),
             ("mention_sentences_\(target)", .integer(d.towardTargets[target]?.sentences ?? 0))]
        }
        let salience = Dictionary(d.salience.map { ($0.target, $0.score) }, uniquingKeysWith: { a, _ in a })
        m += [("framing_index_page", .number(d.pageFramingIndex)), ("scope_sentences", .integer(d.scopeSentences)),
              ("scope_tokens", .integer(d.themes.scopedHits == nil ? nil : d.themes.scopedTokenCount)),
              // Every target, null where not named, so the object has the same keys on every line.
              ("salience", .object(columns.targets.map { ($0, .number(salience[$0])) })),
              ("theme_hits_in_scope", d.themes.scopedHits.map { hits in .object(themes.map { ($0, .integer(hits[$0] ?? 0)) }) }
                  ?? .object(themes.map { ($0, .integer(nil)) })),
              ("theme_rates_in_scope", .object(themes.map { ($0, .number(d.themes.scopedRate($0))) }))]
        return m.sorted { $0.0 < $1.0 }
    }

    /// The JSON object on one line, with its `\n`.
    var line: String {
        var out = ""
        JSONValue.object(members).write(to: &out)
        return out + "\n"
    }

    /// `documents.jsonl`: one JSON object per line, keys sorted.
    static func lines(_ analysis: CorpusAnalysis) -> String {
        let themes = analysis.themes.map(\.path), columns = RunTables.columns(analysis)
        return analysis.documents.map { DocumentJSON(document: $0, themes: themes, columns: columns).line }.joined()
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
