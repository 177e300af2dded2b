// libFuzzer target: the WARC record splitter and chunked-body decoder.
// Built by scripts/fuzz.sh with WaveIngest's WARCReader.swift and TextUtil.swift
// compiled in (swiftc -sanitize=fuzzer,address); a crash or sanitizer report is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (entries, _) = WARCReader.entries(bytes, limit: 64)
    for case .record(let record) in entries { _ = record.body.count }
    _ = try? WARCReader.dechunk(bytes)
    return 0
}
