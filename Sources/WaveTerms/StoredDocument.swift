import Foundation
import WaveText

/// What a run keeps of one document so that term statistics and KWIC can be
/// computed again without re-parsing the corpus.
///
/// Its sentences may lie in a ``Spool`` rather than in memory (``spool(into:)``): they are then
/// read back each time ``sentences`` is asked for.
public struct StoredDocument: Sendable, Hashable, Codable {
    public var id: String
    public var language: String
    public var focus: String
    public var site: String
    /// ISO date (yyyy-mm-dd…) or empty.
    public var date: String
    /// The top-level theme with the most hits, or empty.
    public var theme: String
    public var title: String
    /// The sentences (read from the spool when they lie there; setting them keeps them in memory).
    public var sentences: [StoredSentence] {
        get { body.sentences }
        set { body = .inline(newValue) }
    }
    /// Where the sentences are.
    var body: SentenceBody

    public init(id: String, language: String, focus: String = "", site: String = "", date: String = "",
                theme: String = "", title: String = "", sentences: [StoredSentence]) {
        self.id = id; self.language = language; self.focus = focus; self.site = site; self.date = date
        self.theme = theme; self.title = title; body = .inline(sentences)
    }

    /// Builds the stored form of a tokenized document: every sentence's text and
    /// its word-like tokens, offsets made relative to the sentence.
    public init(document: TokenizedDocument, focus: String = "", site: String = "", date: String = "",
                theme: String = "", title: String = "") {
        var sentences: [StoredSentence] = []
        sentences.reserveCapacity(document.sentences.count)
        for sentence in document.sentences {
            let base = sentence.range.lowerBound
            let text = String(document.text(of: sentence))
            var tokens: [StoredToken] = []
            for i in sentence.tokens where i < document.tokens.count {
                let token = document.tokens[i]
                guard token.kind != .symbol, token.range.lowerBound >= base,
                      token.range.upperBound <= sentence.range.upperBound else { continue }
                tokens.append(StoredToken(term: token.term, range: (token.range.lowerBound - base)..<(token.range.upperBound - base),
                                          isContent: !token.isStopword && (token.kind == .word || token.kind == .hashtag),
                                          kind: token.kind, isStopword: token.isStopword))
            }
            sentences.append(StoredSentence(text: text, tokens: tokens))
        }
        self.init(id: document.id, language: document.language.rawValue, focus: focus, site: site, date: date,
                  theme: theme, title: title, sentences: sentences)
    }

    /// The content terms of each sentence.
    public var contentTermsBySentence: [[String]] { sentences.map(\.contentTerms) }

    /// A document variable by name: `language`, `site`, `year`, `month`, `week`,
    /// `focus`, `theme`, or `all` (one group); nil for an unknown name.
    public func group(_ variable: String) -> String? {
        switch variable {
        case "all": return "all"
        case "language": return language
        case "site": return site.isEmpty ? "unknown" : site
        case "focus": return focus.isEmpty ? "neither" : focus
        case "theme": return theme.isEmpty ? "none" : theme
        case "year": return date.count >= 4 ? String(date.prefix(4)) : "undated"
        case "month": return date.count >= 7 ? String(date.prefix(7)) : "undated"
        case "week": return Self.isoWeek(date) ?? "undated"
        default: return nil
        }
    }

    /// The document variables ``group(_:)`` knows.
    public static let groupVariables = ["all", "language", "site", "year", "month", "week", "focus", "theme"]

    /// ISO 8601 week ("2024-W07") of a date that starts with yyyy-mm-dd.
    static func isoWeek(_ date: String) -> String? {
        let parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
        guard let y = c.yearForWeekOfYear, let w = c.weekOfYear else { return nil }
        return String(format: "%04d-W%02d", y, w)
    }
}
