/// Typed forms of a page's date (`Article.date`, ISO 8601 in one of the shapes
/// ingest writes: `2023-03-04`, `2023-03-04T09:30:00`, with `Z` or `±HH:MM`, and
/// optional fractional seconds), so that a column holds one type on every corpus.
public struct PublishedDate: Sendable, Hashable {
    /// The calendar date the outlet printed (`2023-03-04`), in its own zone.
    public var localDate: String?
    /// The instant in UTC (`2023-03-04T00:30:00Z`); nil without a time and an offset.
    public var utc: String?

    public init(_ raw: String?) {
        guard let raw else { return }
        let s = Array(raw.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from >= 0, count > 0, from + count <= s.count else { return nil }
            var n = 0
            for b in s[from..<(from + count)] {
                guard b >= 0x30, b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 0x2D, s[7] == 0x2D,
              let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), day >= 1, day <= Self.days(year, month) else { return }
        localDate = String(decoding: s[0..<10], as: UTF8.self)
        // Time of day and an offset: `THH:MM[:SS[.fff]]` then `Z` or `±HH:MM` / `±HHMM`.
        guard s.count >= 16, s[10] == 0x54 || s[10] == 0x20, let hour = number(11, 2), s[13] == 0x3A,
              let minute = number(14, 2), hour < 24, minute < 60 else { return }
        var i = 16, second = 0
        if i < s.count, s[i] == 0x3A {
            guard let sec = number(i + 1, 2), sec <= 60 else { return }
            second = min(sec, 59)
            i += 3
            if i < s.count, s[i] == 0x2E || s[i] == 0x2C {
                i += 1
                while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            }
        }
        guard i < s.count else { return }
        var offsetMinutes = 0
        if s[i] == 0x5A || s[i] == 0x7A {
            guard i + 1 == s.count else { return }
        } else if s[i] == 0x2B || s[i] == 0x2D {
            let sign = s[i] == 0x2D ? -1 : 1
            guard let oh = number(i + 1, 2), oh <= 14 else { return }
            var om = 0
            if i + 3 == s.count {
                om = 0
            } else if i + 6 == s.count, s[i + 3] == 0x3A, let m = number(i + 4, 2) {
                om = m
            } else if i + 5 == s.count, let m = number(i + 3, 2) {
                om = m
            } else { return }
            guard om < 60 else { return }
            offsetMinutes = sign * (oh * 60 + om)
        } else { return }
        // Local time minus the offset, carried across days, months and years.
        var minutes = hour * 60 + minute - offsetMinutes
        var (y, m, d) = (year, month, day)
        while minutes < 0 {
            minutes += 1440
            d -= 1
            if d == 0 {
                m -= 1
                if m == 0 { m = 12; y -= 1 }
                d = Self.days(y, m)
            }
        }
        while minutes >= 1440 {
            minutes -= 1440
            d += 1
            if d > Self.days(y, m) {
                d = 1; m += 1
                if m == 13 { m = 1; y += 1 }
            }
        }
        guard (1...9999).contains(y) else { return }
        utc = Self.pad(y, 4) + "-" + Self.pad(m) + "-" + Self.pad(d) + "T" + Self.pad(minutes / 60) + ":"
            + Self.pad(minutes % 60) + ":" + Self.pad(second) + "Z"
    }

    /// The UTC instant as SQL writes a timestamp (`2023-03-04 00:30:00`), for SQLite.
    public var sqlUTC: String? {
        utc.map { String($0.dropLast()).replacingOccurrences(of: "T", with: " ") }
    }

    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
