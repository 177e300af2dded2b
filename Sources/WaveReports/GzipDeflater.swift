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
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 + 64)
        let stream = try Stream(level: level) { output.append(contentsOf: $0) }
        try stream.append(bytes)
        try stream.finish()
        return output
    }

    /// A gzip stream written in pieces: bytes go in with ``append(_:)``, compressed bytes go
    /// out to `sink` as zlib produces them, so neither side is ever held whole.
    /// The same bytes as ``compress(_:level:)`` of everything appended, whatever the pieces.
    final class Stream {
        /// zlib keeps a pointer to its stream, so the stream lives at one address.
        private let stream: UnsafeMutablePointer<z_stream>
        private let sink: ([UInt8]) throws -> Void
        private var buffer: [UInt8]
        private var finished = false
        private static let chunk = 256 * 1024

        init(level: Int32 = 6, sink: @escaping ([UInt8]) throws -> Void) throws {
            stream = .allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let status = czlib_deflate_init_gzip(stream, level)
            guard status == Z_OK else {
                stream.deinitialize(count: 1)
                stream.deallocate()
                throw Failure(status: status)
            }
            self.sink = sink
            self.buffer = [UInt8](repeating: 0, count: Self.chunk)
        }

        deinit {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }

        /// Compresses `bytes` (after everything appended before).
        func append(_ bytes: [UInt8]) throws {
            precondition(!finished, "a finished gzip stream takes no more bytes")
            guard !bytes.isEmpty else { return }
            try bytes.withUnsafeBufferPointer { input in
                var offset = 0
                while offset < input.count {
                    let take = min(Self.chunk, input.count - offset)
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + offset)
                    stream.pointee.avail_in = UInt32(take)
                    offset += take
                    try drain(Z_NO_FLUSH)
                }
            }
        }

        /// Ends the stream (trailer with CRC and length); nothing may be appended after.
        func finish() throws {
            guard !finished else { return }
            finished = true
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            try drain(Z_FINISH)
        }

        /// Runs deflate until it has taken all its input (and, with `Z_FINISH`, ended the stream).
        private func drain(_ flush: Int32) throws {
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(Self.chunk)
                    return deflate(stream, flush)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure(status: status) }
                let produced = Self.chunk - Int(stream.pointee.avail_out)
                if produced > 0 { try sink(Array(buffer[0..<produced])) }
                if flush == Z_FINISH {
                    if status == Z_STREAM_END { return }
                    // Z_BUF_ERROR with nothing produced: no progress possible.
                    if status == Z_BUF_ERROR && produced == 0 { throw Failure(status: status) }
                } else if stream.pointee.avail_out != 0 {
                    return
                }
            }
        }
    }
}
