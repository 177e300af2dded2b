import Foundation
import WaveCorpus

/// Which documents a run keeps: a publication-date window and a set of languages.
///
/// Dates compare on the day the article gives (`2024-03-05T23:30:00-05:00` is the 5th), both
/// ends inclusive. A date of a year or a month only is kept when its period meets the window.
/// When a window is set, documents without a publication date are left out (reason
/// `undated`): a daily job with `--since` should not take in every undated page again.
/// Languages are those the text stage settled on (`en`, `ja`, `ko`, `und` for none).
public struct DocumentFilter: Sendable, Hashable, Codable {
    /// First day kept, `YYYY-MM-DD`.
    public var since: String?
    /// Last day kept, `YYYY-MM-DD`.
    public var until: String?
    /// Languages kept; empty keeps every language.
    public var languages: [String]

    public init(since: String? = nil, until: String? = nil, languages: [String] = []) {
        self.since = since; self.until = until; self.languages = languages
    }

    /// Whether the filter keeps every document.
    public var keepsEverything: Bool { since == nil && until == nil && languages.isEmpty }

    /// Why a document is left out.
    public enum Reason: String, Sendable, CaseIterable {
        case beforeSince = "before_since", afterUntil = "after_until", undated, language
    }

    /// Why `document` is left out, or nil when it is kept.
    public func reason(for document: DocumentAnalysis) -> Reason? {
        if !languages.isEmpty && !languages.contains(document.language.rawValue) { return .language }
        guard since != nil || until != nil else { return nil }
        guard let period = Self.period(of: document.article.date) else { return .undated }
        if let since, period.last < since { return .beforeSince }
        if let until, period.first > until { return .afterUntil }
        return nil
    }

    /// The first and last day (`YYYY-MM-DD`, compared as text) of an ISO 8601 date, month or year.
    static func period(of date: String?) -> (first: String, last: String)? {
        guard let date else { return nil }
        let digits = Array(date.utf8.prefix(10))
        func isDigit(_ i: Int) -> Bool { i < digits.count && digits[i] >= UInt8(ascii: "0") && digits[i] <= UInt8(ascii: "9") }
        guard (0..<4).allSatisfy(isDigit) else { return nil }
        let year = String(decoding: digits[0..<4], as: UTF8.self)
        guard digits.count >= 7, digits[4] == UInt8(ascii: "-"), isDigit(5), isDigit(6) else {
            return (year + "-01-01", year + "-12-31")
        }
        let month = String(decoding: digits[0..<7], as: UTF8.self)
        guard digits.count >= 10, digits[7] == UInt8(ascii: "-"), isDigit(8), isDigit(9) else {
            return (month + "-01", month + "-31")
        }
        let day = String(decoding: digits, as: UTF8.self)
        return (day, day)
    }

    /// Reads a day for `--since` / `--until`: `YYYY-MM-DD`, or `Nd` for N days before `today` (UTC).
    /// - Throws: ``RunError`` (usage) when the text is neither.
    public static func day(_ text: String, option: String, today: Date = Date()) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        if trimmed.hasSuffix("d"), let days = Int(trimmed.dropLast()), days >= 0, days <= 100_000 {
            guard let date = calendar.date(byAdding: .day, value: -days, to: today) else {
                throw RunError("\(option): cannot count \(days) days back", outcome: .usage)
            }
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        let fields = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        if fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
           let y = Int(fields[0]), let m = Int(fields[1]), let d = Int(fields[2]),
           calendar.date(from: DateComponents(year: y, month: m, day: d)).map({
               calendar.component(.day, from: $0) == d && calendar.component(.month, from: $0) == m }) == true {
            return trimmed
        }
        throw RunError("\(option) takes a day as YYYY-MM-DD or a number of days back as Nd (e.g. 7d); got '\(text)'",
                       outcome: .usage)
    }
}
