import Foundation

// MARK: - decoder

/// The bytes being decoded, read by offset.
final class Reader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func failure(_ what: String, _ codingPath: [any CodingKey]) -> StateCoding.Failure {
        StateCoding.Failure(description: "\(what) at \(codingPath.map(\.stringValue).joined(separator: "."))")
    }

    func tag(at offset: Int) -> StateCoding.Tag? {
        offset < bytes.count ? StateCoding.Tag(rawValue: bytes[offset]) : nil
    }

    /// A varint at `offset`, and the offset after it.
    func varint(at offset: Int) -> (UInt64, Int)? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var i = offset
        while i < bytes.count, shift < 64 {
            let byte = bytes[i]
            value |= UInt64(byte & 0x7f) << shift
            i += 1
            if byte < 0x80 { return (value, i) }
            shift += 7
        }
        return nil
    }

    func fixed<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
        return value
    }

    /// A string's bytes (varint count, UTF-8) at `offset`, and the offset after it.
    func stringRange(at offset: Int) -> (Range<Int>, Int)? {
        guard let (count, start) = varint(at: offset), count <= UInt64(bytes.count - start) else { return nil }
        let end = start + Int(count)
        return (start..<end, end)
    }

    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The offset after the value at `offset`, or nil when the bytes are not a value.
    func end(of offset: Int) -> Int? {
        guard let tag = tag(at: offset) else { return nil }
        switch tag {
        case .null, .no, .yes: return offset + 1
        case .int, .uint: return varint(at: offset + 1)?.1
        case .double: return offset + 9 <= bytes.count ? offset + 9 : nil
        case .float: return offset + 5 <= bytes.count ? offset + 5 : nil
        case .string: return stringRange(at: offset + 1)?.1
        case .list, .keyed:
            guard let length = fixed(UInt32.self, at: offset + 1), Int(length) <= bytes.count - offset - 5 else { return nil }
            return offset + 5 + Int(length)
        }
    }

    /// The element count and first element's offset of the container at `offset`, and its end.
    func container(_ tag: StateCoding.Tag, at offset: Int) -> (count: Int, first: Int, end: Int)? {
        guard self.tag(at: offset) == tag, let end = end(of: offset),
              let (count, first) = varint(at: offset + 5), count <= UInt64(end - first) else { return nil }
        return (Int(count), first, end)
    }

    func decodeBool(at offset: Int, _ path: [any CodingKey]) throws -> Bool {
        switch tag(at: offset) {
        case .yes: return true
        case .no: return false
        default: throw failure("expected a Boolean", path)
        }
    }

    func decodeString(at offset: Int, _ path: [any CodingKey]) throws -> String {
        guard tag(at: offset) == .string, let (range, _) = stringRange(at: offset + 1) else { throw failure("expected a string", path) }
        return string(range)
    }

    func decodeDouble(at offset: Int, _ path: [any CodingKey]) throws -> Double {
        guard tag(at: offset) == .double, let bits = fixed(UInt64.self, at: offset + 1) else { throw failure("expected a double", path) }
        return Double(bitPattern: bits)
    }

    func decodeFloat(at offset: Int, _ path: [any CodingKey]) throws -> Float {
        guard tag(at: offset) == .float, let bits = fixed(UInt32.self, at: offset + 1) else { throw failure("expected a float", path) }
        return Float(bitPattern: bits)
    }

    func decodeSigned<T: FixedWidthInteger & SignedInteger>(_ type: T.Type, at offset: Int, _ path: [any CodingKey]) throws -> T {
        guard tag(at: offset) == .int, let (raw, _) = varint(at: offset + 1) else { throw failure("expected an integer", path) }
        let value = Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        guard let exact = T(exactly: value) else { throw failure("integer out of range", path) }
        return exact
    }

    func decodeUnsigned<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, at offset: Int, _ path: [any CodingKey]) throws -> T {
        guard tag(at: offset) == .uint, let (raw, _) = varint(at: offset + 1) else { throw failure("expected an unsigned integer", path) }
        guard let exact = T(exactly: raw) else { throw failure("integer out of range", path) }
        return exact
    }

    /// The elements of the list at `offset`, each read by `element` (from its offset: the
    /// value and the offset after it; nil when it is not of the expected kind).
    func list<E>(at offset: Int, _ path: [any CodingKey], _ element: (Int) -> (E, Int)?) throws -> [E] {
        guard let (count, first, end) = container(.list, at: offset) else { throw failure("expected a list", path) }
        var out: [E] = []
        out.reserveCapacity(count)
        var at = first
        for _ in 0..<count {
            guard let (value, next) = element(at), next <= end else { throw failure("unexpected list element", path) }
            out.append(value)
            at = next
        }
        return out
    }

    /// Decodes a value at `offset`: primitives directly, anything else through its `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type, at offset: Int, _ path: [any CodingKey]) throws -> T {
        // Lists of primitives in one loop (a stored sentence's token columns).
        if T.self == [String].self {
            let value = try list(at: offset, path) { at -> (String, Int)? in
                guard tag(at: at) == .string, let (range, next) = stringRange(at: at + 1) else { return nil }
                return (string(range), next)
            }
            if let value = value as? T { return value }
        }
        if T.self == [Int].self {
            let value = try list(at: offset, path) { at -> (Int, Int)? in
                guard tag(at: at) == .int, let (raw, next) = varint(at: at + 1),
                      let value = Int(exactly: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)) else { return nil }
                return (value, next)
            }
            if let value = value as? T { return value }
        }
        if T.self == [UInt8].self {
            let value = try list(at: offset, path) { at -> (UInt8, Int)? in
                guard tag(at: at) == .uint, let (raw, next) = varint(at: at + 1), let value = UInt8(exactly: raw) else { return nil }
                return (value, next)
            }
            if let value = value as? T { return value }
        }
        if T.self == String.self, let value = try decodeString(at: offset, path) as? T { return value }
        if T.self == Double.self, let value = try decodeDouble(at: offset, path) as? T { return value }
        if T.self == Int.self, let value = try decodeSigned(Int.self, at: offset, path) as? T { return value }
        if T.self == Bool.self, let value = try decodeBool(at: offset, path) as? T { return value }
        if T.self == Float.self, let value = try decodeFloat(at: offset, path) as? T { return value }
        if T.self == Int64.self, let value = try decodeSigned(Int64.self, at: offset, path) as? T { return value }
        if T.self == Int32.self, let value = try decodeSigned(Int32.self, at: offset, path) as? T { return value }
        if T.self == Int16.self, let value = try decodeSigned(Int16.self, at: offset, path) as? T { return value }
        if T.self == Int8.self, let value = try decodeSigned(Int8.self, at: offset, path) as? T { return value }
        if T.self == UInt64.self, let value = try decodeUnsigned(UInt64.self, at: offset, path) as? T { return value }
        if T.self == UInt32.self, let value = try decodeUnsigned(UInt32.self, at: offset, path) as? T { return value }
        if T.self == UInt16.self, let value = try decodeUnsigned(UInt16.self, at: offset, path) as? T { return value }
        if T.self == UInt8.self, let value = try decodeUnsigned(UInt8.self, at: offset, path) as? T { return value }
        if T.self == UInt.self, let value = try decodeUnsigned(UInt.self, at: offset, path) as? T { return value }
        return try T(from: StateDecoder(reader: self, offset: offset, codingPath: path))
    }
}

struct StateDecoder: Decoder {
    let reader: Reader
    let offset: Int
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedDecoding<Key>(reader: reader, offset: offset, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedDecoding(reader: reader, offset: offset, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleDecoding(reader: reader, offset: offset, codingPath: codingPath)
    }
}

/// A class: lookups move the cursor, and the protocol's methods are not mutating.
private final class KeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    var codingPath: [any CodingKey]
    private let count: Int
    private let first: Int
    private let end: Int
    /// The entry after the last one found (keys are mostly read in the order written).
    private var cursor: (index: Int, offset: Int)

    init(reader: Reader, offset: Int, codingPath: [any CodingKey]) throws {
        self.reader = reader
        self.codingPath = codingPath
        guard let (count, first, end) = reader.container(.keyed, at: offset) else {
            throw reader.failure("expected a keyed container", codingPath)
        }
        self.count = count
        self.first = first
        self.end = end
        cursor = (0, first)
    }

    /// The entry at `offset`: its key's bytes, its value's offset and the next entry's offset.
    private func entry(at offset: Int) throws -> (key: Range<Int>, value: Int, next: Int) {
        guard let (key, value) = reader.stringRange(at: offset), let next = reader.end(of: value), next <= end else {
            throw reader.failure("damaged keyed container", codingPath)
        }
        return (key, value, next)
    }

    private func matches(_ range: Range<Int>, _ key: String) -> Bool {
        var key = key
        return key.withUTF8 { utf8 in
            utf8.count == range.count && (utf8.isEmpty || reader.bytes.withUnsafeBufferPointer {
                memcmp($0.baseAddress! + range.lowerBound, utf8.baseAddress!, utf8.count) == 0
            })
        }
    }

    /// The value offset of `name` (and the cursor after it), looking from the cursor first.
    private func find(_ name: String) throws -> (value: Int, cursor: (index: Int, offset: Int))? {
        var index = cursor.index, offset = cursor.offset
        for _ in 0..<count {
            if index == count { index = 0; offset = first }
            let e = try entry(at: offset)
            if matches(e.key, name) { return (e.value, (index + 1, e.next)) }
            index += 1
            offset = e.next
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int? {
        guard let found = try find(key.stringValue) else { return nil }
        cursor = found.cursor
        return found.value
    }

    private func required(_ key: Key) throws -> Int {
        guard let found = try find(key.stringValue) else { throw reader.failure("no value for \(key.stringValue)", codingPath) }
        return found.value
    }

    var allKeys: [Key] {
        var keys: [Key] = []
        var offset = first
        for _ in 0..<count {
            guard let e = try? entry(at: offset) else { break }
            if let key = Key(stringValue: reader.string(e.key)) { keys.append(key) }
            offset = e.next
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { ((try? find(key.stringValue)) ?? nil) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let found = try find(key.stringValue) else { return true }
        return reader.tag(at: found.value) == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(T.self, key) }

    /// The offset of `key`'s value (an error when there is none).
    private func at(_ key: Key) throws -> Int {
        guard let at = try value(key) else { throw reader.failure("no value for \(key.stringValue)", codingPath) }
        return at
    }

    private func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let at = try value(key) else { throw reader.failure("no value for \(key.stringValue)", codingPath) }
        return try reader.decode(T.self, at: at, codingPath)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.decodeBool(at: try at(key), codingPath) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.decodeString(at: try at(key), codingPath) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.decodeDouble(at: try at(key), codingPath) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader.decodeFloat(at: try at(key), codingPath) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.decodeSigned(Int.self, at: try at(key), codingPath) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.decodeSigned(Int8.self, at: try at(key), codingPath) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.decodeSigned(Int16.self, at: try at(key), codingPath) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.decodeSigned(Int32.self, at: try at(key), codingPath) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.decodeSigned(Int64.self, at: try at(key), codingPath) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.decodeUnsigned(UInt.self, at: try at(key), codingPath) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.decodeUnsigned(UInt8.self, at: try at(key), codingPath) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.decodeUnsigned(UInt16.self, at: try at(key), codingPath) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.decodeUnsigned(UInt32.self, at: try at(key), codingPath) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.decodeUnsigned(UInt64.self, at: try at(key), codingPath) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let at = try value(key), reader.tag(at: at) != .null else { return nil }
        return try reader.decode(T.self, at: at, codingPath)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try KeyedDecoding<NestedKey>(reader: reader, offset: try required(key), codingPath: codingPath))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedDecoding(reader: reader, offset: try required(key), codingPath: codingPath)
    }

    func superDecoder() throws -> any Decoder { try superDecoder(named: "super") }
    func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder(named: key.stringValue) }

    private func superDecoder(named name: String) throws -> any Decoder {
        guard let found = try find(name) else { throw reader.failure("no value for \(name)", codingPath) }
        return StateDecoder(reader: reader, offset: found.value, codingPath: codingPath)
    }
}

private struct UnkeyedDecoding: UnkeyedDecodingContainer {
    let reader: Reader
    var codingPath: [any CodingKey]
    let count: Int?
    var currentIndex = 0
    private var at: Int
    private let end: Int

    init(reader: Reader, offset: Int, codingPath: [any CodingKey]) throws {
        self.reader = reader
        self.codingPath = codingPath
        guard let (count, first, end) = reader.container(.list, at: offset) else {
            throw reader.failure("expected a list", codingPath)
        }
        self.count = count
        self.at = first
        self.end = end
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private mutating func next() throws -> Int {
        guard !isAtEnd, let after = reader.end(of: at), after <= end else {
            throw reader.failure("list ended early", codingPath)
        }
        let here = at
        at = after
        currentIndex += 1
        return here
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, reader.tag(at: at) == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let here = try next()
        return try reader.decode(T.self, at: here, codingPath)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let at = try next(); return try reader.decodeBool(at: at, codingPath) }
    mutating func decode(_ type: String.Type) throws -> String { let at = try next(); return try reader.decodeString(at: at, codingPath) }
    mutating func decode(_ type: Double.Type) throws -> Double { let at = try next(); return try reader.decodeDouble(at: at, codingPath) }
    mutating func decode(_ type: Float.Type) throws -> Float { let at = try next(); return try reader.decodeFloat(at: at, codingPath) }
    mutating func decode(_ type: Int.Type) throws -> Int { let at = try next(); return try reader.decodeSigned(Int.self, at: at, codingPath) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let at = try next(); return try reader.decodeSigned(Int8.self, at: at, codingPath) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let at = try next(); return try reader.decodeSigned(Int16.self, at: at, codingPath) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let at = try next(); return try reader.decodeSigned(Int32.self, at: at, codingPath) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let at = try next(); return try reader.decodeSigned(Int64.self, at: at, codingPath) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let at = try next(); return try reader.decodeUnsigned(UInt.self, at: at, codingPath) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let at = try next(); return try reader.decodeUnsigned(UInt8.self, at: at, codingPath) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let at = try next(); return try reader.decodeUnsigned(UInt16.self, at: at, codingPath) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let at = try next(); return try reader.decodeUnsigned(UInt32.self, at: at, codingPath) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let at = try next(); return try reader.decodeUnsigned(UInt64.self, at: at, codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try KeyedDecoding<NestedKey>(reader: reader, offset: try next(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedDecoding(reader: reader, offset: try next(), codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        StateDecoder(reader: reader, offset: try next(), codingPath: codingPath)
    }
}

private struct SingleDecoding: SingleValueDecodingContainer {
    let reader: Reader
    let offset: Int
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { reader.tag(at: offset) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.decodeBool(at: offset, codingPath) }
    func decode(_ type: String.Type) throws -> String { try reader.decodeString(at: offset, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try reader.decodeDouble(at: offset, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try reader.decodeFloat(at: offset, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try reader.decodeSigned(Int.self, at: offset, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.decodeSigned(Int8.self, at: offset, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.decodeSigned(Int16.self, at: offset, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.decodeSigned(Int32.self, at: offset, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.decodeSigned(Int64.self, at: offset, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.decodeUnsigned(UInt.self, at: offset, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.decodeUnsigned(UInt8.self, at: offset, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.decodeUnsigned(UInt16.self, at: offset, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.decodeUnsigned(UInt32.self, at: offset, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.decodeUnsigned(UInt64.self, at: offset, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(T.self, at: offset, codingPath) }
}
