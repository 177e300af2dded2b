import Testing
@testable import WaveIngest

/// The byte-level UTF-8 check must agree with the standard library's decoder.
@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        [UInt8](), Array("plain ASCII, long enough for the eight-byte path".utf8), Array("日本語と한국어 mixed".utf8),
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80],   // overlongs
        [0xED, 0xA0, 0x80],                                           // surrogate
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],           // above U+10FFFF
        [0x80], [0xE3, 0x81], [0x41, 0x42, 0xE3],                     // stray and truncated
        Array("😀 emoji at the end 😀".utf8), [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
    ])
    func agreesWithTheStandardLibrary(bytes: [UInt8]) {
        #expect(CharsetDecoder.validUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
    }

    @Test func agreesOnPseudoRandomBytes() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let r = UInt8(truncatingIfNeeded: state >> 56)
                // Mostly ASCII and well-formed lead/continuation bytes, like real pages.
                bytes.append(r < 160 ? r & 0x7F : r)
            }
            #expect(CharsetDecoder.validUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "length \(length)")
        }
    }
}
