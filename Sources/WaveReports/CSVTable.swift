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

    /// How cells are written.
    public enum Cells: Sendable {
        /// Cells that a spreadsheet would take for a formula are neutralised (the default).
        case spreadsheetSafe
        /// Every cell exactly as it is (`--raw-csv`, for notebooks and scripts only).
        case raw
    }

    /// The CSV text, spreadsheet-safe.
    public var text: String { render(.spreadsheetSafe) }

    /// The CSV text with cells written as `cells` says.
    public func render(_ cells: Cells) -> String {
        var out = ""
        out.reserveCapacity(rows.count * header.count * 12)
        for row in [header] + rows { out += Self.line(row, cells) }
        return out
    }

    /// One CSV line: the fields written as `cells` says, quoted where needed, joined by commas, ended by `\n`.
    public static func line(_ fields: [String], _ cells: Cells = .spreadsheetSafe) -> String {
        fields.map { quote(cells == .raw ? $0 : neutralized($0)) }.joined(separator: ",") + "\n"
    }

    /// Appends the UTF-8 bytes of ``line(_:_:)`` to `out`, without building the line:
    /// a field whose bytes hold no comma, quote, CR or LF and neither begin nor end
    /// with a space is copied as it is; any other goes through ``quote(_:)``.
    public static func appendLine(_ fields: [String], _ cells: Cells = .spreadsheetSafe, to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            let cell = cells == .raw ? field : neutralized(field)
            let utf8 = cell.utf8
            if let first = utf8.first, first == 0x20 || utf8.last == 0x20
                || utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(contentsOf: quote(cell).utf8)
            } else {
                out.append(contentsOf: utf8)
            }
        }
        out.append(0x0A)
    }

    /// A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
    /// tab or carriage return), with a `'` put in front, as OWASP recommends against
    /// CSV injection; the spreadsheet shows it as text. Numbers (`-0.25`, `+3`,
    /// `-1e-05`, and the infinities `-inf` / `+inf` the term tables write) are left
    /// alone: they are not formulas, and a reader must get them back as numbers.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.utf8.first,
              first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
        else { return field }
        if isPlainNumber(field) { return field }
        return "'" + field
    }

    /// Digits with an optional sign, decimal point and exponent, nothing else; or a
    /// signed infinity or NaN as the tables spell it (`-inf`, `+inf`, `-nan`), which
    /// pandas, polars and DuckDB read as floats and a spreadsheet as a harmless name.
    static func isPlainNumber(_ field: String) -> Bool {
        if Self.nonFinite.contains(field) { return true }
        var sawDigit = false
        for b in field.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return false
            }
        }
        return sawDigit && Double(field) != nil
    }

    /// The non-finite numbers a signed cell may hold (the unsigned ones need no guard).
    static let nonFinite: Set<String> = ["-inf", "+inf", "-nan", "+nan"]

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
