internal import CZlib

/// Gzip compression (zlib) of a file's bytes, for `tokens.csv.gz`.
/// The only file of WaveReports that calls zlib.
enum GzipDeflater {
    struct Failure: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "gzip compression failed (zlib status \(status))" }
    }

    /// The gzip stream of `bytes` (one member; readable by gunzip, pandas, polars, DuckDB).
    static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        let initStatus = czlib_deflate_init_gzip(&stream, level)
        guard initStatus == Z_OK else { throw Failure(status: initStatus) }
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 + 64)
        let chunk = 256 * 1024
        var buffer = [UInt8](repeating: 0, count: chunk)
        var status: Int32 = Z_OK
        try bytes.withUnsafeBufferPointer { input in
            var offset = 0
            repeat {
                let take = min(chunk, input.count - offset)
                stream.next_in = take > 0 ? UnsafeMutablePointer(mutating: input.baseAddress! + offset) : nil
                stream.avail_in = UInt32(take)
                offset += take
                let flush = offset == input.count ? Z_FINISH : Z_NO_FLUSH
                repeat {
                    status = buffer.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(chunk)
                        return deflate(&stream, flush)
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure(status: status) }
                    output.append(contentsOf: buffer[0..<(chunk - Int(stream.avail_out))])
                } while stream.avail_out == 0
            } while offset < input.count
        }
        guard status == Z_STREAM_END else { throw Failure(status: status) }
        return output
    }
}
