/// A document's text as UTF-8 bytes and as UTF-16 code units (what ICU
/// reads), with the map between the two kinds of offsets.
///
/// Built in one pass over the bytes; for ASCII text the map is the identity
/// and no table is kept.
struct TextBuffer {
    let bytes: [UInt8]
    let utf16: [UInt16]
    /// utf16Offset → utf8Offset, with one extra entry for the end; empty when ASCII.
    private let table: [Int32]
    let isASCII: Bool

    init(_ text: String) {
        var text = text
        let bytes = text.withUTF8 { Array($0) }
        self.bytes = bytes
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        isASCII = ascii
        if ascii {
            utf16 = bytes.map { UInt16($0) }
            table = []
            return
        }
        // Worst case: one UTF-16 unit per byte (ASCII); the table has one more entry.
        var count = 0
        let n = bytes.count
        var map = [Int32](unsafeUninitializedCapacity: n + 1) { _, initialized in initialized = 0 }
        let units = [UInt16](unsafeUninitializedCapacity: n) { u, unitsInitialized in
            map = [Int32](unsafeUninitializedCapacity: n + 1) { m, mapInitialized in
                bytes.withUnsafeBufferPointer { b in
                    var i = 0
                    var k = 0
                    while i < n {
                        let c = b[i]
                        if c < 0x80 {
                            u[k] = UInt16(c); m[k] = Int32(i); k += 1; i += 1
                            continue
                        }
                        let (v, w) = decodeScalar(b, i)
                        if v >= 0x10000 {
                            let x = v - 0x10000
                            u[k] = UInt16(0xD800 + (x >> 10)); m[k] = Int32(i); k += 1
                            u[k] = UInt16(0xDC00 + (x & 0x3FF)); m[k] = Int32(i); k += 1
                        } else {
                            u[k] = UInt16(v); m[k] = Int32(i); k += 1
                        }
                        i += w
                    }
                    m[k] = Int32(n)
                    count = k
                }
                mapInitialized = count + 1
            }
            unitsInitialized = count
        }
        utf16 = units
        table = map
    }

    /// UTF-8 offset of a UTF-16 offset.
    @inline(__always)
    func utf8(_ offset16: Int) -> Int {
        isASCII ? offset16 : Int(table[min(offset16, table.count - 1)])
    }

    /// UTF-16 offset of a UTF-8 offset at a scalar boundary (binary search).
    func utf16(_ offset8: Int) -> Int {
        if isASCII { return offset8 }
        var lo = 0, hi = table.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(table[mid]) < offset8 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The text of a byte range.
    @inline(__always)
    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}

/// Decodes the scalar that starts at byte `i` (valid UTF-8 assumed).
@inline(__always)
func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, width: Int) {
    let c = b[i]
    if c < 0x80 { return (UInt32(c), 1) }
    if c < 0xE0, i + 1 < b.count { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
    if c < 0xF0, i + 2 < b.count {
        return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
    }
    if i + 3 < b.count {
        return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12)
                | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
    }
    return (0xFFFD, 1)
}

@inline(__always) func isASCIIAlnum(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
}
@inline(__always) func isASCIISpace(_ c: UInt8) -> Bool {
    c == 0x20 || (c >= 0x09 && c <= 0x0D)
}
