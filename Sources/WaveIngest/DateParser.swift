/// Normalizes the many ways pages write dates to ISO 8601.
///
/// Policy: a date alone becomes `YYYY-MM-DD`; a date with a time of day becomes
/// `YYYY-MM-DDTHH:MM:SS` followed by the zone as given (`Z` or `±HH:MM`), or no
/// zone when the source gives none. Times are never shifted between zones.
enum DateParser {
    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        // Portuguese, Spanish, Italian, French, German (lowercased, accents kept).
        "janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
        "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12, "enero": 1, "febrero": 2, "marzo": 3,
        "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12, "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
        "settembre": 9, "ottobre": 10, "dicembre": 12, "janvier": 1, "février": 2, "fevrier": 2, "mars": 3,
        "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
        "novembre": 11, "décembre": 12, "decembre": 12, "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7,
        "oktober": 10, "dezember": 12,
    ]
    private static let zones: [String: String] = [
        "gmt": "Z", "ut": "Z", "utc": "Z", "z": "Z", "est": "-05:00", "edt": "-04:00", "cst": "-06:00",
        "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00",
        "jst": "+09:00", "kst": "+09:00", "bst": "+01:00", "cet": "+01:00", "cest": "+02:00",
    ]

    enum Token: Equatable { case number(Int, digits: Int), word(String), cjk(Character), sign(Character) }

    private static func tokens(_ s: String) -> [Token] {
        asciiTokens(s) ?? characterTokens(s)
    }

    /// Tokens by Characters: numbers (ASCII or fullwidth digits), lowercased words, the
    /// CJK date marks and the signs + - : . /.
    static func characterTokens(_ s: String) -> [Token] {
        var out: [Token] = []
        var num = 0, digits = 0
        var word = ""
        func flush() {
            if digits > 0 { out.append(.number(num, digits: digits)); num = 0; digits = 0 }
            if !word.isEmpty { out.append(.word(word.lowercased())); word = "" }
        }
        for ch in s {
            if let d = ch.wholeNumberValue, ch.isASCII || ("０"..."９").contains(ch) {
                if !word.isEmpty { flush() }
                if digits < 9 { num = num * 10 + d }; digits += 1
            } else if ch.isLetter && !"年月日년월일".contains(ch) {
                if digits > 0 { flush() }
                word.append(ch)
            } else {
                flush()
                if "年月日년월일".contains(ch) { out.append(.cjk(ch)) }
                else if ch == "+" || ch == "-" || ch == ":" || ch == "." || ch == "/" || ch == "T" { out.append(.sign(ch)) }
            }
        }
        flush()
        return out
    }

    /// ``tokens(_:)`` on bytes for an ASCII string (nil otherwise). In ASCII a Character
    /// is one byte (or "\r\n", which breaks a token like each of its bytes): digits are
    /// the only numbers, A–Z and a–z the only letters, and lowering a word lowers its bytes.
    static func asciiTokens(_ s: String) -> [Token]? {
        var s = s
        return s.withUTF8 { b -> [Token]? in
            for c in b where c >= 0x80 { return nil }
            var out: [Token] = []
            var num = 0, digits = 0
            var wordStart = -1
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { lowered -> [Token] in
                func flush(_ end: Int) {
                    if digits > 0 { out.append(.number(num, digits: digits)); num = 0; digits = 0 }
                    if wordStart >= 0 {
                        out.append(.word(String(decoding: UnsafeBufferPointer(rebasing: lowered[wordStart..<end]), as: UTF8.self)))
                        wordStart = -1
                    }
                }
                for i in 0..<b.count {
                    let c = b[i]
                    if c >= 48 && c <= 57 {
                        if wordStart >= 0 { flush(i) }
                        if digits < 9 { num = num * 10 + Int(c - 48) }; digits += 1
                    } else if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) {
                        if digits > 0 { flush(i) }
                        if wordStart < 0 { wordStart = i }
                        lowered[i] = c <= 90 ? c + 32 : c
                    } else {
                        flush(i)
                        // "T" is a letter: it never reaches the sign test of the Character path.
                        if c == 43 || c == 45 || c == 58 || c == 46 || c == 47 { out.append(.sign(Character(UnicodeScalar(c)))) }
                    }
                }
                flush(b.count)
                return out
            }
        }
    }

    /// Years a news date may have; a date outside them is left out with a warning.
    static let plausibleYears = 1900...2100

    /// A real calendar day (2023-02-29 is not) in a plausible year.
    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        plausibleYears.contains(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(month: m, year: y)
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Why a date given in a page's or feed's metadata was left out (`nil` when it
    /// was read, or when it is empty): written as the document's warning, so no
    /// date disappears without a word.
    static func rejection(_ raw: String) -> String? {
        let s = TextUtil.trim(raw)
        guard hasFourDigits(s), normalize(s) == nil else { return nil }
        return "date '\(s.prefix(60))' left out: not a real calendar date in the years \(plausibleYears.lowerBound)–\(plausibleYears.upperBound)"
    }

    private static func pad(_ n: Int, _ w: Int = 2) -> String {
        let s = String(n)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }

    /// ISO form of a date string, or nil if none is recognised.
    static func normalize(_ raw: String) -> String? {
        // Every accepted form has a four-digit year in ASCII or fullwidth
        // (EF BC 90-99) digits: reject text without four digits in a row
        // before tokenizing it.
        guard hasFourDigits(raw) else { return nil }
        let s = TextUtil.trim(raw)
        guard !s.isEmpty, s.count < 200 else { return nil }
        if let iso = parseISO(s) { return iso }
        return parseLoose(s)
    }

    /// Whether four digit scalars (ASCII or fullwidth) follow each other
    /// somewhere in `raw`: the year token of every accepted form is a run of
    /// exactly four digit characters, so it lies inside such a run.
    static func hasFourDigits(_ raw: String) -> Bool {
        var run = 0
        var prev1: UInt8 = 0, prev2: UInt8 = 0
        for b in raw.utf8 {
            if b >= 0x30 && b <= 0x39 {
                run += 1
            } else if prev2 == 0xEF && prev1 == 0xBC && b >= 0x90 && b <= 0x99 {
                run += 1
            } else if !(b == 0xEF || (prev1 == 0xEF && b == 0xBC)) {
                // The lead bytes of a fullwidth digit do not break a run.
                run = 0
            }
            if run >= 4 { return true }
            prev2 = prev1; prev1 = b
        }
        return false
    }

    /// `2024-03-05`, `2024-03-05T09:30:00.000+09:00`, `20240305`.
    private static func parseISO(_ s: String) -> String? {
        let b = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) { guard b[i] >= 48 && b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard let y = num(0, 4) else { return nil }
        var i = 4
        var m: Int?, d: Int?
        if b.count > 4 && (b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/")) {
            m = num(5, 2); d = num(8, 2); i = 10
            if m == nil, let m1 = num(5, 1), b.count > 6, b[6] == b[4] { // 2024-3-5
                m = m1
                if let d2 = num(7, 2) { d = d2; i = 9 } else if let d1 = num(7, 1) { d = d1; i = 8 }
            }
        } else if let md = num(4, 4), b.count == 8 || (b.count > 8 && b[8] == UInt8(ascii: "T")) {
            m = md / 100; d = md % 100; i = 8
        }
        guard let m, let d, valid(y, m, d) else { return nil }
        let date = "\(pad(y, 4))-\(pad(m))-\(pad(d))"
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else {
            return i >= b.count ? date : (b[i] >= 48 && b[i] <= 57 ? nil : date)
        }
        var j: Int
        var hh = 0, mm = 0, ss = 0
        if let h = num(i + 1, 2), b.count > i + 3, b[i + 3] == UInt8(ascii: ":"), let m = num(i + 4, 2), h < 24, m < 60 {
            hh = h; mm = m; j = i + 6
            if j < b.count, b[j] == UInt8(ascii: ":"), let sec = num(j + 1, 2) { ss = min(sec, 59); j += 3 }
        } else if let hm = num(i + 1, 4), hm / 100 < 24, hm % 100 < 60 {  // basic format: T0930, T093000
            hh = hm / 100; mm = hm % 100; j = i + 5
            if let sec = num(j, 2) { ss = min(sec, 59); j += 2 }
        } else {
            return date
        }
        if j < b.count, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ",") {
            j += 1
            while j < b.count, b[j] >= 48, b[j] <= 57 { j += 1 }
        }
        var zone = ""
        while j < b.count, b[j] == UInt8(ascii: " ") { j += 1 }
        if j < b.count {
            if b[j] == UInt8(ascii: "Z") { zone = "Z" }
            else if b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-"), let zh = num(j + 1, 2) {
                var zm = 0
                if let z = num(j + 3, 2) { zm = z } else if let z = num(j + 4, 2), b[j + 3] == UInt8(ascii: ":") { zm = z }
                zone = (zh == 0 && zm == 0) ? "Z" : "\(Character(UnicodeScalar(b[j])))\(pad(zh)):\(pad(zm))"
            } else {
                let rest = String(decoding: b[j...], as: UTF8.self).lowercased()
                if let z = zones[rest.trimmingASCIIQuotesAndSpaces()] { zone = z }
            }
        }
        return "\(date)T\(pad(hh)):\(pad(mm)):\(pad(ss))\(zone)"
    }

    /// RFC 822, "March 4, 2023", "4 March 2023", "2023年3月4日", "2023.03.04", "2023년 3월 4일".
    private static let fillerWords: Set<String> = ["de", "del", "of", "the", "le"]

    private static func parseLoose(_ s: String) -> String? {
        let t = tokens(s).filter { if case .word(let w) = $0 { return !fillerWords.contains(w) }; return true }
        var date: (Int, Int, Int)?
        var used = 0
        var k = 0
        while k < t.count && date == nil {
            defer { k += 1 }
            // YYYY sep MM sep DD  (sep: . / - 年 월 ...)
            if case .number(let y, 4) = t[k], k + 4 < t.count,
               case .number(let m, _) = t[k + 2], case .number(let d, _) = t[k + 4] {
                let s1 = t[k + 1], s2 = t[k + 3]
                let ok = (s1 == .cjk("年") && s2 == .cjk("月")) || (s1 == .cjk("년") && s2 == .cjk("월")) ||
                    (s1 == s2 && (s1 == .sign(".") || s1 == .sign("/") || s1 == .sign("-")))
                if ok && valid(y, m, d) { date = (y, m, d); used = k + 5; if k + 5 < t.count, t[k + 5] == .cjk("日") || t[k + 5] == .cjk("일") { used += 1 }; break }
            }
            // Month D, YYYY  |  Month D YYYY
            if case .word(let w) = t[k], let m = months[w] {
                var j = k + 1
                if j < t.count, t[j] == .sign(".") { j += 1 }
                if j + 1 < t.count, case .number(let d, let dd) = t[j], dd <= 2 {
                    var y: Int? = nil
                    if case .number(let yy, 4) = t[j + 1] { y = yy; used = j + 2 }
                    else if j + 2 < t.count, case .word(let suf) = t[j + 1], ["st", "nd", "rd", "th"].contains(suf),
                            case .number(let yy, 4) = t[j + 2] { y = yy; used = j + 3 }
                    if let y, valid(y, m, d) { date = (y, m, d); break }
                }
            }
            // D Month YYYY
            if case .number(let d, let dd) = t[k], dd <= 2, k + 2 < t.count, case .word(let w) = t[k + 1],
               let m = months[w] {
                var j = k + 2
                if j < t.count, t[j] == .sign(".") { j += 1 }
                if j < t.count, case .number(let y, 4) = t[j], valid(y, m, d) { date = (y, m, d); used = j + 1; break }
            }
        }
        guard let (y, m, d) = date else { return nil }
        let day = "\(pad(y, 4))-\(pad(m))-\(pad(d))"
        // Time after the date: HH:MM(:SS) [zone]
        var j = used
        while j < t.count {
            if case .word(let w) = t[j], ["at", "às", "as", "a", "um", "alle", "ore", "à", "h"].contains(w) { j += 1 }
            else if t[j] == .sign(",") || t[j] == .sign("-") || t[j] == .sign("|") { j += 1 }
            else { break }
        }
        if j + 2 < t.count, case .number(var hh, let hd) = t[j], hd <= 2, t[j + 1] == .sign(":"),
           case .number(let mm, 2) = t[j + 2], hh < 24, mm < 60 {
            var ss = 0
            j += 3
            if j + 1 < t.count, t[j] == .sign(":"), case .number(let sec, 2) = t[j + 1] { ss = min(sec, 59); j += 2 }
            if j < t.count, case .word(let ap) = t[j], ap == "am" || ap == "pm" || ap == "a" || ap == "p" {
                if ap.hasPrefix("p") && hh < 12 { hh += 12 }
                if ap.hasPrefix("a") && hh == 12 { hh = 0 }
                j += 1
                // "p.m." spelled with dots.
                if ap.count == 1 {
                    if j < t.count, t[j] == .sign(".") { j += 1 }
                    if j < t.count, t[j] == .word("m") { j += 1 }
                    if j < t.count, t[j] == .sign(".") { j += 1 }
                }
            }
            var zone = ""
            if j < t.count, case .word(let z) = t[j], let zz = zones[z] { zone = zz }
            else if j + 1 < t.count, case .sign(let sg) = t[j], sg == "+" || sg == "-", case .number(let v, 4) = t[j + 1] {
                zone = v == 0 ? "Z" : "\(sg)\(pad(v / 100)):\(pad(v % 100))"
            }
            return "\(day)T\(pad(hh)):\(pad(mm)):\(pad(ss))\(zone)"
        }
        return day
    }

    private static let dateWords: Set<String> = [
        "am", "pm", "a", "p", "m", "on", "at", "updated", "published", "posted", "modified", "last", "gmt", "utc", "est",
        "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "ist", "jst", "kst", "mon", "tue", "tues", "wed", "thu",
        "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "st", "nd", "rd", "th", "de", "of", "年", "月", "日", "년", "월", "일", "時", "分", "시", "분", "曜日",
        "午前", "午後", "오전", "오후", "segunda", "terça", "terca", "quarta", "quinta", "sexta", "feira", "sábado",
        "sabado", "domingo", "às", "as", "lunes", "martes", "miércoles", "jueves", "viernes", "del", "el", "le", "la",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "um",
        "uhr", "h", "à", "alle", "ore", "den", "am", "du", "à", "em", "publicado", "atualizado", "pubblicato",
    ]

    /// Whether a short line is nothing but a date (and time), such as a dateline.
    static func isDateOnly(_ text: String) -> Bool {
        guard normalize(text) != nil else { return false }
        var word = ""
        var ok = true
        func flush() {
            if !word.isEmpty {
                let w = word.lowercased()
                if !(dateWords.contains(w) || months[w] != nil || w.allSatisfy(\.isNumber)) { ok = false }
                word = ""
            }
        }
        for ch in text {
            if "年月日년월일時分시분()（）".contains(ch) { flush(); continue }
            if ch.isLetter || ch.isNumber {
                if let last = word.last, last.isNumber != ch.isNumber { flush() }
                word.append(ch)
            } else { flush() }
        }
        flush()
        return ok
    }

    /// A `/YYYY/MM/DD/` (or `/YYYY-MM-DD/`) date inside a URL path.
    static func fromURL(_ url: String) -> String? {
        let parts = url.split(separator: "/").map(String.init)
        for (i, p) in parts.enumerated() {
            if p.count == 4, let y = Int(p), i + 2 < parts.count, let m = Int(parts[i + 1]), parts[i + 1].count <= 2,
               let d = Int(parts[i + 2].prefix(2)), parts[i + 2].prefix(2).allSatisfy(\.isNumber), valid(y, m, d) {
                return "\(pad(y, 4))-\(pad(m))-\(pad(d))"
            }
            if p.count == 10, let iso = parseISO(p), iso.count == 10 { return iso }
        }
        return nil
    }
}
