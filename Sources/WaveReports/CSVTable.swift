/// A CSV table (RFC 4180): a header row and rows of fields, quoted where
/// needed, lines ended by CRLF-free `\n` so every notebook reader takes it.
public struct CSVTable: Sendable {
    public var header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row needs one field per column")
        rows.append(row)
    }

    /// The CSV text.
    public var text: String {
        var out = ""
        out.reserveCapacity(rows.count * header.count * 12)
        for row in [header] + rows { out += Self.line(row) }
        return out
    }

    /// One CSV line: the fields quoted where needed, joined by commas, ended by `\n`.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    /// Quotes a field when it holds a comma, quote, newline or edge spaces.
    public static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        return needs ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Formats a number with a fixed number of decimals, no exponent.
    public static func number(_ value: Double, decimals: Int = 4) -> String {
        guard value.isFinite else { return "" }
        let s = String(format: "%.\(decimals)f", value)
        return s == "-0." + String(repeating: "0", count: decimals) ? "0." + String(repeating: "0", count: decimals) : s
    }
}

import Foundation
