internal import CLibXML2

extension LibXMLParser {
    /// What the copy needs to know about one interned libxml2 name.
    struct NameInfo {
        let name: String
        let flags: UInt16
        /// Elements: false for skipped subtrees; attributes: false for dropped ones.
        let keep: Bool
    }

    /// Open-addressing map from short names (up to 16 bytes, packed into two
    /// words) to name info. libxml2's HTML parser gives every node its own copy
    /// of the name string, so pointers cannot be the key; the bytes are.
    struct NameCache {
        private var keys = [SIMD2<UInt64>](repeating: .zero, count: 128)
        private var values = [NameInfo?](repeating: nil, count: 128)
        private var count = 0

        /// The name's bytes packed little-endian, or nil when empty or longer than 16.
        @inline(__always) static func pack(_ p: UnsafePointer<xmlChar>) -> SIMD2<UInt64>? {
            var lo: UInt64 = 0, hi: UInt64 = 0
            var i = 0
            while true {
                let c = p[i]
                if c == 0 { break }
                if i == 16 { return nil }
                if i < 8 { lo |= UInt64(c) << UInt64(i * 8) } else { hi |= UInt64(c) << UInt64((i - 8) * 8) }
                i += 1
            }
            return i == 0 ? nil : SIMD2(lo, hi)
        }

        /// Fibonacci hashing of both words: the top bits of the product.
        @inline(__always) private func slot(_ k: SIMD2<UInt64>, _ mask: Int) -> Int {
            let h = (k.x ^ (k.y &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: h >> UInt64(64 - (mask + 1).trailingZeroBitCount))
        }

        subscript(_ k: SIMD2<UInt64>) -> NameInfo? {
            let mask = keys.count - 1
            var i = slot(k, mask)
            while keys[i] != .zero {
                if keys[i] == k { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }

        mutating func insert(_ k: SIMD2<UInt64>, _ info: NameInfo) {
            if (count + 1) * 2 > keys.count {
                let oldKeys = keys, oldValues = values
                keys = [SIMD2<UInt64>](repeating: .zero, count: oldKeys.count * 2)
                values = [NameInfo?](repeating: nil, count: oldKeys.count * 2)
                count = 0
                for (k, v) in zip(oldKeys, oldValues) where k != .zero { if let v { insert(k, v) } }
            }
            let mask = keys.count - 1
            var i = slot(k, mask)
            while keys[i] != .zero && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == .zero { count += 1 }
            keys[i] = k
            values[i] = info
        }
    }
}
