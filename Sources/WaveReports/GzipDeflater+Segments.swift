internal import CZlib

extension GzipDeflater {
    /// A gzip file laid out in segments: the gzip header, then each segment's bytes
    /// compressed on their own (raw deflate from a fresh state, flushed to a byte boundary,
    /// no block marked final), then an empty final block and the trailer (the CRC-32 and
    /// length of the whole, combined from the segments').
    ///
    /// A segment's compressed bytes depend on its own bytes only, so a segment of one such
    /// file can be copied into another as it is (``appendCompressed(_:crc:rawLength:)``): a
    /// rerun takes the bytes of unchanged documents from the last run's file. Any gzip
    /// reader reads the file as one member.
    final class Segments {
        private var stream = z_stream()
        /// The file so far, less what ``drain()`` took.
        private(set) var bytes: [UInt8] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]
        /// Bytes taken by ``drain()``.
        private var drained = 0

        /// Takes the bytes made so far (offsets go on counting from the file's start).
        func drain() -> [UInt8] {
            defer { drained += bytes.count; bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        private var crc: UInt = 0
        private var length = 0
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        init(level: Int32 = 6) throws {
            let status = czlib_deflate_init_raw(&stream, level)
            guard status == Z_OK else { throw Failure(status: status) }
        }

        deinit { deflateEnd(&stream) }

        /// Compresses `raw` as one segment; returns where its compressed bytes lie in the file.
        func append(_ raw: [UInt8]) throws -> DocumentSegments.Segment {
            let offset = drained + bytes.count
            guard !raw.isEmpty else { return DocumentSegments.Segment(offset: offset, length: 0, crc: 0, rawLength: 0) }
            let segmentCRC = raw.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
            try raw.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
                stream.avail_in = UInt32(input.count)
                repeat {
                    let status = buffer.withUnsafeMutableBufferPointer { out in
                        stream.next_out = out.baseAddress
                        stream.avail_out = UInt32(out.count)
                        return deflate(&stream, Z_SYNC_FLUSH)
                    }
                    guard status == Z_OK || status == Z_BUF_ERROR else { throw Failure(status: status) }
                    bytes.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                } while stream.avail_out == 0 || stream.avail_in > 0
            }
            let status = deflateReset(&stream)
            guard status == Z_OK else { throw Failure(status: status) }
            return add(offset: offset, crc: segmentCRC, rawLength: raw.count)
        }

        /// Copies a segment compressed earlier by ``append(_:)`` (from another such file),
        /// whose uncompressed bytes had the CRC-32 `crc` and length `rawLength`.
        func appendCompressed(_ compressed: UnsafeRawBufferPointer, crc segmentCRC: UInt32, rawLength: Int) -> DocumentSegments.Segment {
            let offset = drained + bytes.count
            bytes.append(contentsOf: compressed)
            return add(offset: offset, crc: segmentCRC, rawLength: rawLength)
        }

        private func add(offset: Int, crc segmentCRC: UInt32, rawLength: Int) -> DocumentSegments.Segment {
            crc = UInt(crc32_combine(UInt(crc), UInt(segmentCRC), off_t(rawLength)))
            length &+= rawLength
            return DocumentSegments.Segment(offset: offset, length: drained + bytes.count - offset, crc: segmentCRC, rawLength: rawLength)
        }

        /// The rest of the file: an empty final block, then the CRC-32 and the length (mod 2³²), little-endian.
        func finish() -> [UInt8] {
            var out = bytes
            out += [0x03, 0x00]
            let crc32 = UInt32(truncatingIfNeeded: crc), size = UInt32(truncatingIfNeeded: length)
            for shift in stride(from: UInt32(0), to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: crc32 >> shift)) }
            for shift in stride(from: UInt32(0), to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: size >> shift)) }
            return out
        }
    }
}
