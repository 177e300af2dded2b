internal import CZlib

/// Streaming gzip decompression (zlib) with a cap on the output size.
enum GzipInflater {
    enum Failure: Error { case truncated, corrupt(String), tooLarge(Int) }

    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates all gzip members of `bytes` (multi-member files, as WARC uses,
    /// are concatenated).
    /// - Throws: `.truncated` when the stream ends early, `.tooLarge` past `limit`.
    static func inflate(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, bytes.count * 4))
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else { throw .corrupt("zlib init failed") }
        defer { inflateEnd(&stream) }
        let chunk = 256 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        var failure: Failure? = nil
        bytes.withUnsafeBufferPointer { input in
            var offset = 0
            while offset < input.count {
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
                stream.avail_in = UInt32(input.count - offset)
                var status: Int32 = Z_OK
                repeat {
                    status = buffer.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(chunk)
                        return CZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    let produced = chunk - Int(stream.avail_out)
                    if output.count + produced > limit { failure = .tooLarge(limit); return }
                    output.append(contentsOf: buffer[0..<produced])
                    if status == Z_BUF_ERROR && stream.avail_in == 0 { failure = .truncated; return }
                    if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                        failure = .corrupt(stream.msg.map { String(cString: $0) } ?? String(cString: zError(status)))
                        return
                    }
                } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
                let consumed = (input.count - offset) - Int(stream.avail_in)
                offset += consumed
                if status != Z_STREAM_END { failure = .truncated; return }
                // Next member, if any (skip trailing zero padding).
                while offset < input.count && input[offset] == 0 { offset += 1 }
                if offset < input.count {
                    if input.count - offset < 2 || input[offset] != 0x1f || input[offset + 1] != 0x8b { return }
                    inflateReset(&stream)
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
