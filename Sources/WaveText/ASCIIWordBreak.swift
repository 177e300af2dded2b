/// Word break for runs of ASCII text, with the boundaries and rule statuses
/// ICU's word break iterator gives them (UAX #29 as tailored by ICU's root
/// rules), so that most English text needs no UTF-16 copy and no ICU call.
///
/// Text is cut into chunks at ASCII white space, where ICU always breaks
/// (white space never joins a neighbour other than more white space, and
/// a combining mark after a space belongs to the next, non-ASCII chunk).
/// A chunk made only of ASCII bytes is segmented here; runs of chunks holding
/// any other byte go to ICU, one call per run (``Tokenizer``). The rules for
/// ASCII, in ICU's terms:
/// - letters (ALetter, and `@`), digits (Numeric) and `_` (ExtendNumLet) join each
///   other in any order (WB5, WB8–WB10, WB13a/b);
/// - `.` and `'` join two letters (WB6/7); `.`, `'`, `,` and `;` join two
///   digits (WB11/12); ICU's root rules leave `:` out of MidLetter;
/// - every other byte is a segment of its own, with status 0.
///
/// ICU 72 also counts `@` as a letter (`a@b` is one word). The status of a
/// joined segment is ICU's: 200 (word) when it ends in a letter, 100
/// (number) when it ends in a digit or in a digit and `_`, 200 when it ends
/// in a letter or `_` and `_`, and 0 for a lone `_`. `WaveTextTests` checks
/// this against ICU on every string of up to three ASCII characters, on
/// strings over the classes above and on random ones, and the chunking on
/// mixed text.
enum ASCIIWordBreak {
    /// Character classes of the rules above.
    @usableFromInline static let letter: UInt8 = 1
    @usableFromInline static let digit: UInt8 = 2
    @usableFromInline static let underscore: UInt8 = 3
    /// `.` and `'`: join letters and digits.
    @usableFromInline static let midNumLet: UInt8 = 4
    /// `,` and `;`: join digits.
    @usableFromInline static let midNum: UInt8 = 5
    /// Space, tab, CR, LF, VT, FF: chunk separators.
    @usableFromInline static let space: UInt8 = 6
    /// A byte of a multi-byte UTF-8 sequence.
    @usableFromInline static let nonASCII: UInt8 = 7

    /// Class of each byte value (0: any other ASCII byte).
    static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = letter }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = letter }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = digit }
        t[Int(UInt8(ascii: "@"))] = letter     // ICU's root rules: ALetter includes @
        t[Int(UInt8(ascii: "_"))] = underscore
        t[Int(UInt8(ascii: "."))] = midNumLet
        t[Int(UInt8(ascii: "'"))] = midNumLet
        t[Int(UInt8(ascii: ","))] = midNum
        t[Int(UInt8(ascii: ";"))] = midNum
        for c: UInt8 in [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D] { t[Int(c)] = space }
        for c in 0x80...0xFF { t[c] = nonASCII }
        return t
    }()

    /// How many of the eight bytes `v` (in memory order) are ASCII letters
    /// before the first byte that is not one.
    @inline(__always)
    static func letterRun(_ v: UInt64) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        let lower = (v & 0x7F7F_7F7F_7F7F_7F7F) | 0x2020_2020_2020_2020
        let atLeastA = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & high   // lower >= 0x61
        let pastZ = (lower &+ 0x0505_0505_0505_0505) & high      // lower >= 0x7B
        let letters = atLeastA & ~pastZ & ~(v & high)
        let others = ~letters & high
        return others.trailingZeroBitCount >> 3
    }

    /// The segment that starts at `b[start]`, a letter, digit or `_`: its
    /// end and ICU's rule status (0 for a lone `_`). It ends before the first
    /// byte that cannot continue it (white space, other punctuation, a byte
    /// that is not ASCII).
    @inline(__always)
    static func segment(_ b: UnsafeBufferPointer<UInt8>, from start: Int, classes t: UnsafePointer<UInt8>) -> (end: Int, status: Int32) {
        let n = b.count
        var last = t[Int(b[start])]   // class of b[j - 1]
        var j = start + 1
        // Letters eight at a time (most words are letters only).
        if last == letter, let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while j + 8 <= n {
                let skip = letterRun(raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                j += skip
                if skip < 8 { break }
            }
        }
        while j < n {
            let d = t[Int(b[j])]
            if d >= letter && d <= underscore {
                last = d
                j += 1
                continue
            }
            if (d == midNumLet || d == midNum) && j + 1 < n {
                let next = t[Int(b[j + 1])]
                if last == next && (next == digit || (next == letter && d == midNumLet)) {
                    j += 2
                    continue
                }
            }
            break
        }
        // ICU's status is the tag of the rule that joined the last two
        // characters: ... letter 200, ... digit 100, digit `_` 100,
        // letter `_` and `_` `_` 200; a lone `_` is 0.
        let status: Int32
        if last == letter { status = 200 }
        else if last == digit { status = 100 }
        else if j - start == 1 { status = 0 }
        else { status = t[Int(b[j - 2])] == digit ? 100 : 200 }
        return (j, status)
    }
}
