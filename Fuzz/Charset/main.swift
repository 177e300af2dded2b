// libFuzzer target: charset detection and decoding (BOMs, UTF-16 without a BOM,
// <meta> and XML declarations, HTTP charsets, ICU's detector and converters).
// Built by scripts/fuzz.sh with CharsetDecoder.swift and the ICU shim; a crash, a
// sanitizer report or output that is not valid UTF-8 is a bug. The first byte
// picks the transport charset handed in (none, a real one, or nonsense).

let charsets: [String?] = [nil, "utf-8", "shift_jis", "euc-kr", "iso-2022-jp", "windows-1252", "gb18030",
                           "utf-16le", "utf-16be", "euc-jp", "big5", "x-nonsense", "", "utf-7", "latin1", "cp949"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let decoded = CharsetDecoder.decode(bytes, httpCharset: charsets[Int(data[0] & 15)])
    precondition(CharsetDecoder.validUTF8(decoded.utf8), "decoded \(decoded.charset) is not valid UTF-8")
    precondition(!decoded.charset.isEmpty, "no charset name")
    _ = CharsetDecoder.declaredCharset(in: bytes)
    _ = CharsetDecoder.unmarkedUTF16(bytes)
    return 0
}
