import Foundation

/// The compact binary form of the outcomes kept in the run state (``StateStore``): any Codable
/// value, written as a tree of tagged values, read back without building that tree.
///
/// Chosen over property lists and JSON because a rerun after a few new files decodes every
/// stored analysis of a large corpus: this form is read in one pass over the bytes (containers
/// carry their byte length, so a value not asked for is stepped over), keeps doubles to the
/// bit, and fails with an error (never a crash) on bytes it did not write — the file is then
/// analysed again.
///
/// A value is a tag byte and its payload: nil; false; true; a signed integer (zigzag varint);
/// an unsigned integer (varint); a double or float (its bits, little-endian); a string (varint
/// byte count, UTF-8); a list or a keyed container (4-byte byte count, varint element count,
/// then the elements, keyed ones each preceded by its key as a string without tag).
enum StateCoding {
    enum Tag: UInt8 { case null = 0, no, yes, int, uint, double, float, string, list, keyed }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let slot = Slot()
        try value.encode(to: StateEncoder(slot: slot, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(slot.node, to: &out)
        // Container lengths are 4 bytes: a larger value is not stored (its file is analysed again).
        guard out.count <= Int(UInt32.max) else { throw Failure(description: "a value of \(out.count) bytes is too large to store") }
        return out
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let reader = Reader(bytes)
        guard reader.end(of: 0) == bytes.count else { throw Failure(description: "trailing or missing bytes") }
        return try T(from: StateDecoder(reader: reader, offset: 0, codingPath: []))
    }

    // MARK: writing

    static func write(_ node: Node, to out: inout [UInt8]) {
        switch node {
        case .encoded(let bytes): out.append(contentsOf: bytes)
        case .null: out.append(Tag.null.rawValue)
        case .bool(let b): out.append(b ? Tag.yes.rawValue : Tag.no.rawValue)
        case .int(let i):
            out.append(Tag.int.rawValue)
            varint(UInt64(bitPattern: (i << 1) ^ (i >> 63)), to: &out)
        case .uint(let u):
            out.append(Tag.uint.rawValue)
            varint(u, to: &out)
        case .double(let d):
            out.append(Tag.double.rawValue)
            withUnsafeBytes(of: d.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        case .float(let f):
            out.append(Tag.float.rawValue)
            withUnsafeBytes(of: f.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        case .string(let s):
            out.append(Tag.string.rawValue)
            string(s, to: &out)
        case .list(let list):
            container(.list, count: list.items.count, to: &out) { out in
                for item in list.items { write(item.node, to: &out) }
            }
        case .keyed(let keyed):
            container(.keyed, count: keyed.entries.count, to: &out) { out in
                for (key, slot) in keyed.entries {
                    string(key, to: &out)
                    write(slot.node, to: &out)
                }
            }
        }
    }

    /// The written form of a list of `values`, each written by `element` (as ``write(_:to:)``
    /// writes a list node of them).
    static func list<T>(_ values: [T], element: (T, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        container(.list, count: values.count, to: &out) { out in for value in values { element(value, &out) } }
        return out
    }

    private static func container(_ tag: Tag, count: Int, to out: inout [UInt8], body: (inout [UInt8]) -> Void) {
        out.append(tag.rawValue)
        let at = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        varint(UInt64(count), to: &out)
        body(&out)
        let length = UInt32(truncatingIfNeeded: out.count - at - 4)
        for i in 0..<4 { out[at + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
    }

    private static func string(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            varint(UInt64(utf8.count), to: &out)
            out.append(contentsOf: utf8)
        }
    }

    private static func varint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }
}
