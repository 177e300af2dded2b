import Foundation

// MARK: - encoder

/// A value being encoded (a class, so that containers handed out earlier can still fill it).
final class Slot {
    var node: Node = .keyed(KeyedBox())
    var set = false
}

final class ListBox { var items: [Slot] = [] }
final class KeyedBox { var entries: [(String, Slot)] = [] }

enum Node {
    case null, bool(Bool), int(Int64), uint(UInt64), double(Double), float(Float), string(String)
    case list(ListBox), keyed(KeyedBox)
    /// A whole value already in its written form (tag and payload): a list of primitives,
    /// written at once instead of a node per element.
    case encoded([UInt8])
}

struct StateEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: KeyedBox
        if slot.set, case .keyed(let existing) = slot.node { box = existing } else {
            box = KeyedBox()
            slot.node = .keyed(box)
            slot.set = true
        }
        return KeyedEncodingContainer(KeyedEncoding<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ListBox
        if slot.set, case .list(let existing) = slot.node { box = existing } else {
            box = ListBox()
            slot.node = .list(box)
            slot.set = true
        }
        return UnkeyedEncoding(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleEncoding(slot: slot, codingPath: codingPath) }
}

/// The node of a value: primitives directly, anything else through its `encode(to:)`.
private func node<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Slot {
    let slot = Slot()
    slot.set = true
    switch value {
    case let v as String: slot.node = .string(v)
    case let v as Double: slot.node = .double(v)
    case let v as Int: slot.node = .int(Int64(v))
    case let v as Bool: slot.node = .bool(v)
    case let v as Float: slot.node = .float(v)
    case let v as Int64: slot.node = .int(v)
    case let v as Int32: slot.node = .int(Int64(v))
    case let v as Int16: slot.node = .int(Int64(v))
    case let v as Int8: slot.node = .int(Int64(v))
    case let v as UInt: slot.node = .uint(UInt64(v))
    case let v as UInt64: slot.node = .uint(v)
    case let v as UInt32: slot.node = .uint(UInt64(v))
    case let v as UInt16: slot.node = .uint(UInt64(v))
    case let v as UInt8: slot.node = .uint(UInt64(v))
    // Lists of primitives (a stored sentence's token columns): the bytes ``StateCoding`` writes for
    // a list of such nodes, made directly.
    case let v as [String]: slot.node = .encoded(StateCoding.list(v) { StateCoding.write(.string($0), to: &$1) })
    case let v as [Int]: slot.node = .encoded(StateCoding.list(v) { StateCoding.write(.int(Int64($0)), to: &$1) })
    case let v as [UInt8]: slot.node = .encoded(StateCoding.list(v) { StateCoding.write(.uint(UInt64($0)), to: &$1) })
    case let v as [Double]: slot.node = .encoded(StateCoding.list(v) { StateCoding.write(.double($0), to: &$1) })
    default:
        slot.set = false
        try value.encode(to: StateEncoder(slot: slot, codingPath: codingPath))
    }
    return slot
}

private struct KeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: KeyedBox
    var codingPath: [any CodingKey]

    private func put(_ slot: Slot, _ key: Key) {
        if let i = box.entries.firstIndex(where: { $0.0 == key.stringValue }) { box.entries[i].1 = slot }
        else { box.entries.append((key.stringValue, slot)) }
    }

    private func put(_ value: Node, _ key: Key) {
        let slot = Slot()
        slot.node = value
        slot.set = true
        put(slot, key)
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.uint(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.uint(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try node(value, codingPath: codingPath), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox()
        put(.keyed(nested), key)
        return KeyedEncodingContainer(KeyedEncoding<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ListBox()
        put(.list(nested), key)
        return UnkeyedEncoding(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let slot = Slot()
        if let i = box.entries.firstIndex(where: { $0.0 == name }) { box.entries[i].1 = slot } else { box.entries.append((name, slot)) }
        return StateEncoder(slot: slot, codingPath: codingPath)
    }
}

private struct UnkeyedEncoding: UnkeyedEncodingContainer {
    let box: ListBox
    var codingPath: [any CodingKey]
    var count: Int { box.items.count }

    private func append(_ value: Node) {
        let slot = Slot()
        slot.node = value
        slot.set = true
        box.items.append(slot)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Float) throws { append(.float(value)) }
    mutating func encode(_ value: Int) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(value)) }
    mutating func encode(_ value: UInt) throws { append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { append(.uint(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try node(value, codingPath: codingPath)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox()
        append(.keyed(nested))
        return KeyedEncodingContainer(KeyedEncoding<NestedKey>(box: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ListBox()
        append(.list(nested))
        return UnkeyedEncoding(box: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let slot = Slot()
        box.items.append(slot)
        return StateEncoder(slot: slot, codingPath: codingPath)
    }
}

private struct SingleEncoding: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    private func set(_ value: Node) {
        slot.node = value
        slot.set = true
    }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.double(value)) }
    mutating func encode(_ value: Float) throws { set(.float(value)) }
    mutating func encode(_ value: Int) throws { set(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { set(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { set(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { set(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { set(.int(value)) }
    mutating func encode(_ value: UInt) throws { set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { set(.uint(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { set(.uint(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let inner = try node(value, codingPath: codingPath)
        slot.node = inner.node
        slot.set = true
    }
}
