// libFuzzer target: the date parser (ISO, loose, CJK forms, URLs).
// Built by scripts/fuzz.sh with WaveIngest's DateParser.swift and TextUtil.swift
// compiled in (swiftc -sanitize=fuzzer,address); a crash or sanitizer report is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let iso = DateParser.normalize(text) {
        // A date it gives is always a real day: parsing it again gives it back.
        precondition(DateParser.normalize(iso) != nil, "normalize gave \(iso), which it does not read back")
    }
    _ = DateParser.rejection(text)
    _ = DateParser.isDateOnly(text)
    _ = DateParser.fromURL(text)
    return 0
}
