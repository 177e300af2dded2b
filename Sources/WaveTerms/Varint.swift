/// Unsigned LEB128 varints, the integer encoding of the ``Spool`` and of `tokens.wlt`
/// (``TokenStore``): seven bits per byte, low bits first, the high bit set on every byte but the last.
enum Varint {
    /// Appends `value` to `out`.
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// The varint of `bytes` at `position` (advanced past it); nil when truncated or longer than 64 bits.
    static func read<Bytes: RandomAccessCollection>(_ bytes: Bytes, at position: inout Int) -> UInt64?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var value: UInt64 = 0, shift: UInt64 = 0
        while position < bytes.endIndex, shift < 64 {
            let b = bytes[position]
            position += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
