extension HTMLExtractor {
    /// Class/id value → ``classification(_:)`` and its price marks, memoized per page
    /// in an open-addressing table keyed by a cheap hash of the value's bytes.
    struct ClassCache {
        /// Marks: the value names a price ("price", any case) / an add-to-cart control.
        static let priceBit: UInt8 = 1
        static let cartBit: UInt8 = 2

        private var keys: [String?] = Array(repeating: nil, count: 256)
        private var values: [Int8] = Array(repeating: 0, count: 256)
        private var marks: [UInt8] = Array(repeating: 0, count: 256)
        private var hashes: [UInt64] = Array(repeating: 0, count: 256)
        private var count = 0

        @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = UInt64(b.count) &* 0x9E37_79B9_7F4A_7C15
            var i = 0
            let n = b.count
            if let base = b.baseAddress {
                while i + 8 <= n {
                    h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                    h ^= h >> 29
                    i += 8
                }
                var tail: UInt64 = 0
                var k = 0
                while i < n { tail |= UInt64(base[i]) << UInt64(k * 8); i += 1; k += 1 }
                h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            }
            return h ^ (h >> 31)
        }

        mutating func classification(_ value: String) -> Int8 { judge(value).kind }

        /// The value's classification and price marks (``priceBit``, ``cartBit``).
        mutating func judge(_ value: String) -> (kind: Int8, marks: UInt8) {
            var v = value
            return v.withUTF8 { b in
                let h = Self.hash(b)
                var mask = keys.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while let k = keys[i] {
                    if hashes[i] == h && k == value { return (values[i], marks[i]) }
                    i = (i + 1) & mask
                }
                let (c, m) = HTMLExtractor.judgement(utf8: b)
                if (count + 1) * 2 > keys.count {
                    grow()
                    mask = keys.count - 1
                    i = Int(truncatingIfNeeded: h) & mask
                    while keys[i] != nil { i = (i + 1) & mask }
                }
                keys[i] = value
                values[i] = c
                marks[i] = m
                hashes[i] = h
                count += 1
                return (c, m)
            }
        }

        /// The marks by the former String searches (tests compare ``judge(_:)`` with it).
        static func priceMarks(_ value: String) -> UInt8 {
            var m: UInt8 = TextUtil.containsASCIICaseInsensitive(value, "price") ? priceBit : 0
            if TextUtil.containsASCIICaseInsensitive(value, "add-to-cart") || TextUtil.containsASCIICaseInsensitive(value, "addtocart")
                || TextUtil.containsASCIICaseInsensitive(value, "add_to_cart") || TextUtil.containsASCIICaseInsensitive(value, "buy-now") {
                m |= cartBit
            }
            return m
        }

        private mutating func grow() {
            let oldKeys = keys, oldValues = values, oldMarks = marks, oldHashes = hashes
            let size = oldKeys.count * 2
            keys = Array(repeating: nil, count: size)
            values = Array(repeating: 0, count: size)
            marks = Array(repeating: 0, count: size)
            hashes = Array(repeating: 0, count: size)
            for j in oldKeys.indices where oldKeys[j] != nil {
                var i = Int(truncatingIfNeeded: oldHashes[j]) & (size - 1)
                while keys[i] != nil { i = (i + 1) & (size - 1) }
                keys[i] = oldKeys[j]
                values[i] = oldValues[j]
                marks[i] = oldMarks[j]
                hashes[i] = oldHashes[j]
            }
        }
    }
}
