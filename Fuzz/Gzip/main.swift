// libFuzzer target: gzip inflation with its output cap (multi-member streams,
// truncation, corrupt data). Built by scripts/fuzz.sh with WaveIngest's
// GzipInflater.swift compiled in; a crash, a sanitizer report or output past the
// cap is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // A 64 KiB cap: a 4 KiB input (the script's -max_len) can expand past it, so
    // the cap is reached without inflating a megabyte per input.
    let limit = 64 << 10
    if let out = try? GzipInflater.inflate(bytes, limit: limit) {
        precondition(out.count <= limit, "inflated \(out.count) bytes past the limit \(limit)")
    }
    return 0
}
