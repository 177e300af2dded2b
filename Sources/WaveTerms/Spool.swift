import Foundation
import WaveSync

/// A scratch file that holds the bulky parts of a run's per-document results (sentences, term
/// lists) between the per-document stage and the tables, so that memory holds a few bytes per
/// document instead of every token.
///
/// The file is unlinked as soon as it is made: nothing is left behind, whatever ends the
/// process, and the disk space is freed when the last value that refers to it goes. Writes
/// append (one lock); reads are positional and take no lock, so every thread may read at once.
/// A value whose bytes cannot be read back is given back empty and the failure is kept
/// (``failure``): the caller checks it before it commits anything built from the values.
///
/// ```swift
/// let spool = try Spool(folder: staging)
/// let extent = spool.append(bytes)      // nil when it could not be written: keep the value in memory
/// let back = spool.read(extent!)        // the same bytes
/// ```
public final class Spool: Sendable {
    /// Where one value's bytes lie in the file.
    public struct Extent: Sendable, Hashable {
        public var offset: Int64
        public var count: Int
    }

    private let descriptor: Int32
    /// The end of the file (the next value's offset), and the first failure.
    private let state = Locked<(end: Int64, failure: String?)>((0, nil))

    /// Makes and unlinks a scratch file in `folder`.
    /// - Throws: `CocoaError` when the file cannot be made.
    public init(folder: URL) throws {
        var template = Array(folder.appendingPathComponent(".wavelength-spool-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder.path,
                                                           NSLocalizedDescriptionKey: "cannot make a scratch file in \(folder.path): errno \(errno)"])
        }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The first write or read that failed, described; nil when all went well.
    public var failure: String? { state.withLock { $0.failure } }

    /// Bytes written so far.
    public var size: Int64 { state.withLock { $0.end } }

    /// Appends `bytes`; nil when they could not be written (the failure is not kept: the caller
    /// keeps the value in memory instead).
    public func append(_ bytes: [UInt8]) -> Extent? {
        state.withLock { state -> Extent? in
            let offset = state.end
            let written = bytes.withUnsafeBytes { raw -> Bool in
                var done = 0
                while done < raw.count {
                    let n = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset) + off_t(done))
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { return false }
                    done += n
                }
                return true
            }
            guard written else { return nil }
            state.end += Int64(bytes.count)
            return Extent(offset: offset, count: bytes.count)
        }
    }

    /// The bytes of `extent`; empty (and the failure kept) when they cannot be read.
    public func read(_ extent: Extent) -> [UInt8] {
        guard extent.count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: extent.count)
        let read = out.withUnsafeMutableBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(extent.offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        guard read else {
            fail("cannot read \(extent.count) bytes at \(extent.offset) of the scratch file (errno \(errno))")
            return []
        }
        return out
    }

    /// Keeps `reason` as the failure unless one is kept already.
    public func fail(_ reason: String) {
        state.withLock { if $0.failure == nil { $0.failure = reason } }
    }
}

/// The byte form of values in a ``Spool``: unsigned varints, and strings as a varint byte count
/// and their UTF-8.
public struct SpoolWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func varint(_ value: UInt64) { Varint.append(value, to: &bytes) }

    public mutating func varint(_ value: Int) { varint(UInt64(max(value, 0))) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func raw(_ value: UnsafeRawBufferPointer) { bytes.append(contentsOf: value) }
}

/// Reads what a ``SpoolWriter`` wrote; every read checks the bounds and returns nil past the end.
public struct SpoolReader {
    private let bytes: [UInt8]
    public private(set) var position = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var atEnd: Bool { position == bytes.count }

    public mutating func varint() -> UInt64? { Varint.read(bytes, at: &position) }

    public mutating func count() -> Int? {
        guard let v = varint(), v <= UInt64(bytes.count - position) else { return nil }
        return Int(v)
    }

    public mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { position += n }
        return String(decoding: bytes[position..<position + n], as: UTF8.self)
    }

    /// `n` bytes, given to `body` in place.
    public mutating func raw<T>(_ n: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        guard n >= 0, n <= bytes.count - position else { return nil }
        defer { position += n }
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[position..<position + n])) }
    }
}
